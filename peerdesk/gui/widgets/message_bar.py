"""A message strip over the top of the window: errors and notices without a modal dialog,
so nothing ever interrupts a live session. It lies over the page (the engagement's title
row) instead of pushing it down, so a message never moves what the peer is typing into
or about to click."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, Qt, QTimer
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QWidget

_STYLES = {
    "error": ("Problem", "#fde7e9", "#8a1c25"),
    "warning": ("Attention", "#fff4ce", "#5c4400"),
    "info": ("Note", "#e5f1fb", "#0b3d66"),
}


class MessageBar(QFrame):
    """Shows one message at a time, with its kind spelled out (never colour alone)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("messageBar")
        self.setAccessibleName("Messages")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(10, 6, 6, 6)
        self.label = QLabel(self)
        self.label.setWordWrap(True)
        self.label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.label.setAccessibleName("Message")
        layout.addWidget(self.label, 1)
        self.action_button = QPushButton(self)
        self.action_button.clicked.connect(self._run_action)
        self.action_button.hide()
        layout.addWidget(self.action_button)
        self._action: Callable[[], None] | None = None
        self.close_button = QPushButton("Dismiss", self)
        self.close_button.setAccessibleName("Dismiss the message")
        self.close_button.clicked.connect(self.clear)
        layout.addWidget(self.close_button)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(self.clear)
        self.kind = ""
        self.setAutoFillBackground(True)
        if parent is not None:
            parent.installEventFilter(self)
        self.hide()

    def place(self) -> None:
        """Lie across the top of the parent, as tall as the words need."""
        parent = self.parentWidget()
        if parent is None:
            return
        width = parent.width()
        layout = self.layout()
        if layout is not None and layout.hasHeightForWidth():
            height = layout.totalHeightForWidth(width)
        else:
            height = self.sizeHint().height()
        self.setGeometry(0, 0, width, height)
        self.raise_()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.parentWidget() and event.type() == QEvent.Type.Resize \
                and self.isVisible():
            self.place()
        return False

    def show_message(self, text: str, kind: str = "info", timeout_ms: int = 0) -> None:
        word, background, foreground = _STYLES.get(kind, _STYLES["info"])
        self.kind = kind
        self._drop_action()
        self.label.setText(f"<b>{word}:</b> {_escape(text)}")
        self.label.setAccessibleDescription(f"{word}: {text}")
        self.setStyleSheet(f"#messageBar {{ background: {background}; border: 1px solid "
                           f"{foreground}; }} #messageBar QLabel {{ color: {foreground}; }}")
        self.show()
        self.place()
        if timeout_ms:
            self._timer.start(timeout_ms)
        else:
            self._timer.stop()

    def error(self, text: str) -> None:
        self.show_message(text, "error")

    def info(self, text: str, timeout_ms: int = 8000) -> None:
        self.show_message(text, "info", timeout_ms)

    def warning(self, text: str) -> None:
        self.show_message(text, "warning")

    def offer(self, label: str, action: Callable[[], None], name: str = "") -> None:
        """One button beside the message now shown; the next message or Dismiss removes it."""
        self._action = action
        self.action_button.setText(label)
        self.action_button.setAccessibleName(name or label.replace("&", "").rstrip("…"))
        self.action_button.show()
        self.place()

    def _drop_action(self) -> None:
        self._action = None
        self.action_button.hide()

    def _run_action(self) -> None:
        action = self._action
        self.clear()
        if action is not None:
            action()

    def text(self) -> str:
        return self.label.accessibleDescription() if self.isVisible() else ""

    def clear(self) -> None:
        self.kind = ""
        self._drop_action()
        self.label.clear()
        self.hide()


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
