"""The live session view as a peer uses it in a meeting: notes, prompts, timers, post-its."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime

import pytest
from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QFont, QTextDocument
from PySide6.QtWidgets import QApplication, QLabel, QWidget
from pytestqt.qtbot import QtBot

from peerdesk.capture.focus_groups import FocusGroupStore
from peerdesk.capture.postits import PostitStore
from peerdesk.capture.sessions import Participant, SessionDetails, SessionStore
from peerdesk.gui.capture.live_session_tab import LiveSessionTab
from peerdesk.gui.capture.notes_editor import NOT_SAVED
from peerdesk.gui.shell.main_window import MainWindow
from peerdesk.vault.clock import ManualClock
from peerdesk.vault.library import Library
from peerdesk.vault.paths import AppPaths
from peerdesk.vault.template import CONFIDENTIALITY_KEY
from tests.conftest import PASSPHRASE, sample_details
from tests.gui.helpers import close_engagement, shown_window, visible_texts

CTRL = Qt.KeyboardModifier.ControlModifier
SHIFT = Qt.KeyboardModifier.ShiftModifier


@dataclass
class Made:
    notebook_id: str
    meeting: int
    focus_group: int


@pytest.fixture
def made(library: Library) -> Made:
    with library.create(sample_details(), PASSPHRASE) as notebook:
        store = SessionStore(notebook)
        meeting = store.add(SessionDetails(
            "Director of adult social services", "meeting",
            datetime(2026, 3, 3, 9, 0, tzinfo=UTC), place="Room 4", my_part="notes"))
        group = store.add(SessionDetails(
            "Front-line staff focus group", "focus_group",
            datetime(2026, 3, 3, 11, 0, tzinfo=UTC)))
        return Made(notebook.id, meeting.id, group.id)


@pytest.fixture
def window(qtbot: QtBot, paths: AppPaths, library: Library,
           clock: ManualClock) -> Iterator[MainWindow]:
    win = shown_window(qtbot, paths, clock, library)
    win.activateWindow()
    yield win
    close_engagement(win)


def start(qtbot: QtBot, window: MainWindow, made: Made, session_id: int) -> LiveSessionTab:
    assert window.open_notebook(made.notebook_id)
    assert window.page is not None
    window.page.start_session(session_id)
    live = window.page.tab("In session")
    assert isinstance(live, LiveSessionTab)
    qtbot.waitUntil(live.editor.hasFocus, timeout=30_000)
    return live


def focused() -> QWidget:
    widget = QApplication.focusWidget()
    assert widget is not None
    return widget


def press(qtbot: QtBot, key: Qt.Key | str,
          mods: Qt.KeyboardModifier = Qt.KeyboardModifier.NoModifier) -> None:
    """A key press sent where the keyboard is, as a person would type it."""
    qtbot.keyClick(focused(), key, mods)


def seen(label: QLabel) -> str:
    """A rich-text label's words as they read on screen."""
    doc = QTextDocument()
    doc.setHtml(label.text())
    return doc.toPlainText().replace("\xa0", " ")


def reopened_notes(window: MainWindow, library: Library, made: Made, session_id: int) -> str:
    window.lock()
    with library.open(made.notebook_id, PASSPHRASE) as notebook:
        return SessionStore(notebook).notes(session_id)


def test_start_opens_the_notes_ready_to_type(qtbot: QtBot, window: MainWindow,
                                             made: Made) -> None:
    live = start(qtbot, window, made, made.meeting)
    assert "Director of adult social services" in live.heading.text()
    assert "Meeting with individuals" in live.heading.text()
    assert window.page is not None
    assert window.page.tabs.tabText(window.page.tabs.currentIndex()) == "&In session"
    assert window.notebook is not None
    stored = SessionStore(window.notebook).get(made.meeting)
    assert stored.status == "live" and stored.started_at is not None


