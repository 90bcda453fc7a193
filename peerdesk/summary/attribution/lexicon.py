"""The data the attribution check reads names and roles by, loaded once per process.

- Forenames: gender-guesser's list of about 60,000 first names from many countries, with
  how common each is in Great Britain. (names-dataset was weighed too: 18 s and 1.9 GB to
  load, far beyond a check that must take under a second; gender-guesser loads in about
  0.2 s and is 4 MB.)
- Word frequencies: wordfreq's English list, to tell a name from an ordinary word. A word
  much more common in English text than its popularity as a British forename explains
  ("will", "hope", "summer") is an ordinary word; "john" and "siobhan" are names.
- The grammar around names, singular roles and singling-out phrases: the project's own
  data files (resources/attribution/*.toml, compiled into peerdesk/assets/attribution).

Nothing is loaded at import time; ``lexicon()`` loads on first use and keeps it.
"""

from __future__ import annotations

import math
import threading
import tomllib
from dataclasses import dataclass, field
from functools import cached_property
from importlib import resources
from typing import Any

from peerdesk.summary.attribution.folding import fold_word

ORDINARY_MARGIN = 3.3
"""zipf frequency minus a quarter of the British forename popularity (0-13) above which a
forename is an ordinary word."""
COMMON_ZIPF = 4.5
"""A word at least this common (zipf) is an everyday word, not a surname on its own."""


@dataclass(frozen=True)
class Role:
    names: tuple[str, ...]
    short: tuple[str, ...]
    one_per: str
    needs_determiner: bool


def _asset(name: str) -> dict[str, Any]:
    raw = resources.files("peerdesk").joinpath(f"assets/attribution/{name}").read_bytes()
    return tomllib.loads(raw.decode("utf-8"))


def _british_popularity(country_values: str) -> int:
    """gender-guesser's frequency in Great Britain (its first column): 0 (absent) to 13."""
    if not country_values:
        return 0
    c = country_values[0]
    if c == " ":
        return 0
    return ord(c) - 55 if c > "@" else ord(c) - 48


class _Words:
    """A list from words.toml as a set of folded words, read once."""

    def __init__(self, key: str) -> None:
        self.key = key

    def __set_name__(self, owner: type, name: str) -> None:
        self.name = name

    def __get__(self, lexicon: Lexicon, owner: type | None = None) -> frozenset[str]:
        value = frozenset(fold_word(w) for w in lexicon.words[self.key])
        lexicon.__dict__[self.name] = value
        return value


class _Phrases(_Words):
    """A list from words.toml as folded phrases, each a tuple of words."""

    def __get__(self, lexicon: Lexicon,  # type: ignore[override]
                owner: type | None = None) -> tuple[tuple[str, ...], ...]:
        value = tuple(tuple(fold_word(v).split()) for v in lexicon.words[self.key])
        lexicon.__dict__[self.name] = value
        return value


