"""What a timetable file plans: sessions to add, the problems found, and the preview.

Shared by the CSV and iCalendar readers (``timetable_csv``, ``timetable_ics``); the
entry points are in ``timetable_import``.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime, tzinfo
from pathlib import Path

from peerdesk.capture.sessions import SessionDetails, local
from peerdesk.vault.errors import ValidationError

MAX_SESSIONS = 2000

FIELD_LABELS = {
    "date": "Date",
    "start": "Start time",
    "end": "End time",
    "time": "Time (start - end)",
    "end_date": "End date",
    "title": "Title",
    "kind": "Type of session",
    "place": "Place",
    "with": "With (participants)",
    "all_day": "All day",
}
"""The fields a column can be mapped to, with the names the GUI shows."""


@dataclass(frozen=True)
class Problem:
    where: str
    """"Line 4" (as Excel numbers rows, the headings being line 1), or an event."""
    text: str

    def __str__(self) -> str:
        return f"{self.where}: {self.text}"


class ImportProblem(ValidationError):
    """The file cannot be imported; ``problems`` says where and why. Nothing was added."""

    def __init__(self, problems: Sequence[Problem], file_name: str = "") -> None:
        self.problems = list(problems)
        shown = self.problems[:20]
        more = len(self.problems) - len(shown)
        lines = [f"- {p}" for p in shown]
        if more:
            lines.append(f"- and {more} more problem{'s' if more > 1 else ''}.")
        what = file_name or "The timetable"
        super().__init__(f"{what} was not imported, and nothing was added:\n" + "\n".join(lines))


@dataclass(frozen=True)
class PlannedSession:
    title: str
    kind: str
    starts_at: datetime
    ends_at: datetime | None
    place: str = ""
    with_people: tuple[str, ...] = ()
    """Who the session is with, one entry per person or group (stored as participants)."""
    source: str = ""
    """Where it came from in the file, e.g. "Line 4"."""
    all_day: bool = False
    source_id: str | None = None
    """A calendar entry's stable id (from its UID); None: made from the start and title."""

    def details(self) -> SessionDetails:
        return SessionDetails(title=self.title, kind=self.kind, starts_at=self.starts_at,
                              ends_at=self.ends_at, place=self.place, source_id=self.source_id)

    def key(self) -> tuple[str, str]:
        return duplicate_key(self.starts_at, self.title)


def duplicate_key(starts_at: datetime, title: str) -> tuple[str, str]:
    """Two entries are the same when they start at the same moment with the same title."""
    return (starts_at.astimezone(UTC).isoformat(), " ".join(title.split()).casefold())


def in_zone(moment: datetime, zone: tzinfo | None) -> datetime:
    """Aware time: a naive (wall-clock) time is taken in ``zone``, or the computer's own."""
    if moment.tzinfo is None:
        return moment.replace(tzinfo=zone) if zone is not None else local(moment)
    return moment.astimezone(zone) if zone is not None else local(moment)


_KIND_RULES: tuple[tuple[str, str], ...] = (
    ("focus_group", r"focus[\s_-]*group|workshop|listening event"),
    ("team_session", r"peer team|team (session|meeting|dinner|catch|huddle|debrief|briefing)"
                     r"|team_session|huddle|wash[\s-]*up|triangulat|peers only"),
    ("feedback", r"feedback|presentation|playback|play[\s-]back"),
    ("client_catch_up", r"client[\s_]*catch|catch[\s-]*up|check[\s-]*in with"),
    ("document_review", r"document review|review of documents|pre[\s-]*reading"
                        r"|reading time|desk review|document_review"),
    ("call", r"\bcall\b|phone|telephone|zoom|video"),
    ("meeting", r"meeting|interview|1:1|one[\s-]to[\s-]one|conversation|\bwith\b"),
    ("other", r"lunch|break|travel|\btour\b|visit|\bother\b"),
)
_LABELS = {
    "meeting with individuals": "meeting", "meeting": "meeting", "focus group": "focus_group",
    "peer team session": "team_session", "team session": "team_session",
    "client catch-up": "client_catch_up", "feedback session": "feedback",
    "call": "call", "document review": "document_review", "other": "other",
}


def _match(text: str) -> str | None:
    lowered = " ".join(text.lower().split())
    if lowered.replace("_", " ") in _LABELS:
        return _LABELS[lowered.replace("_", " ")]
    if lowered in _LABELS.values():
        return lowered
    for kind, pattern in _KIND_RULES:
        if re.search(pattern, lowered):
            return kind
    return None


def guess_kind(title: str, type_text: str = "", default: str = "meeting") -> str:
    """The session kind from a "type" cell, else from the title, else ``default``."""
    if type_text.strip():
        return _match(type_text) or _match(title) or "other"
    return _match(title) or default


def split_people(text: str) -> tuple[str, ...]:
    """A "with" cell: one entry per line, or separated by ; or |."""
    return tuple(p.strip() for p in re.split(r"[;|\n]+", text) if p.strip())


@dataclass
class TimetablePreview:
    """What importing the file would add, shown before anything is written."""

    file_name: str
    file_format: str
    """"csv" or "ics"."""
    sessions: list[PlannedSession] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    columns: tuple[str, ...] = ()
    """CSV: the column headings, in file order (empty for a calendar)."""
    mapping: dict[str, str] = field(default_factory=dict)
    """CSV: column heading -> field (see FIELD_LABELS) for the columns in use."""
    notices: list[str] = field(default_factory=list)
    """Things worth knowing that do not stop the import (e.g. cancelled entries left out)."""
    remap: Callable[[Mapping[str, str | None]], TimetablePreview] | None = field(
        default=None, repr=False, compare=False)
    source: Path | None = field(default=None, repr=False, compare=False)
    """The file it was read from (recorded on import, for destruction to offer to delete)."""
    source_data: bytes = field(default=b"", repr=False, compare=False)

    @property
    def ok(self) -> bool:
        return not self.problems and bool(self.sessions)

    @property
    def unmapped_columns(self) -> list[str]:
        return [c for c in self.columns if c not in self.mapping]

    def with_mapping(self, mapping: Mapping[str, str | None]) -> TimetablePreview:
        """Read the file again with some columns mapped by hand ({heading: field or None})."""
        if self.remap is None:
            return self
        return self.remap(mapping)

    def check(self) -> None:
        if self.problems:
            raise ImportProblem(self.problems, self.file_name)
        if not self.sessions:
            raise ImportProblem([Problem("The file", "it holds no sessions to import")],
                                self.file_name)


def mark_duplicates(planned: Sequence[PlannedSession], existing: set[tuple[str, str]],
                    problems: list[Problem]) -> None:
    """Report entries that repeat one above them, or one already in the notebook."""
    seen: dict[tuple[str, str], str] = {}
    for p in planned:
        key = p.key()
        if key in existing:
            problems.append(Problem(p.source, f"{p.title!r} at {_when(p.starts_at)} is already "
                                              "in the notebook (same start and title)"))
        elif key in seen:
            problems.append(Problem(p.source, f"it repeats {seen[key]} (same start and title)"))
        else:
            seen[key] = (p.source.lower() if p.source.startswith("Line ")
                         else "another entry in the file")


def _when(moment: datetime) -> str:
    return local(moment).strftime("%d/%m/%Y %H:%M")
