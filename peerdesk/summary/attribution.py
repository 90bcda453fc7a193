"""The attribution check: anything in the outgoing summary that could point to a person.

Before every export each outgoing text is searched for the names of participants and of
the peer team (full names, given names and surnames, possessives, an initial with the
surname; any case, with or without accents), email addresses, UK phone numbers, and
roles that only one person in the engagement holds. Each hit is either edited away by
the peer or accepted as not attributable; an acceptance holds for that exact text only.
"""

from __future__ import annotations

import hashlib
import re
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from enum import StrEnum

from peerdesk.summary.attribution_terms import (
    Person,
    fold,
    name_pattern,
    normalise_role,
    role_pattern,
    skip_lowercase,
)
from peerdesk.summary.model import OutgoingText, Summary
from peerdesk.vault.notebook import Notebook

CONTEXT_CHARS = 40

_EMAIL = re.compile(r"(?<![\w.+-])[\w.+-]+@[\w-]+(?:\.[\w-]+)+", re.IGNORECASE)
_SEP = r"[ \u00a0-]?"
_PHONE = re.compile(
    r"(?<![\w+])(?:\+44" + _SEP + r"(?:\(0\)" + _SEP + r")?|\(?0)"
    r"(?:7\d{3}\)?" + _SEP + r"\d{3}" + _SEP + r"\d{3}"          # mobiles 07xxx xxxxxx
    r"|1\d{3}\)?" + _SEP + r"\d{5,6}"                             # 01xxx xxxxx(x)
    r"|1\d{2}\)?" + _SEP + r"\d{3}" + _SEP + r"\d{4}"             # 01xx xxx xxxx
    r"|2\d\)?" + _SEP + r"\d{4}" + _SEP + r"\d{4}"                # 02x xxxx xxxx
    r"|[38]\d{2}\)?" + _SEP + r"\d{3}" + _SEP + r"\d{3,4})"       # 03xx, 0800
    r"(?!\w)")


class HitCategory(StrEnum):
    PARTICIPANT_NAME = "participant_name"
    TEAM_NAME = "team_name"
    EMAIL = "email"
    PHONE = "phone"
    UNIQUE_ROLE = "unique_role"

    @property
    def text(self) -> str:
        return {
            "participant_name": "Participant's name",
            "team_name": "Peer team member's name",
            "email": "Email address",
            "phone": "Phone number",
            "unique_role": "Role only one person holds",
        }[self.value]