def test_typed_notes_are_saved_without_a_save_button(
        qtbot: QtBot, window: MainWindow, made: Made, library: Library) -> None:
    live = start(qtbot, window, made, made.meeting)
    qtbot.keyClicks(live.editor, "Three priorities, stated the same way by all partners.")
    qtbot.keyClick(live.editor, Qt.Key.Key_Return)
    qtbot.keyClicks(live.editor, "Governance not yet tested by a hard decision.")
    assert live.save_status.text() == "Saving…"
    qtbot.waitUntil(lambda: live.save_status.text().startswith("Saved "), timeout=30_000)
    assert live.save_status.text() == "Saved " + datetime(
        2026, 3, 3, 9, 0, tzinfo=UTC).astimezone().strftime("%H:%M:%S")
    assert window.notebook is not None
    assert SessionStore(window.notebook).notes(made.meeting).endswith("hard decision.")
    assert reopened_notes(window, library, made, made.meeting) == (
        "Three priorities, stated the same way by all partners.\n"
        "Governance not yet tested by a hard decision.")


def test_the_save_status_never_resizes_the_view_and_is_never_cut_off(
        qtbot: QtBot, window: MainWindow, made: Made) -> None:
    live = start(qtbot, window, made, made.meeting)
    status = live.save_status
    layouts: list[QEvent.Type] = []

    class Count(QObject):
        def eventFilter(self, watched: QObject, event: QEvent) -> bool:
            if event.type() == QEvent.Type.LayoutRequest:
                layouts.append(event.type())
            return False

    counter = Count()
    live.installEventFilter(counter)

    def settled() -> bool:
        """True once a whole round of events lays nothing out: what opening the session
        asked for is done, however slow the machine."""
        layouts.clear()
        QApplication.sendPostedEvents()
        QApplication.processEvents()
        return not layouts

    qtbot.waitUntil(settled, timeout=30_000)
    size = status.size()
    assert status.minimumSize() == status.maximumSize() == size  # Qt never relays it out
    for words in ("Saving…", "Saved 09:00:00", NOT_SAVED, "All saved", "Saving…"):
        status.setText(words)
        QApplication.sendPostedEvents()
        QApplication.processEvents()
        assert status.size() == size
        assert status.fontMetrics().horizontalAdvance(words) <= status.contentsRect().width()
    assert layouts == []  # typing never waits for the view to be laid out again
    bigger = QFont(status.font())
    bigger.setPointSizeF(bigger.pointSizeF() * 2)
    status.setFont(bigger)  # as Settings > Text size does
    assert status.fontMetrics().horizontalAdvance(NOT_SAVED) <= status.contentsRect().width()
    assert status.height() >= status.fontMetrics().height()
    live.removeEventFilter(counter)


def test_locking_straight_after_typing_keeps_the_last_words(
        qtbot: QtBot, window: MainWindow, made: Made, library: Library) -> None:
    live = start(qtbot, window, made, made.meeting)
    qtbot.keyClicks(live.editor, "typed just before the lock")
    window.lock_action.trigger()  # before the pause timer has run out
    assert live.editor.toPlainText() == ""  # nothing left in the view
    with library.open(made.notebook_id, PASSPHRASE) as notebook:
        assert SessionStore(notebook).notes(made.meeting) == "typed just before the lock"


def test_reopening_puts_the_cursor_after_the_notes(
        qtbot: QtBot, window: MainWindow, made: Made, library: Library) -> None:
    live = start(qtbot, window, made, made.meeting)
    qtbot.keyClicks(live.editor, "first part")
    qtbot.waitUntil(lambda: live.save_status.text().startswith("Saved "), timeout=30_000)
    assert window.page is not None
    window.page.start_session(made.focus_group)  # switching flushes the first one
    window.page.start_session(made.meeting)
    qtbot.waitUntil(live.editor.hasFocus, timeout=30_000)
    assert live.editor.textCursor().position() == len("first part")
    qtbot.keyClicks(live.editor, ", then more")
    assert reopened_notes(window, library, made, made.meeting) == "first part, then more"


