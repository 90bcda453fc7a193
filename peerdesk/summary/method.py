"""Method in numbers: what the peer really did, counted honestly.

- Sessions are counted when they were held: notes were taken, or the session was started
  or marked done. Planned and cancelled ones are not.
- Participants are the people recorded in the sessions held (not the peer team's own
  sessions or the feedback session), each person once. A participant recorded by name
  counts once however often they were met; one recorded by role only ("Director of public
  health") counts once per role and organisation. Free text for a group ("Social workers",
  "Peer team") is not a person; when it states a number ("10 social workers", "eight
  GPs") it counts as that number.
- Documents are those kept in the notebook's pre-reading.
"""

from __future__ import annotations

import re
import unicodedata
from collections import defaultdict
from dataclasses import dataclass
from datetime import date

from peerdesk.capture.session_kinds import added_kinds
from peerdesk.synthesis.triangulation import in_sentence
from peerdesk.vault.notebook import Notebook

HELD = ("s.status != 'cancelled' AND (s.status IN ('live', 'done') OR trim(s.notes) != ''"
        " OR s.started_at IS NOT NULL)")
"""SQL for "the session was held" (the session table as ``s``)."""

COUNTED = ("Counted: meetings and focus groups held (notes taken, or started or marked "
           "done), not those only planned; each person recorded in them once, and a group "
           "only where its size was written down; documents in the notebook's pre-reading.")

_NUMBER_WORDS = {w: n for n, w in enumerate((
    "zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten",
    "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen",
    "eighteen", "nineteen", "twenty"))}
_NUMBER_WORDS.update({"thirty": 30, "forty": 40, "fifty": 50, "a dozen": 12, "dozen": 12})
_STATED = re.compile(
    r"^(?:about|around|approx(?:imately)?|c\.?|circa|some|over|nearly|almost|up to|roughly)?"
    r"\s*(\d{1,4}|" + "|".join(sorted(_NUMBER_WORDS, key=len, reverse=True)) + r")"
    r"(?:\s*(?:-|–|to)\s*\d{1,4})?\s*(?:x\s+)?(?=\s|$)", re.IGNORECASE)
_TRAILING = re.compile(r"[(\[]\s*(?:n\s*=\s*)?(\d{1,4})\s*[)\]]\s*$|[x×]\s*(\d{1,4})\s*$",
                       re.IGNORECASE)
_GROUP_WORDS = {"team", "group", "groups", "staff", "panel", "board", "forum", "committee",
                "network", "partnership", "cabinet", "workforce", "members", "partners",
                "colleagues", "peers", "people", "others", "various", "all", "everyone",
                "public", "residents", "representatives", "reps", "council", "trust",
                "service", "services", "organisation", "organisations", "leadership", "tbc",
                "tba", "unknown"}
_SINGULAR_S = ("ss", "us", "is", "ics", "ous", "ws")


@dataclass(frozen=True)
class MethodFigures:
    meetings: int
    focus_groups: int
    participants: int
    documents: int
    onsite_days: int
    counted: str = COUNTED
    added: tuple[tuple[str, int], ...] = ()
    """The types of session the engagement's template adds, held: ("Site visits", 2)."""

    def lines(self) -> list[tuple[str, int]]:
        return [
            ("Meetings with individuals held", self.meetings),
            ("Focus groups held", self.focus_groups),
            *((f"{label} held", n) for label, n in self.added),
            ("People met", self.participants),
            ("Documents read", self.documents),
            ("Days on site", self.onsite_days),
        ]


def _fold(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text)
    return " ".join("".join(c for c in decomposed if not unicodedata.combining(c))
                    .casefold().split())


def stated_number(text: str) -> int | None:
    """The number a group's description states ("10 social workers", "eight GPs",
    "Carers (6)"), or None."""
    clean = _fold(text)
    m = _STATED.match(clean)
    if m is not None:
        word = m.group(1)
        return int(word) if word.isdigit() else _NUMBER_WORDS[word]
    m = _TRAILING.search(clean)
    if m is not None:
        return int(m.group(1) or m.group(2))
    return None


def _head(role: str) -> str:
    """The noun a role is about: "director" in "Director of Adult Services"."""
    words = re.split(r"\s+(?:of|for|at|from|in|with|and|&)\s+|[,(/;]", _fold(role))[0].split()
    return words[-1] if words else ""


def people_in(role: str) -> int:
    """How many people a participant entry recorded by role only stands for: one for a
    role ("Practice nurse"), the stated number for a group ("12 carers"), none for a group
    whose size was not written down ("Social workers", "Peer team")."""
    number = stated_number(role)
    if number is not None:
        return number
    head = _head(role)
    if not head or head in _GROUP_WORDS:
        return 0
    if head.endswith("s") and not head.endswith(_SINGULAR_S) and len(head) > 2:
        return 0   # a plural: "Social workers", "GPs"
    return 1


def _days(onsite: tuple[str | None, str | None]) -> int:
    if onsite[0] and onsite[1]:
        first, last = date.fromisoformat(onsite[0]), date.fromisoformat(onsite[1])
        return max(0, (last - first).days + 1)
    return 1 if onsite[0] or onsite[1] else 0


def count_method(notebook: Notebook, onsite: tuple[str | None, str | None]) -> MethodFigures:
    with notebook.read() as conn:
        kinds = dict(conn.execute(
            f"SELECT COALESCE(s.source_kind, s.kind), COUNT(*) FROM session s WHERE {HELD}"
            " GROUP BY 1").fetchall())
        added = added_kinds(conn)
        rows = conn.execute(
            "SELECT COALESCE(p.name, ''), p.role, p.organisation, p.session_id"
            f" FROM participant p JOIN session s ON s.id = p.session_id WHERE {HELD}"
            " AND s.kind NOT IN ('team_session', 'feedback')").fetchall()
        team = {_fold(str(r[0])) for r in conn.execute(
            "SELECT name FROM team_member UNION SELECT my_name FROM engagement"
            " UNION SELECT manager_name FROM engagement").fetchall() if str(r[0]).strip()}
        documents = conn.execute("SELECT COUNT(*) FROM document").fetchone()[0]
    named: set[str] = set()
    by_role: dict[tuple[str, str], dict[int, int]] = defaultdict(lambda: defaultdict(int))
    groups = 0
    for name, role, organisation, session_id in rows:
        name, role, organisation = str(name), str(role), str(organisation)
        if name.strip():
            folded = _fold(name)
            if folded not in team:
                named.add(folded)
            continue
        if not role.strip():
            if organisation.strip():
                by_role[("", _fold(organisation))][int(session_id)] += 1
            continue
        if _fold(role) in team:
            continue
        n = people_in(role)
        if n == 1 and stated_number(role) is None:
            by_role[(_fold(role), _fold(organisation))][int(session_id)] += 1
        else:
            groups += n
    # The same role from the same organisation in two sessions may be one person met
    # twice: count the most seen in any one session.
    by_role_count = sum(max(seen.values()) for seen in by_role.values())
    counted = COUNTED
    if added:
        held = ["meetings", "focus groups", *(in_sentence(k.label) for k in added)]
        counted = COUNTED.replace("meetings and focus groups held",
                                  f"{', '.join(held[:-1])} and {held[-1]} held")
    return MethodFigures(meetings=int(kinds.get("meeting", 0)),
                         focus_groups=int(kinds.get("focus_group", 0)),
                         participants=len(named) + by_role_count + groups,
                         documents=int(documents), onsite_days=_days(onsite),
                         counted=counted,
                         added=tuple((k.label, int(kinds.get(k.key, 0))) for k in added))
