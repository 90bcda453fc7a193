"""Reading a timetable from an iCalendar (.ics) file, as Outlook and other calendars export.

Time zones (Outlook's own VTIMEZONE blocks included) are converted to local time;
all-day entries run from midnight to midnight; repeating entries are expanded with
``recurring-ical-events`` within a window around the visit; cancelled entries are left out.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, datetime, time, timedelta, tzinfo
from typing import Any

import icalendar
import recurring_ical_events

from peerdesk.capture.timetable.plan import (
    MAX_SESSIONS,
    PlannedSession,
    Problem,
    TimetablePreview,
    guess_kind,
    in_zone,
    mark_duplicates,
)
from peerdesk.vault.team_tables import calendar_source_id

WINDOW_AFTER = timedelta(days=56)
"""Without on-site dates, repeats are expanded up to 8 weeks after the file's last entry."""


def _text(component: Any, name: str) -> str:
    value = component.get(name)
    return " ".join(str(value).split()) if value is not None else ""


def _moment(value: date | datetime, zone: tzinfo | None) -> tuple[datetime, bool]:
    """An aware local time, and whether the value was a whole day."""
    if isinstance(value, datetime):
        return in_zone(value.replace(microsecond=0), zone), False
    return in_zone(datetime.combine(value, time(0)), zone), True


def _categories(event: Any) -> str:
    raw = event.get("CATEGORIES")
    items = raw if isinstance(raw, list) else [raw] if raw is not None else []
    words: list[str] = []
    for item in items:
        cats = getattr(item, "cats", None)
        if cats:
            words.extend(str(c) for c in cats)
        else:
            words.append(str(item))
    return " ".join(words)


def _label(event: Any, number: int) -> str:
    summary = _text(event, "SUMMARY")
    try:
        start = event.decoded("DTSTART")
        when = start.strftime("%d/%m/%Y %H:%M" if isinstance(start, datetime) else "%d/%m/%Y")
    except (KeyError, ValueError, AttributeError):
        when = ""
    if summary and when:
        return f"Event {summary!r} ({when})"
    if summary:
        return f"Event {summary!r}"
    return f"Event {number} in the file" + (f" ({when})" if when else "")


def _planned(event: Any, number: int, zone: tzinfo | None) -> PlannedSession:
    where = _label(event, number)
    bad = {name for name, _ in getattr(event, "errors", [])}
    if event.get("DTSTART") is None:
        raise _Bad(where, "it has no start time")
    if "DTSTART" in bad:
        raw = str(event.get("DTSTART"))[:40]
        raise _Bad(where, f"its start {raw!r} is not a date and time that can be read")
    if "DTEND" in bad or "DURATION" in bad:
        raise _Bad(where, "its end time cannot be read")
    title = _text(event, "SUMMARY")
    if not title:
        raise _Bad(where, "it has no title")
    start_value = event.decoded("DTSTART")
    if not isinstance(start_value, date):
        raise _Bad(where, "its start time cannot be read")
    starts, all_day = _moment(start_value, zone)
    if event.get("DTEND") is not None:
        ends: datetime | None = _moment(event.decoded("DTEND"), zone)[0]
    elif event.get("DURATION") is not None:
        ends = starts + event.decoded("DURATION")
    else:
        ends = starts + timedelta(days=1) if all_day else None
    if ends is not None and ends <= starts:
        if not (ends == starts and not all_day):
            raise _Bad(where, "it ends before it starts")
        ends = None
    uid = _text(event, "UID")
    return PlannedSession(
        title=title, kind=guess_kind(title, _categories(event), "other" if all_day else "meeting"),
        starts_at=starts, ends_at=ends,
        place=_text(event, "LOCATION"), source=where, all_day=all_day,
        source_id=calendar_source_id(uid, starts) if uid else None)


class _Bad(Exception):
    def __init__(self, where: str, text: str) -> None:
        super().__init__(text)
        self.problem = Problem(where, text)


def _window(events: Iterable[Any], window: tuple[date, date] | None) -> tuple[date, date]:
    if window is not None:
        return window
    days: list[date] = []
    for event in events:
        try:
            value = event.decoded("DTSTART")
        except (KeyError, ValueError):
            continue
        if isinstance(value, date):
            days.append(value.date() if isinstance(value, datetime) else value)
    if not days:
        today = date.today()
        return today, today
    return min(days), max(days) + WINDOW_AFTER


def parse_ics(data: bytes, file_name: str = "timetable.ics", zone: tzinfo | None = None,
              window: tuple[date, date] | None = None,
              existing: set[tuple[str, str]] | None = None) -> TimetablePreview:
    """Read an iCalendar file into a preview; nothing is written anywhere.

    ``window`` (first day, last day) bounds the expansion of repeating entries; single
    entries are taken whatever their date.
    """
    preview = TimetablePreview(file_name, "ics")
    try:
        calendar = icalendar.Calendar.from_ical(data)
    except (ValueError, IndexError, KeyError, UnicodeDecodeError) as exc:
        detail = str(exc).split(":")[0].strip().rstrip(".") or "it is not in calendar format"
        preview.problems.append(Problem("The file", "it is not a calendar file (iCalendar) "
                                                    f"that peerdesk can read ({detail.lower()})"))
        return preview
    events = list(calendar.walk("VEVENT"))
    first, last = _window(events, window)
    repeating: set[str] = set()
    for number, event in enumerate(events, start=1):
        if _text(event, "STATUS").upper() == "CANCELLED":
            preview.notices.append(f"{_label(event, number)} is cancelled and was left out.")
            continue
        if event.get("RRULE") is not None or event.get("RDATE") is not None:
            repeating.add(_text(event, "UID"))
            continue
        if event.get("RECURRENCE-ID") is not None:
            continue  # a changed occurrence: comes with its series below
        try:
            preview.sessions.append(_planned(event, number, zone))
        except _Bad as bad:
            preview.problems.append(bad.problem)
    if repeating:
        _expand(calendar, repeating, first, last, zone, preview)
    if len(preview.sessions) > MAX_SESSIONS:
        preview.problems.append(Problem("The file", f"it holds more than {MAX_SESSIONS} "
                                                    "sessions; export a shorter date range"))
    preview.sessions.sort(key=lambda p: p.starts_at)
    mark_duplicates(preview.sessions, existing or set(), preview.problems)
    return preview


def _expand(calendar: Any, uids: set[str], first: date, last: date, zone: tzinfo | None,
            preview: TimetablePreview) -> None:
    try:
        occurrences = recurring_ical_events.of(calendar).between(first, last + timedelta(days=1))
    except Exception as exc:  # the library raises several types for broken rules
        preview.problems.append(Problem("The file", "a repeating entry cannot be expanded "
                                                    f"({type(exc).__name__})"))
        return
    for number, event in enumerate(occurrences, start=1):
        if _text(event, "UID") not in uids:
            continue
        if _text(event, "STATUS").upper() == "CANCELLED":
            continue
        try:
            preview.sessions.append(_planned(event, number, zone))
        except _Bad as bad:
            preview.problems.append(bad.problem)
        if len(preview.sessions) > MAX_SESSIONS:
            break
