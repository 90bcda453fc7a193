"""Reading a timetable saved from Excel as CSV.

Accepts UTF-8 with or without a byte-order mark, UTF-16 ("Unicode text"), Windows-1252;
comma, semicolon or tab separators; dates day first (03/03/2026, 3.3.26, 2026-03-03,
"Tuesday 3 March 2026"); times like 09:30, 9.30, 0930 or 2pm. Lines are numbered as
Excel numbers rows: the headings are line 1 when they are on the first row.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Mapping
from datetime import date, datetime, time, timedelta, tzinfo

from peerdesk.capture.timetable.plan import (
    FIELD_LABELS,
    MAX_SESSIONS,
    PlannedSession,
    Problem,
    TimetablePreview,
    guess_kind,
    in_zone,
    mark_duplicates,
    split_peers,
    split_people,
)

ALIASES: dict[str, tuple[str, ...]] = {
    "date": ("date", "day", "session date", "meeting date", "start date"),
    "start": ("start", "start time", "starts", "from", "begins", "time from", "time start"),
    "end": ("end", "end time", "ends", "to", "until", "finish", "finish time", "time to",
            "time end"),
    "time": ("time", "times", "timing", "slot", "time slot"),
    "end_date": ("end date",),
    "title": ("title", "session", "meeting", "subject", "session title", "meeting title",
              "event", "activity", "session name"),
    "kind": ("type", "kind", "session type", "meeting type", "format", "category"),
    "place": ("location", "room", "place", "venue", "where"),
    "with": ("with", "participants", "attendees", "who", "meeting with", "interviewees",
             "people", "invitees"),
    "peers": ("peers", "peer", "peer team", "initials", "peers initials", "peer initials",
              "peers' initials", "lead notes", "lead and notes", "who leads"),
    "all_day": ("all day", "all day event", "all-day"),
}
_LOOKUP = {alias: name for name, aliases in ALIASES.items() for alias in aliases}
_WEEKDAY = re.compile(r"^(mon|tue|tues|wed|thu|thur|thurs|fri|sat|sun)[a-z]*\.?,?\s+", re.I)
_DMY = re.compile(r"^(\d{1,2})[/.\-](\d{1,2})[/.\-](\d{4}|\d{2})(?:[ T,]+(.+))?$")
_YMD = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})(?:[ T]+(.+))?$")
_TIME = re.compile(r"^(\d{1,2})(?:[:.h](\d{2}))?(?::(\d{2}))?\s*([ap])?\.?(?:m\.?)?$", re.I)
_RANGE = re.compile(r"\s*(?:-|–|—|to|until)\s*", re.I)
_TRUE = {"yes", "y", "true", "1", "x", "all day"}


def normalise_heading(text: str) -> str:
    return " ".join(re.sub(r"[_\-:()./]+", " ", text.strip().lower()).split())


def detect_field(heading: str) -> str | None:
    return _LOOKUP.get(normalise_heading(heading))


def decode(data: bytes) -> str | None:
    """The file's text, or None when it is not a text file."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError:
            return None
    if b"\x00" in data:
        return None
    for encoding in ("utf-8-sig", "cp1252"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    return None


def _delimiter(text: str) -> str:
    first = next((line for line in text.splitlines() if line.strip()), "")
    counts = {d: first.count(d) for d in (",", ";", "\t")}
    best = max(counts, key=lambda d: counts[d])
    return best if counts[best] else ","


def parse_date(text: str) -> tuple[date, time | None]:
    """A day-first date, perhaps with a time after it. Raises ValueError with a reason."""
    value = _WEEKDAY.sub("", text.strip())
    match = _DMY.match(value)
    if match:
        day, month, year = int(match[1]), int(match[2]), int(match[3])
        year += 2000 if len(match[3]) == 2 else 0
        rest = match[4]
    else:
        match = _YMD.match(value)
        if match:
            year, month, day, rest = int(match[1]), int(match[2]), int(match[3]), match[4]
        else:
            return _text_date(value), None
    try:
        found = date(year, month, day)
    except ValueError:
        raise ValueError(f"the date {text.strip()!r} is not a real date (dates are read day "
                         "first, like 03/03/2026)") from None
    return found, (parse_time(rest) if rest else None)


def _text_date(value: str) -> date:
    for fmt in ("%d %B %Y", "%d %b %Y", "%d-%b-%y", "%d-%b-%Y", "%d %b %y", "%B %d %Y"):
        try:
            return datetime.strptime(value.replace(",", ""), fmt).date()
        except ValueError:
            continue
    raise ValueError(f"the date {value!r} cannot be read: write dates like 03/03/2026")


def parse_time(text: str) -> time:
    value = text.strip().lower().replace(" ", "")
    if value == "noon":
        return time(12, 0)
    if re.fullmatch(r"\d{4}", value):
        value = f"{value[:2]}:{value[2:]}"
    match = _TIME.match(value)
    if match:
        hour, minute, second = int(match[1]), int(match[2] or 0), int(match[3] or 0)
        half = (match[4] or "").lower()
        if half and 1 <= hour <= 12:
            hour = hour % 12 + (12 if half == "p" else 0)
        elif half:
            hour = 99
        if hour < 24 and minute < 60 and second < 60:
            return time(hour, minute)
    raise ValueError(f"the time {text.strip()!r} cannot be read: write times like 09:30")


def _parse_range(text: str) -> tuple[time, time | None]:
    parts = [p for p in _RANGE.split(text.strip(), maxsplit=1) if p.strip()]
    if not parts:
        raise ValueError("the time is empty")
    return parse_time(parts[0]), (parse_time(parts[1]) if len(parts) > 1 else None)


def _header_index(rows: list[list[str]]) -> int:
    """The row holding the headings: the first one naming two known fields (else the first)."""
    for index, row in enumerate(rows[:10]):
        if len({detect_field(c) for c in row if detect_field(c)}) >= 2:
            return index
    return next((i for i, row in enumerate(rows) if any(c.strip() for c in row)), 0)


def _unique(headings: list[str]) -> tuple[str, ...]:
    out: list[str] = []
    for number, raw in enumerate(headings, start=1):
        name = raw.strip() or f"Column {number}"
        while name in out:
            name = f"{name} ({number})"
        out.append(name)
    return tuple(out)


def parse_csv(data: bytes, file_name: str = "timetable.csv",
              mapping: Mapping[str, str | None] | None = None, zone: tzinfo | None = None,
              existing: set[tuple[str, str]] | None = None) -> TimetablePreview:
    """Read a CSV timetable into a preview; nothing is written anywhere."""
    preview = TimetablePreview(file_name, "csv")
    preview.remap = lambda extra: parse_csv(data, file_name, {**(mapping or {}), **extra},
                                            zone, existing)
    text = decode(data)
    if text is None:
        preview.problems.append(Problem("The file", "it is not a text (CSV) file; in Excel, "
                                                    "use Save As and choose CSV"))
        return preview
    rows = list(csv.reader(io.StringIO(text, newline=""), delimiter=_delimiter(text)))
    if not any(any(c.strip() for c in row) for row in rows):
        preview.problems.append(Problem("The file", "it is empty"))
        return preview
    head = _header_index(rows)
    preview.columns = _unique(rows[head])
    chosen = {c: f for c, f in (mapping or {}).items() if c in preview.columns}
    for column in preview.columns:  # hand-made choices first, then recognised headings
        field = chosen[column] if column in chosen else detect_field(column)
        taken = set(preview.mapping.values()) | {f for c, f in chosen.items() if c != column}
        if field in FIELD_LABELS and field not in taken:
            preview.mapping[column] = field
    fields = set(preview.mapping.values())
    missing = [name for name, needed in (
        ("date", "date" in fields), ("start time", bool({"start", "time", "all_day"} & fields)),
        ("title", "title" in fields)) if not needed]
    if missing:
        where = f"Line {head + 1} (the column headings)"
        for name in missing:
            preview.problems.append(Problem(where, f"no column for the {name} was recognised; "
                                                   "choose which column holds it"))
        return preview
    column_of = {f: preview.columns.index(c) for c, f in preview.mapping.items()}
    last_day: date | None = None
    for index in range(head + 1, len(rows)):
        row = rows[index]
        if not any(c.strip() for c in row):
            continue
        cells = {f: (row[i].strip() if i < len(row) else "") for f, i in column_of.items()}
        where = f"Line {index + 1}"
        try:
            planned, last_day = _row(cells, where, last_day, zone)
        except ValueError as exc:
            preview.problems.append(Problem(where, str(exc)))
            continue
        preview.sessions.append(planned)
        if len(preview.sessions) > MAX_SESSIONS:
            preview.problems.append(Problem(where, f"the file holds more than {MAX_SESSIONS} "
                                                   "sessions; split it up"))
            break
    mark_duplicates(preview.sessions, existing or set(), preview.problems)
    return preview


def _row(cells: dict[str, str], where: str, last_day: date | None,
         zone: tzinfo | None) -> tuple[PlannedSession, date | None]:
    title = " ".join(cells.get("title", "").split())
    if not title:
        raise ValueError("there is no title")
    start_time: time | None = None
    end_time: time | None = None
    if cells.get("date"):
        day, start_time = parse_date(cells["date"])
    elif last_day is not None:
        day = last_day  # Excel users often give the date only on a day's first row
    else:
        raise ValueError("there is no date")
    if cells.get("time"):
        start_time, end_time = _parse_range(cells["time"])
    if cells.get("start"):
        start_time, range_end = _parse_range(cells["start"])
        end_time = end_time or range_end
    if cells.get("end"):
        end_time = parse_time(cells["end"])
    end_day = parse_date(cells["end_date"])[0] if cells.get("end_date") else day
    all_day = cells.get("all_day", "").lower() in _TRUE or start_time is None
    if all_day:
        starts = in_zone(datetime.combine(day, time(0)), zone)
        ends: datetime | None = in_zone(datetime.combine(max(end_day, day) + timedelta(days=1),
                                                         time(0)), zone)
    else:
        assert start_time is not None
        starts = in_zone(datetime.combine(day, start_time), zone)
        ends = in_zone(datetime.combine(end_day, end_time), zone) if end_time else None
        if ends is not None and ends <= starts:
            raise ValueError(f"it ends ({end_time:%H:%M}) before it starts ({start_time:%H:%M})")
    kind = guess_kind(title, cells.get("kind", ""), "other" if all_day else "meeting")
    return PlannedSession(title=title, kind=kind, starts_at=starts, ends_at=ends,
                          place=" ".join(cells.get("place", "").split()),
                          with_people=split_people(cells.get("with", "")), source=where,
                          peers=split_peers(cells.get("peers", "")),
                          all_day=all_day), day
