"""Sessions: the timetable, starting a session, live notes, themes, participants, prompt ticks.

Times are aware datetimes, stored as ISO 8601 text with their offset, in local time.
The focus-group exercises and group feedback live in ``peerdesk.capture.focus_groups``.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, replace
from datetime import UTC, datetime, time, timedelta
from typing import Any

from peerdesk.capture.session_kinds import (
    KIND_LABELS,
    KINDS,
    added_kinds,
    default_minutes,
    session_names,
)
from peerdesk.vault.database import Connection
from peerdesk.vault.errors import PeerdeskError, ValidationError
from peerdesk.vault.notebook import Notebook
from peerdesk.vault.team_tables import slot_source_id
from peerdesk.vault.template import CONFIDENTIALITY_KEY

MY_PARTS = {"lead": "Lead the questions", "notes": "Take the notes"}
STATUS_LABELS = {"planned": "Planned", "live": "Under way", "done": "Done",
                 "cancelled": "Cancelled"}
OVERRUN = timedelta(hours=1)
"""How long after its slot a session under way is still taken for a meeting running over."""
PERSONAL_NAME_NOTE = ("A name is personal data: it stays inside this notebook and never goes "
                      "into anything peerdesk exports.")


class SessionNotFoundError(PeerdeskError):
    default_message = "That session is no longer in the notebook."


def local(moment: datetime) -> datetime:
    """An aware local time; a naive one is taken as local wall-clock time."""
    return moment.astimezone().replace(microsecond=0)


def to_text(moment: datetime | None) -> str | None:
    return None if moment is None else local(moment).isoformat(timespec="seconds")


def from_text(text: str | None) -> datetime | None:
    return None if not text else datetime.fromisoformat(text)


@dataclass
class SessionDetails:
    """What a peer types for a session (or an import plans); ``Session`` adds the rest."""

    title: str
    kind: str = "meeting"
    starts_at: datetime | None = None
    ends_at: datetime | None = None
    place: str = ""
    partner_id: int | None = None
    my_part: str | None = None
    expected_participants: int | None = None
    theme_ids: tuple[int, ...] = ()
    source_id: str | None = None
    """The stable id shared with colleagues' notebooks (see ``vault.team_tables``); made
    from the start and title when not given. Set once, when the session is added."""

    def problems(self, added: Iterable[str] = ()) -> list[str]:
        """What is wrong, in words; ``added`` names the types of session the engagement's
        template adds."""
        out: list[str] = []
        if not self.title.strip():
            out.append("Give the session a title.")
        if self.kind not in KINDS and self.kind not in added:
            out.append(f"{self.kind!r} is not a type of session this engagement has.")
        if self.my_part not in (None, *MY_PARTS):
            out.append("My part is either leading the questions or taking the notes.")
        if self.ends_at is not None and self.starts_at is None:
            out.append("A session with an end time needs a start time too.")
        if self.starts_at and self.ends_at and self.ends_at <= self.starts_at:
            out.append("The session ends before it starts.")
        if self.expected_participants is not None and not 0 <= self.expected_participants <= 500:
            out.append("The expected number of participants should be between 0 and 500.")
        return out

    def check(self, added: Iterable[str] = ()) -> None:
        problems = self.problems(added)
        if problems:
            raise ValidationError(" ".join(problems))

    def with_default_end(self, minutes: int | None = None) -> SessionDetails:
        if self.starts_at is None or self.ends_at is not None:
            return self
        length = minutes if minutes is not None else default_minutes(self.kind)
        return replace(self, ends_at=self.starts_at + timedelta(minutes=length))


@dataclass
class Session(SessionDetails):
    id: int = 0
    notes: str = ""
    status: str = "planned"
    started_at: datetime | None = None
    confidentiality_at: datetime | None = None
    created_at: datetime | None = None
    updated_at: datetime | None = None
    kind_name: str = ""
    """The name of a type of session the template added (empty for peerdesk's own)."""

    @property
    def kind_label(self) -> str:
        return self.kind_name or KIND_LABELS.get(self.kind, self.kind)

    @property
    def all_day(self) -> bool:
        """Imported all-day entries run from midnight to a later midnight."""
        s, e = self.starts_at, self.ends_at
        return bool(s and e and s.time() == time(0) and e.time() == time(0) and e > s)

    def when_text(self) -> str:
        """Like "Tue 03/03/2026 09:30-10:30", for lists."""
        if self.starts_at is None:
            return "Not scheduled"
        day = self.starts_at.strftime("%a %d/%m/%Y")
        if self.all_day:
            return f"{day}, all day"
        end = f"-{self.ends_at.strftime('%H:%M')}" if self.ends_at else ""
        return f"{day} {self.starts_at.strftime('%H:%M')}{end}"

    def is_now(self, now: datetime) -> bool:
        return bool(self.starts_at and self.ends_at and self.starts_at <= now < self.ends_at)


@dataclass
class Participant:
    role: str = ""
    organisation: str = ""
    name: str | None = None
    tenure: str = ""
    """Focus groups: how long a member of staff has worked for the client."""
    relationship: str = ""
    """Focus groups: how an outside partner works with the client."""
    id: int | None = None
    session_id: int | None = None

    @property
    def personal(self) -> bool:
        """True when a name is recorded: personal data that never leaves the notebook."""
        return bool(self.name and self.name.strip())

    def label(self) -> str:
        parts = [p for p in (self.role.strip(), self.organisation.strip()) if p]
        return ", ".join(parts) or "Participant"


_COLUMNS = ("id, COALESCE(source_kind, kind), title, starts_at, ends_at, place, partner_id,"
            " my_part, expected_participants, notes, status, started_at, confidentiality_at,"
            " created_at, updated_at, source_id")


def _session(r: Any, themes: tuple[int, ...], names: dict[str, str]) -> Session:
    return Session(kind_name=names.get(r[1], ""),
        id=r[0], kind=r[1], title=r[2], starts_at=from_text(r[3]), ends_at=from_text(r[4]),
        place=r[5], partner_id=r[6], my_part=r[7], expected_participants=r[8],
        theme_ids=themes, notes=r[9], status=r[10], started_at=from_text(r[11]),
        confidentiality_at=from_text(r[12]), created_at=from_text(r[13]),
        updated_at=from_text(r[14]), source_id=r[15])


_NEVER = datetime(9999, 12, 31, tzinfo=UTC)


def sort_key(session: Session) -> tuple[datetime, int]:
    return (session.starts_at or _NEVER, session.id)


def _checked(conn: Connection, details: SessionDetails) -> tuple[SessionDetails, str, str | None]:
    """The details with their default end, checked; the stored kind and added kind."""
    added = {k.key: k for k in added_kinds(conn)}
    own = added.get(details.kind)
    d = details.with_default_end(own.minutes if own else None)
    d.check(added)
    return (d, "other", own.key) if own else (d, d.kind, None)


def insert_session(conn: Connection, details: SessionDetails, now: str) -> int:
    """Add one session inside the caller's transaction (used by imports too)."""
    d, kind, added = _checked(conn, details)
    source_id = d.source_id or (slot_source_id(d.starts_at, d.title) if d.starts_at else None)
    cur = conn.execute(
        "INSERT INTO session (kind, source_kind, title, starts_at, ends_at, place, partner_id,"
        " my_part, expected_participants, created_at, updated_at, source_id)"
        " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        (kind, added, d.title.strip(), to_text(d.starts_at), to_text(d.ends_at),
         d.place.strip(), d.partner_id, d.my_part, d.expected_participants, now, now,
         source_id))
    session_id = int(cur.lastrowid or 0)
    _write_themes(conn, session_id, d.theme_ids)
    return session_id


