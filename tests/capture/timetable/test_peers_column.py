"""A timetable's peers column ("AM/JL": who leads first) gives my part and my partner."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from peerdesk.capture.sessions import SessionDetails, SessionStore
from peerdesk.capture.timetable.days import missed, status_text
from peerdesk.capture.timetable.importer import import_preview, parse_timetable
from peerdesk.capture.timetable.plan import my_part_and_partner, split_peers
from peerdesk.vault.notebook import Notebook

CSV = b"""Date,Start,End,Session,Room,Peers
03/03/2026,09:00,10:00,Leader of the council,Room 2,AM/JL
03/03/2026,10:30,11:30,Chief executive of the acute trust,Room 3,jl & am
03/03/2026,12:00,13:00,Director of public health,Room 4,SO / JL
03/03/2026,14:00,15:00,Healthwatch chair,Room 1,
"""


@pytest.mark.parametrize(("cell", "peers"), [
    ("AM/JL", ("AM", "JL")), ("am & jl", ("AM", "JL")), ("AM, JL", ("AM", "JL")),
    ("AM and JL", ("AM", "JL")), ("  SO / JL ", ("SO", "JL")), ("", ()), ("AM", ("AM",)),
])
def test_a_peers_cell_is_read_as_initials_in_order(cell: str, peers: tuple[str, ...]) -> None:
    assert split_peers(cell) == peers


def test_my_initials_first_means_i_lead() -> None:
    team = {"JL": 7, "SO": 8}
    assert my_part_and_partner(("AM", "JL"), "am", team) == ("lead", 7)
    assert my_part_and_partner(("JL", "AM"), "AM", team) == ("notes", 7)
    assert my_part_and_partner(("SO", "JL"), "AM", team) == (None, None)  # not mine
    assert my_part_and_partner(("AM", "ZZ"), "AM", team) == ("lead", None)  # not on the team
    assert my_part_and_partner(("AM", "JL"), "", team) == (None, None)


def test_importing_a_peers_column_sets_my_part_and_partner(notebook: Notebook) -> None:
    preview = parse_timetable(CSV, "timetable.csv")
    assert preview.mapping["Peers"] == "peers"
    import_preview(notebook, preview)
    team = {m.initials: m.id for m in notebook.team()}
    got = [(s.title, s.my_part, s.partner_id) for s in SessionStore(notebook).list_all()]
    assert got == [
        ("Leader of the council", "lead", team["JL"]),
        ("Chief executive of the acute trust", "notes", team["JL"]),
        ("Director of public health", None, None),
        ("Healthwatch chair", None, None),
    ]


def test_a_past_session_without_notes_is_marked_no_notes(notebook: Notebook) -> None:
    store = SessionStore(notebook)
    start = datetime(2026, 3, 3, 9, 0, tzinfo=UTC)
    missed_one = store.add(SessionDetails("Leader of the council", "meeting", start))
    noted = store.add(SessionDetails("Chief nurse", "meeting", start + timedelta(hours=1)))
    store.save_notes(noted.id, "Workforce plans shared across partners")
    lunch = store.add(SessionDetails("Lunch", "other", start + timedelta(hours=3)))
    later = start + timedelta(hours=5)
    sessions = {s.id: s for s in store.list_all()}
    assert missed(sessions[missed_one.id], later)
    assert status_text(sessions[missed_one.id], later) == "No notes"
    assert status_text(sessions[noted.id], later) == ""
    assert status_text(sessions[lunch.id], later) == ""  # a lunch needs no notes
    assert status_text(sessions[missed_one.id], start) == ""  # not over yet
    store.set_status(missed_one.id, "done")
    assert status_text(store.get(missed_one.id), later) == "Done · no notes"
