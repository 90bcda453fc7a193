"""The flip-chart board as a peer uses it: move cards by mouse and keyboard, filter,
open where a card came from. What is stored is checked by reopening the notebook."""

from __future__ import annotations

from PySide6.QtCore import QMimeData, QPoint, QPointF, Qt
from PySide6.QtGui import QDragEnterEvent, QDragMoveEvent, QDropEvent
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QAbstractItemView, QApplication
from pytestqt.qtbot import QtBot

from peerdesk.gui.capture.live_session_tab import LiveSessionTab
from peerdesk.gui.shell.main_window import MainWindow
from peerdesk.gui.synthesis.board_model import CARD_ROLE, ChartModel, decode_ids
from peerdesk.gui.synthesis.board_tab import BoardTab
from peerdesk.vault.library import Library
from tests.gui.helpers import on_next_dialog, page_of
from tests.gui.synthesis_fixture import Made, focused, made, reopened, window

__all__ = ["made", "window"]
CTRL = Qt.KeyboardModifier.ControlModifier
LEFT = Qt.MouseButton.LeftButton


def board_of(window: MainWindow) -> BoardTab:
    board = page_of(window).show_tab("Board")
    assert isinstance(board, BoardTab)
    return board


def texts(model: ChartModel) -> list[str]:
    return [model.index(r, 0).data(CARD_ROLE).text for r in range(model.rowCount())]


def click_card(qtbot: QtBot, board: BoardTab, column: int, row: int,
               mods: Qt.KeyboardModifier = Qt.KeyboardModifier.NoModifier) -> None:
    view = board.columns[column].view
    rect = view.visualRect(view.model().index(row, 0))
    qtbot.mouseClick(view.viewport(), LEFT, mods, rect.center())


def test_cards_show_kind_in_words_source_and_initials(qtbot: QtBot, window: MainWindow) -> None:
    board = board_of(window)
    first = board.columns[0]
    assert first.header.text().endswith("4 post-its")
    said = first.view.model().index(0, 0).data(Qt.ItemDataRole.AccessibleTextRole)
    assert said == "Strength: Leaders describe one shared ambition. From: Meeting, AM."
    said = first.view.model().index(3, 0).data(Qt.ItemDataRole.AccessibleTextRole)
    assert said.startswith("Strength: The position statement") and "From: Document" in said
    assert board.shown_label.text() == "6 post-its"


def test_keyboard_moves_a_card_across_and_down(qtbot: QtBot, window: MainWindow,
                                               library: Library, made: Made) -> None:
    board = board_of(window)
    click_card(qtbot, board, 0, 0)
    assert board.selected_ids() == [made.postits["p1"]]
    qtbot.keyClick(focused(), Qt.Key.Key_Right, CTRL)
    assert texts(board.columns[0].model) == [
        "The ambition is told the same way by the council",
        "Staff cannot say what the partnership is for",
        "The position statement sets out four priorities"]
    assert texts(board.columns[1].model)[0] == "Leaders describe one shared ambition"
    assert focused() is board.columns[1].view
    assert board.selected_ids() == [made.postits["p1"]]
    qtbot.keyClick(focused(), Qt.Key.Key_Down, CTRL)
    assert texts(board.columns[1].model)[1] == "Leaders describe one shared ambition"
    qtbot.keyClick(focused(), Qt.Key.Key_Up, CTRL)
    qtbot.keyClick(focused(), Qt.Key.Key_Down, CTRL)
    assert board.columns[1].header.text().endswith("3 post-its")
    p = made.postits
    stored = reopened(window, library, made)
    assert stored[made.charts[0]] == [p["p2"], p["p3"], p["p4"]]
    assert stored[made.charts[1]] == [p["p5"], p["p1"], p["p6"]]


