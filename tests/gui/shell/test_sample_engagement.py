"""First start: "Try a sample engagement" makes a wholly fictional, encrypted engagement in
the background and opens it."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from peerdesk.capture.postits import PostitStore
from peerdesk.gui.shell.main_window import MainWindow
from peerdesk.gui.shell.sample_engagement import SampleDialog
from peerdesk.gui.synthesis.board_tab import BoardTab
from peerdesk.sample.content import TITLE
from peerdesk.vault.clock import ManualClock
from peerdesk.vault.library import Library
from peerdesk.vault.paths import AppPaths
from tests.gui.helpers import close_engagement, on_next_dialog, shown_window

PASS = "a sample passphrase"


@pytest.fixture
def window(qtbot: QtBot, paths: AppPaths, library: Library,
           clock: ManualClock) -> Iterator[MainWindow]:
    win = shown_window(qtbot, paths, clock, library)
    win.refresh_library()
    yield win
    close_engagement(win)


def test_first_start_offers_the_sample_and_opens_it(
        qtbot: QtBot, window: MainWindow, library: Library) -> None:
    button = window.library_page.sample_button
    assert button.isVisible() and button.text().replace("&", "") == "Try a sample engagement"
    assert window.library_page.list.count() == 0

    def fill(dialog: SampleDialog) -> None:
        qtbot.keyClicks(dialog.passphrase, PASS)
        qtbot.keyClicks(dialog.confirm, PASS + "x")
        qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
        assert dialog.problem.text() == "The two passphrases are not the same."
        dialog.confirm.clear()
        qtbot.keyClicks(dialog.confirm, PASS)
        qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)

    seen = on_next_dialog(fill)
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    assert seen == ["Try a sample engagement"]
    qtbot.waitUntil(lambda: window.page is not None, timeout=30000)
    assert window.page is not None
    assert window.page.heading.text() == TITLE
    board = window.page.show_tab("Board")
    assert isinstance(board, BoardTab)
    assert board.shown_label.text() == "100 post-its"
    assert TITLE not in window.windowTitle()

    notebook_id = window.notebook.id if window.notebook else ""
    window.lock()
    assert window.stack.currentWidget() is window.unlock_page  # where the engagement was
    qtbot.mouseClick(window.unlock_page.list_button, Qt.MouseButton.LeftButton)
    assert window.library_page.sample_button.isVisible()  # still there to try again
    with library.open(notebook_id, PASS) as notebook:  # a real notebook, with its passphrase
        assert PostitStore(notebook).count() == 100
        assert notebook.engagement().title == TITLE


def test_cancelling_makes_nothing(qtbot: QtBot, window: MainWindow, library: Library) -> None:
    seen = on_next_dialog(lambda dialog: dialog.reject())
    qtbot.mouseClick(window.library_page.sample_button, Qt.MouseButton.LeftButton)
    assert seen == ["Try a sample engagement"]
    assert window.page is None
    assert library.ids() == []
