"""Personal names the notebook does not know, found by their shape and their context.

A name is read from what surrounds it, as a reader would:
- a title before it: "Ms O'Neill", "Dr Patel", "Cllr J. Barker";
- a forename before a capitalised word: "John Barker", "Siobhan O'Neill-Hughes", "Mary
  Anne de la Cruz", "JOHN BARKER";
- initials before a surname: "J. Barker", "S Rhys";
- a capitalised word before a verb of saying or doing: "Barker said", "as Hughes put it";
  after one: "according to Barker", "we met with Okafor";
- a possessive: "Barker's view";
- a forename alone that is not also an everyday word: "Siobhan was clear".

What a capitalised word is instead: an organisation, a building, a road or a place
("Mary Seacole Ward", "Hope Street", "services in Preston"), a month or a day, a group
("Staff said"), an everyday word at the start of a sentence ("Hope is high"), or one of the
engagement's own client, organisation and place names.
"""

from __future__ import annotations

from peerdesk.summary.attribution.hits import Found, HitCategory
from peerdesk.summary.attribution.name_words import (
    BACKWARD,
    SAID_BEFORE,
    SURNAME_SHAPE,
    NameReader,
    abstract,
)
from peerdesk.summary.attribution.tokens import Tokens

NAME = HitCategory.PERSON_NAME


