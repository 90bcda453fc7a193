"""The parts of the live view around the notes: the session chooser, and the side panels
that later stages add (see ``SessionPanel``)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Protocol

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QComboBox, QWidget

from peerdesk.gui.capture.notes_editor import NotesEditor
from peerdesk.gui.widgets.context import GuiContext


class SessionPanel(Protocol):
    """A side panel that a later stage adds to the live view (the team log, say): shown
    only for the session kinds it names, loaded with each session and cleared on lock."""

    kinds: tuple[str, ...]
    panel_title: str

    def load(self, session_id: int) -> None: ...

    def clear(self) -> None: ...


PanelFactory = Callable[[GuiContext, QWidget], QWidget]
"""Makes a side panel (a QWidget that is also a SessionPanel) for the live view."""


def selection_or_line(editor: NotesEditor) -> str:
    """The selected text, else the line the cursor is on (a paragraph in the notes)."""
    cursor = editor.textCursor()
    if cursor.hasSelection():
        return cursor.selectedText().replace("\u2029", " ")
    return cursor.block().text()


class SessionChooser(QComboBox):
    """The session list: arrows only move the choice; Enter or a pick in the open list
    opens the session (starting sessions while scrolling past them would be wrong)."""

    chosen = Signal(int)

    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent)
        self._picking = False
        self.activated.connect(self._activated)

    def showPopup(self) -> None:
        self._picking = True
        super().showPopup()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self.chosen.emit(self.currentIndex())
            return
        self._picking = False
        super().keyPressEvent(event)

    def _activated(self, index: int) -> None:
        if self._picking:
            self._picking = False
            self.chosen.emit(index)