@dataclass
class Lexicon:
    words: dict[str, Any]
    roles_data: dict[str, Any]
    forenames: dict[str, int]            # folded name -> British popularity (0-13)
    frequency: dict[str, float]          # wordfreq's English frequencies (small list)
    _cache: dict[str, float] = field(default_factory=dict, repr=False)

    # -- word lists from words.toml -------------------------------------------------------

    honorifics = _Words("honorifics")
    honorific_blockers = _Words("honorific_blockers")
    after_name = _Words("after_name")
    determiners = _Words("determiners")
    function_words = _Words("function_words")
    pronouns = _Words("pronouns")
    group_nouns = _Words("group_nouns")
    evidence_nouns = _Words("evidence_nouns")
    facility_words = _Words("facility_words")
    surname_facility_words = _Words("surname_facility_words")
    calendar_words = _Words("calendar_words")
    particles = _Words("name_particles")
    speech_verbs = _Phrases("speech_verbs")
    name_prefixes = _Phrases("name_prefixes")
    locatives = _Phrases("locative_prepositions")

    @cached_property
    def person_nouns(self) -> tuple[str, ...]:
        return tuple(fold_word(w) for w in self.words["person_nouns"])

    # -- roles.toml -----------------------------------------------------------------------

    @cached_property
    def roles(self) -> tuple[Role, ...]:
        return tuple(Role(tuple(fold_word(n) for n in r["names"]), tuple(r.get("short", ())),
                          str(r["one_per"]), r.get("needs") == "determiner")
                     for r in self.roles_data["role"])

    @cached_property
    def role_forms(self) -> tuple[str, ...]:
        return tuple(self.roles_data["patterns"]["forms"])

    @cached_property
    def role_form_one_per(self) -> str:
        return str(self.roles_data["patterns"]["one_per"])

    @cached_property
    def singling_out(self) -> dict[str, tuple[str, ...]]:
        data = self.roles_data["singling_out"]
        return {key: tuple(fold_word(v) for v in data[key])
                for key in ("starts", "not_people", "ends")}

    @cached_property
    def role_words(self) -> frozenset[str]:
        """Every word of every role name: never a surname ("Lord Mayor", "Director Smith")."""
        words = {w for role in self.roles for name in role.names for w in name.split()}
        return frozenset(w for w in words if w not in self.function_words
                         and w not in self.forenames)

    # -- names and words ------------------------------------------------------------------

    def zipf(self, word: str) -> float:
        """wordfreq's zipf frequency of a folded word (0 when it is not in the list)."""
        found = self._cache.get(word)
        if found is None:
            value = self.frequency.get(word, 0.0)
            found = round(math.log10(value * 1e9), 2) if value > 0 else 0.0
            self._cache[word] = found
        return found

    def is_forename(self, word: str) -> bool:
        return (word in self.forenames and len(word) >= 2 and word not in self.function_words
                and word not in self.calendar_words)

    def ordinary(self, word: str) -> bool:
        """An everyday English word, even if some people have it as a name ("Hope")."""
        if word in self.function_words:
            return True
        return self.zipf(word) - self.forenames.get(word, 0) / 4 >= ORDINARY_MARGIN

    def plain_forename(self, word: str) -> bool:
        """A forename that is not also an everyday word: "Siobhan", "John", "Priya"."""
        return self.is_forename(word) and len(word) >= 3 and not self.ordinary(word)

    def common(self, word: str) -> bool:
        return word in self.function_words or self.zipf(word) >= COMMON_ZIPF

    def plural(self, word: str) -> bool:
        """An English plural ("partners", "officers"), not a surname ending in s
        ("Williams", "Jones")."""
        for cut in ("ies", "es", "s"):
            if word.endswith(cut) and len(word) > len(cut) + 2:
                stem = word[:-len(cut)] + ("y" if cut == "ies" else "")
                if self.zipf(stem) >= 3.5 and not self.plain_forename(stem) and (
                        self.zipf(word) >= 2.5):
                    return True
        return False

    def not_a_name(self, word: str) -> bool:
        """Words that are never a person's name in a summary, whatever their case."""
        return (word in self.function_words or word in self.calendar_words
                or word in self.facility_words or word in self.group_nouns
                or word in self.role_words or word in self.evidence_nouns
                or word in self.pronouns)


_LOCK = threading.Lock()
_LEXICON: list[Lexicon] = []


def _forenames() -> dict[str, int]:
    import gender_guesser.detector

    detector = gender_guesser.detector.Detector(case_sensitive=False)
    out: dict[str, int] = {}
    for name, genders in detector.names.items():
        folded = name.lower() if name.isascii() else fold_word(name)
        if not folded.isalpha() and not all(p.isalpha() for p in folded.split("-")):
            continue
        popularity = max((_british_popularity(v) for v in genders.values()), default=0)
        out[folded] = max(out.get(folded, 0), popularity)
    return out


def lexicon() -> Lexicon:
    """The shared lexicon, loaded on first use (about a quarter of a second)."""
    with _LOCK:
        if not _LEXICON:
            import wordfreq

            _LEXICON.append(Lexicon(
                words=_asset("words.toml"), roles_data=_asset("roles.toml"),
                forenames=_forenames(),
                frequency=dict(wordfreq.get_frequency_dict("en", wordlist="small"))))
        return _LEXICON[0]
