"""The people the notebook knows, and the engagement's own names that are not people.

Recorded names are searched in every form a writer may use: the full name, forename and
surname, each part of a double-barrelled surname ("O'Neill-Hughes", "O Neill Hughes",
"Hughes"), an initial with a surname ("S. Hughes"), a title with a surname ("Ms O'Neill"),
possessives, any case and with or without accents. The client system, the participants'
organisations and the session places are known not to be people.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from peerdesk.summary.attribution.folding import fold, fold_word
from peerdesk.summary.attribution.lexicon import Lexicon
from peerdesk.vault.notebook import Notebook

_TITLES = {"dr", "cllr", "councillor", "prof", "professor", "mr", "mrs", "ms", "miss", "mx",
           "sir", "dame", "lord", "lady", "rev", "revd", "reverend", "baroness", "baron"}
_POSTNOMINALS = {"obe", "mbe", "cbe", "dbe", "kbe", "frcp", "frcgp", "phd", "jr", "sr", "jnr",
                 "snr", "mp", "qc", "kc", "rgn", "rmn"}
_PARTICLES = {"van", "von", "der", "den", "de", "la", "le", "du", "di", "da", "dos", "del",
              "ap", "ab", "bin", "ibn", "al", "el", "st", "mac", "mc", "o", "ni", "nic"}


@dataclass(frozen=True)
class Person:
    name: str
    role: str
    organisation: str
    on_team: bool
    is_me: bool = False
    session_id: int | None = None
    initials: str = ""
    is_manager: bool = False

    def tokens(self) -> list[str]:
        words = [w.strip(".,;:()\"") for w in fold_word(self.name).split()]
        words = [w for w in words if w]
        while words and words[0].rstrip(".") in _TITLES:
            words = words[1:]
        while words and words[-1].rstrip(".") in _POSTNOMINALS:
            words = words[:-1]
        return words

    def surname_parts(self, shortest: int = 3) -> list[str]:
        """Each part of the surname on its own: "o'neill-hughes" -> o'neill-hughes,
        o'neill, hughes, neill; "ap rhys" -> ap rhys, rhys."""
        words = self.tokens()[1:]
        if not words:
            return []
        parts = {" ".join(words)}
        plain_words = [w for w in words if w not in _PARTICLES]
        if plain_words:
            parts.add(" ".join(plain_words))
        for w in plain_words:
            parts.add(w)
            for piece in w.split("-"):
                parts.add(piece)
                if "'" in piece:
                    parts.add(piece.split("'", 1)[1])
        return sorted(p for p in parts if _letters(p) >= shortest)

    def name_variants(self) -> set[str]:
        """Regular-expression fragments (on folded text) for this person's name."""
        words = self.tokens()
        if not words:
            return set()
        out = {_phrase(" ".join(words))}
        if len(words) > 2:
            out.add(_phrase(words[0] + " " + words[-1]))
        if _letters(words[0]) >= 3:
            out.add(_fragment(words[0]))
        if len(words) >= 2:
            initial = re.escape(words[0][0])
            for part in self.surname_parts(shortest=1):
                if _letters(part) >= 3:
                    out.add(_phrase(part))
                out.add(initial + r"(?:\.\s*|\s+)(?:\w(?:\.\s*|\s+))?" + _phrase(part))
        return out

    def initials_variants(self) -> set[str]:
        """The person's initials as written on a post-it ("AM", "A.M."), two letters or
        more."""
        letters = "".join(ch for ch in self.initials if ch.isalpha()).upper()
        if not letters:
            words = [w for w in self.tokens() if w not in _PARTICLES]
            letters = "".join(w[0] for w in words if w[:1].isalpha()).upper()
        return {letters} if len(letters) >= 2 else set()


def _letters(word: str) -> int:
    return sum(ch.isalpha() for ch in word)


def _fragment(word: str) -> str:
    """One folded name word; an apostrophe may be left out or be a space, a hyphen may be
    a space."""
    out = []
    for ch in word:
        if ch == "'":
            out.append(r"(?:'|\s)?")
        elif ch == "-":
            out.append(r"[-\s]?")
        else:
            out.append(re.escape(ch))
    return "".join(out)


