"""Importing timetables from CSV (as Excel saves it) and iCalendar, all or nothing."""

from __future__ import annotations

from datetime import datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from peerdesk.capture.sessions import Session, SessionStore
from peerdesk.capture.timetable.importer import (
    ImportProblem,
    PlannedSession,
    guess_kind,
    import_preview,
    import_sessions,
    parse_timetable,
    read_timetable,
)
from peerdesk.vault.notebook import Notebook
from tests.locations import TIMETABLES

FIXTURES = TIMETABLES
LONDON = ZoneInfo("Europe/London")


def at(day: int, hour: int, minute: int = 0, month: int = 3) -> datetime:
    """Wall-clock time in the computer's zone (how CSV times are read by default)."""
    return datetime(2026, month, day, hour, minute).astimezone()


def imported(notebook: Notebook, name: str) -> list[Session]:
    preview = read_timetable(notebook, FIXTURES / name)
    import_preview(notebook, preview)
    return SessionStore(notebook).list_all()


def rows(notebook: Notebook) -> list[tuple[str, str, str | None, str | None, str]]:
    with notebook.read() as conn:
        return conn.execute("SELECT kind, title, starts_at, ends_at, place FROM session"
                            " ORDER BY id").fetchall()


def count(notebook: Notebook, table: str) -> int:
    with notebook.read() as conn:
        return int(conn.execute(f"SELECT COUNT(*) FROM {table}").fetchone()[0])


# -- valid CSV files import exactly ---------------------------------------------------


def test_utf8_bom_comma_imports_every_row_exactly(notebook: Notebook) -> None:
    sessions = imported(notebook, "utf8_bom_comma.csv")
    got = [(s.kind, s.title, s.starts_at, s.ends_at, s.place) for s in sessions]
    assert got == [
        ("team_session", "Peer team dinner", at(2, 19), at(2, 21), "Café Rouge"),
        ("meeting", "Chief executive, Northvale Council", at(3, 9, 30), at(3, 10, 30), "Room 1"),
        ("focus_group", "Frontline staff", at(3, 11), at(3, 12, 30), "Main hall"),
        ("client_catch_up", "End of day catch-up with the client", at(3, 17), at(3, 17, 30),
         "Room 1"),
        ("call", "Call with Healthwatch", at(4, 9, 30), at(4, 10, 15), ""),
    ]
    store = SessionStore(notebook)
    assert [p.role for p in store.participants(sessions[1].id)] == [
        "Chief executive", "Director of finance"]
    assert [p.role for p in store.participants(sessions[4].id)] == ["Healthwatch chair"]
    assert all(not p.personal for p in store.participants(sessions[1].id))
    # what is stored is ISO text with its offset, the same instants
    stored = rows(notebook)
    assert datetime.fromisoformat(stored[1][2] or "") == at(3, 9, 30)


def test_cp1252_semicolons_keep_accents_dashes_and_pounds(notebook: Notebook) -> None:
    sessions = imported(notebook, "cp1252_semicolon.csv")
    assert [(s.title, s.place, s.starts_at, s.ends_at) for s in sessions] == [
        ("Director of public health – Northvale", "Salle Émile", at(3, 14), at(3, 15)),
        ("Budget £ review with finance leads", "Room 3", at(5, 16), at(5, 16, 45)),
    ]


def test_title_row_time_ranges_and_dates_given_once_per_day(notebook: Notebook) -> None:
    preview = read_timetable(notebook, FIXTURES / "title_row_and_carried_dates.csv")
    assert preview.columns == ("DAY", "TIME", "MEETING", "ROOM")
    assert preview.mapping == {"DAY": "date", "TIME": "time", "MEETING": "title",
                               "ROOM": "place"}
    assert [p.source for p in preview.sessions] == ["Line 4", "Line 5", "Line 6"]
    import_preview(notebook, preview)
    sessions = SessionStore(notebook).list_all()
    assert [(s.title, s.kind, s.starts_at, s.ends_at) for s in sessions] == [
        ("Leader of the council", "meeting", at(3, 9, 30), at(3, 10, 30)),
        ("Primary care network leads", "meeting", at(3, 11), at(3, 12)),
        ("Voluntary sector focus group", "focus_group", at(4, 14), at(4, 15)),
    ]


