"""The timetable view's days: before on site, the evening before, each on-site day, after."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta

from peerdesk.capture.sessions import STATUS_LABELS, Session, local, sort_key
from peerdesk.vault.domain import Engagement

EVENING_FROM = time(17, 0)
"""Sessions from this time on the day before the first on-site day belong to its evening."""


@dataclass
class TimetableDay:
    key: str
    """"before", "evening", "after", "unscheduled", or the ISO date of an on-site day."""
    label: str
    day: date | None
    sessions: list[Session] = field(default_factory=list)
    is_today: bool = False


def day_label(day: date) -> str:
    return day.strftime("%A %d/%m/%Y")


def timetable_days(engagement: Engagement, sessions: Sequence[Session],
                   today: date | None = None) -> list[TimetableDay]:
    """Sessions grouped for the timetable view.

    With on-site dates: "Before on site", the evening before the first on-site day (e.g.
    "Monday evening"), each on-site day ("Tuesday 03/03/2026"), "After on site", and
    "Not scheduled yet". The evening and the on-site days are always listed; the others
    only when they hold sessions. Without on-site dates: one group per date.
    """
    first, last = engagement.onsite_start, engagement.onsite_end or engagement.onsite_start
    ordered = sorted(sessions, key=sort_key)
    groups: dict[str, TimetableDay] = {}
    if first and last:
        eve = first - timedelta(days=1)
        groups["before"] = TimetableDay("before", "Before on site", None)
        groups["evening"] = TimetableDay("evening", f"{eve.strftime('%A')} evening", eve)
        day = first
        while day <= last:
            groups[day.isoformat()] = TimetableDay(day.isoformat(), day_label(day), day)
            day += timedelta(days=1)
        groups["after"] = TimetableDay("after", "After on site", None)
    for s in ordered:
        if s.starts_at is None:
            key = "unscheduled"
            groups.setdefault(key, TimetableDay(key, "Not scheduled yet", None))
        else:
            when = local(s.starts_at)
            key = when.date().isoformat()
            if first and last:
                if when.date() == first - timedelta(days=1) and when.time() >= EVENING_FROM:
                    key = "evening"
                elif when.date() < first:
                    key = "before"
                elif when.date() > last:
                    key = "after"
            groups.setdefault(key, TimetableDay(key, day_label(when.date()), when.date()))
        groups[key].sessions.append(s)
    out = [g for g in groups.values()
           if g.sessions or (g.key not in ("before", "after", "unscheduled"))]
    if not (first and last):
        out.sort(key=lambda g: (g.day is None, g.day or date.max))
    for g in out:
        g.is_today = today is not None and g.day == today
    return out


NO_NOTES = "no notes"
def missed(session: Session, now: datetime) -> bool:
    """True for a session whose slot is over with nothing in its notes (not cancelled).
    Every type of session is expected to have notes, those a template adds too, except
    "other" (lunch, travel...)."""
    return (session.kind != "other" and session.status != "cancelled"
            and session.ends_at is not None and session.ends_at <= now
            and not session.notes.strip())


def status_text(session: Session, now: datetime) -> str:
    """The status as lists show it: empty for a planned session, "No notes" for one in
    the past that has none."""
    label = "" if session.status == "planned" else STATUS_LABELS.get(session.status,
                                                                     session.status)
    if missed(session, now):
        return f"{label} · {NO_NOTES}" if label else NO_NOTES.capitalize()
    return label