def _phrase(words: str) -> str:
    return r"\s+".join(_fragment(w) for w in words.split())


_BEFORE = r"(?<!\w)(?<!\w')(?<!\w-)"
_AFTER = r"(?!\w)(?!-\w)"


def name_pattern(fragments: list[str]) -> re.Pattern[str]:
    """Whole words only, longest first, with an optional possessive ('s)."""
    alternatives = "|".join(sorted(fragments, key=len, reverse=True))
    return re.compile(_BEFORE + r"(?P<name>" + alternatives + r")(?:'s|')?" + _AFTER)


def everyday_lowercase(lex: Lexicon, folded_name: str, first_char: str) -> bool:
    """A one-word name that is also an everyday word, written in lower case, is the word
    ("we will mark it", "the price")."""
    if " " in folded_name or first_char.isupper():
        return False
    return lex.ordinary(folded_name) or lex.common(folded_name)


def normalise_role(text: str) -> str:
    folded = fold_word(text).replace("&", " and ")
    return " ".join(re.split(r"[\W_]+", folded)).strip()


@dataclass
class Engagement:
    """What the check knows about one engagement."""

    people: list[Person] = field(default_factory=list)
    known_phrases: list[str] = field(default_factory=list)  # organisations and places


def _initials_of(name: str) -> str:
    return "".join(w[0] for w in fold_word(name).split() if w[:1].isalpha()).upper()


def engagement_of(notebook: Notebook) -> Engagement:
    """Everyone whose name or role must not be traced (participants, the team, the
    manager), and the engagement's organisation and place names."""
    with notebook.read() as conn:
        eng = conn.execute("SELECT my_name, my_initials, my_role, manager_name, client_system"
                           " FROM engagement WHERE id = 1").fetchone()
        team = conn.execute("SELECT name, role, is_me, initials FROM team_member").fetchall()
        participants = conn.execute(
            "SELECT COALESCE(name, ''), role, organisation, session_id FROM participant"
        ).fetchall()
        places = [str(r[0]) for r in conn.execute(
            "SELECT DISTINCT place FROM session WHERE trim(place) != ''").fetchall()]
    people = [Person(str(n), str(r), "", on_team=True, is_me=bool(me), initials=str(i))
              for n, r, me, i in team]
    client = ""
    if eng is not None:
        my_name, my_initials, my_role, manager, client = (str(v or "") for v in eng)
        mine = fold_word(my_name)
        if my_name.strip() and not any(fold_word(p.name) == mine for p in people):
            people.append(Person(my_name, my_role, "", on_team=True, is_me=True,
                                 initials=my_initials))
        else:
            people = [Person(p.name, p.role or my_role, "", True, True,
                             initials=p.initials or my_initials)
                      if p.name.strip() and fold_word(p.name) == mine else p for p in people]
        if manager.strip():
            people.append(Person(manager, "", "", on_team=True, is_manager=True))
    people += [Person(str(n), str(r), str(o), on_team=False, session_id=int(s))
               for n, r, o, s in participants]
    organisations = {str(o) for _n, _r, o, _s in participants if str(o).strip()}
    phrases = [p for p in [client, *sorted(organisations), *places] if p.strip()]
    return Engagement(people, phrases)


def people_of(notebook: Notebook) -> list[Person]:
    return engagement_of(notebook).people


def known_words(lex: Lexicon, phrases: list[str]) -> frozenset[str]:
    """Single words of the engagement's organisation and place names that are not
    forenames: "northshire", "eastbrook"."""
    out: set[str] = set()
    for phrase in phrases:
        for word in re.findall(r"[^\W\d_]+(?:['-][^\W\d_]+)*", fold(phrase)[0]):
            if len(word) >= 3 and not lex.is_forename(word) and word not in lex.function_words:
                out.add(word)
    return frozenset(out)
