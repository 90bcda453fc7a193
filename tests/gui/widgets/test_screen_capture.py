"""Screen capture: on Windows the window asks to be left out of captures while an engagement
is open, and stops asking on lock. SetWindowDisplayAffinity exists only on Windows, so here
the call is taken by a stand-in that records what peerdesk asked; on Linux and macOS there
is nothing to ask, and peerdesk says so by returning False."""

from __future__ import annotations

from PySide6.QtWidgets import QWidget
from pytestqt.qtbot import QtBot

from peerdesk.gui.widgets.screen_capture import (
    WDA_EXCLUDEFROMCAPTURE,
    WDA_NONE,
    exclude_from_capture,
    supported,
)


def test_on_windows_it_asks_for_exclusion_and_then_for_none(qtbot: QtBot) -> None:
    window = QWidget()
    qtbot.addWidget(window)
    asked: list[tuple[int, int]] = []

    def set_affinity(hwnd: int, affinity: int) -> int:
        asked.append((hwnd, affinity))
        return 1

    assert exclude_from_capture(window, True, "win32", set_affinity)
    assert exclude_from_capture(window, False, "win32", set_affinity)
    assert asked == [(int(window.winId()), WDA_EXCLUDEFROMCAPTURE),
                     (int(window.winId()), WDA_NONE)]
    assert WDA_EXCLUDEFROMCAPTURE == 0x11
    assert not exclude_from_capture(window, True, "win32", lambda hwnd, value: 0)  # refused


def test_elsewhere_there_is_nothing_to_ask(qtbot: QtBot) -> None:
    window = QWidget()
    qtbot.addWidget(window)
    assert not supported("linux") and not supported("darwin") and supported("win32")
    assert exclude_from_capture(window, True, "linux") is False
    assert exclude_from_capture(window, True, "darwin") is False