def test_ticking_prompts_records_them_and_the_confidentiality_time(
        qtbot: QtBot, window: MainWindow, made: Made, clock: ManualClock) -> None:
    live = start(qtbot, window, made, made.meeting)
    texts = visible_texts(live.prompts)
    assert "Opening: 0 of 6 done" in texts and "Close: 0 of 3 done" in texts
    assert "Not yet explained" in texts
    clock.advance(120)
    box = live.prompts.boxes[CONFIDENTIALITY_KEY]
    qtbot.mouseClick(box, Qt.MouseButton.LeftButton)
    assert box.isChecked()
    expected = datetime(2026, 3, 3, 9, 2, tzinfo=UTC).astimezone().strftime("%H:%M")
    assert live.prompts.explained is not None
    assert live.prompts.explained.text() == f"Explained at {expected}"
    assert "Opening: 1 of 6 done" in visible_texts(live.prompts)
    assert live.editor.hasFocus(), "a click on the checklist leaves the cursor in the notes"
    # the words of a prompt tick it too, still without taking the cursor
    words = [w for w in live.prompts.findChildren(QWidget)
             if getattr(w, "box", None) is live.prompts.boxes["thanks"]]
    qtbot.mouseClick(words[0], Qt.MouseButton.LeftButton)
    assert live.prompts.boxes["thanks"].isChecked()
    assert live.editor.hasFocus()
    assert window.notebook is not None
    sessions = SessionStore(window.notebook)
    assert set(sessions.ticks(made.meeting)) == {CONFIDENTIALITY_KEY, "thanks"}
    confidentiality_at = sessions.get(made.meeting).confidentiality_at
    assert confidentiality_at == datetime(2026, 3, 3, 9, 2, tzinfo=UTC)


def test_f6_goes_to_the_prompts_and_back_by_keyboard(
        qtbot: QtBot, window: MainWindow, made: Made) -> None:
    live = start(qtbot, window, made, made.meeting)
    press(qtbot, Qt.Key.Key_F6)
    assert focused() is live.prompts.boxes["agree_roles"]
    press(qtbot, Qt.Key.Key_Return)  # Enter ticks (a space would be typing: see below)
    assert live.prompts.boxes["agree_roles"].isChecked()
    press(qtbot, Qt.Key.Key_Tab)
    assert focused() is live.prompts.boxes["agree_themes"]
    press(qtbot, Qt.Key.Key_Escape)
    assert focused() is live.editor
    press(qtbot, Qt.Key.Key_F6)
    assert focused() is live.prompts.boxes["agree_themes"]  # the first not yet ticked
    press(qtbot, Qt.Key.Key_F6)
    assert focused() is live.editor
    assert window.notebook is not None
    assert set(SessionStore(window.notebook).ticks(made.meeting)) == {"agree_roles"}


def test_postit_from_the_current_line_by_keyboard_only(
        qtbot: QtBot, window: MainWindow, made: Made, library: Library) -> None:
    live = start(qtbot, window, made, made.meeting)
    qtbot.keyClicks(live.editor, "Partners describe the vision differently")
    press(qtbot, Qt.Key.Key_K, CTRL)
    assert live.bar.isVisible() and focused() is live.bar
    assert live.bar.text.text() == "Partners describe the vision differently"
    assert "4 Governance and accountability" in seen(live.bar.chart_list)
    assert "S Strength · A Area to explore · G Suggestion" in seen(live.bar.kind_list)
    press(qtbot, "1")
    press(qtbot, "a")
    assert "[✓ 1 Shared vision and priorities]" in seen(live.bar.chart_list)
    assert "[✓ A Area to explore]" in seen(live.bar.kind_list)
    press(qtbot, Qt.Key.Key_Return)
    assert not live.bar.isVisible()
    assert focused() is live.editor
    assert live.postits.list.count() == 1
    assert live.postits.list.item(0).text() == (
        "Area to explore · on 1 Shared vision and priorities: Partners describe the vision "
        "differently (AM)")
    assert window.notebook is not None
    charts = window.notebook.flip_charts()
    window.lock()
    with library.open(made.notebook_id, PASSPHRASE) as notebook:
        [postit] = PostitStore(notebook).list_for_session(made.meeting)
    assert (postit.flip_chart_id, postit.kind, postit.session_id, postit.initials) == (
        charts[0].id, "area_to_explore", made.meeting, "AM")
    assert postit.text == "Partners describe the vision differently"
    assert postit.source_kind == "meeting"


