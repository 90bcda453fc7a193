"""A page that scrolls instead of growing: on a small screen or with large text a page
larger than its room keeps the window inside the screen, and every control stays reachable."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFrame, QScrollArea, QWidget


def scrolling(content: QWidget | None, parent: QWidget | None, name: str = "") -> QScrollArea:
    """``content`` in a frameless scroll area that never takes the keyboard itself (a click
    inside keeps the cursor where it was)."""
    area = QScrollArea(parent)
    area.setWidgetResizable(True)
    area.setFrameShape(QFrame.Shape.NoFrame)
    area.setFocusPolicy(Qt.FocusPolicy.NoFocus)
    if name:
        area.setAccessibleName(name)
    if content is not None:
        area.setWidget(content)
    return area