def drop_at(view: QAbstractItemView, mime: QMimeData, pos: QPoint) -> bool:
    """Deliver a drag's enter, move and drop events to a view at ``pos``, as the platform
    does at the end of a drag (the offscreen platform runs no drag loop of its own)."""
    here = view.viewport()
    action = Qt.DropAction.MoveAction
    buttons, mods = LEFT, Qt.KeyboardModifier.NoModifier
    enter = QDragEnterEvent(pos, action, mime, buttons, mods)
    QApplication.sendEvent(here, enter)
    move = QDragMoveEvent(pos, action, mime, buttons, mods)
    QApplication.sendEvent(here, move)
    if not move.isAccepted():
        return False
    drop = QDropEvent(QPointF(pos), action, mime, buttons, mods)
    QApplication.sendEvent(here, drop)
    return drop.isAccepted()


def test_mouse_drag_moves_a_card_to_another_chart(qtbot: QtBot, window: MainWindow,
                                                  library: Library, made: Made) -> None:
    """Press on a card and move past the drag distance (the view starts its drag with the
    card's data), then drop it on the upper edge of the next chart's second card."""
    board = board_of(window)
    source, target = board.columns[0].view, board.columns[1].view
    start = source.visualRect(source.model().index(2, 0)).center()
    dragged: list[QMimeData] = []
    make_mime = source.model().mimeData
    source.model().mimeData = lambda rows: dragged.append(make_mime(rows)) or dragged[-1]
    QTest.mousePress(source.viewport(), LEFT, Qt.KeyboardModifier.NoModifier, start)
    distance = QApplication.startDragDistance() + 5
    QTest.mouseMove(source.viewport(), start + QPoint(distance, distance))
    QTest.mouseRelease(source.viewport(), LEFT, Qt.KeyboardModifier.NoModifier,
                       start + QPoint(distance, distance))
    assert dragged, "moving the pressed mouse starts a drag"
    assert decode_ids(dragged[0]) == [made.postits["p3"]]
    goal = target.visualRect(target.model().index(1, 0))
    assert drop_at(target, dragged[0], QPoint(goal.center().x(), goal.top() + 2))
    qtbot.waitUntil(lambda: board.columns[0].model.rowCount() == 3, timeout=30_000)
    assert texts(board.columns[1].model)[1] == "Staff cannot say what the partnership is for"
    assert board.selected_ids() == [made.postits["p3"]]
    p = made.postits
    stored = reopened(window, library, made)
    assert stored[made.charts[0]] == [p["p1"], p["p2"], p["p4"]]
    assert stored[made.charts[1]] == [p["p5"], p["p3"], p["p6"]]


def test_drop_within_a_chart_reorders(qtbot: QtBot, window: MainWindow, library: Library,
                                      made: Made) -> None:
    board = board_of(window)
    view = board.columns[0].view
    model = board.columns[0].model
    fourth = view.visualRect(model.index(3, 0))
    assert drop_at(view, model.mimeData([model.index(0, 0)]),
                   QPoint(fourth.center().x(), fourth.top() + 2))  # before the fourth card
    qtbot.waitUntil(lambda: texts(model)[2] == "Leaders describe one shared ambition")
    p = made.postits
    assert reopened(window, library, made)[made.charts[0]] == [p["p2"], p["p3"], p["p1"],
                                                               p["p4"]]


def choose(qtbot: QtBot, box: object, text: str) -> None:
    from PySide6.QtWidgets import QComboBox

    assert isinstance(box, QComboBox)
    index = box.findText(text)
    assert index >= 0, f"{text!r} is offered"
    box.setFocus()
    while box.currentIndex() != index:
        key = Qt.Key.Key_Down if box.currentIndex() < index else Qt.Key.Key_Up
        qtbot.keyClick(box, key)


