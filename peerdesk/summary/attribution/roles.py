"""Roles that name a person, and phrases that single one person out.

- Singular roles from the data file (resources/attribution/roles.toml): "the director of
  public health", "the Northshire DPH", "Northshire's chief executive", "the leader of the
  council", "a PCN clinical director", plus general forms ("director of <anything>",
  "chief <anything> officer"). The plural is not flagged.
- Roles that only one participant recorded in the notebook holds, with or without their
  organisation ("practice nurse at Hill Surgery").
- Singling out: "the only finance officer in the group", "the one GP in the room", "the
  newest member of the board", "the youngest".
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable

from peerdesk.summary.attribution.folding import fold
from peerdesk.summary.attribution.hits import Found, HitCategory
from peerdesk.summary.attribution.lexicon import Lexicon
from peerdesk.summary.attribution.people import Person, normalise_role
from peerdesk.summary.attribution.tokens import Tokens

_B = r"(?<![\w'-])"
_E = r"(?:'s)?(?![\w-])"
_DETERMINED = re.compile(r"(?:\b(?:the|our|their|its|his|her|this|that|your|my)|'s?)\s+$")
_CAPITAL_WORD = re.compile(r"([A-Z][\w'’&-]*)\s+$")
_OF_ORGANISATION = re.compile(r"(?:'s)?(?:\s*,\s*|\s+(?:of|at|for|in|with)\s+(?:the\s+)?)"
                              r"((?:[A-Z][\w'’&-]*\s*){1,6})")


def _role_fragment(role: str) -> str:
    words = []
    for w in role.split():
        if w in ("and", "&"):
            words.append(r"(?:and|&)")
        else:
            words.append(re.escape(w).replace("'", "'?").replace(r"\-", r"[-\s]?"))
    return r"[\s-]+".join(words)


def _first_word(fragment_source: str) -> str:
    words = re.findall(r"[a-z0-9]+", fragment_source.replace("'", ""))
    return words[0] if words else ""


def words_of(folded: str) -> frozenset[str]:
    """The words of a folded text as role keys are written (no apostrophes, split at
    hyphens and stops)."""
    return frozenset(re.findall(r"[a-z0-9]+", folded.replace("'", "")))


class RoleFinder:
    def __init__(self, lex: Lexicon, recorded: list[tuple[str, str]] | None = None,
                 known: frozenset[str] = frozenset()) -> None:
        self.lex = lex
        self.known = known
        plain_roles: dict[str, list[tuple[str, str]]] = defaultdict(list)
        determined: dict[str, list[tuple[str, str]]] = defaultdict(list)
        abbreviations: dict[str, str] = {}
        for role in lex.roles:
            target = determined if role.needs_determiner else plain_roles
            for name in role.names:
                target[_first_word(name)].append((_role_fragment(name), role.one_per))
            for short in role.short:
                abbreviations[short] = role.one_per
        self._why: dict[str, str] = {}
        # One small pattern per first word, tried only when the text has that word.
        self._roles = {w: self._compile(r) for w, r in plain_roles.items()}
        self._determined = {w: self._compile(r) for w, r in determined.items()}
        self._forms = re.compile(_B + "(?:" + "|".join(lex.role_forms) + ")" + _E)
        self._form_words = frozenset({"director", "head", "chief", "lead", "interim", "acting",
                                      "new", "newly", "recently", "outgoing", "retiring",
                                      "former", "previous"})
        shorts = sorted(abbreviations, key=len, reverse=True)
        self._shorts = shorts
        self._short = re.compile(r"(?<![\w-])(" + "|".join(re.escape(s) for s in shorts)
                                 + r")(?:'s|’s)?(?![\w-])")
        self._short_why = abbreviations
        self._recorded = role_pattern(recorded) if recorded else None
        data = lex.singling_out
        self._starts = _by_first([tuple(x.split()) for x in data["starts"]])
        self._ends = _by_first([tuple(x.split()) for x in data["ends"]])
        self._nouns = _by_first([tuple(x.split()) for x in lex.person_nouns])
        self._verbs = _by_first(list(lex.speech_verbs))
        self._not_people = frozenset(data["not_people"])

    def _compile(self, roles: list[tuple[str, str]]) -> re.Pattern[str]:
        roles = sorted(roles, key=lambda r: len(r[0]), reverse=True)
        base = len(self._why)
        for i, (_fragment, one_per) in enumerate(roles, start=base):
            self._why[f"r{i}"] = one_per
        return re.compile(_B + "(?:" + "|".join(f"(?P<r{i}>{fragment})"
                                                for i, (fragment, _o) in enumerate(roles,
                                                                                    start=base))
                          + ")" + _E)

    def _reason(self, one_per: str) -> str:
        return f"only one person holds it in each {one_per}"

    def _widen(self, text: str, start: int, end: int) -> tuple[int, int]:
        """Take in the organisation or place written with the role: "the Northshire DPH",
        "Northshire Council's director of public health", "chief executive of Eastbrook
        Hospitals NHS Trust"."""
        for _ in range(4):
            before = _CAPITAL_WORD.search(text, max(0, start - 40), start)
            if before is None:
                break
            word = fold(before.group(1))[0].removesuffix("'s")
            if word in self.lex.function_words or word in self.lex.calendar_words:
                break
            start = before.start()
        after = _OF_ORGANISATION.match(text, end)
        if after is not None:
            words = {fold(w)[0].removesuffix("'s") for w in after.group(1).split()}
            if words & (self.lex.facility_words | self.known) or " of" in after.group(0)[:4]:
                end = after.start(1) + len(after.group(1).rstrip())
        return start, end

    def find(self, tokens: Tokens) -> list[Found]:
        text, folded = tokens.text, tokens.plain.lower()
        index = tokens.index
        out: list[Found] = []

        def add(m: re.Match[str], why: str, category: HitCategory = HitCategory.SINGULAR_ROLE,
                widen: bool = True) -> None:
            start, end = index[m.start()], index[m.end() - 1] + 1
            if widen:
                start, end = self._widen(text, start, end)
            out.append(Found(start, end, category, why))

        words = words_of(folded)
        for word in words & self._roles.keys():
            for m in self._roles[word].finditer(folded):
                add(m, self._reason(self._why.get(m.lastgroup or "", "organisation")))
        for m in (m for w in words & self._determined.keys()
                  for m in self._determined[w].finditer(folded)):
            before = folded[max(0, m.start() - 30):m.start()]
            after = _OF_ORGANISATION.match(text, index[m.end() - 1] + 1)
            if _DETERMINED.search(before) or (after is not None and not re.search(
                    r"\b(?:a|an)\s+$", before)):
                add(m, self._reason(self._why.get(m.lastgroup or "", "organisation")))
        if words & self._form_words:
            for m in self._forms.finditer(folded):
                add(m, self._reason(self.lex.role_form_one_per))
        if any(short in tokens.plain for short in self._shorts):
            for m in self._short.finditer(tokens.plain):
                add(m, self._reason(self._short_why.get(m.group(1), "organisation")))
        if self._recorded is not None:
            for m in self._recorded.finditer(folded):
                add(m, "one participant was recorded with this role", HitCategory.UNIQUE_ROLE,
                    widen=False)
        out += self._singling_out(tokens)
        return out

    def _singling_out(self, tokens: Tokens) -> list[Found]:
        words = tokens.words
        lows = [t.low for t in words]

        def at(k: int, table: dict[str, list[tuple[str, ...]]]) -> tuple[str, ...] | None:
            """The longest phrase of ``table`` that starts at word ``k``."""
            for phrase in table.get(lows[k], ()) if k < len(lows) else ():
                if tuple(lows[k:k + len(phrase)]) == phrase:
                    return phrase
            return None

        out: list[Found] = []
        i = 0
        while i < len(words):
            start = at(i, self._starts)
            if start is None:
                i += 1
                continue
            j = i + len(start)
            hit_end = -1
            for k in range(j, min(j + 6, len(words))):
                if k > j and tokens.gap(k - 1, k).strip(" -'"):
                    break
                if lows[k] in self._not_people and k == j:
                    break
                end = at(k, self._ends) if k > j else None
                if end is not None:
                    hit_end = k + len(end) - 1
                    break
                noun = at(k, self._nouns)
                if noun is not None:
                    hit_end = k + len(noun) - 1
                    follow = at(hit_end + 1, self._ends)
                    if follow is not None:
                        hit_end += len(follow)
                    break
                if k == j and at(k, self._verbs) is not None:
                    hit_end = k - 1
                    break
                if lows[k] in self._not_people:
                    break
            if hit_end >= 0 and (hit_end > j - 1 or start[-1] in _SUPERLATIVES):
                out.append(Found(words[i].start, words[hit_end].end, HitCategory.SINGLING_OUT,
                                 "a phrase that points to one person in a group"))
                i = hit_end + 1
            else:
                i += 1
        return out


