"""The timetable as a peer uses it: add a session from the keyboard, see it under its day,
see the next session marked, and start it with one key."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime, time, timedelta
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QDate, QModelIndex, Qt, QTime
from PySide6.QtWidgets import QApplication, QMessageBox, QWidget
from pytestqt.qtbot import QtBot

from peerdesk.capture import flip_charts
from peerdesk.capture.sessions import SessionDetails, SessionStore, local
from peerdesk.gui.capture.timetable.session_dialog import SessionDialog
from peerdesk.gui.capture.timetable.tab import NEXT_MARK, TimetableTab
from peerdesk.gui.shell import engagement_page
from peerdesk.gui.shell.main_window import MainWindow
from peerdesk.gui.shell.overview_tab import OverviewTab
from peerdesk.gui.widgets.context import GuiContext
from peerdesk.vault.library import Library
from tests.gui.engagement_window import (
    current_tab_title,
    mnemonic_clashes,
    notebook_id,
    page_of,
    window,
)
from tests.gui.helpers import on_next_dialog

__all__ = ["notebook_id", "window"]  # fixtures used below
SITE_VISITS = Path(__file__).parents[3] / "fixtures" / "templates" / "site-visits.json"


class StubLiveTab(QWidget):
    """Stands in for the live view: records which session it was asked to open."""

    tab_title = "&In session"

    def __init__(self, context: GuiContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.opened: list[int] = []

    def open_session(self, session_id: int) -> None:
        self.opened.append(session_id)


@pytest.fixture
def stub_live(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(engagement_page, "tab_factories",
                        lambda: [OverviewTab, TimetableTab, StubLiveTab])


def at(day: int, hour: int, minute: int = 0) -> datetime:
    return local(datetime(2026, 3, day, hour, minute))


def rows_under(tab: TimetableTab, day_label: str) -> list[list[str]]:
    """The rows a person sees under a day's heading, cell by cell."""
    model = tab.model
    for row in range(model.rowCount()):
        head = model.index(row, 0)
        if str(head.data()).startswith(day_label):
            return [[str(model.index(r, c, head).data() or "") for c in range(model.columnCount())]
                    for r in range(model.rowCount(head))]
    raise AssertionError(f"no day {day_label!r} in the timetable")


def closing_on_failure(action: Callable[[Any], None]) -> Callable[[Any], None]:
    """A dialog action that closes the dialog when an assertion fails, so the test reports
    the failure instead of waiting forever on the open dialog."""

    def run(dialog: Any) -> None:
        try:
            action(dialog)
        except BaseException:
            dialog.reject()
            raise

    return run


def day_headings(tab: TimetableTab) -> list[str]:
    return [str(tab.model.index(r, 0).data()) for r in range(tab.model.rowCount())]


def show_timetable(window: MainWindow) -> TimetableTab:
    tab = page_of(window).show_tab("Timetable")
    assert isinstance(tab, TimetableTab)
    return tab


def test_a_session_made_from_the_keyboard_appears_under_its_day(
        stub_live: None, qtbot: QtBot, window: MainWindow, library: Library,
        notebook_id: str) -> None:
    tab = show_timetable(window)
    assert day_headings(tab)[:3] == ["Monday evening: nothing planned yet",
                                     "Tuesday 03/03/2026  (today): nothing planned yet",
                                     "Wednesday 04/03/2026: nothing planned yet"]
    filled: list[str] = []

    def fill(dialog: SessionDialog) -> None:
        def tab_to(widget: QWidget) -> None:
            qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
            assert QApplication.focusWidget() is widget

        dialog.activateWindow()
        qtbot.waitUntil(lambda: QApplication.focusWidget() is dialog.title_edit)
        qtbot.keyClicks(dialog.title_edit, "Staff from the community trust")
        tab_to(dialog.kind_combo)
        qtbot.keyClicks(dialog.kind_combo, "Focus")
        tab_to(dialog.date_edit)
        qtbot.keyClicks(dialog.date_edit, "04032026")
        tab_to(dialog.unscheduled_check)
        tab_to(dialog.start_edit)
        qtbot.keyClicks(dialog.start_edit, "1400")
        filled.append(dialog.end_edit.time().toString("HH:mm"))  # the focus group's 90 min
        tab_to(dialog.end_edit)
        qtbot.keyClick(dialog.end_edit, Qt.Key.Key_Tab)  # Tab first steps to the minutes
        tab_to(dialog.place_edit)
        qtbot.keyClicks(dialog.place_edit, "Main hall")
        tab_to(dialog.partner_combo)
        qtbot.keyClicks(dialog.partner_combo, "Jordan")
        tab_to(dialog.part_combo)
        qtbot.keyClicks(dialog.part_combo, "Take")
        tab_to(dialog.count_spin)
        qtbot.keyClicks(dialog.count_spin, "10")
        filled.append(dialog.count_hint.text())
        tab_to(dialog.themes_list)
        qtbot.keyClick(dialog.themes_list, Qt.Key.Key_Space)
        qtbot.keyClick(dialog.themes_list, Qt.Key.Key_Down)
        qtbot.keyClick(dialog.themes_list, Qt.Key.Key_Down)
        qtbot.keyClick(dialog.themes_list, Qt.Key.Key_Space)
        qtbot.keyClick(dialog.themes_list, Qt.Key.Key_Return)

    seen = on_next_dialog(closing_on_failure(fill))
    tab.tree.setFocus()
    qtbot.keyClick(tab.tree, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier
                   | Qt.KeyboardModifier.ShiftModifier)
    assert seen == ["New session"]
    assert filled == ["15:30", "usually 8 to 12"]
    rows = rows_under(tab, "Wednesday 04/03/2026")
    assert rows == [["14:00–15:30", "Focus group", "Staff from the community trust",
                     "Main hall", "Take notes", "JL", ""]]
    assert tab.selected_id() is not None  # the new session is selected

    window.lock()
    with library.open(notebook_id) as notebook:
        [session] = SessionStore(notebook).list_all()
        charts = notebook.flip_charts()
        jordan = next(m for m in notebook.team() if m.name == "Jordan Lee")
    assert session.kind == "focus_group" and session.title == "Staff from the community trust"
    assert session.starts_at == at(4, 14) and session.ends_at == at(4, 15, 30)
    assert (session.place, session.my_part, session.partner_id) == ("Main hall", "notes",
                                                                    jordan.id)
    assert session.expected_participants == 10
    assert session.theme_ids == (charts[0].id, charts[2].id)


