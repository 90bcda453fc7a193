"""The parts of the live view around the notes: the session chooser, and the side panels
that later stages add (see ``SessionPanel``)."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import datetime
from typing import Protocol

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QPushButton, QWidget

from peerdesk.capture.sessions import MY_PARTS, Session
from peerdesk.capture.timetable.days import status_text
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


def header_text(s: Session) -> str:
    """"Title · kind · when · place · My part: ..." above the notes."""
    parts = [s.title, s.kind_label, s.when_text()]
    if s.place:
        parts.append(s.place)
    if s.my_part:
        parts.append(f"My part: {MY_PARTS.get(s.my_part, s.my_part).lower()}")
    return " · ".join(parts)


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

    def fill(self, sessions: Sequence[Session], now: datetime, current: int | None,
             upcoming: Session | None) -> None:
        """List every session (with its status, "no notes" for one missed), choosing the
        open one, else the one to start next."""
        self.blockSignals(True)
        self.clear()
        for s in sessions:
            status = status_text(s, now)
            status = f" [{status}]" if status else ""
            self.addItem(f"{s.when_text()} · {s.kind_label} · {s.title}{status}", s.id)
        index = self.findData(current) if current else -1
        if index < 0 and sessions:
            pick = upcoming or next((s for s in sessions if s.status in ("live", "planned")),
                                    sessions[0])
            index = self.findData(pick.id)
        self.setCurrentIndex(max(index, 0))
        self.blockSignals(False)

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


def chooser_row(parent: QWidget, chosen: Callable[[int], None]) -> tuple[
        QHBoxLayout, SessionChooser, QPushButton]:
    """"Session: [list] Open": the row above the notes for opening another session."""
    row = QHBoxLayout()
    label = QLabel("Se&ssion:", parent)
    chooser = SessionChooser(parent)
    chooser.setAccessibleName("Session to open")
    chooser.setToolTip("Choose a session and press Enter, or Open (Ctrl+Shift+S)")
    chooser.setMinimumContentsLength(24)
    chooser.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
    chooser.chosen.connect(chosen)
    label.setBuddy(chooser)
    open_button = QPushButton("Open", parent)
    open_button.setAccessibleName("Open the chosen session")
    open_button.clicked.connect(lambda: chosen(chooser.currentIndex()))
    row.addWidget(label)
    row.addWidget(chooser, 1)
    row.addWidget(open_button)
    return row, chooser, open_button
