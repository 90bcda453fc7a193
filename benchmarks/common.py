"""What every benchmark returns: a figure measured against a floor in the same run."""

from __future__ import annotations

import statistics
import time
from collections.abc import Callable
from dataclasses import dataclass


@dataclass(frozen=True)
class Result:
    figure: str       # what was measured, e.g. "start to first window (time)"
    value: float      # peerdesk's measurement
    floor: float      # the floor measured in the same run
    unit: str         # "ms", "MiB", ...
    goal: float       # the highest acceptable ratio value / floor (or absolute, see below)
    absolute_goal: float | None = None  # an extra absolute ceiling in `unit`, if any

    @property
    def ratio(self) -> float:
        return self.value / self.floor if self.floor else float("inf")

    @property
    def passed(self) -> bool:
        ok = self.ratio <= self.goal
        if self.absolute_goal is not None:
            ok = ok and self.value <= self.absolute_goal
        return ok


def timed(func: Callable[[], object], repeat: int) -> list[float]:
    """Wall-clock milliseconds for each of ``repeat`` calls."""
    out = []
    for _ in range(repeat):
        start = time.perf_counter()
        func()
        out.append((time.perf_counter() - start) * 1000)
    return out


def percentile(values: list[float], pct: float) -> float:
    ordered = sorted(values)
    if not ordered:
        return float("nan")
    k = max(0, min(len(ordered) - 1, round(pct / 100 * (len(ordered) - 1))))
    return ordered[k]


def median(values: list[float]) -> float:
    return statistics.median(values)
