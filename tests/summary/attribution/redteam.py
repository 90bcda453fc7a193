"""The red-team fixture (tests/fixtures/attribution/redteam.toml) as an engagement and two
lists of lines, and the check's recall and false-positive rate over it. Shared by the
tests and by benchmarks/bench_attribution.py."""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from pathlib import Path

from peerdesk.summary.attribution.check import Checker
from peerdesk.summary.attribution.hits import Hit
from peerdesk.summary.attribution.people import Engagement, Person
from peerdesk.summary.model import OutgoingText

FIXTURE = Path(__file__).resolve().parents[2] / "fixtures" / "attribution" / "redteam.toml"


@dataclass(frozen=True)
class RedTeam:
    engagement: Engagement
    identifying: dict[str, list[str]]   # kind -> lines
    decoys: dict[str, list[str]]


def load(path: Path = FIXTURE) -> RedTeam:
    data = tomllib.loads(path.read_text("utf-8"))
    eng = data["engagement"]
    people = []
    for n, row in enumerate(eng["team"]):
        name, role, initials = row.split("|")
        people.append(Person(name, role, "", on_team=True, is_me=n == 0, initials=initials))
    people.append(Person(eng["manager"], "", "", on_team=True, is_manager=True))
    for n, row in enumerate(eng["participants"]):
        name, role, organisation = row.split("|")
        people.append(Person(name, role, organisation, on_team=False, session_id=n))
    phrases = [eng["client"], *eng["organisations"], *eng["places"]]
    return RedTeam(Engagement(people, phrases), data["identifying"], data["decoys"])


def hits_of(checker: Checker, line: str) -> list[Hit]:
    return checker.find(OutgoingText("finding", 1, "detail", line))


@dataclass(frozen=True)
class Score:
    identifying: int
    missed: list[str]
    decoys: int
    flagged: list[tuple[str, list[Hit]]]

    @property
    def recall(self) -> float:
        return 1 - len(self.missed) / self.identifying

    @property
    def false_positive_rate(self) -> float:
        return len(self.flagged) / self.decoys


def score(red: RedTeam, checker: Checker | None = None) -> Score:
    checker = checker or Checker(red.engagement)
    lines = [line for group in red.identifying.values() for line in group]
    decoys = [line for group in red.decoys.values() for line in group]
    missed = [line for line in lines if not hits_of(checker, line)]
    flagged = [(line, hits) for line in decoys if (hits := hits_of(checker, line))]
    return Score(len(lines), missed, len(decoys), flagged)