def test_outlook_csv_export_with_an_all_day_entry(notebook: Notebook) -> None:
    preview = read_timetable(notebook, FIXTURES / "outlook_export.csv")
    assert preview.unmapped_columns == ["Description"]
    import_preview(notebook, preview)
    first, second = SessionStore(notebook).list_all()
    assert (first.title, first.kind, first.all_day) == ("Pre-reading", "document_review", True)
    assert (first.starts_at, first.ends_at) == (at(2, 0), at(3, 0))
    assert first.when_text() == "Mon 02/03/2026, all day"
    assert (second.title, second.place, second.starts_at, second.ends_at) == (
        "Meeting with the ICS chair", "Board room", at(3, 13), at(3, 14))


def test_excel_unicode_text_utf16_with_tabs(notebook: Notebook) -> None:
    (session,) = imported(notebook, "unicode_text.csv")
    assert (session.title, session.kind, session.starts_at, session.ends_at) == (
        "Feedback presentation to the partnership", "feedback", at(6, 14), at(6, 15, 30))


def test_unrecognised_columns_are_mapped_by_the_peer(notebook: Notebook) -> None:
    preview = read_timetable(notebook, FIXTURES / "custom_columns.csv")
    assert not preview.ok
    assert [str(p) for p in preview.problems] == [
        "Line 1 (the column headings): no column for the title was recognised; "
        "choose which column holds it"]
    assert preview.unmapped_columns == ["What", "Notes"]
    mapped = preview.with_mapping({"What": "title"})
    assert mapped.ok and mapped.unmapped_columns == ["Notes"]
    import_preview(notebook, mapped)
    (session,) = SessionStore(notebook).list_all()
    assert (session.title, session.starts_at, session.ends_at) == (
        "Welcome from the chief executive", at(3, 8, 30), at(3, 9))


def test_a_mapping_can_also_ignore_a_recognised_column(notebook: Notebook) -> None:
    preview = read_timetable(notebook, FIXTURES / "utf8_bom_comma.csv").with_mapping(
        {"Location": None, "Type": None})
    assert "Location" in preview.unmapped_columns
    assert {p.place for p in preview.sessions} == {""}


def test_times_without_a_zone_can_be_read_as_london_time() -> None:
    data = b"Date,Start,End,Title\n01/07/2026,09:30,10:00,Summer meeting\n"
    (planned,) = parse_timetable(data, "summer.csv", zone=LONDON).sessions
    assert planned.starts_at == datetime(2026, 7, 1, 8, 30, tzinfo=ZoneInfo("UTC"))


# -- invalid CSV files name the line and import nothing -------------------------------


@pytest.mark.parametrize(("name", "expected"), [
    ("bad_date.csv", ["Line 4: the date '31/02/2026' is not a real date"]),
    ("bad_time.csv", ["Line 2: the time 'half nine' cannot be read",
                      "Line 3: the time '25:00' cannot be read"]),
    ("missing_title_column.csv", ["Line 1 (the column headings): no column for the title"]),
    ("missing_title_cell.csv", ["Line 3: there is no title"]),
    ("duplicates.csv", ["Line 5: it repeats line 2 (same start and title)"]),
    ("ends_before_start.csv", ["Line 2: it ends (14:00) before it starts (15:00)"]),
    ("no_date_at_all.csv", ["Line 2: there is no date"]),
    ("not_text.csv", ["The file: it is not a text (CSV) file"]),
    ("empty.csv", ["The file: it is empty"]),
])
def test_invalid_csv_names_the_line_and_adds_nothing(notebook: Notebook, name: str,
                                                     expected: list[str]) -> None:
    preview = read_timetable(notebook, FIXTURES / name)
    assert len(preview.problems) == len(expected)
    for problem, start in zip(preview.problems, expected, strict=True):
        assert str(problem).startswith(start)
    with pytest.raises(ImportProblem) as caught:
        import_preview(notebook, preview)
    assert caught.value.message.startswith(f"{name} was not imported, and nothing was added")
    assert expected[0] in caught.value.message
    assert count(notebook, "session") == 0
    assert count(notebook, "participant") == 0