def test_postit_from_a_selection_edited_then_changed_and_moved(
        qtbot: QtBot, window: MainWindow, made: Made) -> None:
    live = start(qtbot, window, made, made.meeting)
    qtbot.keyClicks(live.editor, "Said: the place boards decide little")
    for _ in range(len("the place boards decide little")):
        press(qtbot, Qt.Key.Key_Left, SHIFT)
    press(qtbot, Qt.Key.Key_K, CTRL)
    assert live.bar.text.text() == "the place boards decide little"
    press(qtbot, "5")
    press(qtbot, "o")
    press(qtbot, Qt.Key.Key_Tab)
    assert focused() is live.bar.text
    press(qtbot, Qt.Key.Key_End)
    qtbot.keyClicks(live.bar.text, " yet")
    press(qtbot, Qt.Key.Key_Return)
    assert focused() is live.editor
    assert live.editor.toPlainText() == "Said: the place boards decide little"  # untouched
    # Esc closes the bar without filing anything
    press(qtbot, Qt.Key.Key_K, CTRL)
    press(qtbot, Qt.Key.Key_Escape)
    assert not live.bar.isVisible() and focused() is live.editor
    assert live.postits.list.count() == 1
    # change and move it: to the list, Enter, a number, a letter, Enter
    live.postits.list.setFocus()
    live.postits.list.setCurrentRow(0)
    press(qtbot, Qt.Key.Key_Return)
    assert live.bar.isVisible() and live.bar.title.text() == "Change post-it:"
    assert focused() is live.bar, "it opens choosing, as a new post-it with text does"
    press(qtbot, "2")
    press(qtbot, "s")
    press(qtbot, Qt.Key.Key_Return)
    assert window.notebook is not None
    charts = window.notebook.flip_charts()
    [postit] = PostitStore(window.notebook).list_for_session(made.meeting)
    assert (postit.flip_chart_id, postit.kind, postit.text) == (
        charts[1].id, "strength", "the place boards decide little yet")
    assert live.postits.list.item(0).text().startswith("Strength · on 2 Ownership across partners:")


def test_focus_group_timer_feedback_and_recommendations(
        qtbot: QtBot, window: MainWindow, made: Made, clock: ManualClock,
        library: Library) -> None:
    live = start(qtbot, window, made, made.focus_group)
    assert live.timers.isVisible()
    first, second = live.timers.rows
    assert first.clock.text() == "10:00 left" and second.clock.text() == "10:00 left"
    assert first.toggle_button.text() == "Start (F7)"
    qtbot.mouseClick(first.toggle_button, Qt.MouseButton.LeftButton)
    assert live.editor.hasFocus(), "starting the timer leaves the cursor in the notes"
    clock.advance(139)
    qtbot.waitUntil(lambda: first.clock.text() == "07:41 left", timeout=30_000)
    press(qtbot, Qt.Key.Key_F7)  # pause from the keyboard
    assert first.clock.text() == "07:41 left (paused)"
    clock.advance(100)
    press(qtbot, Qt.Key.Key_F7)
    clock.advance(460)
    qtbot.waitUntil(lambda: first.clock.text() == "00:01 left", timeout=30_000)
    clock.advance(1)
    qtbot.waitUntil(lambda: first.clock.text().startswith("Time is up"), timeout=30_000)
    assert second.clock.text() == "10:00 left"
    assert window.notebook is not None
    state = FocusGroupStore(window.notebook).exercises(made.focus_group)["good_at"]
    assert state.finished_at is not None and state.elapsed_seconds >= 600

    live.side.setCurrentWidget(live.groups_page)
    groups = live.groups
    groups.feedback_edit.setFocus()
    qtbot.keyClicks(groups.feedback_edit, "Staff feel listened to on discharge")
    press(qtbot, Qt.Key.Key_Return)
    qtbot.keyClicks(groups.feedback_edit, "Good joint working in the east locality")
    press(qtbot, Qt.Key.Key_Return)
    assert groups.group_edit.text() == "Group 3"
    assert groups.feedback_list.item(1).text().startswith(
        "Group 2: Good joint working in the east locality")
    groups.chart_choice.setCurrentIndex(6)
    groups.rec_edit.setFocus()
    qtbot.keyClicks(groups.rec_edit, "Fund one shared engagement team")
    press(qtbot, Qt.Key.Key_Return)
    assert "1 recommendation so far" in groups.rec_count.text()
    assert live.postits.list.item(0).text().startswith(
        "Participant recommendation · on 7 Engaging people and partners: "
        "Fund one shared engagement team")
    press(qtbot, Qt.Key.Key_F8)  # the second exercise starts: feedback now answers it
    assert groups.exercise_choice.currentText() == "2. Where it needs to improve"
    window.lock()
    with library.open(made.notebook_id, PASSPHRASE) as notebook:
        feedback = FocusGroupStore(notebook).feedback(made.focus_group)
        [rec] = PostitStore(notebook).list_for_session(made.focus_group)
        charts = notebook.flip_charts()
    assert [(f.group_label, f.exercise_key) for f in feedback] == [
        ("Group 1", "good_at"), ("Group 2", "good_at")]
    assert (rec.kind, rec.flip_chart_id, rec.initials) == (
        "participant_recommendation", charts[6].id, "AM")


