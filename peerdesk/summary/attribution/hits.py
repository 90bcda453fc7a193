"""What the attribution check reports: each hit, where it is, in context, and why."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from enum import StrEnum

from peerdesk.summary.attribution.folding import fold_word
from peerdesk.summary.model import OutgoingText

CONTEXT_CHARS = 40


class HitCategory(StrEnum):
    PARTICIPANT_NAME = "participant_name"
    TEAM_NAME = "team_name"
    PERSON_NAME = "person_name"
    INITIALS = "initials"
    EMAIL = "email"
    PHONE = "phone"
    NHS_NUMBER = "nhs_number"
    POSTCODE = "postcode"
    ADDRESS = "address"
    HANDLE = "handle"
    UNIQUE_ROLE = "unique_role"
    SINGULAR_ROLE = "singular_role"
    SINGLING_OUT = "singling_out"

    @property
    def text(self) -> str:
        return {
            "participant_name": "Participant's name",
            "team_name": "Peer team member's name",
            "person_name": "Looks like a person's name",
            "initials": "Someone's initials",
            "email": "Email address",
            "phone": "Phone number",
            "nhs_number": "NHS number",
            "postcode": "Postcode",
            "address": "Street address",
            "handle": "Social media handle",
            "unique_role": "Role only one participant holds",
            "singular_role": "Role only one person holds",
            "singling_out": "Singles one person out",
        }[self.value]


def text_digest(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


@dataclass(frozen=True)
class Found:
    """A finder's result before it becomes a hit: offsets in the text, and why."""

    start: int
    end: int
    category: HitCategory
    reason: str


@dataclass(frozen=True)
class Hit:
    term: str               # the words found, as written in the text
    category: HitCategory
    reason: str             # why it was flagged, in plain words
    source: OutgoingText    # which text, and where it is in the summary
    start: int              # offsets of the term in source.text
    end: int
    context: str            # a snippet around the term
    context_start: int      # offsets of the term in context
    context_end: int

    @property
    def text_sha256(self) -> str:
        return text_digest(self.source.text)

    @property
    def term_key(self) -> str:
        return " ".join(fold_word(self.term).split())

    @property
    def key(self) -> tuple[str, str, int, str]:
        """What an acceptance is remembered by: this place, this exact text, this spot."""
        return (self.source.place, self.text_sha256, self.start, self.term_key)

    @property
    def id(self) -> str:
        """A short, stable name for this hit (for the command line's decisions file)."""
        raw = "\x1f".join(str(part) for part in self.key)
        return hashlib.sha256(raw.encode("utf-8")).hexdigest()[:10]

    @property
    def where(self) -> str:
        return self.source.where

    @property
    def why(self) -> str:
        return f"{self.category.text}: {self.reason}" if self.reason else self.category.text


def snippet(text: str, start: int, end: int) -> tuple[str, int, int]:
    """About ``CONTEXT_CHARS`` either side of ``text[start:end]``, cut at spaces."""
    left = max(0, start - CONTEXT_CHARS)
    right = min(len(text), end + CONTEXT_CHARS)
    if left > 0:
        space = text.find(" ", left, start)
        left = space + 1 if space != -1 else left
    if right < len(text):
        space = text.rfind(" ", end, right)
        right = space if space != -1 else right
    prefix = "…" if left > 0 else ""
    suffix = "…" if right < len(text) else ""
    context = (prefix + text[left:right] + suffix).replace("\n", " ")
    offset = len(prefix) - left
    return context, start + offset, end + offset


PRIORITY = (HitCategory.EMAIL, HitCategory.PHONE, HitCategory.NHS_NUMBER, HitCategory.POSTCODE,
            HitCategory.ADDRESS, HitCategory.HANDLE, HitCategory.PARTICIPANT_NAME,
            HitCategory.TEAM_NAME, HitCategory.UNIQUE_ROLE, HitCategory.INITIALS,
            HitCategory.PERSON_NAME, HitCategory.SINGULAR_ROLE, HitCategory.SINGLING_OUT)
"""When finds overlap, the hit says the most specific reason: an address before the name
in it, a recorded name before a guessed one."""


def to_hits(source: OutgoingText, found: list[Found]) -> list[Hit]:
    """One hit per place: finds that overlap become one hit over all of them, with the most
    specific category, so a name inside an email address is not a second hit."""
    ranked = sorted((f for f in found if f.end > f.start), key=lambda f: f.start)
    groups: list[list[Found]] = []
    end = -1
    for f in ranked:
        if groups and f.start < end:
            groups[-1].append(f)
            end = max(end, f.end)
        else:
            groups.append([f])
            end = f.end
    hits: list[Hit] = []
    for group in groups:
        best = min(group, key=lambda f: (PRIORITY.index(f.category), -(f.end - f.start)))
        start, stop = min(f.start for f in group), max(f.end for f in group)
        context, c_start, c_end = snippet(source.text, start, stop)
        hits.append(Hit(source.text[start:stop], best.category, best.reason, source, start,
                        stop, context, c_start, c_end))
    return hits
