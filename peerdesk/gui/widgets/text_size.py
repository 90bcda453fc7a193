"""Settings > Text size: one scale for every text in the app, the notes, headings and
timers included (their larger fonts follow the scale instead of staying as they were)."""

from __future__ import annotations

from PySide6.QtCore import QObject
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QApplication, QWidget

_BASE_POINT_SIZE: float | None = None


def apply_text_scale(percent: int, restyle: bool = True) -> None:
    """Raise or lower every text in the app (Settings > Text size). Widgets with a font of
    their own follow through ``follow_text_size``; ``restyle`` is kept for callers."""
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


class _FollowsTextSize(QObject):
    """Keeps a widget's font at ``factor`` times the app's, whenever the app's changes."""

    def __init__(self, widget: QWidget, factor: float, bold: bool, italic: bool) -> None:
        super().__init__(widget)
        self.factor, self.bold, self.italic = factor, bold, italic
        self.widget = widget
        app = QApplication.instance()
        if isinstance(app, QApplication):  # also before the event loop runs, unlike the
            app.fontChanged.connect(self._app_font_changed)  # event Qt sends to widgets
        self.apply(widget)

    def _app_font_changed(self, _font: QFont) -> None:
        self.apply(self.widget)

    def apply(self, widget: QWidget) -> None:
        app = QApplication.instance()
        base = QFont(app.font() if isinstance(app, QApplication) else widget.font())
        size = base.pointSizeF() if base.pointSizeF() > 0 else 10.0
        base.setPointSizeF(size * self.factor)
        base.setBold(self.bold)
        base.setItalic(self.italic)
        widget.setFont(base)



def follow_text_size(widget: QWidget, factor: float = 1.0, bold: bool = False,
                     italic: bool = False) -> None:
    """Give ``widget`` a font ``factor`` times the app's text size, now and after any change
    in Settings > Text size."""
    existing = widget.findChild(_FollowsTextSize)
    if existing is not None:
        existing.factor, existing.bold, existing.italic = factor, bold, italic
        existing.apply(widget)
        return
    _FollowsTextSize(widget, factor, bold, italic)
