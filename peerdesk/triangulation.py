"""Triangulation: how well a finding is supported, by distinct sources and source kinds.

Each session or document is one source, however many post-its came from it. Post-its
that challenge a finding are counted apart and never add to its support.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from enum import StrEnum

SOURCE_KIND_LABELS = {
    "meeting": "Meetings",
    "focus_group": "Focus groups",
    "document": "Documents",
    "call": "Calls",
    "team_session": "Team sessions",
    "client_catch_up": "Client catch-ups",
    "feedback": "Feedback sessions",
    "document_review": "Document reviews",
    "other": "Other",
}


class Label(StrEnum):
    NO_EVIDENCE = "no_evidence"
    SINGLE_SOURCE = "single_source"
    CORROBORATED = "corroborated"
    TRIANGULATED = "triangulated"

    @property
    def text(self) -> str:
        return {
            "no_evidence": "No evidence yet",
            "single_source": "Single source",
            "corroborated": "Corroborated",
            "triangulated": "Triangulated",
        }[self.value]


@dataclass(frozen=True)
class Rule:
    min_sources: int = 3
    min_kinds: int = 2

    def __post_init__(self) -> None:
        if self.min_sources < 1 or self.min_kinds < 1:
            raise ValueError("a rule needs at least one source of at least one kind")
        if self.min_kinds > self.min_sources:
            raise ValueError("a rule cannot ask for more kinds than sources")

    @property
    def text(self) -> str:
        return (f"at least {self.min_sources} sources of at least {self.min_kinds} "
                f"kind{'s' if self.min_kinds != 1 else ''}")


@dataclass(frozen=True)
class Source:
    """One session (``"session", id``) or document (``"document", id``) and its kind."""

    ref: tuple[str, int]
    kind: str


@dataclass(frozen=True)
class Support:
    sources: frozenset[Source]
    challenges: frozenset[Source]

    @classmethod
    def of(cls, supporting: Iterable[Source], challenging: Iterable[Source] = ()) -> Support:
        return cls(frozenset(supporting), frozenset(challenging))

    @property
    def count(self) -> int:
        return len({s.ref for s in self.sources})

    @property
    def by_kind(self) -> dict[str, int]:
        """Distinct sources per source kind."""
        seen: dict[tuple[str, int], str] = {s.ref: s.kind for s in self.sources}
        return dict(Counter(seen.values()))

    @property
    def kinds(self) -> int:
        return len(self.by_kind)

    @property
    def challenged(self) -> bool:
        return bool(self.challenges)

    def label(self, rule: Rule) -> Label:
        if self.count == 0:
            return Label.NO_EVIDENCE
        if self.count >= rule.min_sources and self.kinds >= rule.min_kinds:
            return Label.TRIANGULATED
        if self.count >= 2:
            return Label.CORROBORATED
        return Label.SINGLE_SOURCE