def test_a_session_that_ends_before_it_starts_is_refused_in_the_dialog(
        stub_live: None, qtbot: QtBot, window: MainWindow) -> None:
    tab = show_timetable(window)
    problems: list[str] = []

    def fill(dialog: SessionDialog) -> None:
        qtbot.keyClicks(dialog.title_edit, "Backwards")
        dialog.start_edit.setTime(QTime(11, 0))
        dialog.end_edit.setTime(QTime(10, 0))
        qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
        problems.append(dialog.problem_label.text())
        assert dialog.isVisible()
        dialog.reject()

    on_next_dialog(closing_on_failure(fill))
    tab.new_button.click()
    assert problems == ["The session ends before it starts."]
    assert SessionStore(window.notebook).list_all() == []  # type: ignore[arg-type]


def test_the_next_session_is_marked_and_selected_and_enter_starts_it(
        stub_live: None, qtbot: QtBot, window: MainWindow, clock: object) -> None:
    store = SessionStore(window.notebook)  # type: ignore[arg-type]
    clock.current = datetime(2026, 3, 3, 10, 40, tzinfo=UTC).astimezone()  # type: ignore[attr-defined]
    early = store.add(SessionDetails("Early breakfast briefing", "team_session", at(3, 8),
                                     at(3, 8, 45)))
    store.set_status(early.id, "done")
    store.add(SessionDetails("Leader of the council", "meeting", at(3, 11), place="Room 4"))
    store.add(SessionDetails("Afternoon meeting", "meeting", at(3, 14)))
    store.add(SessionDetails("Team dinner", "team_session", at(2, 19), at(2, 21)))
    store.add(SessionDetails("Read the position statement", "document_review"))
    store.add(SessionDetails("Call with the manager", "call", at(26, 10) - timedelta(days=28)))
    tab = show_timetable(window)

    assert mnemonic_clashes(window) == []
    headings = day_headings(tab)
    assert headings[:2] == ["Before on site", "Monday evening"]
    assert rows_under(tab, "Before on site")[0][:3] == ["Thu 26/02/2026 10:00–10:30", "Call",
                                                        "Call with the manager"]
    assert headings[2] == "Tuesday 03/03/2026  (today)"
    assert headings[-1] == "Not scheduled yet"
    tuesday = rows_under(tab, "Tuesday 03/03/2026")
    assert [r[0] for r in tuesday] == ["08:00–08:45", f"{NEXT_MARK} 11:00–12:00",
                                       "14:00–15:00"]
    # status in words, not colour; a past session without notes says so
    assert [r[6] for r in tuesday] == ["Done · no notes", "", ""]
    marked = [r[2] for r in tuesday if r[0].startswith(NEXT_MARK)]
    assert marked == ["Leader of the council"]
    current = tab.tree.currentIndex()
    assert current.siblingAtColumn(2).data() == "Leader of the council"
    assert current.siblingAtColumn(2).data(Qt.ItemDataRole.FontRole).bold()
    assert "Leader of the council, 11:00–12:00, Room 4" in tab.summary.text()

    qtbot.waitUntil(lambda: window.focusWidget() is tab.tree)  # the list is ready for Enter
    qtbot.keyClick(tab.tree, Qt.Key.Key_Return)
    live = page_of(window).tab("In session")
    assert isinstance(live, StubLiveTab)
    leader = next(s for s in store.list_all() if s.title == "Leader of the council")
    assert live.opened == [leader.id]
    assert current_tab_title(window) == "In session"


