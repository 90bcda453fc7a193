"""In the meeting, keyboard first: no lock on idle, Esc back to the notes from anywhere,
Tab and typing never lost, one post-it bar behaviour, Delete and undo, the themes'
questions beside the notes, and the meeting clock."""

from __future__ import annotations

from datetime import UTC, datetime

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence, QShortcut
from pytestqt.qtbot import QtBot

from peerdesk.capture.postits import PostitStore
from peerdesk.capture.sessions import Participant, SessionStore
from peerdesk.gui.capture.live.meeting_clock import clock_text
from peerdesk.gui.capture.live_session_tab import LIVE_GRACE
from peerdesk.gui.capture.postit_bar import CHOOSING_KEYS, INITIALS_KEYS, TYPING_KEYS
from peerdesk.gui.shell.main_window import MainWindow
from peerdesk.synthesis.board import BoardReader
from peerdesk.synthesis.findings import FindingStore
from peerdesk.vault.clock import ManualClock
from peerdesk.vault.library import Library
from tests.gui.capture.test_live_session import (
    Made,
    focused,
    made,
    press,
    seen,
    start,
    window,
)

__all__ = ["made", "window"]
CTRL = Qt.KeyboardModifier.ControlModifier
SHIFT = Qt.KeyboardModifier.ShiftModifier
ALT = Qt.KeyboardModifier.AltModifier


def test_a_live_session_never_locks_on_idle(
        qtbot: QtBot, window: MainWindow, made: Made, clock: ManualClock) -> None:
    live = start(qtbot, window, made, made.meeting)  # 09:00-10:00
    for _ in range(50):  # fifty quiet minutes of listening, nothing typed
        clock.advance(60)
        window.check_idle()
    assert window.notebook is not None, "locked in the middle of a meeting"
    assert live.session is not None
    qtbot.mouseClick(live.done_button, Qt.MouseButton.LeftButton)  # the meeting is over
    clock.advance(window.idle.minutes * 60 + 1)
    window.check_idle()
    assert window.notebook is None, "outside a session the idle lock applies again"


def test_a_session_left_open_long_after_its_slot_locks_on_idle(
        qtbot: QtBot, window: MainWindow, made: Made, clock: ManualClock) -> None:
    start(qtbot, window, made, made.meeting)  # 09:00-10:00, never marked done
    clock.advance(3600 + LIVE_GRACE.total_seconds() - window.idle.minutes * 60)
    window.check_idle()
    assert window.notebook is not None, "a meeting that overruns is still a meeting"
    clock.advance(window.idle.minutes * 60 + 1)
    window.check_idle()
    assert window.notebook is None


def test_esc_from_any_side_panel_returns_to_the_notes_at_the_same_cursor(
        qtbot: QtBot, window: MainWindow, made: Made) -> None:
    live = start(qtbot, window, made, made.focus_group)
    qtbot.keyClicks(live.editor, "First line")
    qtbot.keyClick(live.editor, Qt.Key.Key_Return)
    qtbot.keyClicks(live.editor, "Second line")
    cursor = live.editor.textCursor()
    cursor.setPosition(5)
    live.editor.setTextCursor(cursor)
    places = [live.participants.role_edit, live.participants.name_edit,
              live.groups.feedback_edit, live.groups.rec_edit, live.questions.list,
              live.postits.list, live.chooser]
    for place in places:
        for index in range(live.side.count()):
            page = live.side.widget(index)
            if page.isAncestorOf(place):
                live.side.setCurrentIndex(index)
        place.setFocus()
        qtbot.waitUntil(place.hasFocus, timeout=30_000)
        press(qtbot, Qt.Key.Key_Escape)
        assert focused() is live.editor, place.accessibleName()
        assert live.editor.textCursor().position() == 5
    qtbot.keyClicks(live.editor, "X")  # the next words go into the notes, nowhere else
    assert live.editor.toPlainText() == "FirstX line\nSecond line"
    assert window.notebook is not None
    assert SessionStore(window.notebook).participants(made.focus_group) == []


def test_tab_in_the_notes_indents_and_loses_no_letter(
        qtbot: QtBot, window: MainWindow, made: Made) -> None:
    live = start(qtbot, window, made, made.meeting)
    for key in ("V", "i", "s", "i", "o", "n", Qt.Key.Key_Return, Qt.Key.Key_Tab, "o", "n",
                "e", Qt.Key.Key_Tab, "x"):
        press(qtbot, key)
    assert focused() is live.editor
    assert live.editor.toPlainText() == "Vision\n\tone\tx"


