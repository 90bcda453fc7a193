"""The check from the keyboard, one place at a time, and Check a text, as a peer uses them."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from peerdesk.gui.shell.main_window import MainWindow
from tests import summary_fixture
from tests.gui.engagement_window import notebook_id, window
from tests.gui.summary.test_summary_tab import WAIT_MS, notebook_of, open_summary, wait_for_preview

__all__ = ["notebook_id", "window"]  # fixtures used below

CLEAR = ("No known names, roles, numbers or addresses found. Read it once more for anything "
         "only you would recognise.")


def test_hits_resolve_from_the_keyboard_one_place_at_a_time(qtbot: QtBot,
                                                            window: MainWindow) -> None:
    notebook = notebook_of(window)
    fx = summary_fixture.build(notebook)
    chart = fx.charts[3][0]
    first = summary_fixture.add_finding(notebook, chart, "Ann Webb runs the clinic")
    second = summary_fixture.add_finding(notebook, chart, "Ann Webb runs the clinic")
    tab = open_summary(qtbot, window)
    qtbot.keyClick(tab, Qt.Key.Key_K, Qt.KeyboardModifier.AltModifier)
    cards = tab.attribution.cards
    assert [c.hit.source.owner_id for c in cards] == [first, second]
    assert cards[0].reason.text() == "Why: the name of a participant in the notebook."
    qtbot.waitUntil(lambda: cards[0].isAncestorOf(QApplication.focusWidget()),
                    timeout=WAIT_MS)
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Down)
    assert cards[1].isAncestorOf(QApplication.focusWidget())
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_N)
    wait_for_preview(qtbot, tab)
    # Only the second place is accepted: the same words in the first are still open.
    open_ = [c.hit.source.owner_id for c in tab.attribution.cards if not c.accepted]
    done = [c.hit.source.owner_id for c in tab.attribution.cards if c.accepted]
    assert (open_, done) == ([first], [second])
    assert tab.views.tabText(0) == "Chec&k: 1 to resolve"
    card = tab.attribution.cards[0]
    card.first_button().setFocus()  # type: ignore[union-attr]
    qtbot.keyClick(card.first_button(), Qt.Key.Key_E)
    assert card.editor is not None and card.editor.hasFocus()
    assert card.editor.textCursor().selectedText() == "Ann Webb"
    qtbot.keyClicks(card.editor, "A nurse")
    qtbot.keyClick(card.editor, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    wait_for_preview(qtbot, tab)
    assert tab.views.tabText(0) == "Chec&k: clear"
    assert tab.attribution.status_label.text().startswith("Nothing is left to resolve. " + CLEAR)


def test_check_a_text_shows_each_hit_in_context_and_forgets_the_text(
        qtbot: QtBot, window: MainWindow) -> None:
    summary_fixture.build(notebook_of(window))
    tab = open_summary(qtbot, window)
    qtbot.keyClick(tab, Qt.Key.Key_H, Qt.KeyboardModifier.AltModifier)
    panel = tab.check_text
    assert tab.views.currentWidget() is panel
    qtbot.waitUntil(lambda: panel.editor.hasFocus(), timeout=WAIT_MS)
    qtbot.keyClicks(panel.editor, "Dear Priya, the DPH says John Barker is on 07700 900123.")
    qtbot.keyClick(panel.editor, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: bool(panel.hits), timeout=WAIT_MS)
    assert [(h.term, h.category.text) for h in panel.hits] == [
        ("DPH", "Role only one person holds"),
        ("John Barker", "Looks like a person's name"),
        ("07700 900123", "Phone number")]
    assert panel.status_label.text().startswith("3 things in this text could identify")
    cards = [w for w in panel.list_host.children() if hasattr(w, "accessibleName")
             and w.accessibleName().endswith("on line 1")]
    assert len(cards) == 3
    qtbot.keyClicks(panel.editor, " More.")
    assert "has changed since it was checked" in panel.status_label.text()

    panel.editor.setPlainText("The board meets monthly and the plan is clear.")
    qtbot.mouseClick(panel.check_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: panel.status_label.text() == CLEAR, timeout=WAIT_MS)
    assert panel.hits == []

    window.lock()
    assert panel.editor.toPlainText() == "" and panel.hits == []
