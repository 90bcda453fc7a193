"""Importing a timetable: read a CSV or iCalendar file into a preview, then add it all.

    preview = read_timetable(notebook, path)        # nothing written yet
    preview = preview.with_mapping({"Slot": "time"})  # the peer maps other columns
    sessions = import_preview(notebook, preview)     # all or nothing

A file with problems raises ``ImportProblem`` naming each line (or event) and what is
wrong; ``import_sessions`` adds every session in one transaction or none at all.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime, timedelta, tzinfo
from pathlib import Path

from peerdesk.capture.sessions import Participant, insert_participant, insert_session
from peerdesk.capture.timetable.csv_file import parse_csv
from peerdesk.capture.timetable.plan import (
    FIELD_LABELS,
    ImportProblem,
    PlannedSession,
    Problem,
    TimetablePreview,
    duplicate_key,
    guess_kind,
    mark_duplicates,
)
from peerdesk.vault.database import Connection
from peerdesk.vault.notebook import Notebook

__all__ = [
    "FIELD_LABELS",
    "ImportProblem",
    "PlannedSession",
    "Problem",
    "TimetablePreview",
    "existing_keys",
    "guess_kind",
    "import_preview",
    "import_sessions",
    "parse_csv",
    "parse_timetable",
    "read_timetable",
]

MAX_FILE_BYTES = 10 * 1024 * 1024
WINDOW_MARGIN = timedelta(days=56)
"""Repeating calendar entries are expanded from 8 weeks before the visit to 8 weeks after."""


def existing_keys(conn: Connection) -> set[tuple[str, str]]:
    rows = conn.execute("SELECT starts_at, title FROM session WHERE starts_at IS NOT NULL")
    return {duplicate_key(datetime.fromisoformat(r[0]), r[1]) for r in rows}


def is_calendar(file_name: str, data: bytes) -> bool:
    head = data[:2048].lstrip(b"\xef\xbb\xbf \r\n\t").upper()
    return Path(file_name).suffix.lower() in (".ics", ".ical", ".ifb") or head.startswith(
        b"BEGIN:VCALENDAR")


def parse_timetable(data: bytes, file_name: str, zone: tzinfo | None = None,
                    window: tuple[date, date] | None = None,
                    existing: set[tuple[str, str]] | None = None) -> TimetablePreview:
    """A CSV or calendar file's preview, chosen by its name and first bytes."""
    if is_calendar(file_name, data):
        from peerdesk.capture.timetable.ics_file import parse_ics  # icalendar: only when needed

        return parse_ics(data, file_name, zone, window, existing)
    return parse_csv(data, file_name, None, zone, existing)


def read_timetable(notebook: Notebook, path: Path,
                   zone: tzinfo | None = None) -> TimetablePreview:
    """Preview a timetable file against this notebook (its visit dates and sessions).

    Times without a time zone are taken in ``zone``, by default the computer's own.
    """
    try:
        if path.stat().st_size > MAX_FILE_BYTES:
            return _refused(path, "it is over 10 MB, far larger than a timetable")
        data = path.read_bytes()
    except OSError as exc:
        return _refused(path, f"it cannot be read ({exc.strerror})")
    engagement = notebook.engagement()
    window = None
    if engagement.onsite_start:
        last = engagement.onsite_end or engagement.onsite_start
        window = (engagement.onsite_start - WINDOW_MARGIN, last + WINDOW_MARGIN)
    with notebook.read() as conn:
        existing = existing_keys(conn)
    return _from(parse_timetable(data, path.name, zone, window, existing), path, data)


def _from(preview: TimetablePreview, path: Path, data: bytes) -> TimetablePreview:
    """Remember the file a preview was read from, through any remapping of its columns."""
    preview.source, preview.source_data = path, data
    remap = preview.remap
    if remap is not None:
        preview.remap = lambda mapping: _from(remap(mapping), path, data)
    return preview


def _refused(path: Path, why: str) -> TimetablePreview:
    preview = TimetablePreview(path.name, "csv")
    preview.problems.append(Problem("The file", why))
    return preview


def import_sessions(notebook: Notebook, planned: Sequence[PlannedSession],
                    file_name: str = "") -> list[int]:
    """Add every planned session (with its participants) in ONE transaction, or none.

    Raises ``ImportProblem`` when an entry is invalid, repeats another, or is already
    in the notebook; then nothing at all has been added. Returns the new session ids.
    """
    if not planned:
        raise ImportProblem([Problem("The file", "it holds no sessions to import")], file_name)
    problems: list[Problem] = []
    for p in planned:
        problems.extend(Problem(p.source or p.title, text.rstrip("."))
                        for text in p.details().problems())
    now = notebook.now_text()
    ids: list[int] = []
    with notebook.write() as conn:
        mark_duplicates(planned, existing_keys(conn), problems)
        if problems:
            raise ImportProblem(problems, file_name)
        for p in planned:
            session_id = insert_session(conn, p.details(), now)
            for person in p.with_people:
                insert_participant(conn, session_id, Participant(role=person))
            ids.append(session_id)
    return ids


def import_preview(notebook: Notebook, preview: TimetablePreview) -> list[int]:
    """Check the preview, then import it all (see ``import_sessions``)."""
    preview.check()
    ids = import_sessions(notebook, preview.sessions, preview.file_name)
    if preview.source is not None:
        from peerdesk.capture.originals import record_original

        record_original(notebook, preview.source, "timetable", preview.source_data)
    return ids