def test_typing_in_the_prompts_goes_to_the_notes_and_never_ticks_a_box(
        qtbot: QtBot, window: MainWindow, made: Made) -> None:
    live = start(qtbot, window, made, made.meeting)
    qtbot.keyClicks(live.editor, "Opening:")
    press(qtbot, Qt.Key.Key_F6)
    box = focused()
    assert box in live.prompts.boxes.values()
    for key in (" ", "w", "e", " ", "a", "g", "r", "e", "e", "d"):
        press(qtbot, key)
    assert focused() is live.editor
    assert live.editor.toPlainText() == "Opening: we agreed"
    assert not any(b.isChecked() for b in live.prompts.boxes.values())
    assert window.notebook is not None
    assert SessionStore(window.notebook).ticks(made.meeting) == {}


def test_the_post_it_bar_behaves_the_same_for_a_new_post_it_and_a_filed_one(
        qtbot: QtBot, window: MainWindow, made: Made) -> None:
    live = start(qtbot, window, made, made.meeting)
    qtbot.keyClicks(live.editor, "Shared evidence base")
    press(qtbot, Qt.Key.Key_K, CTRL)
    assert focused() is live.bar and live.bar.keys.text() == CHOOSING_KEYS
    press(qtbot, "3")  # a digit picks the chart: the text stays as it was
    assert live.bar.text.text() == "Shared evidence base"
    assert live.bar.chart() is not None and live.bar.chart().title == "Leadership"
    press(qtbot, Qt.Key.Key_Return)
    live.postits.list.setFocus()
    live.postits.list.setCurrentRow(0)
    press(qtbot, Qt.Key.Key_Return)  # "Change or move"
    assert focused() is live.bar and live.bar.keys.text() == CHOOSING_KEYS
    press(qtbot, "2")
    assert live.bar.text.text() == "Shared evidence base"  # never "Shared evidence base2"
    press(qtbot, Qt.Key.Key_Return)
    assert window.notebook is not None
    charts = window.notebook.flip_charts()
    [postit] = PostitStore(window.notebook).list_for_session(made.meeting)
    assert (postit.flip_chart_id, postit.text) == (charts[1].id, "Shared evidence base")
    # an empty line opens the text, and says so; there digits are text, Alt+digit the chart
    qtbot.keyClick(live.editor, Qt.Key.Key_Return)
    press(qtbot, Qt.Key.Key_K, CTRL)
    assert focused() is live.bar.text and live.bar.keys.text() == TYPING_KEYS
    qtbot.keyClicks(live.bar.text, "Top 3 risks")
    press(qtbot, "4", ALT)
    assert live.bar.text.text() == "Top 3 risks" and live.bar.chart().title == (
        "Governance and accountability")
    press(qtbot, Qt.Key.Key_Tab)  # on to whose post-it it is, as the line says
    assert focused() is live.bar.initials and live.bar.keys.text() == INITIALS_KEYS
    press(qtbot, Qt.Key.Key_Tab)  # and back to choosing
    assert focused() is live.bar and live.bar.keys.text() == CHOOSING_KEYS


def test_delete_takes_a_post_it_off_the_list_and_the_board_and_ctrl_z_puts_it_back(
        qtbot: QtBot, window: MainWindow, made: Made) -> None:
    live = start(qtbot, window, made, made.meeting)
    assert window.notebook is not None
    notebook = window.notebook
    charts = notebook.flip_charts()
    store = PostitStore(notebook)
    kept = store.add(charts[0].id, "Kept", "strength", session_id=made.meeting)
    gone = store.add(charts[0].id, "Deleted then put back", "observation",
                     session_id=made.meeting)
    after = store.add(charts[0].id, "After it", "strength", session_id=made.meeting)
    finding = FindingStore(notebook).group([gone.id, kept.id], "A finding", "strength")
    live.refresh()
    live.postits.list.setFocus()
    live.postits.list.setCurrentRow(1)
    press(qtbot, Qt.Key.Key_Delete)
    assert live.postits.list.count() == 2
    assert "Deleted: Observation" in live.hint.text()
    assert [c.id for c in BoardReader(notebook).cards_by_id([kept.id, gone.id, after.id])] \
        == [kept.id, after.id]
    assert [p.id for p in store.list_for_chart(charts[0].id)] == [kept.id, after.id]
    press(qtbot, Qt.Key.Key_Z, CTRL)
    assert live.postits.list.count() == 3
    back = store.get(gone.id)
    assert (back.position, back.text, back.session_id, back.created_at) == (
        1, gone.text, made.meeting, gone.created_at)
    assert [p.id for p in store.list_for_chart(charts[0].id)] == [kept.id, gone.id, after.id]
    assert gone.id in {e.postit_id for e in FindingStore(notebook).evidence(finding)}
    assert not live.postits.undo_button.isEnabled()


