"""The live view on a small screen or with large text (1280×720 at 200 % leaves 640×360):
the notes keep the room. Narrow, the side panels step aside and come back when asked for
(F4, F6), and go again when the keyboard returns to the notes; short, the session's
heading and key line go, and the post-it list folds under the notes until Ctrl+Shift+P."""

from __future__ import annotations

from PySide6.QtCore import QSize
from PySide6.QtWidgets import QLabel, QSplitter, QWidget

NARROW = 760
"""Below this width (in Qt's own pixels) the side panels fold away."""
SHORT = 460
"""Below this height the heading and the key line go, and the post-it list folds."""


class RoomFit:
    """Folds and unfolds parts of the live view as its room changes."""

    def __init__(self, split: QSplitter, left: QSplitter, side: QWidget,
                 extras: tuple[QLabel, ...]) -> None:
        self.split = split
        self.side = side
        self.left = left
        self.extras = extras
        self.narrow = False
        self.short = False
        split.setCollapsible(0, False)
        left.setCollapsible(0, False)

    def resized(self, size: QSize) -> None:
        narrow, short = size.width() < NARROW, size.height() < SHORT
        if narrow != self.narrow:
            self.narrow = narrow
            if narrow:
                self.fold_side()
            else:
                self.side.show()
                self._share(self.split, 3, 2)
        if short != self.short:
            self.short = short
            for label in self.extras:
                label.setVisible(not short)
            self.left.setCollapsible(1, short)
            if short:
                self._share(self.left, 1, 0)
            else:
                self._share(self.left, 4, 1)

    def fold_side(self) -> None:
        if self.narrow:
            self.side.hide()  # hidden, it asks for no room at all

    def show_side(self) -> None:
        if self.side.isHidden():
            self.side.show()
            self._share(self.split, 1, 1)

    def show_postits(self) -> None:
        if self.left.sizes()[1] == 0:
            self._share(self.left, 3, 2)

    @staticmethod
    def _share(split: QSplitter, first: int, second: int) -> None:
        total = sum(split.sizes()) or 1000
        part = total * first // (first + second)
        split.setSizes([part, total - part])
