"""Findings beside the board: group cards into a finding, watch its label follow its
support and the rule, mark a challenge, drop a card on it, set its status."""

from __future__ import annotations

from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from peerdesk.gui.shell.main_window import MainWindow
from peerdesk.gui.synthesis.finding_dialog import FindingDialog
from peerdesk.synthesis.findings import FindingStore
from peerdesk.synthesis.triangulation import Label, Rule
from peerdesk.vault.library import Library
from tests.conftest import PASSPHRASE
from tests.gui.helpers import on_next_dialog
from tests.gui.synthesis.test_board import board_of, click_card, drop_at
from tests.gui.synthesis_fixture import Made, focused, made, window

__all__ = ["made", "window"]
CTRL = Qt.KeyboardModifier.ControlModifier
SHIFT = Qt.KeyboardModifier.ShiftModifier


def first_line(board: object) -> str:
    panel = board.findings  # type: ignore[attr-defined]
    return str(panel.list.currentIndex().data()).splitlines()[1]


def group_with_headline(qtbot: QtBot, headline: str) -> list[str]:
    def fill(dialog: FindingDialog) -> None:
        dialog.headline.clear()
        qtbot.keyClicks(dialog.headline, headline)
        qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)

    return on_next_dialog(fill)


def back_to(qtbot: QtBot, window: MainWindow) -> None:
    """The offscreen platform does not give the window back its activation after a dialog,
    as a desktop does."""
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)


def test_label_grows_from_single_source_to_triangulated(
        qtbot: QtBot, window: MainWindow, library: Library, made: Made) -> None:
    board = board_of(window)
    panel = board.findings
    click_card(qtbot, board, 0, 0)
    seen = group_with_headline(qtbot, "Leaders share one ambition")
    qtbot.keyClick(focused(), Qt.Key.Key_G, CTRL)
    back_to(qtbot, window)
    assert seen == ["Group into a finding"]
    assert panel.headline.text() == "Leaders share one ambition"
    assert panel.label_line.text() == "Single source: 1 source of 1 kind"
    assert first_line(board).startswith("Single source (1 source of 1 kind)")
    assert "Emerging" in first_line(board)

    click_card(qtbot, board, 0, 1)  # another meeting: a second source, same kind
    qtbot.keyClick(focused(), Qt.Key.Key_E, CTRL)
    assert panel.label_line.text() == "Corroborated: 2 sources of 1 kind"
    assert panel.support_line.text() == "Support: Meetings 2"

    click_card(qtbot, board, 0, 2)  # the focus group: a third source, a second kind
    qtbot.keyClick(focused(), Qt.Key.Key_E, CTRL)
    assert panel.label_line.text() == "Triangulated: 3 sources of 2 kinds"
    assert panel.support_line.text() == "Support: Meetings 2 · Focus groups 1"
    assert board.columns[0].model.card(0).findings == 1  # the card says it is in a finding

    window.lock()
    with library.open(made.notebook_id, PASSPHRASE) as notebook:
        found = FindingStore(notebook).findings()
    assert [(f.headline, f.label) for f in found] == [("Leaders share one ambition",
                                                       Label.TRIANGULATED)]
    assert found[0].support.by_kind == {"meeting": 2, "focus_group": 1}


def test_several_selected_cards_group_at_once_and_the_rule_relabels(
        qtbot: QtBot, window: MainWindow, library: Library, made: Made) -> None:
    board = board_of(window)
    panel = board.findings
    click_card(qtbot, board, 0, 0)
    click_card(qtbot, board, 0, 1, CTRL)
    click_card(qtbot, board, 0, 2, CTRL)
    assert len(board.selected_ids()) == 3
    group_with_headline(qtbot, "One ambition, told the same way")
    qtbot.keyClick(focused(), Qt.Key.Key_G, CTRL)
    back_to(qtbot, window)
    assert panel.label_line.text() == "Triangulated: 3 sources of 2 kinds"

    panel.min_sources.setFocus()
    qtbot.keyClick(panel.min_sources, Qt.Key.Key_Up)  # the rule asks for 4 sources now
    assert panel.label_line.text() == "Corroborated: 3 sources of 2 kinds"
    assert first_line(board).startswith("Corroborated")
    panel.min_kinds.setFocus()
    qtbot.keyClick(panel.min_kinds, Qt.Key.Key_Down)
    qtbot.keyClick(panel.min_sources, Qt.Key.Key_Down)
    assert panel.label_line.text() == "Triangulated: 3 sources of 2 kinds"
    window.lock()
    with library.open(made.notebook_id, PASSPHRASE) as notebook:
        assert FindingStore(notebook).rule() == Rule(3, 1)


def test_a_challenging_card_is_shown_on_the_finding(
        qtbot: QtBot, window: MainWindow, library: Library, made: Made) -> None:
    board = board_of(window)
    panel = board.findings
    click_card(qtbot, board, 0, 0)
    group_with_headline(qtbot, "Everyone knows the ambition")
    qtbot.keyClick(focused(), Qt.Key.Key_G, CTRL)
    back_to(qtbot, window)
    assert panel.challenge_line.text() == ""
    click_card(qtbot, board, 0, 2)  # staff cannot say what it is for
    qtbot.keyClick(focused(), Qt.Key.Key_E, CTRL | SHIFT)
    assert panel.challenge_line.text() == "⚠ Challenged by 1 source"
    assert panel.label_line.text() == "Single source: 1 source of 1 kind"  # no support added
    assert "⚠ Challenged by 1 source" in first_line(board)
    evidence = [panel.evidence.item(i).text() for i in range(panel.evidence.count())]
    assert evidence[1].startswith("Challenges · Area to explore: Staff cannot say")
    window.lock()
    with library.open(made.notebook_id, PASSPHRASE) as notebook:
        finding = FindingStore(notebook).findings()[0]
    assert finding.challenged and finding.support.count == 1


def test_drop_a_card_on_a_finding_and_agree_it(
        qtbot: QtBot, window: MainWindow, library: Library, made: Made) -> None:
    board = board_of(window)
    panel = board.findings
    def fill(dialog: FindingDialog) -> None:
        assert dialog.chart.currentText() == "Shared vision and priorities"
        dialog.chart.setCurrentIndex(1)
        qtbot.keyClicks(dialog.headline, "Boards are stretched")
        qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)

    seen = on_next_dialog(fill)
    qtbot.mouseClick(panel.new_button, Qt.MouseButton.LeftButton)
    back_to(qtbot, window)
    assert seen == ["New finding"]
    assert panel.label_line.text() == "No evidence yet: no sources"
    model = board.columns[1].model
    rect = panel.list.visualRect(panel.model.index(0, 0))
    assert not drop_at(panel.list, model.mimeData([model.index(0, 0)]),
                       QPoint(rect.center().x(), rect.center().y()))  # nothing moves away
    assert panel.label_line.text() == "Single source: 1 source of 1 kind"
    assert board.columns[1].model.rowCount() == 2
    panel.status.setFocus()
    qtbot.keyClick(panel.status, Qt.Key.Key_Down)  # emerging -> agreed
    QApplication.processEvents()
    assert "Agreed by the team" in first_line(board)
    window.lock()
    with library.open(made.notebook_id, PASSPHRASE) as notebook:
        finding = FindingStore(notebook).findings()[0]
    assert (finding.headline, finding.status) == ("Boards are stretched", "agreed")
    assert finding.support.count == 1
