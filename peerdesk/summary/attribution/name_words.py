"""What the name finder asks about a word: is it a place, an organisation, a group, an
everyday word; does a surname follow it; what stands before and after it."""

from __future__ import annotations

import re
from collections.abc import Iterable

from peerdesk.summary.attribution.lexicon import Lexicon
from peerdesk.summary.attribution.tokens import Token, Tokens

_ABSTRACT_ENDINGS = ("ship", "tion", "sion", "ment", "ness", "ity", "ance", "ence", "ism",
                     "ogy", "ture", "ency", "ancy", "ies", "ics")


def abstract(lex: Lexicon, word: str) -> bool:
    """An English abstract noun by its ending ("Ownership", "Governance", "Funding"),
    which a name rarely has."""
    if word.endswith(_ABSTRACT_ENDINGS) and not lex.is_forename(word):
        return True
    return word.endswith("ing") and lex.zipf(word) >= 3.3 and not lex.is_forename(word)


SURNAME_SHAPE = re.compile(r"^(?:Mc|Mac|Fitz)[A-Z][a-z]{2,}|^[OD]'[A-Z][a-z]{2,}")
SAID_BEFORE = (("said",), ("says",), ("asked",), ("added",), ("explained",), ("replied",),
                ("wrote",), ("admitted",), ("insisted",))
BACKWARD = {"a name before a verb of saying or doing", "a name with a possessive"}


