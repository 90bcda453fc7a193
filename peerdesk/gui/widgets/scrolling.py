"""A page that scrolls instead of growing: on a small screen or with large text a page
larger than its room keeps the window inside the screen, and every control stays reachable.

The page fills the room it has and scrolls only when that room is smaller than the page's
least size (QScrollArea's own resizing would scroll as soon as wrapped words preferred more
height, so a post-it bar opening under the notes would push the page into scrolling)."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt, QTimer
from PySide6.QtWidgets import QFrame, QScrollArea, QWidget


class FittedScroll(QScrollArea):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWidgetResizable(False)
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # a click inside keeps the cursor put
        self.viewport().installEventFilter(self)

    def setWidget(self, widget: QWidget) -> None:
        # Sized now, so that Qt does not lay the whole page out at its preferred size first
        # (a cost paid when a tab is built); ``fit`` sizes it once its room is known.
        widget.resize(self.viewport().size())
        super().setWidget(widget)
        widget.installEventFilter(self)
        QTimer.singleShot(0, self.fit)

    def fit(self) -> None:
        content = self.widget()
        if content is None:
            return
        least = content.minimumSizeHint().expandedTo(content.minimumSize())
        room = self.viewport().size()
        content.resize(max(room.width(), least.width()), max(room.height(), least.height()))

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        kind = event.type()
        if (watched is self.viewport() and kind == QEvent.Type.Resize) or (
                watched is self.widget() and kind == QEvent.Type.LayoutRequest):
            self.fit()
        return False


def scrolling(content: QWidget | None, parent: QWidget | None, name: str = "") -> QScrollArea:
    """``content`` in a frameless scroll area that never takes the keyboard itself."""
    area = FittedScroll(parent)
    if name:
        area.setAccessibleName(name)
    if content is not None:
        area.setWidget(content)
    return area