def test_double_click_and_the_button_start_the_chosen_session(
        stub_live: None, qtbot: QtBot, window: MainWindow) -> None:
    store = SessionStore(window.notebook)  # type: ignore[arg-type]
    first = store.add(SessionDetails("Chief nurse", "meeting", at(4, 9)))
    second = store.add(SessionDetails("Medical director", "meeting", at(4, 10)))
    tab = show_timetable(window)
    assert tab.select_session(second.id)
    index: QModelIndex = tab.tree.currentIndex()
    rect = tab.tree.visualRect(index)
    qtbot.mouseClick(tab.tree.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    qtbot.mouseDClick(tab.tree.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    live = page_of(window).tab("In session")
    assert isinstance(live, StubLiveTab)
    assert live.opened == [second.id]
    page_of(window).show_tab("Timetable")
    tab.select_session(first.id)
    qtbot.mouseClick(tab.start_button, Qt.MouseButton.LeftButton)
    assert live.opened == [second.id, first.id]


def test_deleting_a_session_asks_first(stub_live: None, qtbot: QtBot,
                                       window: MainWindow) -> None:
    store = SessionStore(window.notebook)  # type: ignore[arg-type]
    kept = store.add(SessionDetails("Chief nurse", "meeting", at(4, 9)))
    gone = store.add(SessionDetails("Medical director", "meeting", at(4, 10)))
    tab = show_timetable(window)
    tab.select_session(gone.id)

    def answer(box: QMessageBox) -> None:
        assert "Medical director" in box.text()
        box.button(QMessageBox.StandardButton.Yes).click()

    seen = on_next_dialog(closing_on_failure(answer))
    tab.tree.setFocus()
    qtbot.keyClick(tab.tree, Qt.Key.Key_Delete)
    assert seen == ["Delete session"]
    assert [s.id for s in store.list_all()] == [kept.id]
    assert [r[2] for r in rows_under(tab, "Wednesday 04/03/2026")] == ["Chief nurse"]


def test_the_real_live_tab_opens_from_the_timetable(qtbot: QtBot, window: MainWindow) -> None:
    """With the app's own tabs: Enter on a session switches to the "In session" tab."""
    titles = [page_of(window).tabs.tabText(i).replace("&", "")
              for i in range(page_of(window).tabs.count())]
    assert titles[:2] == ["Overview", "Timetable"]
    if "In session" not in titles:
        pytest.skip("the live session view is not in this build yet")
    assert titles.index("Documents") > titles.index("In session")
    store = SessionStore(window.notebook)  # type: ignore[arg-type]
    session = store.add(SessionDetails("Director of public health", "meeting",
                                       local(datetime.combine(window.clock.now().date(),
                                                              time(23, 0)))))
    tab = show_timetable(window)
    assert tab.selected_id() == session.id
    qtbot.keyClick(tab.tree, Qt.Key.Key_Return)
    assert current_tab_title(window) == "In session"


def test_a_type_of_session_the_template_adds_is_offered_with_its_own_length(
        stub_live: None, qtbot: QtBot, window: MainWindow) -> None:
    notebook = window.notebook
    assert notebook is not None
    flip_charts.apply_template_file(notebook, SITE_VISITS)
    tab = show_timetable(window)
    offered: list[str] = []

    def fill(dialog: SessionDialog) -> None:
        offered.extend(dialog.kind_combo.itemText(i) for i in range(dialog.kind_combo.count()))
        qtbot.keyClicks(dialog.title_edit, "Walk round Elm House")
        dialog.kind_combo.setFocus()
        qtbot.keyClicks(dialog.kind_combo, "Site")
        dialog.date_edit.setDate(QDate(2026, 3, 3))
        dialog.start_edit.setTime(QTime(10, 0))
        offered.append(dialog.end_edit.time().toString("HH:mm"))
        qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)

    on_next_dialog(closing_on_failure(fill))
    tab.new_button.click()
    assert offered[-3:] == ["Site visit (120 min)", "Case-file audit (60 min)", "12:00"]
    rows = rows_under(tab, "Tuesday 03/03/2026")
    assert [r[:3] for r in rows] == [[f"{NEXT_MARK} 10:00–12:00", "Site visit",
                                      "Walk round Elm House"]]
    [session] = SessionStore(notebook).list_all()
    assert (session.kind, session.kind_label) == ("site_visit", "Site visit")
