"""Search as a peer types: results with the matches in bold, then Enter goes there."""

from __future__ import annotations

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from peerdesk.capture.sessions import SessionStore
from peerdesk.gui.capture.live_session_tab import LiveSessionTab
from peerdesk.gui.shell.main_window import MainWindow
from peerdesk.gui.synthesis.board_tab import BoardTab
from peerdesk.gui.synthesis.search_panel import HTML_ROLE, SearchPanel
from peerdesk.synthesis.findings import FindingStore
from tests.gui.helpers import page_of
from tests.gui.synthesis_fixture import Made, focused, made, window

__all__ = ["made", "window"]


def search_tab(window: MainWindow) -> SearchPanel:
    tab = page_of(window).show_tab("Search")
    assert isinstance(tab, SearchPanel)
    return tab


def shown(tab: SearchPanel) -> list[str]:
    model = tab.model
    return [str(model.index(r, 0).data(HTML_ROLE)) for r in range(model.rowCount())]


def test_typing_shows_highlighted_snippets_and_enter_selects_the_postit(
        qtbot: QtBot, window: MainWindow, made: Made) -> None:
    tab = search_tab(window)
    assert focused() is tab.field  # the field is ready to type when the tab is shown
    qtbot.keyClicks(tab.field, "ambit")
    assert tab.model.rowCount() == 0  # results wait for a pause in the typing
    qtbot.waitUntil(lambda: tab.model.rowCount() > 0, timeout=30_000)
    results = shown(tab)
    assert len(results) == 3  # two post-its and the position statement
    assert all("<b>ambition</b>" in r for r in results), results
    assert tab.status.text().startswith("3 places found")
    where = next(i for i, r in enumerate(results) if "council" in r)
    qtbot.keyClick(tab.field, Qt.Key.Key_Down)
    assert focused() is tab.results
    for _ in range(where):
        qtbot.keyClick(tab.results, Qt.Key.Key_Down)
    qtbot.keyClick(tab.results, Qt.Key.Key_Return)
    board = page_of(window).tab("Board")
    assert isinstance(board, BoardTab)
    assert page_of(window).tabs.currentWidget().isAncestorOf(board)
    assert board.selected_ids() == [made.postits["p2"]]


def test_enter_in_the_field_opens_session_notes_or_a_finding(
        qtbot: QtBot, window: MainWindow, made: Made) -> None:
    assert window.notebook is not None
    SessionStore(window.notebook).save_notes(made.sessions["m2"],
                                             "Spoke warmly about the Harrowby hub.")
    finding = FindingStore(window.notebook).create(made.charts[2], "Distributed leadership",
                                                   "strength")
    tab = search_tab(window)
    qtbot.keyClicks(tab.field, "harrowby")
    qtbot.waitUntil(lambda: tab.model.rowCount() == 1, timeout=30_000)
    assert "<b>Harrowby</b>" in shown(tab)[0]
    assert shown(tab)[0].startswith("<span style='color:#444'>Session notes · Council leader")
    qtbot.keyClick(tab.field, Qt.Key.Key_Return)
    live = page_of(window).tab("In session")
    assert isinstance(live, LiveSessionTab)
    assert live.session is not None and live.session.id == made.sessions["m2"]

    tab = search_tab(window)
    tab.field.clear()
    qtbot.keyClicks(tab.field, "distributed lead")
    qtbot.waitUntil(lambda: tab.model.rowCount() == 1, timeout=30_000)
    qtbot.keyClick(tab.field, Qt.Key.Key_Return)
    board = page_of(window).tab("Board")
    assert isinstance(board, BoardTab)
    assert board.findings.current_id() == finding


def test_nothing_found_says_so(qtbot: QtBot, window: MainWindow) -> None:
    tab = search_tab(window)
    qtbot.keyClicks(tab.field, "zebra")
    qtbot.waitUntil(lambda: tab.status.text() == "Nothing found.", timeout=30_000)
    assert tab.model.rowCount() == 0
