"""The words the attribution check looks for: folding, name variants and role patterns.

Matching happens on a folded copy of each text (accents removed, case folded, curly
apostrophes and hyphens made plain) with a map back to the original offsets, so a hit
can be shown where it really is.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

_APOSTROPHES = dict.fromkeys("’‘ʼ`´′", "'")
_HYPHENS = dict.fromkeys("‐‑‒–", "-")
_TITLES = {"dr", "cllr", "councillor", "prof", "professor", "mr", "mrs", "ms", "miss", "mx",
           "sir", "dame", "lord", "lady", "rev", "revd", "reverend", "baroness", "baron"}
_POSTNOMINALS = {"obe", "mbe", "cbe", "dbe", "kbe", "frcp", "frcgp", "phd", "jr", "sr", "jnr",
                 "snr", "mp", "qc", "kc"}
# Names that are also everyday words: on their own they count only when capitalised.
COMMON_WORDS = {
    "will", "may", "mark", "grace", "hope", "rose", "frank", "bill", "joy", "faith", "dawn",
    "amber", "june", "august", "pat", "sue", "rob", "penny", "iris", "holly", "ivy", "robin",
    "jack", "chase", "guy", "rich", "sandy", "summer", "wade", "art", "don", "gene", "max",
    "green", "brown", "white", "black", "young", "hill", "wood", "king", "hall", "bell",
    "long", "cook", "baker", "mason", "carter", "walker", "turner", "field", "marsh",
    "lamb", "fox", "page", "price", "lane", "little", "hunt", "ward", "booth", "mills",
    "bird", "stone", "banks", "knight", "best", "cross", "day", "gray", "grey", "sharp",
    "small", "strong", "swift", "wise", "power", "nurse", "moss", "bush", "house", "ray",
    "dean", "chalk", "pool", "rice", "reed", "gold", "fair", "free", "hart", "lord",
}


def _fold_char(ch: str) -> str:
    if ch in _APOSTROPHES:
        return "'"
    if ch in _HYPHENS:
        return "-"
    if ch.isascii():
        return ch.lower()
    decomposed = unicodedata.normalize("NFKD", ch)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()


def fold(text: str) -> tuple[str, list[int]]:
    """``text`` without accents, case-folded; and for each folded character its offset
    in ``text`` (plus one final entry for the end)."""
    out: list[str] = []
    index: list[int] = []
    for i, ch in enumerate(text):
        piece = _fold_char(ch)
        out.append(piece)
        index.extend([i] * len(piece))
    index.append(len(text))
    return "".join(out), index


@dataclass(frozen=True)
class Person:
    name: str
    role: str
    organisation: str
    on_team: bool
    is_me: bool = False
    session_id: int | None = None

    def tokens(self) -> list[str]:
        words = [w.strip(".,;:()") for w in fold(self.name)[0].split()]
        words = [w for w in words if w]
        while words and words[0].rstrip(".") in _TITLES:
            words = words[1:]
        while words and words[-1].rstrip(".") in _POSTNOMINALS:
            words = words[:-1]
        return words

    def name_variants(self) -> set[str]:
        """Regular-expression fragments (on folded text) for this person's name."""
        words = self.tokens()
        if not words:
            return set()
        out = {r"\s+".join(_fragment(w) for w in words)}
        if len(words) > 2:
            out.add(_fragment(words[0]) + r"\s+" + _fragment(words[-1]))
        if _letters(words[0]) >= 3:
            out.add(_fragment(words[0]))
        if len(words) >= 2:
            surname = words[-1]
            if _letters(surname) >= 3:
                out.add(_fragment(surname))
            initial = re.escape(words[0][0])
            out.add(initial + r"(?:\.\s*|\s+)(?:\w(?:\.\s*|\s+))?" + _fragment(surname))
        return out


def _letters(word: str) -> int:
    return sum(ch.isalpha() for ch in word)


def _fragment(word: str) -> str:
    """One folded name word; an apostrophe may be left out, a hyphen may be a space."""
    out = []
    for ch in word:
        if ch == "'":
            out.append("'?")
        elif ch == "-":
            out.append(r"[-\s]?")
        else:
            out.append(re.escape(ch))
    return "".join(out)


_BEFORE = r"(?<!\w)(?<!\w')(?<!\w-)"
_AFTER = r"(?!\w)(?!-\w)"


def name_pattern(fragments: list[str]) -> re.Pattern[str]:
    """Whole words only, longest first, with an optional possessive ('s)."""
    alternatives = "|".join(fragments)
    return re.compile(_BEFORE + r"(?P<name>" + alternatives + r")(?:'s)?" + _AFTER)


def skip_lowercase(folded_name: str, first_char: str) -> bool:
    """A name that is also an everyday word, written in lower case, is the word."""
    return folded_name in COMMON_WORDS and not first_char.isupper()


def normalise_role(text: str) -> str:
    folded = fold(text)[0].replace("&", " and ")
    return " ".join(re.split(r"[\W_]+", folded)).strip()


def _role_fragment(role: str) -> str:
    words = [r"(?:and|&)" if w == "and" else re.escape(w) for w in role.split()]
    return r"[\W_]+".join(words)


def role_pattern(keys: list[tuple[str, str]]) -> re.Pattern[str]:
    """Roles alone, and roles with their organisation written either way round
    ("director of public health, northvale council", "northvale council's director ...")."""
    alternatives = []
    for role, org in keys:
        r = _role_fragment(role)
        if org:
            o = _role_fragment(org)
            alternatives.append(r + r"(?:\s*,\s*|\s+(?:at|of|for|in|with)\s+(?:the\s+)?)" + o)
            alternatives.append(o + r"(?:'s)?\s+" + r)
        else:
            alternatives.append(r)
    alternatives.sort(key=len, reverse=True)
    return re.compile(r"(?<!\w)(?:" + "|".join(alternatives) + r")(?!\w)")
