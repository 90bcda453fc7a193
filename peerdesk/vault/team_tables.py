"""The team's tables (schema version 4) and the stable identities of sources.

Every session has a ``source_id`` that stays the same in every peer's notebook when the
session came from the same timetable: a hash of the calendar entry's UID (iCalendar) or
of its start and title (a CSV row, or a session typed in). Every post-it has a ``uid``.
A colleague's post-it whose source is not (yet) a session here keeps the source's id,
kind and day itself (``source_ref``, ``source_kind``, ``source_day``). ``source_alias``
joins two ids that name one source (a hand-over, or a peer linking a colleague's session
to their own); every id of a group points at the group's smallest id.

``MIGRATION`` is appended to ``schema.MIGRATIONS``; once shipped it is never edited.
"""

from __future__ import annotations

import hashlib
import secrets
from datetime import UTC, datetime

from peerdesk.vault.database import Connection

TEAM_TABLES = """
ALTER TABLE session ADD COLUMN source_id TEXT;
CREATE INDEX session_source ON session(source_id);
CREATE TRIGGER session_source_default AFTER INSERT ON session WHEN new.source_id IS NULL
BEGIN
    UPDATE session SET source_id = 'session-' || lower(hex(randomblob(16))) WHERE id = new.id;
END;

ALTER TABLE postit ADD COLUMN uid TEXT;
ALTER TABLE postit ADD COLUMN source_ref TEXT;
ALTER TABLE postit ADD COLUMN source_kind TEXT;
ALTER TABLE postit ADD COLUMN source_day TEXT;
UPDATE postit SET uid = lower(hex(randomblob(16)));
CREATE UNIQUE INDEX postit_uid ON postit(uid);
CREATE INDEX postit_source_ref ON postit(source_ref);
CREATE TRIGGER postit_uid_default AFTER INSERT ON postit WHEN new.uid IS NULL
BEGIN
    UPDATE postit SET uid = lower(hex(randomblob(16))) WHERE id = new.id;
END;

CREATE TABLE source_alias (
    alias     TEXT PRIMARY KEY,
    canonical TEXT NOT NULL
) WITHOUT ROWID;
CREATE INDEX source_alias_canonical ON source_alias(canonical);

CREATE TABLE team_peer (
    id         INTEGER PRIMARY KEY,
    initials   TEXT NOT NULL,
    code       TEXT NOT NULL UNIQUE,
    added_at   TEXT NOT NULL,
    removed_at TEXT
);

CREATE TABLE postit_origin (
    postit_id     INTEGER PRIMARY KEY REFERENCES postit(id) ON DELETE CASCADE,
    author        TEXT NOT NULL,
    rev           TEXT NOT NULL,
    text          TEXT NOT NULL,
    kind          TEXT NOT NULL,
    flip_chart_id INTEGER NOT NULL,
    received_at   TEXT NOT NULL
);

CREATE TABLE postit_suggestion (
    postit_id     INTEGER PRIMARY KEY REFERENCES postit(id) ON DELETE CASCADE,
    text          TEXT NOT NULL,
    kind          TEXT NOT NULL,
    flip_chart_id INTEGER NOT NULL,
    rev           TEXT NOT NULL,
    initials      TEXT NOT NULL DEFAULT '',
    received_at   TEXT NOT NULL
);

CREATE TABLE team_sent (
    peer_id    INTEGER NOT NULL REFERENCES team_peer(id) ON DELETE CASCADE,
    postit_uid TEXT NOT NULL,
    rev        TEXT NOT NULL,
    PRIMARY KEY (peer_id, postit_uid)
) WITHOUT ROWID;

CREATE TABLE team_bundle (
    id            INTEGER PRIMARY KEY,
    direction     TEXT NOT NULL CHECK (direction IN ('sent', 'received')),
    bundle_id     TEXT NOT NULL,
    kind          TEXT NOT NULL CHECK (kind IN ('postits', 'handover')),
    peer_initials TEXT NOT NULL DEFAULT '',
    postits       INTEGER NOT NULL DEFAULT 0,
    export_id     INTEGER REFERENCES export_record(id) ON DELETE SET NULL,
    at            TEXT NOT NULL
);
CREATE INDEX team_bundle_id ON team_bundle(bundle_id);

CREATE TABLE session_handover (
    session_id INTEGER NOT NULL REFERENCES session(id) ON DELETE CASCADE,
    author     TEXT NOT NULL,
    rev        TEXT NOT NULL,
    notes      TEXT NOT NULL,
    PRIMARY KEY (session_id, author)
);
"""
"""Version 4's tables, columns and triggers."""

def _statements(script: str) -> list[str]:
    """The script's statements one by one (a trigger's body stays whole)."""
    import sqlite3  # the standard library's statement splitter; only while migrating

    out: list[str] = []
    pending = ""
    for line in script.splitlines(keepends=True):
        pending += line
        if sqlite3.complete_statement(pending):
            out.append(pending.strip())
            pending = ""
    return out


def slot_source_id(starts_at: datetime, title: str) -> str:
    """The id of a timetable slot: its start (in UTC) and its title, hashed."""
    moment = starts_at.astimezone(UTC).isoformat(timespec="minutes")
    text = f"slot|{moment}|{' '.join(title.split()).casefold()}"
    return "slot-" + hashlib.sha256(text.encode()).hexdigest()[:32]


def calendar_source_id(uid: str, starts_at: datetime) -> str:
    """The id of a calendar entry: its UID and start (one per occurrence of a series)."""
    moment = starts_at.astimezone(UTC).isoformat(timespec="minutes")
    return "ics-" + hashlib.sha256(f"ics|{uid.strip()}|{moment}".encode()).hexdigest()[:32]


def new_source_id() -> str:
    """A session with no start time: an id of its own."""
    return "session-" + secrets.token_hex(16)


def migrate(conn: Connection) -> None:
    """Version 4, inside the migration's transaction: the tables, then every session's id."""
    for statement in _statements(TEAM_TABLES):
        conn.execute(statement)
    rows = conn.execute("SELECT id, starts_at, title FROM session").fetchall()
    conn.executemany("UPDATE session SET source_id = ? WHERE id = ?", [
        (slot_source_id(datetime.fromisoformat(start), title) if start else new_source_id(),
         session_id) for session_id, start, title in rows])


MIGRATION = migrate
