"""Triangulation: how well a finding is supported, by distinct sources and source kinds.

Each meeting, focus group, document or observation is one source, however many post-its
came from it and however many peers took notes of it: a source is named by its stable id
(``vault.team_tables``), shared across the team's notebooks. Peer team sessions, client
catch-ups and the feedback session are not sources: they relay what was heard elsewhere.
A document review and a document are the same kind of source, and so are a call and a
meeting with individuals. A type of session that the engagement's template adds (a site
visit, say) is a kind of source of its own. Post-its that challenge a finding are counted
apart and never add to its support.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from enum import StrEnum

from peerdesk.vault.errors import ValidationError
from peerdesk.vault.template import BUILT_IN_SOURCE_KINDS

SOURCE_KIND_LABELS = dict(BUILT_IN_SOURCE_KINDS)
"""peerdesk's own kinds of source, most direct first; an engagement's template may add
others (``capture.session_kinds``), which count the same way and come after these."""

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
    """The kind of source for a session kind or "document"; None when it is not a source.
    A kind peerdesk does not know is one a template added: it is a kind of source itself."""
    if raw_kind is None:
        return None
    return EVIDENCE_KINDS.get(raw_kind, raw_kind)


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


def support_words(support: Support, labels: Mapping[str, str] | None = None) -> str:
    """A finding's support in words, as said aloud on feedback day: "4 sources of 3 kinds:
    meetings, focus groups, documents" (kinds in the order of ``labels``, which is
    ``SOURCE_KIND_LABELS`` unless the engagement's template added kinds)."""
    count, kinds = support.count, support.kinds
    if not count:
        return "no supporting source recorded"
    labels = SOURCE_KIND_LABELS if labels is None else labels
    order = {kind: i for i, kind in enumerate(labels)}
    names = [in_sentence(labels.get(kind, kind))
             for kind in sorted(support.by_kind, key=lambda k: (order.get(k, 99), k))]
    return (f"{count} source{'s' if count != 1 else ''} of {kinds} "
            f"kind{'s' if kinds != 1 else ''}: {', '.join(names)}")


def in_sentence(label: str) -> str:
    """"Site visits" as "site visits" mid-sentence; "CQC reports" stays as it is."""
    return label[:1].lower() + label[1:] if label[1:2].islower() else label