def test_filters_reduce_the_cards_shown(qtbot: QtBot, window: MainWindow, made: Made) -> None:
    board = board_of(window)
    qtbot.waitUntil(lambda: board.kind_box.count() > 1)
    choose(qtbot, board.kind_box, "Strength")
    assert board.columns[0].model.rowCount() == 3
    assert board.columns[1].model.rowCount() == 0
    assert board.columns[0].header.text().endswith("3 of 4 post-its")
    assert board.shown_label.text() == "Showing 3 of 6 post-its"
    choose(qtbot, board.source_box, "Document")
    assert texts(board.columns[0].model) == ["The position statement sets out four priorities"]
    qtbot.mouseClick(board.clear_button, Qt.MouseButton.LeftButton)
    assert board.shown_label.text() == "6 post-its"
    choose(qtbot, board.day_box, "Wed 04/03/2026")
    assert texts(board.columns[0].model) == ["Staff cannot say what the partnership is for"]
    assert texts(board.columns[1].model) == ["Put community services under one roof"]
    board.clear_filters()
    choose(qtbot, board.session_box, "03/03 Director of public health")
    assert texts(board.columns[0].model) == ["Leaders describe one shared ambition"]
    assert texts(board.columns[1].model) == ["Boards have no time to discuss partnership papers"]


def test_moving_a_card_while_filtered_keeps_the_hidden_ones(
        qtbot: QtBot, window: MainWindow, library: Library, made: Made) -> None:
    board = board_of(window)
    qtbot.waitUntil(lambda: board.kind_box.count() > 1)
    choose(qtbot, board.kind_box, "Strength")
    click_card(qtbot, board, 0, 2)  # the document's post-it, third of the strengths
    qtbot.keyClick(focused(), Qt.Key.Key_Up, CTRL)
    assert texts(board.columns[0].model)[1] == "The position statement sets out four priorities"
    p = made.postits
    assert reopened(window, library, made)[made.charts[0]] == [p["p1"], p["p4"], p["p2"],
                                                               p["p3"]]


def test_enter_on_a_card_opens_its_session(qtbot: QtBot, window: MainWindow,
                                           made: Made) -> None:
    board = board_of(window)
    click_card(qtbot, board, 0, 2)
    qtbot.keyClick(focused(), Qt.Key.Key_Return)
    page = page_of(window)
    assert page.tabs.tabText(page.tabs.currentIndex()).replace("&", "") == "In session"
    live = page.tab("In session")
    assert isinstance(live, LiveSessionTab)
    assert live.session is not None and live.session.id == made.sessions["fg"]
    assert live.heading.text().startswith("Front-line staff focus group")


def test_double_click_on_a_document_card_shows_the_document(
        qtbot: QtBot, window: MainWindow, made: Made) -> None:
    board = board_of(window)
    view = board.columns[0].view
    rect = view.visualRect(view.model().index(3, 0))
    qtbot.mouseClick(view.viewport(), LEFT, pos=rect.center())  # a double click: press,
    qtbot.mouseDClick(view.viewport(), LEFT, pos=rect.center())  # release, then again
    page = page_of(window)
    assert page.tabs.tabText(page.tabs.currentIndex()).replace("&", "") == "Documents"
    documents = page.tab("Documents")
    assert documents.current is not None  # type: ignore[attr-defined]
    assert documents.current.id == made.document  # type: ignore[attr-defined]


def test_board_keys_work_straight_after_clicking_its_tab(qtbot: QtBot,
                                                        window: MainWindow) -> None:
    """Ctrl+Shift+W and Ctrl+Shift+N need no chosen card, so they work with the focus still
    on the tab just clicked; the hidden timetable's Ctrl+Shift+N does not get in the way."""
    board = board_of(window)
    page = page_of(window)
    page.tabs.tabBar().setFocus()
    qtbot.waitUntil(lambda: page.tabs.tabBar().hasFocus())
    shift_ctrl = CTRL | Qt.KeyboardModifier.ShiftModifier
    qtbot.keyClick(focused(), Qt.Key.Key_W, shift_ctrl)
    assert board.whole_button.isChecked()
    assert all(column.isVisible() for column in board.columns)
    seen = on_next_dialog(lambda dialog: dialog.reject())
    qtbot.keyClick(focused(), Qt.Key.Key_N, shift_ctrl)
    assert seen == ["New finding"]
    window.activateWindow()  # the offscreen platform does not hand it back after a dialog
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
    qtbot.keyClick(page.tabs.tabBar(), Qt.Key.Key_W, shift_ctrl)
    assert not board.whole_button.isChecked()