def test_the_questions_of_the_chosen_themes_are_beside_the_notes(
        qtbot: QtBot, window: MainWindow, made: Made, library: Library) -> None:
    with library.open(made.notebook_id) as notebook:
        charts = notebook.flip_charts()
        SessionStore(notebook).set_themes(made.meeting, [charts[3].id])
    live = start(qtbot, window, made, made.meeting)
    assert window.notebook is not None
    assert live.side.currentWidget() is live.questions
    shown = seen(live.questions.questions)
    assert charts[3].title in shown and charts[3].question[:40] in shown
    assert charts[3].probes and charts[3].probes[0][:30] in shown
    assert charts[0].question[:40] not in shown
    press(qtbot, Qt.Key.Key_F4)  # pick another theme from the keyboard
    assert focused() is live.questions.list
    press(qtbot, Qt.Key.Key_Return)  # the first chart: ticked
    assert charts[0].question[:40] in seen(live.questions.questions)
    press(qtbot, "o")  # typing goes on in the notes
    assert focused() is live.editor and live.editor.toPlainText() == "o"
    assert SessionStore(window.notebook).get(made.meeting).theme_ids == (
        charts[0].id, charts[3].id)
    press(qtbot, Qt.Key.Key_K, CTRL)  # a post-it goes on the session's first theme
    assert live.bar.chart() is not None and live.bar.chart().id == charts[0].id


def test_the_meeting_clock_shows_time_used_and_left_against_the_slot(
        qtbot: QtBot, window: MainWindow, made: Made, clock: ManualClock) -> None:
    clock.current = datetime(2026, 3, 3, 9, 20, tzinfo=UTC)
    live = start(qtbot, window, made, made.meeting)
    slot = "–".join(datetime(2026, 3, 3, h, tzinfo=UTC).astimezone().strftime("%H:%M")
                    for h in (9, 10))
    assert live.clock.text() == f"{slot} · 20 min used · 40 min left"
    clock.advance(45 * 60)
    live.clock.update_text()
    assert live.clock.text() == f"{slot} · 65 min used · 5 min over the slot"
    session = SessionStore(window.notebook).get(made.meeting)  # type: ignore[arg-type]
    assert clock_text(session, datetime(2026, 3, 3, 8, 50, tzinfo=UTC)) == \
        f"{slot} · starts in 10 min"
    assert clock_text(session, datetime(2026, 3, 3, 9, 59, 30, tzinfo=UTC)).endswith(
        "1 min left")


def test_every_key_of_the_live_view_is_on_the_shortcuts_sheet(
        qtbot: QtBot, window: MainWindow, made: Made) -> None:
    live = start(qtbot, window, made, made.meeting)
    press(qtbot, Qt.Key.Key_F1)
    sheet = window.shortcuts_sheet
    assert sheet is not None and sheet.isVisible()
    assert not sheet.isModal()
    text = "\n".join(sheet.lines())
    bound = {s.key().toString(QKeySequence.SequenceFormat.PortableText)
             for s in live.findChildren(QShortcut) if not s.key().isEmpty()}
    assert bound >= {"Ctrl+K", "F4", "F6", "Ctrl+Shift+S", "Ctrl+Shift+P", "Esc", "F7",
                     "Ctrl+Shift+A", "Ctrl+Shift+G", "Ctrl+Shift+R", "Ctrl+Shift+D"}
    for key in bound:
        assert key in text, key
    for key in ("Delete (post-its)", "Ctrl+Z (post-its)", "Tab (notes)", "Ctrl+L", "F1"):
        assert key in text
    qtbot.keyClick(sheet.tree, Qt.Key.Key_Escape)
    assert not sheet.isVisible()


def test_participants_typed_then_esc_store_nothing_from_the_notes(
        qtbot: QtBot, window: MainWindow, made: Made) -> None:
    live = start(qtbot, window, made, made.focus_group)
    press(qtbot, Qt.Key.Key_A, CTRL | SHIFT)  # to the participants, from the keyboard
    assert focused() is live.participants.role_edit
    qtbot.keyClicks(live.participants.role_edit, "Ward sister")
    press(qtbot, Qt.Key.Key_Return)
    press(qtbot, Qt.Key.Key_Escape)
    qtbot.keyClicks(focused(), "Staff feel heard")
    press(qtbot, Qt.Key.Key_Return)
    assert window.notebook is not None
    assert SessionStore(window.notebook).participants(made.focus_group) == [
        Participant(role="Ward sister", id=1, session_id=made.focus_group)]
    assert live.editor.toPlainText() == "Staff feel heard\n"
    for key, field in ((Qt.Key.Key_G, live.groups.feedback_edit),
                       (Qt.Key.Key_R, live.groups.rec_edit)):
        press(qtbot, key, CTRL | SHIFT)
        assert focused() is field
        press(qtbot, Qt.Key.Key_Escape)
        assert focused() is live.editor
