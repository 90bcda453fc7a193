"""Method in numbers counts what was really done: sessions held, people met, documents."""

from __future__ import annotations

import pytest

from peerdesk.summary.method import people_in, stated_number
from peerdesk.summary.model import build_summary
from peerdesk.vault.notebook import Notebook

NOW = "2026-03-04T09:00:00+00:00"


@pytest.mark.parametrize(("role", "people"), [
    ("Director of Public Health", 1), ("Practice nurse", 1), ("Cllr Smith", 1),
    ("Director of Adult Social Services", 1),
    ("10 social workers", 10), ("ten social workers", 10), ("Carers (6)", 6),
    ("about 12 GPs", 12), ("8-12 participants", 8), ("Social workers", 0), ("GPs", 0),
    ("Peer team", 0), ("Staff", 0), ("Members of the carers' forum", 0), ("", 0),
])
def test_how_many_people_an_entry_stands_for(role: str, people: int) -> None:
    assert people_in(role) == people


def test_stated_number_only_when_written() -> None:
    assert stated_number("Twenty residents") == 20
    assert stated_number("Residents") is None


def _session(conn: object, kind: str, status: str, notes: str = "") -> int:
    cur = conn.execute(  # type: ignore[attr-defined]
        "INSERT INTO session (kind, title, status, notes, created_at, updated_at)"
        " VALUES (?, ?, ?, ?, ?, ?)", (kind, f"{kind} {status}", status, notes, NOW, NOW))
    return int(cur.lastrowid)


def _person(conn: object, session: int, role: str, name: str | None = None,
            organisation: str = "") -> None:
    conn.execute("INSERT INTO participant (session_id, role, organisation, name)"  # type: ignore[attr-defined]
                 " VALUES (?, ?, ?, ?)", (session, role, organisation, name))


def test_counts_sessions_held_and_people_met(notebook: Notebook) -> None:
    with notebook.write() as conn:
        held = _session(conn, "meeting", "done")
        noted = _session(conn, "meeting", "planned", notes="We heard that…")
        for _ in range(4):
            planned = _session(conn, "meeting", "planned")
            _person(conn, planned, "Chief executive", "Someone Planned")
        group = _session(conn, "focus_group", "live")
        for _ in range(2):
            _session(conn, "focus_group", "planned")
        cancelled = _session(conn, "meeting", "cancelled", notes="notes of a cancelled one")
        team = _session(conn, "team_session", "done")
        _person(conn, held, "Director of public health", "Ann Webb", "Northvale Council")
        _person(conn, noted, "Director of public health", "Ann Webb", "Northvale Council")
        _person(conn, noted, "Finance director", None, "Acute Trust")
        _person(conn, group, "10 social workers")
        _person(conn, group, "Peer team")
        _person(conn, group, "Carers")
        _person(conn, group, "Practice nurse", "Marek Nowak")
        _person(conn, cancelled, "Leader of the council", "Not Met")
        _person(conn, team, "Jordan Lee", "Jordan Lee")
        conn.execute(
            "INSERT INTO document (title, file_name, media_type, size, sha256, content,"
            " imported_at) VALUES ('Plan', 'plan.pdf', 'application/pdf', 4, 'x', ?, ?)",
            (b"%PDF", NOW))
    method = build_summary(notebook).method
    # Held: one done, one with notes; the focus group is live. Planned and cancelled
    # sessions, and their participants, do not count.
    assert (method.meetings, method.focus_groups) == (2, 1)
    # Ann Webb once, the finance director, ten social workers, Marek Nowak: 13. Not the
    # peer team, not "Carers" (no number), not the team session's peer.
    assert method.participants == 13
    assert method.documents == 1
    assert "not those only planned" in method.counted
