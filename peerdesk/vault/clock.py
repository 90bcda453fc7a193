"""A swappable clock, so that tests can control time (idle lock, timers, retention)."""

from __future__ import annotations

import time
from datetime import UTC, datetime, timedelta
from typing import Protocol


class Clock(Protocol):
    def now(self) -> datetime:
        """Aware local time now."""

    def monotonic(self) -> float:
        """Seconds on a clock that never goes back."""


class SystemClock:
    def now(self) -> datetime:
        return datetime.now(UTC).astimezone()

    def monotonic(self) -> float:
        return time.monotonic()


class ManualClock:
    """A clock that only moves when told to."""

    def __init__(self, current: datetime | None = None, ticks: float = 0.0) -> None:
        self.current = current or datetime(2026, 3, 3, 9, 0, tzinfo=UTC)
        self.ticks = ticks

    def now(self) -> datetime:
        return self.current

    def monotonic(self) -> float:
        return self.ticks

    def advance(self, seconds: float) -> None:
        self.ticks += seconds
        self.current += timedelta(seconds=seconds)
