"""Triangulation: how well a finding is supported, by distinct sources and source kinds.

Each meeting, focus group, document or observation is one source, however many post-its
came from it and however many peers took notes of it: a source is named by its stable id
(``vault.team_tables``), shared across the team's notebooks. Peer team sessions, client
catch-ups and the feedback session are not sources: they relay what was heard elsewhere.
A document review and a document are the same kind of source, and so are a call and a
meeting with individuals. Post-its that challenge a finding are counted apart and never
add to its support.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from enum import StrEnum

from peerdesk.vault.errors import ValidationError

SOURCE_KIND_LABELS = {
    "meeting": "Meetings",
    "focus_group": "Focus groups",
    "document": "Documents",
    "observation": "Observation",
}
"""The kinds of source, most direct first."""

EVIDENCE_KINDS: dict[str, str | None] = {
    "meeting": "meeting",
    "call": "meeting",
    "focus_group": "focus_group",
    "document": "document",
    "document_review": "document",
    "other": "observation",
    "team_session": None,
    "client_catch_up": None,
    "feedback": None,
}
"""The kind of source behind a post-it, by its session's kind (or "document"); None: the
session relays evidence and is not a source itself."""


def evidence_kind(raw_kind: str | None) -> str | None:
    """The kind of source for a session kind or "document"; None when it is not a source."""
    return None if raw_kind is None else EVIDENCE_KINDS.get(raw_kind)


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


class RuleError(ValidationError, ValueError):
    """A triangulation rule that cannot be met or makes no sense."""

    default_message = "The triangulation rule is not valid."


@dataclass(frozen=True)
class Rule:
    min_sources: int = 3
    min_kinds: int = 2

    def __post_init__(self) -> None:
        for value in (self.min_sources, self.min_kinds):
            if isinstance(value, bool) or not isinstance(value, int):
                raise RuleError("The rule needs whole numbers of sources and kinds.")
        if self.min_sources < 1 or self.min_kinds < 1:
            raise RuleError("The rule needs at least one source of at least one kind.")
        if self.min_kinds > self.min_sources:
            raise RuleError("The rule cannot ask for more kinds of source than sources.")

    @property
    def text(self) -> str:
        return (f"at least {self.min_sources} sources of at least {self.min_kinds} "
                f"kind{'s' if self.min_kinds != 1 else ''}")


@dataclass(frozen=True)
class Source:
    """One source, by its stable id (shared across the team), and its kind of source."""

    ref: str
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
        seen: dict[str, str] = {}
        for source in sorted(self.sources, key=lambda s: s.kind, reverse=True):
            seen[source.ref] = source.kind  # one kind per source: the first by name
        return dict(Counter(seen.values()))

    @property
    def kinds(self) -> int:
        return len(self.by_kind)

    @property
    def challenged(self) -> bool:
        return bool(self.challenges)

    def label(self, rule: Rule) -> Label:
        return label_for(self.count, self.kinds, rule)


def label_for(sources: int, kinds: int, rule: Rule) -> Label:
    """The label for a finding backed by ``sources`` distinct sources of ``kinds`` kinds."""
    if sources <= 0:
        return Label.NO_EVIDENCE
    if sources >= rule.min_sources and kinds >= rule.min_kinds:
        return Label.TRIANGULATED
    if sources >= 2:
        return Label.CORROBORATED
    return Label.SINGLE_SOURCE
