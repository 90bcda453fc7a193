"""The post-it bar files a card for a colleague when they relay a point aloud: Tab past
the text to the initials, type them, Enter."""

from __future__ import annotations

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from peerdesk.capture.postits import PostitStore
from peerdesk.gui.shell.main_window import MainWindow
from tests.gui.capture.test_live_session import Made, focused, made, press, start, window

__all__ = ["made", "window"]
CTRL = Qt.KeyboardModifier.ControlModifier


def open_bar(qtbot: QtBot, window: MainWindow, made: Made, line: str, chart: str):
    live = start(qtbot, window, made, made.meeting)
    qtbot.keyClicks(live.editor, line)
    press(qtbot, Qt.Key.Key_K, CTRL)
    press(qtbot, chart)
    return live


def test_a_card_for_a_colleague_by_keyboard(qtbot: QtBot, window: MainWindow,
                                            made: Made) -> None:
    live = open_bar(qtbot, window, made, "JL: the finance director sees no pooled budget", "6")
    press(qtbot, Qt.Key.Key_Tab)
    assert focused() is live.bar.text
    press(qtbot, Qt.Key.Key_Tab)
    assert focused() is live.bar.initials
    qtbot.keyClicks(live.bar.initials, "jl")
    press(qtbot, Qt.Key.Key_Return)
    assert not live.bar.isVisible()
    assert window.notebook is not None
    [card] = PostitStore(window.notebook).list_for_session(made.meeting)
    assert card.initials == "JL"
    # the next one is the peer's own again
    press(qtbot, Qt.Key.Key_Return)
    qtbot.keyClicks(live.editor, "My own point")
    press(qtbot, Qt.Key.Key_K, CTRL)
    assert live.bar.initials.text() == ""
    press(qtbot, "6")
    press(qtbot, Qt.Key.Key_Return)
    cards = PostitStore(window.notebook).list_for_session(made.meeting)
    assert [c.initials for c in cards] == ["JL", "AM"]


def test_initials_that_are_not_letters_are_refused(qtbot: QtBot, window: MainWindow,
                                                   made: Made) -> None:
    live = open_bar(qtbot, window, made, "A point", "1")
    live.bar.initials.setText("1?")
    press(qtbot, Qt.Key.Key_Return)
    assert live.bar.isVisible()
    assert "Initials are letters" in live.bar.problem.text()
    assert window.notebook is not None
    assert PostitStore(window.notebook).list_for_session(made.meeting) == []
