"""No keystroke lost in the live view: letters typed while the keyboard is in a checklist
(the prompts, the themes) go to the notes, where the peer meant them, instead of ticking
boxes or jumping through a list. Enter ticks; arrows and Tab move as usual."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QApplication, QWidget

_COMMANDS = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.AltModifier | \
    Qt.KeyboardModifier.MetaModifier


def is_typing(event: QKeyEvent) -> bool:
    """A key that writes text (space included), not a command or a move."""
    if event.modifiers() & _COMMANDS:
        return False
    text = event.text()
    return bool(text) and text.isprintable()


class TypingGoesToNotes(QObject):
    """Installed on a checklist's widgets: a typed key goes to ``notes()`` (focused, cursor
    where it was) and is typed there; Enter on a widget calls ``on_enter(widget)``."""

    def __init__(self, notes: Callable[[], QWidget | None],
                 on_enter: Callable[[QWidget], None], parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.notes = notes
        self.on_enter = on_enter

    def watch(self, widget: QWidget) -> None:
        widget.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() != QEvent.Type.KeyPress or not isinstance(event, QKeyEvent) or \
                not isinstance(watched, QWidget):
            return False
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and \
                not event.modifiers() & _COMMANDS:
            self.on_enter(watched)
            return True
        if not is_typing(event):
            return False
        notes = self.notes()
        if notes is None or not notes.isEnabled():
            return True  # nowhere to type: swallowed rather than ticking a box
        notes.setFocus(Qt.FocusReason.OtherFocusReason)
        again = QKeyEvent(QEvent.Type.KeyPress, event.key(), event.modifiers(), event.text(),
                          event.isAutoRepeat(), event.count())
        QApplication.sendEvent(notes, again)
        return True