class NameReader:
    """What a word of a text is, around a possible name."""

    def __init__(self, lex: Lexicon, known: frozenset[str] = frozenset()) -> None:
        self.lex = lex
        self.known = known  # folded single words of the engagement's own organisations
        self._shouting = False

    # -- what a word is ---------------------------------------------------------------

    def _non_name(self, t: Token) -> bool:
        lex = self.lex
        word = t.base
        if t.contraction or word in self.known or lex.not_a_name(word):
            return True
        if t.caps and not self._shouting and len(word) <= 5 and not lex.is_forename(word):
            return True   # an acronym: "DPH", "NHS", "ICB"
        return lex.plural(word) and not lex.is_forename(word)

    def _surname(self, tokens: Tokens, i: int) -> bool:
        """Could ``words[i]`` be (the start of) a surname?"""
        t = tokens.words[i]
        if not t.cap or t.initial:
            return False
        word = t.base
        lex = self.lex
        if word in lex.surname_facility_words:
            return not self._facility_follows(tokens, i + 1)
        return not self._non_name(t)

    def _facility_follows(self, tokens: Tokens, i: int) -> bool:
        """The capitalised words from ``i`` on hold a facility word: "… Nightingale
        Hospice", "… Road"."""
        words = tokens.words
        for j in range(i, min(i + (1 if tokens.shouting else 3), len(words))):
            t = words[j]
            if not t.cap or (j > i and tokens.gap(j - 1, j).strip(" -'")):
                return False
            if t.base in self.lex.function_words:
                return False
            if t.base in self.lex.facility_words:
                return True
        return False

    def _saint(self, tokens: Tokens, i: int) -> bool:
        """ "St Thomas'", "Saint Helens": a church, a hospital or a place."""
        return i > 0 and tokens.words[i - 1].low in ("st", "saint", "ste", "san", "santa")

    def _joined(self, tokens: Tokens, i: int, j: int) -> bool:
        """Words ``i`` and ``j`` (= i + 1) are in one phrase: only a space or hyphen
        between them."""
        return i >= 0 and j < len(tokens.words) and tokens.gap(i, j) in (" ", "-", " - ")

    def _surname_end(self, tokens: Tokens, i: int) -> int:
        """Given a surname starting at ``i`` (perhaps after particles), the index after its
        last word: "de la Cruz", "O'Neill Hughes", "Smith-Jones"; -1 if there is none."""
        words = tokens.words
        lex = self.lex
        j = i
        while j < len(words) - 1 and words[j].low in lex.particles and not words[j].cap \
                and self._joined(tokens, j, j + 1):
            j += 1
        if j >= len(words) or not self._surname(tokens, j):
            return -1
        end = j + 1
        # A double-barrelled surname written with a space: "O Neill Hughes".
        while (end < len(words) and end - j < 3 and self._joined(tokens, end - 1, end)
               and not words[end - 1].possessive and words[end].cap
               and not words[end].initial and self._surname(tokens, end)
               and not lex.is_forename(words[end].base) and not lex.common(words[end].base)):
            end += 1
        return end

    def _before(self, tokens: Tokens, i: int, phrases: Iterable[tuple[str, ...]]) -> bool:
        words = tokens.words
        for phrase in phrases:
            n = len(phrase)
            if i - n < 0:
                continue
            if all(words[i - n + k].low == phrase[k] for k in range(n)) and (
                    tokens.gap(i - 1, i).strip() in ("", ",")):
                return True
        return False

    def _after(self, tokens: Tokens, i: int, phrases: Iterable[tuple[str, ...]]) -> bool:
        """The words after index ``i`` (exclusive) start with one of ``phrases``."""
        words = tokens.words
        if i + 1 >= len(words) or tokens.gap(i, i + 1).strip(" ,"):
            return False
        nxt = words[i + 1].low
        for phrase in phrases:
            if phrase[0] != nxt:
                continue
            n = len(phrase)
            if i + n < len(words) and all(words[i + 1 + k].low == phrase[k] for k in range(n)):
                return True
        return False

    def _determined(self, tokens: Tokens, i: int) -> bool:
        return i > 0 and tokens.words[i - 1].low in self.lex.determiners and (
            tokens.gap(i - 1, i) == " ")

    def _start_back(self, tokens: Tokens, i: int) -> int:
        """Extend a name ending at ``i`` back over its forenames, initials and particles."""
        words = tokens.words
        lex = self.lex
        j = i
        while j > 0 and i - j < 3 and self._joined(tokens, j - 1, j):
            prev = words[j - 1]
            if prev.possessive:
                break
            if (prev.cap and (lex.is_forename(prev.base) or prev.initial)) or (
                    prev.low in lex.particles and not prev.cap) or (
                    prev.cap and not self._non_name(prev) and not prev.sentence_start):
                j -= 1
                continue
            if prev.initial and tokens.text[prev.end:prev.end + 1] == ".":
                j -= 1
                continue
            break
        while j < i and words[j].low in lex.particles and not words[j].cap:
            j += 1
        return j

    def _name_follows(self, tokens: Tokens, i: int) -> bool:
        """What comes after ``words[i]`` is what comes after a person's name: a verb, an
        adverb, a comma, "and", a possessive..."""
        words = tokens.words
        t = words[i]
        if t.possessive:
            return True
        if i + 1 >= len(words):
            return True
        gap = tokens.gap(i, i + 1).strip()
        if gap and gap[0] in ",;:()–-—/&":
            return True
        nxt = words[i + 1]
        lex = self.lex
        if nxt.low in ("and", "or") and i + 2 < len(words):
            other = words[i + 2]
            # "Grace and Sam", "Grace and her team"; not "Grace and patience".
            return other.cap or other.low in lex.function_words
        return (nxt.low in lex.after_name or nxt.low.endswith(("ed", "ly"))
                or self._after(tokens, i, lex.speech_verbs))

    def _used_as_a_name_for_things(self, tokens: Tokens, i: int) -> bool:
        """A name followed by a plural for people or places is the name of an organisation:
        "Marie Curie nurses", "Sue Ryder hospices"."""
        words = tokens.words
        if i >= len(words) or words[i].cap or tokens.gap(i - 1, i) != " ":
            return False
        word = words[i].low
        lex = self.lex
        if word in lex.group_nouns and lex.plural(word):
            return True
        if word in lex.evidence_nouns or word in lex.facility_words:
            return True   # "the Wanless review", "Joseph Rowntree research"
        for cut in ("es", "s"):
            if word.endswith(cut) and word[:-len(cut)] in lex.facility_words:
                return True
        return False

    @staticmethod
    def _joined_or_dotted(tokens: Tokens, i: int, j: int) -> bool:
        return tokens.gap(i, j) in (" ", "-", ". ", ".")
