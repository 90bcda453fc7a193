"""The findings matrix: counts by kind of source, sorting by a click on a heading, and
"triangulated only" for feedback day."""

from __future__ import annotations

from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QHeaderView
from pytestqt.qtbot import QtBot

from peerdesk.gui.shell.main_window import MainWindow
from peerdesk.gui.synthesis.board_tab import BoardTab
from peerdesk.gui.synthesis.matrix_tab import MatrixTab
from peerdesk.synthesis.findings import FindingStore
from tests.gui.helpers import page_of
from tests.gui.synthesis_fixture import Made, made, window

__all__ = ["made", "window"]


def matrix_with_findings(window: MainWindow, made: Made) -> tuple[MatrixTab, dict[str, int]]:
    assert window.notebook is not None
    store = FindingStore(window.notebook)
    p = made.postits
    ids = {
        "tri": store.group([p["p1"], p["p2"], p["p3"]], "One ambition, told the same way",
                           "strength"),
        "cor": store.group([p["p5"], p["p4"]], "Boards are stretched", "area_to_explore"),
        "one": store.group([p["p6"]], "Community services under one roof", "suggestion"),
    }
    store.add_evidence(ids["cor"], p["p6"], "challenges")
    tab = page_of(window).show_tab("Matrix")
    assert isinstance(tab, MatrixTab)
    return tab, ids


def cell(tab: MatrixTab, row: int, heading: str) -> str:
    column = tab.model.headers().index(heading)
    return str(tab.proxy.index(row, column).data())


def click_heading(qtbot: QtBot, header: QHeaderView, section: int) -> None:
    x = header.sectionViewportPosition(section) + header.sectionSize(section) // 2
    qtbot.mouseClick(header.viewport(), Qt.MouseButton.LeftButton,
                     pos=QPoint(x, header.height() // 2))


def test_counts_by_kind_of_source(qtbot: QtBot, window: MainWindow, made: Made) -> None:
    tab, _ = matrix_with_findings(window, made)
    assert tab.model.headers() == ["Finding", "Flip chart", "Triangulation", "Sources",
                                   "Meetings", "Focus groups", "Documents", "Challenged by",
                                   "Status"]
    assert tab.visible_headlines() == ["One ambition, told the same way",
                                       "Boards are stretched",
                                       "Community services under one roof"]
    assert [cell(tab, 0, h) for h in ("Triangulation", "Sources", "Meetings", "Focus groups",
                                      "Documents", "Challenged by")] == [
        "Triangulated", "3", "2", "1", "–", "–"]
    boards = tab.visible_headlines().index("Boards are stretched")
    assert [cell(tab, boards, h) for h in ("Triangulation", "Sources", "Meetings",
                                           "Documents", "Challenged by")] == [
        "Corroborated", "2", "1", "1", "1"]
    assert tab.count_label.text() == "3 findings"
    assert "at least 3 sources of at least 2 kinds" in tab.rule_label.text()


def test_sort_by_clicking_a_heading(qtbot: QtBot, window: MainWindow, made: Made) -> None:
    tab, _ = matrix_with_findings(window, made)
    header = tab.table.horizontalHeader()
    sources = tab.model.headers().index("Sources")
    click_heading(qtbot, header, sources)
    first = [cell(tab, r, "Sources") for r in range(3)]
    click_heading(qtbot, header, sources)
    second = [cell(tab, r, "Sources") for r in range(3)]
    assert sorted([first, second]) == [["1", "2", "3"], ["3", "2", "1"]]
    assert header.isSortIndicatorShown() and header.sortIndicatorSection() == sources
    click_heading(qtbot, header, tab.model.headers().index("Finding"))
    assert tab.visible_headlines() == ["Boards are stretched",
                                       "Community services under one roof",
                                       "One ambition, told the same way"]


def test_triangulated_only_then_enter_shows_it_on_the_board(
        qtbot: QtBot, window: MainWindow, made: Made) -> None:
    tab, ids = matrix_with_findings(window, made)
    tab.only.setFocus()
    qtbot.keyClick(tab.only, Qt.Key.Key_Space)
    assert tab.visible_headlines() == ["One ambition, told the same way"]
    assert tab.count_label.text() == "Showing 1 of 3 findings"
    tab.table.setFocus()
    tab.table.setCurrentIndex(tab.proxy.index(0, 0))
    qtbot.keyClick(tab.table, Qt.Key.Key_Return)
    board = page_of(window).tab("Board")
    assert isinstance(board, BoardTab)
    assert board.findings.current_id() == ids["tri"]
    assert board.findings.headline.text() == "One ambition, told the same way"
    qtbot.keyClick(tab.only, Qt.Key.Key_Space)  # off again: every finding is back
    assert len(tab.visible_headlines()) == 3