def text_digest(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


@dataclass(frozen=True)
class Hit:
    term: str               # the words found, as written in the text
    category: HitCategory
    source: OutgoingText    # which text, and where it comes from
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
        return fold(self.term)[0]

    @property
    def key(self) -> tuple[str, str]:
        """What an acceptance is remembered by: this exact text and this term."""
        return (self.text_sha256, self.term_key)

    @property
    def where(self) -> str:
        return self.source.where


def _snippet(text: str, start: int, end: int) -> tuple[str, int, int]:
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
    snippet = (prefix + text[left:right] + suffix).replace("\n", " ")
    offset = len(prefix) - left
    return snippet, start + offset, end + offset


class Matcher:
    """Compiled patterns for one engagement's people; reusable across many texts."""

    def __init__(self, people: Iterable[Person], skip_me: bool = False) -> None:
        people = list(people)
        variants: dict[HitCategory, set[str]] = defaultdict(set)
        for person in people:
            if skip_me and person.is_me:
                continue
            category = (HitCategory.TEAM_NAME if person.on_team
                        else HitCategory.PARTICIPANT_NAME)
            variants[category].update(person.name_variants())
        self._names = [(category, name_pattern(sorted(v, key=len, reverse=True)))
                       for category, v in variants.items() if v]
        roles = unique_roles(people, skip_me)
        self._roles = role_pattern(roles) if roles else None

    def find(self, source: OutgoingText) -> list[Hit]:
        text = source.text
        if not text.strip():
            return []
        folded, index = fold(text)
        found: list[tuple[int, int, HitCategory]] = []
        for category, pattern in self._names:
            for m in pattern.finditer(folded):
                start, end = index[m.start()], index[m.end() - 1] + 1
                if skip_lowercase(m.group("name"), text[start]):
                    continue
                found.append((start, end, category))
        if self._roles is not None:
            for m in self._roles.finditer(folded):
                found.append((index[m.start()], index[m.end() - 1] + 1,
                              HitCategory.UNIQUE_ROLE))
        for m in _EMAIL.finditer(text):
            found.append((m.start(), m.end(), HitCategory.EMAIL))
        for m in _PHONE.finditer(text):
            found.append((m.start(), m.end(), HitCategory.PHONE))
        # Longest first at each place; an email's local part is not a name of its own.
        found.sort(key=lambda f: (f[0], -(f[1] - f[0])))
        hits: list[Hit] = []
        taken_to = -1
        for start, end, category in found:
            if start < taken_to:
                continue
            taken_to = end
            context, c_start, c_end = _snippet(text, start, end)
            hits.append(Hit(text[start:end], category, source, start, end,
                            context, c_start, c_end))
        return hits


def unique_roles(people: list[Person], skip_me: bool = False) -> list[tuple[str, str]]:
    """(role, organisation) pairs, folded, that only one person holds.

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


_GENERIC_ROLES = {"chair", "councillor", "nurse", "doctor", "gp", "manager", "director",
                  "member", "volunteer", "officer", "resident", "patient", "carer",
                  "social worker", "chief executive", "consultant"}


def _distinctive(role: str) -> bool:
    return role not in _GENERIC_ROLES and (len(role.split()) >= 2 or len(role) >= 12)


def people_of(notebook: Notebook) -> list[Person]:
    """Everyone whose name or role must not be traced: participants, team, manager."""
    with notebook.read() as conn:
        eng = conn.execute("SELECT my_name, my_role, manager_name FROM engagement"
                           " WHERE id = 1").fetchone()
        team = conn.execute("SELECT name, role, is_me FROM team_member").fetchall()
        participants = conn.execute(
            "SELECT COALESCE(name, ''), role, organisation, session_id FROM participant"
        ).fetchall()
    people = [Person(str(n), str(r), "", on_team=True, is_me=bool(me)) for n, r, me in team]
    if eng is not None:
        my_name, my_role, manager = (str(v or "") for v in eng)
        mine = fold(my_name)[0]
        if my_name.strip() and not any(fold(p.name)[0] == mine for p in people):
            people.append(Person(my_name, my_role, "", on_team=True, is_me=True))
        else:
            people = [Person(p.name, p.role or my_role, "", True, True)
                      if p.name.strip() and fold(p.name)[0] == mine else p for p in people]
        if manager.strip():
            people.append(Person(manager, "", "", on_team=True))
    people += [Person(str(n), str(r), str(o), on_team=False, session_id=int(s))
               for n, r, o, s in participants]
    return people


def find_hits(summary: Summary, people: list[Person]) -> list[Hit]:
    """Every hit in every outgoing text; the peer's own name and role pass on the cover."""
    matcher = Matcher(people)
    cover_matcher = Matcher(people, skip_me=True)
    hits: list[Hit] = []
    for source in summary.texts():
        hits += (cover_matcher if source.owner == "cover" else matcher).find(source)
    return hits


def accepted_keys(notebook: Notebook) -> set[tuple[str, str]]:
    with notebook.read() as conn:
        rows = conn.execute("SELECT text_sha256, term FROM accepted_hit").fetchall()
    return {(str(a), str(b)) for a, b in rows}


def check(notebook: Notebook, summary: Summary) -> list[Hit]:
    """Every hit, accepted or not."""
    return find_hits(summary, people_of(notebook))


def unresolved(notebook: Notebook, summary: Summary) -> list[Hit]:
    """The hits the peer has neither edited away nor accepted for this exact text."""
    accepted = accepted_keys(notebook)
    return [h for h in check(notebook, summary) if h.key not in accepted]


def accept(notebook: Notebook, hit: Hit) -> None:
    """Remember that the peer judged this term, in this exact text, not attributable."""
    text_sha256, term = hit.key
    with notebook.write() as conn:
        conn.execute("INSERT OR IGNORE INTO accepted_hit (text_sha256, term, accepted_at)"
                     " VALUES (?, ?, ?)", (text_sha256, term, notebook.now_text()))


def withdraw(notebook: Notebook, hit: Hit) -> None:
    """Undo an acceptance."""
    with notebook.write() as conn:
        conn.execute("DELETE FROM accepted_hit WHERE text_sha256 = ? AND term = ?", hit.key)
