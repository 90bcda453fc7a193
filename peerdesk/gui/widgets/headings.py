"""Page headings: half as large again as the app's text, whatever size the peer chose."""

from __future__ import annotations

from PySide6.QtGui import QFont
from PySide6.QtWidgets import QApplication, QWidget


def style_heading(widget: QWidget) -> None:
    app = QApplication.instance()
    base = app.font() if isinstance(app, QApplication) else widget.font()
    font = QFont(base)
    font.setPointSizeF(base.pointSizeF() * 1.5)
    font.setBold(True)
    widget.setFont(font)
