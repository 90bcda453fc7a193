"""Sessions: timetable days, starting, autosaved notes, prompt ticks, participants,
focus-group timers and group feedback."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, date, datetime, timedelta
from typing import Any

import pytest

from peerdesk.capture.focus_groups import ExerciseTimer, FocusGroupStore
from peerdesk.capture.sessions import (
    KIND_LABELS,
    KINDS,
    Participant,
    SessionDetails,
    SessionNotFoundError,
    SessionStore,
    default_minutes,
)
from peerdesk.capture.timetable.days import timetable_days
from peerdesk.vault.clock import ManualClock
from peerdesk.vault.errors import ValidationError
from peerdesk.vault.library import Library
from peerdesk.vault.notebook import Notebook
from tests.conftest import PASSPHRASE


def at(day: int, hour: int, minute: int = 0) -> datetime:
    return datetime(2026, 3, day, hour, minute, tzinfo=UTC)


def add(store: SessionStore, title: str, start: datetime | None, kind: str = "meeting",
        **extra: object) -> int:
    return store.add(SessionDetails(title, kind, start, **extra)).id  # type: ignore[arg-type]


def test_kinds_labels_and_default_lengths() -> None:
    assert list(KINDS) == ["meeting", "focus_group", "team_session", "client_catch_up",
                           "feedback", "call", "document_review", "other"]
    assert KIND_LABELS["meeting"] == "Meeting with individuals"
    assert (default_minutes("meeting"), default_minutes("focus_group")) == (60, 90)
    assert KINDS["focus_group"].participants == (8, 12)


def test_add_fills_the_end_from_the_kind_and_lists_by_start(notebook: Notebook) -> None:
    store = SessionStore(notebook)
    chart = notebook.flip_charts()[0].id
    fg = store.add(SessionDetails("Frontline staff", "focus_group", at(3, 11), place="Hall",
                                  my_part="notes", expected_participants=10,
                                  theme_ids=(chart,)))
    assert fg.ends_at == at(3, 12, 30)
    assert (fg.place, fg.my_part, fg.expected_participants, fg.theme_ids) == (
        "Hall", "notes", 10, (chart,))
    assert (fg.status, fg.notes, fg.kind_label) == ("planned", "", "Focus group")
    add(store, "Leader of the council", at(3, 9))
    add(store, "Unscheduled chat", None, "other")
    assert [s.title for s in store.list_all()] == [
        "Leader of the council", "Frontline staff", "Unscheduled chat"]


def test_partner_peer_is_a_team_member(notebook: Notebook) -> None:
    store = SessionStore(notebook)
    partner = next(m for m in notebook.team() if not m.is_me)
    session = store.add(SessionDetails("Chief nurse", "meeting", at(3, 9),
                                       partner_id=partner.id, my_part="lead"))
    assert store.get(session.id).partner_id == partner.id


@pytest.mark.parametrize(("details", "message"), [
    (SessionDetails("  "), "Give the session a title."),
    (SessionDetails("x", "party"), "'party' is not a type of session this engagement has"),
    (SessionDetails("x", "meeting", at(3, 10), at(3, 9)), "ends before it starts"),
    (SessionDetails("x", my_part="both"), "either leading the questions or taking the notes"),
    (SessionDetails("x", ends_at=at(3, 9)), "needs a start time too"),
])
def test_invalid_sessions_get_plain_messages(notebook: Notebook, details: SessionDetails,
                                             message: str) -> None:
    with pytest.raises(ValidationError, match=message):
        SessionStore(notebook).add(details)
    assert SessionStore(notebook).list_all() == []


def test_update_and_delete(notebook: Notebook) -> None:
    store = SessionStore(notebook)
    charts = [c.id for c in notebook.flip_charts()]
    sid = add(store, "Draft title", at(3, 9))
    updated = store.update(sid, SessionDetails("Chief executive", "meeting", at(3, 10),
                                               at(3, 11), "Room 2", theme_ids=(charts[3],
                                                                               charts[1])))
    assert (updated.title, updated.starts_at, updated.place) == ("Chief executive", at(3, 10),
                                                                 "Room 2")
    assert updated.theme_ids == (charts[1], charts[3])  # in flip-chart order
    store.set_themes(sid, [charts[0]])
    assert store.get(sid).theme_ids == (charts[0],)
    store.delete(sid)
    with pytest.raises(SessionNotFoundError):
        store.get(sid)
    with pytest.raises(SessionNotFoundError):
        store.update(sid, SessionDetails("x"))


def test_timetable_days_before_evening_onsite_after(notebook: Notebook) -> None:
    store = SessionStore(notebook)
    add(store, "Call with the manager", at(2, 10), "call")  # Monday morning: before
    add(store, "Pre-reading", at(1, 9), "document_review")
    add(store, "Team dinner", at(2, 19), "team_session")  # Monday evening
    add(store, "Chief executive", at(3, 9))
    add(store, "Feedback", at(6, 14), "feedback")
    add(store, "Comments on the draft report", at(20, 10), "other")
    add(store, "Someday", None, "other")
    days = timetable_days(notebook.engagement(), store.list_all(), today=date(2026, 3, 3))
    assert [(d.label, [s.title for s in d.sessions]) for d in days] == [
        ("Before on site", ["Pre-reading", "Call with the manager"]),
        ("Monday evening", ["Team dinner"]),
        ("Tuesday 03/03/2026", ["Chief executive"]),
        ("Wednesday 04/03/2026", []),
        ("Thursday 05/03/2026", []),
        ("Friday 06/03/2026", ["Feedback"]),
        ("After on site", ["Comments on the draft report"]),
        ("Not scheduled yet", ["Someday"]),
    ]
    assert [d.label for d in days if d.is_today] == ["Tuesday 03/03/2026"]


def test_timetable_without_onsite_dates_groups_by_date(library: Library) -> None:
    from tests.conftest import sample_details

    details = sample_details("No dates yet")
    details.onsite_start = details.onsite_end = None
    with library.create(details, PASSPHRASE) as notebook:
        store = SessionStore(notebook)
        add(store, "B", at(4, 9))
        add(store, "A", at(3, 9))
        days = timetable_days(notebook.engagement(), store.list_all())
        assert [(d.label, [s.title for s in d.sessions]) for d in days] == [
            ("Tuesday 03/03/2026", ["A"]), ("Wednesday 04/03/2026", ["B"])]


def test_next_session_is_todays_live_current_or_next(notebook: Notebook,
                                                      clock: ManualClock) -> None:
    store = SessionStore(notebook)
    assert store.next_session() is None
    early = add(store, "Early", at(3, 8))
    mid = add(store, "Mid", at(3, 10))
    add(store, "Tomorrow", at(4, 9))
    clock.current = at(3, 8, 30)
    assert store.next_session().id == early  # type: ignore[union-attr]
    clock.current = at(3, 9, 30)
    assert store.next_session().id == mid  # type: ignore[union-attr]
    store.start(early)  # a session still under way comes first
    assert store.next_session().id == early  # type: ignore[union-attr]
    store.set_status(early, "done")
    clock.current = at(3, 12)
    assert store.next_session() is None


def test_start_is_one_call_and_keeps_the_first_start_time(notebook: Notebook,
                                                          clock: ManualClock) -> None:
    store = SessionStore(notebook)
    sid = add(store, "Chief executive", at(3, 9))
    started = store.start(sid)
    assert (started.status, started.started_at) == ("live", clock.now())
    clock.advance(300)
    assert store.start(sid).started_at == at(3, 9)
    with pytest.raises(SessionNotFoundError):
        store.start(9999)


class CountingConnection:
    """Records each statement peerdesk sends through ``notebook.write()``."""

    def __init__(self, conn: Any, sent: list[str]) -> None:
        self._conn, self._sent = conn, sent

    def execute(self, sql: str, *args: Any) -> Any:
        self._sent.append(sql)
        return self._conn.execute(sql, *args)


def test_save_notes_is_one_cheap_update_from_another_thread(
        notebook: Notebook, monkeypatch: pytest.MonkeyPatch) -> None:
    store = SessionStore(notebook)
    sid = add(store, "Chief executive", at(3, 9))
    transactions: list[list[str]] = []
    real_write = notebook.write

    @contextmanager
    def write() -> Iterator[Any]:
        transactions.append([])
        with real_write() as conn:
            yield CountingConnection(conn, transactions[-1])

    monkeypatch.setattr(notebook, "write", write)
    errors: list[BaseException] = []

    def autosave() -> None:
        try:
            store.save_notes(sid, "They said the vision is shared… mostly.")
        except BaseException as exc:  # pragma: no cover - reported below
            errors.append(exc)

    worker = threading.Thread(target=autosave)
    worker.start()
    worker.join()
    assert errors == []
    assert [[sql.split()[0] for sql in t] for t in transactions] == [["UPDATE"]]
    assert store.notes(sid) == "They said the vision is shared… mostly."
    monkeypatch.undo()
    store.delete(sid)
    with pytest.raises(SessionNotFoundError, match="could not be saved"):
        store.save_notes(sid, "late keystrokes")


def test_prompt_ticks_record_the_time_and_confidentiality(notebook: Notebook,
                                                          clock: ManualClock) -> None:
    store = SessionStore(notebook)
    sid = add(store, "Chief executive", at(3, 9))
    assert store.tick_prompt(sid, "introductions", True) == at(3, 9)
    clock.advance(90)
    assert store.tick_prompt(sid, "confidentiality", True) == at(3, 9, 1) + timedelta(seconds=30)
    clock.advance(60)
    store.tick_prompt(sid, "confidentiality", True)  # ticking again keeps the first time
    assert store.ticks(sid) == {"introductions": at(3, 9),
                                "confidentiality": at(3, 9, 1, ) + timedelta(seconds=30)}
    assert store.get(sid).confidentiality_at == at(3, 9, 1) + timedelta(seconds=30)
    assert store.tick_prompt(sid, "confidentiality", False) is None
    assert store.get(sid).confidentiality_at is None
    assert store.ticks(sid) == {"introductions": at(3, 9)}


def test_participants_by_role_with_an_optional_personal_name(notebook: Notebook) -> None:
    store = SessionStore(notebook)
    sid = add(store, "Frontline staff", at(3, 11), "focus_group")
    nurse = store.add_participant(sid, Participant("Ward sister", "Northvale Hospitals",
                                                   tenure="12 years"))
    named = store.add_participant(sid, Participant("Chair", "Healthwatch", name=" Jo Bloggs ",
                                                   relationship="Statutory partner"))
    blank = store.add_participant(sid, Participant("Porter", name="   "))
    assert not nurse.personal and named.personal and not blank.personal
    assert (named.name, blank.name) == ("Jo Bloggs", None)
    listed = store.participants(sid)
    assert [(p.role, p.organisation, p.name, p.tenure, p.relationship) for p in listed] == [
        ("Ward sister", "Northvale Hospitals", None, "12 years", ""),
        ("Chair", "Healthwatch", "Jo Bloggs", "", "Statutory partner"),
        ("Porter", "", None, "", ""),
    ]
    assert listed[0].label() == "Ward sister, Northvale Hospitals"
    named.name = None
    named.role = "Chair of the board"
    store.update_participant(named)
    store.delete_participant(blank.id or 0)
    assert [(p.role, p.name) for p in store.participants(sid)] == [
        ("Ward sister", None), ("Chair of the board", None)]
    with pytest.raises(SessionNotFoundError):
        store.add_participant(9999, Participant("x"))


def test_exercise_timer_runs_pauses_finishes_and_alerts_once(clock: ManualClock) -> None:
    timer = ExerciseTimer(clock)
    assert (timer.remaining, timer.display(), timer.running) == (600.0, "10:00", False)
    timer.start()
    clock.advance(61)
    assert (timer.elapsed, timer.display()) == (61.0, "08:59")
    timer.pause()
    clock.advance(1000)
    assert timer.remaining == 539.0 and not timer.finished
    timer.toggle()
    clock.advance(538)
    assert not timer.take_alert()
    clock.advance(5)
    assert timer.finished and timer.remaining == 0.0
    assert timer.display() == "+00:04"
    assert timer.take_alert() and not timer.take_alert()
    assert timer.started_at == at(3, 9)
    assert timer.finished_at == clock.now() - timedelta(seconds=4)
    timer.reset()
    assert (timer.elapsed, timer.started_at, timer.finished_at) == (0.0, None, None)
    with pytest.raises(ValueError):
        ExerciseTimer(clock, 0)


def test_exercise_progress_is_kept_in_the_notebook(library: Library, notebook: Notebook,
                                                   clock: ManualClock) -> None:
    store = FocusGroupStore(notebook)
    sid = add(SessionStore(notebook), "Frontline staff", at(3, 11), "focus_group")
    timer = store.timer(sid, "good_at")
    timer.start()
    clock.advance(125.5)
    timer.pause()
    store.save_timer(sid, "good_at", timer)
    state = store.exercises(sid)["good_at"]
    assert (state.elapsed_seconds, state.started_at, state.finished_at) == (125.5, at(3, 9),
                                                                           None)
    notebook_id = notebook.id
    notebook.close()
    with library.open(notebook_id) as reopened:
        again = FocusGroupStore(reopened).timer(sid, "good_at")
        assert (again.elapsed, again.running, again.started_at) == (125.5, False, at(3, 9))
        again.start()
        clock.advance(480)
        FocusGroupStore(reopened).save_timer(sid, "good_at", again)
        done = FocusGroupStore(reopened).exercises(sid)["good_at"]
        assert done.finished_at == clock.now() - timedelta(seconds=5.5)
        FocusGroupStore(reopened).clear_timer(sid, "good_at")
        assert FocusGroupStore(reopened).exercises(sid) == {}


def test_group_feedback_add_list_edit_delete(notebook: Notebook) -> None:
    store = FocusGroupStore(notebook)
    sid = add(SessionStore(notebook), "Frontline staff", at(3, 11), "focus_group")
    one = store.add_feedback(sid, "good_at", "Joint discharge team works well", "Group 1")
    two = store.add_feedback(sid, "good_at", "  Shared records  ", "Group 2")
    store.add_feedback(sid, "get_better", "Too many boards", "Group 1")
    assert [(f.group_label, f.text) for f in store.feedback(sid, "good_at")] == [
        ("Group 1", "Joint discharge team works well"), ("Group 2", "Shared records")]
    assert len(store.feedback(sid)) == 3
    store.update_feedback(two.id, "Shared care records", "Group B")
    store.delete_feedback(one.id)
    assert [(f.group_label, f.text) for f in store.feedback(sid, "good_at")] == [
        ("Group B", "Shared care records")]
    with pytest.raises(ValidationError):
        store.add_feedback(sid, "good_at", "  ")


def test_a_session_left_under_way_never_wins_over_the_one_now(notebook: Notebook,
                                                               clock: ManualClock) -> None:
    store = SessionStore(notebook)
    chair = add(store, "Partnership chair", at(3, 8, 30))  # 08:30-09:30, never marked done
    leaders = add(store, "Council leaders", at(3, 9, 40))
    clock.current = at(3, 8, 40)
    store.start(chair)
    clock.current = at(3, 9, 45)  # in the council leaders' meeting now
    assert store.next_session().id == leaders  # type: ignore[union-attr]
