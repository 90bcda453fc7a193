"""The attribution check: anything in a text going out that could point to a person.

Each outgoing text is searched for
- the names the notebook knows (participants, the peer team, the manager) in every form,
  and their initials;
- names it does not know, by shape and context (see ``names``);
- roles that one person holds, recorded or not, and phrases that single someone out
  (see ``roles``);
- phone numbers, email addresses, NHS numbers, postcodes, street addresses and handles
  (see ``numbers``).
Each hit is either edited away by the peer or marked "not attributable" for that one
place (see ``decisions``). Nothing here claims a text is safe: a clear result means no
known name, role, number or address was found.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable

from peerdesk.summary.attribution.folding import fold_word
from peerdesk.summary.attribution.hits import Found, Hit, HitCategory, to_hits
from peerdesk.summary.attribution.lexicon import Lexicon, lexicon
from peerdesk.summary.attribution.names import NameFinder
from peerdesk.summary.attribution.numbers import find_numbers
from peerdesk.summary.attribution.outgoing import outgoing_texts
from peerdesk.summary.attribution.people import (
    Engagement,
    engagement_of,
    everyday_lowercase,
    known_words,
    name_pattern,
)
from peerdesk.summary.attribution.roles import RoleFinder, unique_roles
from peerdesk.summary.attribution.tokens import tokenize
from peerdesk.summary.model import OutgoingText
from peerdesk.vault.notebook import Notebook

CLEAR_TEXT = ("No known names, roles, numbers or addresses found. Read it once more for "
              "anything only you would recognise.")
"""What a clear check says: never that nothing could identify anyone."""

TEXT_OWNER = "text"   # the owner of a text checked on its own (an email, comments)
OWN_DETAILS = ("peer_name", "peer_initials", "peer_role")
"""Cover fields that hold the peer's own details: their name and role are meant to be
there (other people's names, guessed or recorded, and any number are still flagged)."""


class Checker:
    """Everything compiled for one engagement; reusable across many texts."""

    def __init__(self, engagement: Engagement, skip_me: bool = False,
                 skip_manager: bool = False, lex: Lexicon | None = None) -> None:
        self.lex = lex = lex or lexicon()
        people = [p for p in engagement.people
                  if not (skip_me and p.is_me) and not (skip_manager and p.is_manager)]
        # The skipped people's own names are not "unknown names" either.
        kept = {fold_word(w) for p in people for w in p.tokens()}
        self._allowed = {w for p in engagement.people if p not in people
                         for w in p.tokens()} - kept
        variants: dict[HitCategory, set[str]] = defaultdict(set)
        initials: dict[str, HitCategory] = {}
        for person in people:
            category = (HitCategory.TEAM_NAME if person.on_team
                        else HitCategory.PARTICIPANT_NAME)
            variants[category].update(person.name_variants())
            for letters in person.initials_variants():
                initials.setdefault(letters, category)
        self._names = [(category, name_pattern(sorted(v))) for category, v in variants.items()
                       if v]
        shorts = {s for role in lex.roles for s in role.short}
        self._initials = {k: v for k, v in initials.items() if k not in shorts}
        self._initials_re = (re.compile(r"(?<![\w.&/-])(" + "|".join(
            sorted(map(re.escape, self._initials), key=len, reverse=True))
            + r")(?![\w&/-])") if self._initials else None)
        self.known_phrases = [p for p in engagement.known_phrases if p.strip()]
        self._known_folded = [key for key in (" ".join(fold_word(p).split())
                                              for p in self.known_phrases) if len(key) >= 3]
        known = known_words(lex, self.known_phrases)
        self.names = NameFinder(lex, known)
        self.roles = RoleFinder(lex, unique_roles(engagement.people, skip_me), known)

    def _recorded(self, text: str, folded: str, index: list[int]) -> list[Found]:
        found: list[Found] = []
        for category, pattern in self._names:
            for m in pattern.finditer(folded):
                start, end = index[m.start()], index[m.end() - 1] + 1
                if everyday_lowercase(self.lex, m.group("name"), text[start]):
                    continue
                why = ("the name of someone on the peer team" if category is
                       HitCategory.TEAM_NAME else "the name of a participant in the notebook")
                found.append(Found(start, end, category, why))
        if self._initials_re is not None and not tokens_shouting(text):
            for m in self._initials_re.finditer(text):
                if re.search(r"\d\s*$", text[max(0, m.start() - 3):m.start()]):
                    continue   # "10 AM"
                if self.lex.zipf(m.group(1).lower()) >= 3.0 and not self._initials_context(
                        text, m.start(), m.end()):
                    continue   # "GP practices", "PR campaign": the word, not the person
                found.append(Found(m.start(), m.end(), HitCategory.INITIALS,
                                   "the initials of someone in the notebook"))
        return found

    def _initials_context(self, text: str, start: int, end: int) -> bool:
        """Initials used as a signature: "by AM", "(AM)", "Source: AM", "PR and TEW"."""
        before = text[max(0, start - 12):start].lower()
        after = text[end:end + 8]
        if re.search(r"(?:\bby|\bfrom|source:?|initials:?|\bcc:?|[(\[/]|[—–-])\s*$", before):
            return True
        if re.match(r"\s*[)\]:/]", after) or re.match(r"\s*[,;]?\s*$", after):
            return True
        neighbours = re.findall(r"\b[A-Z]{2,4}\b", text[max(0, start - 10):end + 10])
        return sum(1 for n in neighbours if n in self._initials) >= 2

    def _only_allowed(self, term: str) -> bool:
        words = [w.removesuffix("'s") for w in fold_word(term).replace(".", " ").split()]
        return bool(words) and all(w in self._allowed for w in words)

    def _masked(self, folded: str, index: list[int]) -> list[tuple[int, int]]:
        """Where the engagement's own organisation and place names are written."""
        spans = []
        for key in self._known_folded:
            start = folded.find(key)
            while start != -1:
                spans.append((index[start], index[start + len(key) - 1] + 1))
                start = folded.find(key, start + 1)
        return spans

    def find(self, source: OutgoingText, own_details: bool = False) -> list[Hit]:
        """The hits in one text. ``own_details``: the text is the peer's own name, initials
        or role on the cover, where their role is meant to be (other people's names and any
        number still count)."""
        text = source.text
        if not text.strip():
            return []
        tokens = tokenize(text)
        folded = tokens.plain.lower()
        found = self._recorded(text, folded, tokens.index)
        masked = self._masked(folded, tokens.index)
        guessed = self.names.find(tokens)
        if self._allowed:
            guessed = [f for f in guessed if not self._only_allowed(text[f.start:f.end])]
        if masked:
            guessed = [f for f in guessed
                       if not any(s <= f.start and f.end <= e for s, e in masked)]
        found += guessed
        if not own_details:
            found += self.roles.find(tokens)
        found += find_numbers(text)
        return to_hits(source, found)


def tokens_shouting(text: str) -> bool:
    letters = [ch for ch in text if ch.isalpha()]
    return len(letters) >= 12 and sum(ch.isupper() for ch in letters) / len(letters) > 0.7


def find_hits(texts: Iterable[OutgoingText], engagement: Engagement) -> list[Hit]:
    """Every hit in every text; the peer's own name and role pass on the cover."""
    body = Checker(engagement)
    cover: Checker | None = None
    hits: list[Hit] = []
    for source in texts:
        if source.owner == "cover":
            cover = cover or Checker(engagement, skip_me=True, lex=body.lex)
            hits += cover.find(source, own_details=source.field in OWN_DETAILS)
        else:
            hits += body.find(source)
    return hits


def check(notebook: Notebook, model: object) -> list[Hit]:
    """Every hit in every text of ``model`` (the summary, or any later format's model),
    resolved or not."""
    return find_hits(outgoing_texts(model), engagement_of(notebook))


def check_text(notebook: Notebook, text: str) -> list[Hit]:
    """Every hit in a text going out on its own (an email to the manager, comments on the
    draft report). Your own name and the manager's, as sender and recipient, pass."""
    checker = Checker(engagement_of(notebook), skip_me=True, skip_manager=True)
    return checker.find(OutgoingText(TEXT_OWNER, 0, "text", text))
