"""Settings > Text size: one scale for every text in the app."""

from __future__ import annotations

from PySide6.QtWidgets import QApplication

from peerdesk.gui.widgets.headings import style_heading

_BASE_POINT_SIZE: float | None = None


def apply_text_scale(percent: int, restyle: bool = True) -> None:
    """Raise or lower every text in the app (Settings > Text size). At start-up, before
    any widget exists, there is nothing to restyle."""
    global _BASE_POINT_SIZE
    app = QApplication.instance()
    if not isinstance(app, QApplication):
        return
    font = app.font()
    if _BASE_POINT_SIZE is None:
        _BASE_POINT_SIZE = font.pointSizeF() if font.pointSizeF() > 0 else 10.0
    if abs(font.pointSizeF() - _BASE_POINT_SIZE * percent / 100) < 0.01:
        return
    font.setPointSizeF(_BASE_POINT_SIZE * percent / 100)
    app.setFont(font)
    if restyle:
        for widget in app.allWidgets():
            if widget.objectName() == "pageHeading":
                style_heading(widget)
