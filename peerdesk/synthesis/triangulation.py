"""Triangulation: how well a finding is supported, by distinct sources and source kinds.

Each session or document is one source, however many post-its came from it. Post-its
that challenge a finding are counted apart and never add to its support.
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


def source_of(session_id: int | None, session_kind: str | None,
              document_id: int | None) -> Source | None:
    """Where a post-it came from: its session if it has one, else its document, else nothing."""
    if session_id is not None and session_kind is not None:
        return Source(("session", session_id), session_kind)
    if document_id is not None:
        return Source(("document", document_id), "document")
    return None


def support_words(support: Support) -> str:
    """A finding's support in words, as said aloud on feedback day: "4 sources of 3 kinds:
    meetings, focus groups, documents" (kinds in the order of ``SOURCE_KIND_LABELS``)."""
    count, kinds = support.count, support.kinds
    if not count:
        return "no supporting source recorded"
    order = {kind: i for i, kind in enumerate(SOURCE_KIND_LABELS)}
    names = [SOURCE_KIND_LABELS.get(kind, kind).lower()
             for kind in sorted(support.by_kind, key=lambda k: (order.get(k, 99), k))]
    return (f"{count} source{'s' if count != 1 else ''} of {kinds} "
            f"kind{'s' if kinds != 1 else ''}: {', '.join(names)}")
