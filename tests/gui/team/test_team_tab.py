"""The Team tab as a peer uses it: show the code, add a colleague's, receive their bundle
after a preview, send one back; the board then shows the colleague's cards."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication
from pytestqt.qtbot import QtBot

from peerdesk.capture.postits import PostitStore
from peerdesk.gui.shell.main_window import MainWindow
from peerdesk.gui.synthesis.board_tab import BoardTab
from peerdesk.gui.team.team_tab import TeamTab
from peerdesk.gui.widgets.file_choice import pick_in_dialog
from peerdesk.team import codes, receive
from peerdesk.vault.library import Library
from peerdesk.vault.notebook import Notebook
from tests.conftest import PASSPHRASE, sample_details
from tests.gui.engagement_window import mnemonic_clashes, notebook_id, window
from tests.gui.helpers import on_next_dialog, page_of, visible_texts
from tests.team_helpers import meeting, postit, send_postits

__all__ = ["notebook_id", "window"]


@pytest.fixture
def colleague(library: Library) -> Iterator[Notebook]:
    details = replace(sample_details(), my_initials="JL", my_name="Jordan Lee")
    nb = library.create(details, PASSPHRASE)
    yield nb
    nb.close()


def team_of(window: MainWindow) -> TeamTab:
    tab = page_of(window).show_tab("Team")
    assert isinstance(tab, TeamTab)
    return tab


def test_codes_receive_with_preview_and_send_back(qtbot: QtBot, window: MainWindow,
                                                  colleague: Notebook, tmp_path: Path) -> None:
    tab = team_of(window)
    mine = tab.codes.code.text()
    assert mine.startswith("age1")
    assert codes.fingerprint(mine) in tab.codes.fingerprint.text()
    assert not tab.codes.qr.pixmap().isNull()
    qtbot.mouseClick(tab.codes.copy_button, Qt.MouseButton.LeftButton)
    assert QGuiApplication.clipboard().text() == mine
    assert mnemonic_clashes(window) == []
    # add the colleague's code, typed as they read it
    tab.codes.initials.setText("jl")
    qtbot.keyClicks(tab.codes.new_code, codes.my_code(colleague))
    qtbot.mouseClick(tab.codes.add_button, Qt.MouseButton.LeftButton)
    assert tab.codes.table.rowCount() == 1 and tab.codes.table.item(0, 0).text() == "JL"
    assert "Added JL" in tab.codes.status.text()
    assert [b.text() for b in tab.send.boxes] == ["JL"]
    # the colleague sends their post-its
    codes.add_peer(colleague, "AM", mine)
    postit(colleague, "Partners describe one ambition", meeting(colleague))
    bundle = tmp_path / "from-jl.age"
    send_postits(colleague, ["AM"], bundle)
    seen = on_next_dialog(lambda d: pick_in_dialog(d, bundle))
    qtbot.mouseClick(tab.receive.open_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: tab.receive.accept_button.isVisible(), timeout=30_000)
    assert seen
    shown = visible_texts(tab.receive)
    assert "From JL: pooled post-its, 1 post-it in all." in shown
    assert "1 new post-it to add." in shown
    assert PostitStore(window.notebook).list_all() == []  # nothing yet
    qtbot.mouseClick(tab.receive.accept_button, Qt.MouseButton.LeftButton)
    assert "Received from JL: 1 added" in tab.receive.preview.text()
    [card] = PostitStore(window.notebook).list_all()
    assert (card.text, card.initials) == ("Partners describe one ambition", "JL")
    # the board: the colleague's card, with a filter by peer
    board = page_of(window).show_tab("Board")
    assert isinstance(board, BoardTab)
    qtbot.waitUntil(lambda: board.filters.filled, timeout=30_000)
    peer_box = board.filters.peer_box
    assert [peer_box.itemText(i) for i in range(peer_box.count())] == ["Any", "JL"]
    # send one back from the tab
    team_of(window)
    postit(window.notebook, "Governance untested", meeting(window.notebook))
    out = tmp_path / "from-am.age"
    on_next_dialog(lambda d: pick_in_dialog(d, out))
    qtbot.mouseClick(tab.send.write_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: out.exists(), timeout=30_000)
    assert "Wrote from-am.age (1 post-its) for JL" in tab.send.status.text()
    assert receive.accept(colleague, receive.read(colleague, out)).added == 1


def test_a_foreign_file_gets_one_sentence(qtbot: QtBot, window: MainWindow,
                                          tmp_path: Path) -> None:
    tab = team_of(window)
    junk = tmp_path / "notes.age"
    junk.write_bytes(b"not a bundle")
    tab.receive.open(junk)
    assert tab.receive.preview.text() == ("This file is not a peerdesk team bundle. Nothing "
                                          "was changed.")
    assert not tab.receive.accept_button.isVisible()