# -- calendars ------------------------------------------------------------------------


def test_outlook_calendar_with_its_own_time_zone_and_a_repeating_entry(
        notebook: Notebook) -> None:
    preview = read_timetable(notebook, FIXTURES / "outlook_gmt.ics")
    assert preview.notices == ["Event 'Canceled: Meeting with the housing lead' "
                               "(04/03/2026 11:00) is cancelled and was left out."]
    import_preview(notebook, preview)
    got = [(s.title, s.kind, s.starts_at, s.ends_at, s.place)
           for s in SessionStore(notebook).list_all()]
    utc = ZoneInfo("UTC")
    assert got == [
        ("Pre-reading", "document_review", at(2, 0), at(3, 0), ""),
        ("Meeting with the director of adult social services", "meeting",
         datetime(2026, 3, 3, 9, 30, tzinfo=utc), datetime(2026, 3, 3, 10, 30, tzinfo=utc),
         "County Hall, room 4"),
        # daily for four days, one day left out (EXDATE), one moved (RECURRENCE-ID)
        ("Peer team session", "team_session", datetime(2026, 3, 3, 13, tzinfo=utc),
         datetime(2026, 3, 3, 13, 30, tzinfo=utc), ""),
        ("Peer team session", "team_session", datetime(2026, 3, 4, 14, tzinfo=utc),
         datetime(2026, 3, 4, 14, 30, tzinfo=utc), ""),
        ("Peer team session", "team_session", datetime(2026, 3, 6, 13, tzinfo=utc),
         datetime(2026, 3, 6, 13, 30, tzinfo=utc), ""),
        # British Summer Time: 10:00 in London is 09:00 UTC
        ("Focus group: care home managers", "focus_group", datetime(2026, 4, 1, 9, tzinfo=utc),
         datetime(2026, 4, 1, 10, 30, tzinfo=utc), "Training centre"),
    ]


def test_utc_other_zones_floating_times_and_durations(notebook: Notebook) -> None:
    utc = ZoneInfo("UTC")
    sessions = imported(notebook, "utc_and_other_zones.ics")
    assert [(s.title, s.kind, s.starts_at, s.ends_at, s.place) for s in sessions] == [
        ("Call with the peer challenge manager", "call", datetime(2026, 2, 27, 15, tzinfo=utc),
         datetime(2026, 2, 27, 15, 30, tzinfo=utc), ""),
        ("Call with a peer in New York", "call", datetime(2026, 3, 2, 14, tzinfo=utc),
         datetime(2026, 3, 2, 14, 45, tzinfo=utc), ""),
        ("Residents' panel", "focus_group", at(5, 18), at(5, 19, 30), "Library"),
    ]


def test_an_endless_repeating_entry_stops_at_the_window() -> None:
    data = (b"BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//t//t//EN\r\nBEGIN:VEVENT\r\n"
            b"UID:weekly@example.org\r\nSUMMARY:Weekly call with the manager\r\n"
            b"DTSTART:20260105T100000Z\r\nDTEND:20260105T103000Z\r\nRRULE:FREQ=WEEKLY\r\n"
            b"END:VEVENT\r\nEND:VCALENDAR\r\n")
    from datetime import date

    preview = parse_timetable(data, "weekly.ics", window=(date(2026, 2, 1), date(2026, 3, 1)))
    assert [p.starts_at.date() for p in preview.sessions] == [
        date(2026, 2, 2), date(2026, 2, 9), date(2026, 2, 16), date(2026, 2, 23)]
    unbounded = parse_timetable(data, "weekly.ics")
    assert len(unbounded.sessions) == 9  # from the first entry to 8 weeks after it


