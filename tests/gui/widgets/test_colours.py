"""Coloured texts stay readable when the operating system's scheme is dark."""

from __future__ import annotations

import pytest
from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QApplication, QLabel
from pytestqt.qtbot import QtBot

from peerdesk.gui.synthesis.finding_labels import CHALLENGE_COLOUR, LABEL_COLOURS
from peerdesk.gui.widgets.colours import PROBLEM, is_dark, readable


def luminance(colour: QColor) -> float:
    def channel(value: float) -> float:
        return value / 12.92 if value <= 0.03928 else ((value + 0.055) / 1.055) ** 2.4

    return (0.2126 * channel(colour.redF()) + 0.7152 * channel(colour.greenF())
            + 0.0722 * channel(colour.blueF()))


def contrast(a: QColor, b: QColor) -> float:
    light, dark = sorted((luminance(a), luminance(b)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


@pytest.mark.parametrize("background", ["#efefef", "#ffffff", "#2b2b2b", "#1e1e1e"])
def test_coloured_texts_keep_a_readable_contrast(qtbot: QtBot, background: str) -> None:
    label = QLabel("Problem: the two passphrases are not the same.")
    qtbot.addWidget(label)
    palette = label.palette()
    palette.setColor(QPalette.ColorRole.Window, QColor(background))
    label.setPalette(palette)
    assert is_dark(label) == (QColor(background).lightness() < 128)
    for colour in (PROBLEM, CHALLENGE_COLOUR, *LABEL_COLOURS.values()):
        shown = readable(colour, label)
        assert contrast(shown, QColor(background)) >= 4.5, (colour, background, shown.name())


def test_the_app_imposes_no_palette_or_style_of_its_own() -> None:
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    assert app.styleSheet() == ""  # the OS's light or dark scheme shows through