def _by_first(phrases: list[tuple[str, ...]]) -> dict[str, list[tuple[str, ...]]]:
    """Phrases by their first word, longest first."""
    out: dict[str, list[tuple[str, ...]]] = defaultdict(list)
    for phrase in sorted(phrases, key=len, reverse=True):
        if phrase:
            out[phrase[0]].append(phrase)
    return dict(out)


_SUPERLATIVES = {"youngest", "oldest", "newest"}


def role_pattern(keys: Iterable[tuple[str, str]]) -> re.Pattern[str]:
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


_GENERIC_ROLES = {"chair", "councillor", "nurse", "doctor", "gp", "manager", "director",
                  "member", "volunteer", "officer", "resident", "patient", "carer",
                  "social worker", "chief executive", "consultant"}


def _distinctive(role: str) -> bool:
    return role not in _GENERIC_ROLES and (len(role.split()) >= 2 or len(role) >= 12)


def unique_roles(people: list[Person], skip_me: bool = False) -> list[tuple[str, str]]:
    """(role, organisation) pairs, folded, that only one person recorded holds.

    A role with its organisation counts when one person holds that pair; the role on
    its own counts when one person holds it anywhere and it is distinctive (more than
    one word, not a generic title). Participants without a name who share a role and
    organisation are counted as the most seen in any one session, since the same
    person may be met twice.
    """
    named: dict[tuple[str, str], set[str]] = defaultdict(set)
    unnamed: dict[tuple[str, str], dict[int, int]] = defaultdict(lambda: defaultdict(int))
    me: set[tuple[str, str]] = set()
    for i, p in enumerate(people):
        role = normalise_role(p.role)
        if not role:
            continue
        org = normalise_role(p.organisation)
        keys = [(role, org)] + ([(role, "")] if org else [])
        for key in keys:
            if p.name.strip():
                named[key].add(fold(p.name)[0])
            else:
                unnamed[key][p.session_id if p.session_id is not None else -1 - i] += 1
            if p.is_me:
                me.add(key)
    out = []
    for key in set(named) | set(unnamed):
        count = len(named.get(key, ())) + max(unnamed.get(key, {}).values(), default=0)
        if count != 1 or (skip_me and key in me):
            continue
        role, org = key
        if org or _distinctive(role):
            out.append(key)
    return sorted(out)