@pytest.mark.parametrize(("name", "expected"), [
    ("no_start.ics", "Event 'Meeting with no start': it has no start time"),
    ("bad_date.ics", "Event 'Meeting on a muddled date': its start '20260231T090000' is not "
                     "a date and time that can be read"),
    ("duplicates.ics", "Event 'Chief executive' (03/03/2026 09:00): it repeats another entry "
                       "in the file (same start and title)"),
    ("ends_before_start.ics", "Event 'Backwards meeting' (03/03/2026 11:00): it ends before "
                              "it starts"),
    ("not_a_calendar.ics", "The file: it is not a calendar file (iCalendar) that peerdesk "
                           "can read"),
])
def test_invalid_calendar_names_the_event_and_adds_nothing(notebook: Notebook, name: str,
                                                           expected: str) -> None:
    preview = read_timetable(notebook, FIXTURES / name)
    assert len(preview.problems) == 1
    assert str(preview.problems[0]).startswith(expected)
    with pytest.raises(ImportProblem) as caught:
        import_preview(notebook, preview)
    assert expected in caught.value.message
    assert count(notebook, "session") == 0


# -- duplicates against the notebook, all or nothing ---------------------------------


def test_importing_the_same_file_twice_adds_nothing_the_second_time(notebook: Notebook) -> None:
    imported(notebook, "utf8_bom_comma.csv")
    before = rows(notebook)
    preview = read_timetable(notebook, FIXTURES / "utf8_bom_comma.csv")
    assert len(preview.problems) == 5
    assert str(preview.problems[0]) == (
        "Line 2: 'Peer team dinner' at 02/03/2026 19:00 is already in the notebook "
        "(same start and title)")
    with pytest.raises(ImportProblem):
        import_preview(notebook, preview)
    assert rows(notebook) == before


def test_import_sessions_is_all_or_nothing_in_one_transaction(notebook: Notebook) -> None:
    store = SessionStore(notebook)
    from peerdesk.capture.sessions import SessionDetails

    store.add(SessionDetails("Medical director", "meeting", at(3, 10), at(3, 11)))
    planned = [
        PlannedSession("New meeting", "meeting", at(3, 9), at(3, 10), source="Line 2",
                       with_people=("Chief nurse",)),
        PlannedSession("Another", "focus_group", at(3, 12), None, source="Line 3"),
        PlannedSession("medical  Director", "meeting", at(3, 10), at(3, 11), source="Line 4"),
    ]
    with pytest.raises(ImportProblem) as caught:
        import_sessions(notebook, planned, "plan.csv")
    assert [p.where for p in caught.value.problems] == ["Line 4"]
    assert [s.title for s in store.list_all()] == ["Medical director"]
    assert count(notebook, "participant") == 0
    ids = import_sessions(notebook, planned[:2])
    assert len(ids) == 2
    added = store.get(ids[1])
    assert added.ends_at == at(3, 12) + timedelta(minutes=90)  # a focus group's default
    assert [p.role for p in store.participants(ids[0])] == ["Chief nurse"]


def test_an_empty_plan_is_refused(notebook: Notebook) -> None:
    with pytest.raises(ImportProblem, match="no sessions"):
        import_sessions(notebook, [])


def test_a_missing_file_is_a_plain_problem(notebook: Notebook, tmp_path: Path) -> None:
    preview = read_timetable(notebook, tmp_path / "nowhere.csv")
    assert str(preview.problems[0]).startswith("The file: it cannot be read")


@pytest.mark.parametrize(("title", "kind_text", "kind"), [
    ("Focus group with carers", "", "focus_group"),
    ("Frontline staff", "Focus Group", "focus_group"),
    ("Team catch-up", "", "team_session"),
    ("Catch-up with the client", "", "client_catch_up"),
    ("Feedback presentation", "", "feedback"),
    ("Phone call with the lead peer", "", "call"),
    ("Pre-reading", "", "document_review"),
    ("Chief executive, Northvale Council", "", "meeting"),
    ("Integrated care teams: leads", "", "meeting"),
    ("Lunch", "", "other"),
    ("Something", "Peer team session", "team_session"),
    ("Something", "client_catch_up", "client_catch_up"),
    ("Something", "Site tour", "other"),
])
def test_kind_is_guessed_from_the_type_or_the_title(title: str, kind_text: str,
                                                    kind: str) -> None:
    assert guess_kind(title, kind_text) == kind
