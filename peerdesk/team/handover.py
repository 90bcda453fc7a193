"""Receiving a hand-over: the partner's notes of a session go into the same session here.

The session is found by its source id (the same timetable) or chosen by the peer; failing
both, it is added. The notes are taken as they are when the session here has none, or
when what is here is the previous hand-over untouched; otherwise they are added below the
peer's own notes under a heading, never over them. Participants not yet listed are added.
Either way the two sessions become one source.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from peerdesk.capture.sessions import (
    Participant,
    SessionDetails,
    insert_participant,
    insert_session,
)
from peerdesk.team import links
from peerdesk.team.bundle import BundleSession
from peerdesk.vault.database import Connection


@dataclass(frozen=True)
class NotesPlan:
    session_id: int | None   # None: a new session will be added
    action: str              # "take", "replace", "append", "same" or "none"
    participants: int        # participants to add

    @property
    def text(self) -> str:
        return {"take": "its notes go into the session",
                "replace": "its notes replace the earlier hand-over of this session",
                "append": "its notes are added below your own notes of the session",
                "same": "its notes are already in the session",
                "none": "it holds no notes"}[self.action]


def heading(initials: str, made_at: str) -> str:
    try:
        when = datetime.fromisoformat(made_at).astimezone().strftime("%d/%m/%Y %H:%M")
    except ValueError:
        when = made_at
    return f"--- Notes handed over by {initials or 'the partner peer'} ({when}) ---"


def plan_notes(conn: Connection, session: BundleSession, author: str,
               target: int | None) -> NotesPlan:
    if target is None:
        return NotesPlan(None, "take", len(session.participants))
    notes = str(conn.execute("SELECT notes FROM session WHERE id = ?", (target,)).fetchone()[0])
    before = conn.execute("SELECT rev, notes FROM session_handover WHERE session_id = ?"
                          " AND author = ?", (target, author)).fetchone()
    repeated = before is not None and (session.rev <= str(before[0])
                                       or session.notes == before[1])
    if not session.notes.strip():
        action = "none"
    elif repeated or session.notes.strip() in notes:
        action = "same"
    elif not notes.strip():
        action = "take"
    elif before is not None and notes.strip() == str(before[1]).strip():
        action = "replace"
    else:
        action = "append"
    have = {(r[0], r[1], r[2]) for r in conn.execute(
        "SELECT role, organisation, name FROM participant WHERE session_id = ?", (target,))}
    new = [p for p in session.participants if (p.role, p.organisation, p.name) not in have]
    return NotesPlan(target, action, len(new))


def apply_notes(conn: Connection, session: BundleSession, author: str, initials: str,
                made_at: str, todo: NotesPlan, now: str) -> int:
    """Carry out ``todo``; returns the session (added if need be)."""
    target = todo.session_id
    if target is None:
        starts = datetime.fromisoformat(session.starts_at) if session.starts_at else None
        ends = datetime.fromisoformat(session.ends_at) if session.ends_at else None
        target = insert_session(conn, SessionDetails(
            title=session.title, kind=session.kind, starts_at=starts,
            ends_at=ends if starts and ends and ends > starts else None,
            source_id=session.source), now)
    notes = str(conn.execute("SELECT notes FROM session WHERE id = ?", (target,)).fetchone()[0])
    if todo.action in ("take", "replace"):
        notes = session.notes
    elif todo.action == "append":
        notes = f"{notes.rstrip()}\n\n{heading(initials, made_at)}\n{session.notes}"
    if todo.action not in ("same", "none"):
        conn.execute("UPDATE session SET notes = ?, updated_at = ? WHERE id = ?",
                     (notes, now, target))
    conn.execute("INSERT INTO session_handover (session_id, author, rev, notes)"
                 " VALUES (?, ?, ?, ?) ON CONFLICT (session_id, author) DO UPDATE SET"
                 " rev = max(rev, excluded.rev), notes = CASE WHEN excluded.rev > rev"
                 " THEN excluded.notes ELSE notes END",
                 (target, author, session.rev, session.notes))
    have = {(r[0], r[1], r[2]) for r in conn.execute(
        "SELECT role, organisation, name FROM participant WHERE session_id = ?", (target,))}
    for p in session.participants:
        if (p.role, p.organisation, p.name) not in have:
            insert_participant(conn, target, Participant(p.role, p.organisation, p.name,
                                                         p.tenure, p.relationship))
            have.add((p.role, p.organisation, p.name))
    own = str(conn.execute("SELECT source_id FROM session WHERE id = ?",
                           (target,)).fetchone()[0])
    links.join(conn, [session.source, own])
    return target