def test_timer_carries_on_after_a_lock(
        qtbot: QtBot, window: MainWindow, made: Made, clock: ManualClock) -> None:
    live = start(qtbot, window, made, made.focus_group)
    press(qtbot, Qt.Key.Key_F8)
    clock.advance(30)
    window.lock()
    window.locked_this_run.clear()  # the credential store opens it again, no passphrase
    assert window.open_notebook(made.notebook_id)
    assert window.page is not None
    window.page.start_session(made.focus_group)
    live = window.page.tab("In session")
    assert isinstance(live, LiveSessionTab)
    assert live.timers.rows[1].clock.text() == "09:30 left (paused)"


def test_participants_by_role_with_an_optional_personal_name(
        qtbot: QtBot, window: MainWindow, made: Made) -> None:
    live = start(qtbot, window, made, made.focus_group)
    panel = live.participants
    live.side.setCurrentWidget(live.participants_page)
    panel.role_edit.setFocus()
    qtbot.keyClicks(panel.role_edit, "Ward sister")
    qtbot.keyClicks(panel.org_edit, "Northvale Hospital")
    press(qtbot, Qt.Key.Key_Return)
    qtbot.keyClicks(panel.role_edit, "Social worker")
    qtbot.keyClicks(panel.name_edit, "Robin Example")
    press(qtbot, Qt.Key.Key_Return)
    assert panel.list.item(0).text() == "Ward sister, Northvale Hospital"
    assert panel.list.item(1).text() == (
        "Social worker, Northvale Hospital · name: Robin Example [personal data]")
    assert panel.summary.text() == "2 participants recorded, 1 with a name (personal data)"
    assert "never goes into anything peerdesk exports" in visible_texts(panel)
    assert window.notebook is not None
    people = SessionStore(window.notebook).participants(made.focus_group)
    assert people == [
        Participant("Ward sister", "Northvale Hospital", None, id=people[0].id,
                    session_id=made.focus_group),
        Participant("Social worker", "Northvale Hospital", "Robin Example", id=people[1].id,
                    session_id=made.focus_group)]


def test_lock_clears_the_view_and_stops_the_writer(
        qtbot: QtBot, window: MainWindow, made: Made) -> None:
    live = start(qtbot, window, made, made.focus_group)
    writer = live.editor.writer
    assert writer is not None and writer.alive
    press(qtbot, Qt.Key.Key_F7)
    qtbot.keyClicks(live.editor, "confidential words")
    live.teardown()
    assert not writer.alive
    assert live.editor.toPlainText() == "" and live.postits.list.count() == 0
    assert not live.timers.ticker.isActive()
    assert "confidential" not in visible_texts(live)


def test_a_running_exercise_holds_off_the_idle_lock(
        qtbot: QtBot, window: MainWindow, made: Made, clock: ManualClock) -> None:
    live = start(qtbot, window, made, made.focus_group)
    qtbot.mouseClick(live.done_button, Qt.MouseButton.LeftButton)  # the session no longer
    first = live.timers.rows[0]                                    # holds the lock off
    qtbot.mouseClick(first.toggle_button, Qt.MouseButton.LeftButton)
    for _ in range(9):  # nine quiet minutes while the small groups talk
        clock.advance(60)
        window.check_idle()
    assert window.notebook is not None, "locked in the middle of a timed exercise"
    press(qtbot, Qt.Key.Key_F7)  # the exercise is paused: quiet time counts again
    clock.advance(window.idle.minutes * 60 + 1)
    window.check_idle()
    assert window.notebook is None
