"""Colours for text drawn on the window's own background, readable in light and dark.

peerdesk follows the operating system's light or dark scheme (it sets no palette or
style of its own). Where a text is given a colour of meaning (a problem, a finding's
label) that colour is lightened when the background is dark, so that it stays readable;
the meaning is always in the words as well, never in the colour alone.
"""

from __future__ import annotations

from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QApplication, QWidget

PROBLEM = "#8a1c25"


def is_dark(widget: QWidget | None = None) -> bool:
    palette = widget.palette() if widget is not None else QApplication.palette()
    return palette.color(QPalette.ColorRole.Window).lightness() < 128


def readable(colour: str, widget: QWidget | None = None) -> QColor:
    """``colour`` as it should be drawn on the window background: lighter when dark."""
    result = QColor(colour)
    if is_dark(widget):
        result.setHslF(result.hslHueF(), result.hslSaturationF(),
                       max(result.lightnessF(), 0.75), result.alphaF())
    return result


def text_style(colour: str, bold: bool = True, widget: QWidget | None = None) -> str:
    """A style sheet line colouring a label's text."""
    weight = " font-weight: bold;" if bold else ""
    return f"color: {readable(colour, widget).name()};{weight}"


def problem_style(bold: bool = True) -> str:
    return text_style(PROBLEM, bold)