def insert_participant(conn: Connection, session_id: int, p: Participant) -> int:
    name = p.name.strip() if p.name and p.name.strip() else None
    cur = conn.execute(
        "INSERT INTO participant (session_id, role, organisation, name, tenure, relationship,"
        " position) VALUES (?, ?, ?, ?, ?, ?, (SELECT COALESCE(MAX(position) + 1, 0)"
        " FROM participant WHERE session_id = ?))",
        (session_id, p.role.strip(), p.organisation.strip(), name, p.tenure.strip(),
         p.relationship.strip(), session_id))
    return int(cur.lastrowid or 0)


def _write_themes(conn: Connection, session_id: int, chart_ids: Iterable[int]) -> None:
    conn.execute("DELETE FROM session_theme WHERE session_id = ?", (session_id,))
    conn.executemany("INSERT OR IGNORE INTO session_theme (session_id, flip_chart_id)"
                     " VALUES (?, ?)", [(session_id, c) for c in chart_ids])


class SessionStore:
    """The sessions of one notebook. Every method is one short transaction."""

    def __init__(self, notebook: Notebook) -> None:
        self.notebook = notebook

    # -- sessions -------------------------------------------------------------------

    def add(self, details: SessionDetails) -> Session:
        with self.notebook.write() as conn:
            session_id = insert_session(conn, details, self.notebook.now_text())
        return self.get(session_id)

    def update(self, session_id: int, details: SessionDetails) -> Session:
        with self.notebook.write() as conn:
            d, kind, added = _checked(conn, details)
            cur = conn.execute(
                "UPDATE session SET kind = ?, source_kind = ?, title = ?, starts_at = ?,"
                " ends_at = ?, place = ?, partner_id = ?, my_part = ?,"
                " expected_participants = ?, updated_at = ? WHERE id = ?",
                (kind, added, d.title.strip(), to_text(d.starts_at), to_text(d.ends_at),
                 d.place.strip(), d.partner_id, d.my_part, d.expected_participants,
                 self.notebook.now_text(), session_id))
            if cur.rowcount == 0:
                raise SessionNotFoundError()
            _write_themes(conn, session_id, d.theme_ids)
        return self.get(session_id)

    def get(self, session_id: int) -> Session:
        with self.notebook.read() as conn:
            row = conn.execute(f"SELECT {_COLUMNS} FROM session WHERE id = ?",
                               (session_id,)).fetchone()
            themes = self._themes(conn).get(session_id, ())
            names = session_names(conn)
        if row is None:
            raise SessionNotFoundError()
        return _session(row, themes, names)

    def delete(self, session_id: int) -> None:
        """Delete a session with its participants, ticks and exercises; its post-its stay."""
        with self.notebook.write() as conn:
            conn.execute("DELETE FROM session WHERE id = ?", (session_id,))

    def list_all(self) -> list[Session]:
        """Every session, by start time (unscheduled ones last)."""
        with self.notebook.read() as conn:
            rows = conn.execute(f"SELECT {_COLUMNS} FROM session").fetchall()
            themes = self._themes(conn)
            names = session_names(conn)
        return sorted((_session(r, themes.get(int(r[0]), ()), names) for r in rows),
                      key=sort_key)

    @staticmethod
    def _themes(conn: Connection) -> dict[int, tuple[int, ...]]:
        out: dict[int, list[int]] = {}
        for session_id, chart_id in conn.execute(
                "SELECT t.session_id, t.flip_chart_id FROM session_theme t"
                " JOIN flip_chart f ON f.id = t.flip_chart_id ORDER BY f.position, f.id"):
            out.setdefault(int(session_id), []).append(int(chart_id))
        return {k: tuple(v) for k, v in out.items()}

    def set_themes(self, session_id: int, chart_ids: Iterable[int]) -> None:
        with self.notebook.write() as conn:
            _write_themes(conn, session_id, list(chart_ids))

    def next_session(self, now: datetime | None = None) -> Session | None:
        """Today's session to start: the one whose slot is now, else one under way and not
        over yet (started early, or running over by up to ``OVERRUN``), else the next. A
        session left under way after its slot never wins over the one the peer is in."""
        now = local(now or self.notebook.clock.now())
        today = [s for s in self.list_all()
                 if s.starts_at and local(s.starts_at).date() == now.date()
                 and s.status not in ("done", "cancelled")]
        return (next((s for s in today if s.is_now(now)), None)
                or next((s for s in today if s.status == "live"
                         and (s.ends_at is None or now < s.ends_at + OVERRUN)), None)
                or next((s for s in today if s.starts_at and s.starts_at >= now), None))

    # -- live -----------------------------------------------------------------------

    def start(self, session_id: int) -> Session:
        """Mark the session under way; the first start time is kept."""
        now = self.notebook.now_text()
        with self.notebook.write() as conn:
            cur = conn.execute("UPDATE session SET status = 'live', started_at ="
                               " COALESCE(started_at, ?), updated_at = ? WHERE id = ?",
                               (now, now, session_id))
            if cur.rowcount == 0:
                raise SessionNotFoundError()
        return self.get(session_id)

    def set_status(self, session_id: int, status: str) -> None:
        if status not in STATUS_LABELS:
            raise ValidationError(f"{status!r} is not a session status.")
        with self.notebook.write() as conn:
            conn.execute("UPDATE session SET status = ?, updated_at = ? WHERE id = ?",
                         (status, self.notebook.now_text(), session_id))

    def save_notes(self, session_id: int, text: str) -> None:
        """The autosave write: one UPDATE in one transaction, safe from a worker thread."""
        with self.notebook.write() as conn:
            cur = conn.execute("UPDATE session SET notes = ?, updated_at = ? WHERE id = ?",
                               (text, self.notebook.now_text(), session_id))
            if cur.rowcount == 0:
                raise SessionNotFoundError("The session was deleted, so these notes could not "
                                           "be saved. Copy them somewhere safe in peerdesk.")

    def notes(self, session_id: int) -> str:
        with self.notebook.read() as conn:
            row = conn.execute("SELECT notes FROM session WHERE id = ?", (session_id,)).fetchone()
        if row is None:
            raise SessionNotFoundError()
        return str(row[0])

    # -- prompt ticks ---------------------------------------------------------------

    def tick_prompt(self, session_id: int, prompt_key: str, ticked: bool) -> datetime | None:
        """Tick or untick a prompt; returns the time recorded (None when unticked)."""
        now = self.notebook.now_text()
        with self.notebook.write() as conn:
            if ticked:
                conn.execute("INSERT OR IGNORE INTO prompt_tick (session_id, prompt_key,"
                             " ticked_at) VALUES (?, ?, ?)", (session_id, prompt_key, now))
            else:
                conn.execute("DELETE FROM prompt_tick WHERE session_id = ? AND prompt_key = ?",
                             (session_id, prompt_key))
            if prompt_key == CONFIDENTIALITY_KEY:
                conn.execute("UPDATE session SET confidentiality_at = (SELECT ticked_at FROM"
                             " prompt_tick WHERE session_id = ? AND prompt_key = ?) WHERE id = ?",
                             (session_id, prompt_key, session_id))
            row = conn.execute("SELECT ticked_at FROM prompt_tick WHERE session_id = ? AND"
                               " prompt_key = ?", (session_id, prompt_key)).fetchone()
        return from_text(row[0]) if row else None

    def ticks(self, session_id: int) -> dict[str, datetime]:
        with self.notebook.read() as conn:
            rows = conn.execute("SELECT prompt_key, ticked_at FROM prompt_tick"
                                " WHERE session_id = ?", (session_id,)).fetchall()
        return {str(k): datetime.fromisoformat(v) for k, v in rows}

    # -- participants ---------------------------------------------------------------

    def add_participant(self, session_id: int, participant: Participant) -> Participant:
        with self.notebook.write() as conn:
            if conn.execute("SELECT 1 FROM session WHERE id = ?", (session_id,)).fetchone() is None:
                raise SessionNotFoundError()
            participant_id = insert_participant(conn, session_id, participant)
        return replace(participant, id=participant_id, session_id=session_id,
                       name=participant.name.strip() if participant.personal and
                       participant.name else None)

    def update_participant(self, participant: Participant) -> None:
        if participant.id is None:
            raise ValidationError("This participant has not been saved yet.")
        name = participant.name.strip() if participant.personal and participant.name else None
        with self.notebook.write() as conn:
            conn.execute("UPDATE participant SET role = ?, organisation = ?, name = ?,"
                         " tenure = ?, relationship = ? WHERE id = ?",
                         (participant.role.strip(), participant.organisation.strip(), name,
                          participant.tenure.strip(), participant.relationship.strip(),
                          participant.id))

    def delete_participant(self, participant_id: int) -> None:
        with self.notebook.write() as conn:
            conn.execute("DELETE FROM participant WHERE id = ?", (participant_id,))

    def participants(self, session_id: int) -> list[Participant]:
        with self.notebook.read() as conn:
            rows = conn.execute("SELECT id, role, organisation, name, tenure, relationship"
                                " FROM participant WHERE session_id = ? ORDER BY position, id",
                                (session_id,)).fetchall()
        return [Participant(role=r[1], organisation=r[2], name=r[3], tenure=r[4],
                            relationship=r[5], id=r[0], session_id=session_id) for r in rows]