class NameFinder(NameReader):
    """The rules that read a name."""

    # -- the rules --------------------------------------------------------------------

    def find(self, tokens: Tokens) -> list[Found]:
        self._shouting = tokens.shouting
        words = tokens.words
        out: list[Found] = []
        i = 0
        while i < len(words):
            found = (self._honorific(tokens, i) or self._particles(tokens, i)
                     or self._full_name(tokens, i) or self._initials(tokens, i)
                     or self._in_context(tokens, i) or self._unknown_pair(tokens, i)
                     or self._name_shape(tokens, i) or self._lone_forename(tokens, i))
            if found is None:
                i += 1
                continue
            end_index, reason = found
            first = self._start_back(tokens, i) if reason in BACKWARD else i
            out.append(Found(words[first].start, words[end_index - 1].end, NAME, reason))
            i = end_index
        return out

    def _honorific(self, tokens: Tokens, i: int) -> tuple[int, str] | None:
        words = tokens.words
        t = words[i]
        lex = self.lex
        if t.low not in lex.honorifics or not (t.cap or tokens.shouting) or i + 1 >= len(words):
            return None
        j = i + 1
        gap = tokens.gap(i, j)
        if gap not in (" ", ". ", ".  "):
            return None
        while j < len(words) - 1 and words[j].initial and j - i <= 3:
            j += 1
        nxt = words[j]
        if nxt.low in lex.honorific_blockers or nxt.base in lex.role_words:
            return None
        if not nxt.cap:
            # "dr patel": a title before an unusual lower-case word.
            if lex.common(nxt.base) or lex.not_a_name(nxt.base) or nxt.low in lex.particles:
                return None
            return j + 1, "a title before a name"
        end = self._surname_end(tokens, j)
        if end == -1:
            if lex.is_forename(nxt.base) and not lex.not_a_name(nxt.base):
                end = j + 1
            else:
                return None
        # "Sir Robert Smith": a forename then a surname after the title.
        if lex.is_forename(words[j].base) and end < len(words) \
                and self._joined(tokens, end - 1, end):
            more = self._surname_end(tokens, end)
            if more != -1:
                end = more
        return end, "a title before a name"

    def _full_name(self, tokens: Tokens, i: int) -> tuple[int, str] | None:
        words = tokens.words
        t = words[i]
        lex = self.lex
        if not (t.cap or tokens.shouting) or t.possessive or t.initial:
            return None
        forename = lex.is_forename(t.base)
        calendar = t.base in lex.calendar_words and t.base in lex.forenames
        if not (forename or calendar) or t.base in self.known:
            return None
        if self._determined(tokens, i) or (not tokens.shouting and not t.cap):
            return None
        if self._saint(tokens, i):
            return None
        j = i + 1
        # middle names and initials: "Mary Anne Smith", "John K. Barker"
        while (j < len(words) - 1 and j - i <= 3 and self._joined_or_dotted(tokens, j - 1, j)
               and (words[j].initial or (words[j].cap and lex.plain_forename(words[j].base)
                                         and not words[j].possessive))):
            j += 1
        if j >= len(words) or not self._joined_or_dotted(tokens, j - 1, j):
            return None
        end = self._surname_end(tokens, j)
        if end == -1:
            if j > i + 1 and words[j - 1].initial and tokens.text[words[j - 1].end:][:1] == ".":
                return j, "a forename and an initial"
            return None
        if self._facility_follows(tokens, end) or self._facility_follows(tokens, j):
            return None
        if self._used_as_a_name_for_things(tokens, end):
            return None
        if not words[end - 1].possessive and self._before(tokens, i, lex.locatives):
            return None   # "in Milton Keynes"
        surname = words[end - 1].base
        plain_first = lex.plain_forename(t.base) and not calendar
        strict = not plain_first or tokens.shouting
        if strict and (lex.common(surname) or (lex.is_forename(surname) and lex.ordinary(surname))):
            return None
        if t.sentence_start and lex.zipf(t.base) >= 3.5 and lex.common(surname):
            return None   # "Ruby Wedding anniversaries", "Rich Tea biscuits"
        return end, "a forename followed by a surname"

    def _initials(self, tokens: Tokens, i: int) -> tuple[int, str] | None:
        words = tokens.words
        t = words[i]
        if not t.initial or self._determined(tokens, i):
            return None
        dotted = t.dotted
        if t.word in "AI" and not dotted:
            return None
        j = i + 1
        while j < len(words) - 1 and words[j].initial and j - i < 3:
            j += 1
        if j >= len(words) or not self._joined_or_dotted(tokens, j - 1, j):
            return None
        end = self._surname_end(tokens, j)
        if end == -1:
            return None
        surname = words[end - 1].base
        if not dotted and (self.lex.common(surname) or self._facility_follows(tokens, end)):
            return None
        return end, "initials before a surname"

    def _in_context(self, tokens: Tokens, i: int) -> tuple[int, str] | None:
        """A capitalised word that the words around it show to be a person."""
        words = tokens.words
        t = words[i]
        lex = self.lex
        if not (t.cap or tokens.shouting) or t.initial or self._non_name(t):
            return None
        if self._determined(tokens, i) or self._facility_follows(tokens, i + 1):
            return None
        if self._saint(tokens, i):
            return None
        everyday = (lex.common(t.base) and not lex.is_forename(t.base)) or abstract(
            lex, t.base)
        at_start = t.sentence_start or tokens.shouting
        if t.possessive:
            if (at_start and everyday) or t.base in lex.facility_words:
                return None
            if self._facility_follows(tokens, i + 1) or (lex.common(t.base) and at_start):
                return None
            return i + 1, "a name with a possessive"
        if self._after(tokens, i, lex.speech_verbs):
            if at_start and everyday:
                return None
            return i + 1, "a name before a verb of saying or doing"
        if self._before(tokens, i, SAID_BEFORE) and not everyday:
            return i + 1, "a name after a verb of saying"
        if self._before(tokens, i, lex.name_prefixes) and not t.sentence_start:
            if lex.common(t.base):
                return None
            end = self._surname_end(tokens, i)
            return (end if end > i else i + 1), "a name after words like “according to”"
        return None

    def _lone_forename(self, tokens: Tokens, i: int) -> tuple[int, str] | None:
        t = tokens.words[i]
        lex = self.lex
        if not t.cap or t.base in self.known or not lex.plain_forename(t.base):
            return None
        if tokens.shouting and lex.zipf(t.base) >= 3.0:
            return None
        if self._determined(tokens, i) or self._before(tokens, i, lex.locatives):
            return None
        if self._facility_follows(tokens, i + 1) or self._saint(tokens, i):
            return None
        if self._used_as_a_name_for_things(tokens, i + 1):
            return None
        if t.sentence_start and lex.zipf(t.base) >= 3.5 and not self._name_follows(tokens, i):
            return None   # "Grace periods", "Mark the date", "Frank conversations"
        return i + 1, "a forename"

    def _particles(self, tokens: Tokens, i: int) -> tuple[int, str] | None:
        """ "de la Cruz", "van der Berg", "ap Rhys": particles before a surname."""
        words = tokens.words
        t = words[i]
        lex = self.lex
        if t.cap or t.low not in lex.particles or t.low in ("o", "st", "mac", "mc"):
            return None
        end = self._surname_end(tokens, i)
        if end == -1 or end - i < 2:
            return None
        if self._facility_follows(tokens, end) or lex.common(words[end - 1].base):
            return None
        return end, "a surname with its particles"

    def _unknown_pair(self, tokens: Tokens, i: int) -> tuple[int, str] | None:
        """Two rare capitalised words together, neither an everyday word nor one of the
        engagement's names: a name from outside the forename list ("Kwame Mensah")."""
        words = tokens.words
        if i + 1 >= len(words) or tokens.shouting:
            return None
        a, b = words[i], words[i + 1]
        lex = self.lex
        if not (a.cap and b.cap) or a.caps or b.caps or a.initial or b.initial:
            return None
        if a.possessive or tokens.gap(i, i + 1) != " " or self._determined(tokens, i):
            return None
        if any(len(w.base) < 3 or lex.zipf(w.base) >= 3.0 or self._non_name(w)
               for w in (a, b)):
            return None
        if self._facility_follows(tokens, i + 2) or self._before(tokens, i, lex.locatives):
            return None
        return i + 2, "two uncommon capitalised words, as a name is written"

    def _name_shape(self, tokens: Tokens, i: int) -> tuple[int, str] | None:
        """Words shaped like surnames: "McAllister", "MacDonald", "O'Reilly", "D'Souza";
        and "Whitfield, M."."""
        words = tokens.words
        t = words[i]
        if not t.cap or t.caps or t.base in self.known or self._facility_follows(tokens, i + 1):
            return None
        if SURNAME_SHAPE.match(t.word):
            return i + 1, "shaped like a surname"
        if (i + 1 < len(words) and words[i + 1].initial and words[i + 1].dotted
                and tokens.gap(i, i + 1) == ", " and not self._non_name(t)
                and not self.lex.common(t.base)):
            return i + 2, "a surname and an initial"
        return None

