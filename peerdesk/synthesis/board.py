"""What the flip-chart board reads: post-its as light cards, a block at a time.

The board never loads every post-it: it counts them per chart, then reads the cards a
view is about to draw, a block of rows at a time (``cards``). A filter (day, source
kind, kind, session, peer) gives each chart the ids of the cards it keeps, in board order.
Moving several cards keeps their order (``move_cards``).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from peerdesk.capture.postits import DOCUMENT_SOURCE, KIND_LABELS, PostitStore
from peerdesk.capture.session_kinds import session_names
from peerdesk.vault.notebook import Notebook

NO_SOURCE = "none"
"""The source-kind filter value for post-its with neither a session nor a document."""

SOURCE_TEXTS = {  # short, to fit on a card
    "meeting": "Meeting", "focus_group": "Focus group", "team_session": "Team session",
    "client_catch_up": "Client catch-up", "feedback": "Feedback session", "call": "Call",
    "document_review": "Document review", "other": "Other session",
    DOCUMENT_SOURCE: "Document", NO_SOURCE: "No source",
}

_DAY = "substr(COALESCE(s.starts_at, p.source_day, p.created_at), 1, 10)"
_SOURCE_KIND = ("(CASE WHEN p.session_id IS NOT NULL THEN COALESCE(s.source_kind, s.kind)"
                " WHEN p.document_id IS NOT NULL THEN 'document' ELSE p.source_kind END)")
"""A post-it's kind of source: its session's kind, "document", or, for a colleague's
post-it from a session not in this notebook, the kind it came with."""
_CARD = ("SELECT p.id, p.flip_chart_id, p.position, p.kind, p.text,"
         f" {_SOURCE_KIND}, p.session_id, p.document_id, p.initials, {_DAY},"
         " (SELECT count(*) FROM finding_evidence e WHERE e.postit_id = p.id),"
         " EXISTS (SELECT 1 FROM postit_suggestion g WHERE g.postit_id = p.id)"
         " FROM postit p LEFT JOIN session s ON s.id = p.session_id")


@dataclass(frozen=True, slots=True)
class Card:
    """One post-it as the board draws it."""

    id: int
    flip_chart_id: int
    position: int
    kind: str
    text: str
    source_kind: str | None
    session_id: int | None
    document_id: int | None
    initials: str
    day: str            # "YYYY-MM-DD": the source session's day, else the day it was made
    findings: int       # how many findings it is linked to
    suggested: bool = False  # its author sent a change the peer has not looked at yet
    source_name: str = ""    # the name of a type of session the template added

    @property
    def kind_label(self) -> str:
        return KIND_LABELS.get(self.kind, self.kind)

    @property
    def source_text(self) -> str:
        return self.source_name or SOURCE_TEXTS.get(self.source_kind or NO_SOURCE,
                                                    self.source_kind or "")


@dataclass(frozen=True, slots=True)
class BoardFilter:
    """Which cards to show; None means any."""

    day: str | None = None          # "YYYY-MM-DD"
    source_kind: str | None = None  # a session kind, "document" or NO_SOURCE
    kind: str | None = None         # a post-it kind
    session_id: int | None = None
    initials: str | None = None     # whose post-its (a peer's initials)

    @property
    def active(self) -> bool:
        return any(v is not None for v in (self.day, self.source_kind, self.kind,
                                           self.session_id, self.initials))


@dataclass(frozen=True, slots=True)
class SessionChoice:
    """A session as the filter lists it (no notes loaded)."""

    id: int
    kind: str
    title: str
    day: str


def _card(row: Any, names: dict[str, str]) -> Card:
    return Card(int(row[0]), int(row[1]), int(row[2]), str(row[3]), str(row[4]), row[5],
                row[6], row[7], str(row[8]), str(row[9]), int(row[10]), bool(row[11]),
                names.get(row[5], "") if names else "")


class BoardReader:
    def __init__(self, notebook: Notebook) -> None:
        self.notebook = notebook

    def counts(self) -> dict[int, int]:
        """Post-its per flip chart (charts with none are left out)."""
        with self.notebook.read() as conn:
            rows = conn.execute("SELECT flip_chart_id, count(*) FROM postit"
                                " GROUP BY flip_chart_id").fetchall()
        return {int(c): int(n) for c, n in rows}

    def cards(self, flip_chart_id: int, first: int, count: int) -> list[Card]:
        """``count`` cards of a chart in board order, from row ``first``."""
        with self.notebook.read() as conn:
            rows = conn.execute(_CARD + " WHERE p.flip_chart_id = ?"
                                " ORDER BY p.position, p.id LIMIT ? OFFSET ?",
                                (flip_chart_id, count, first)).fetchall()
            names = session_names(conn)
        return [_card(r, names) for r in rows]

    def cards_by_id(self, ids: Sequence[int]) -> list[Card]:
        """The cards with these ids, in the order given (missing ones left out)."""
        if not ids:
            return []
        found: dict[int, Card] = {}
        with self.notebook.read() as conn:
            names = session_names(conn)
            for start in range(0, len(ids), 500):
                chunk = tuple(ids[start:start + 500])
                marks = ",".join("?" * len(chunk))
                for row in conn.execute(_CARD + f" WHERE p.id IN ({marks})", chunk):
                    found[int(row[0])] = _card(row, names)
        return [found[i] for i in ids if i in found]

    def filtered_ids(self, flt: BoardFilter) -> dict[int, list[int]]:
        """For each chart, the ids of the cards the filter keeps, in board order."""
        where, args = _filter_sql(flt)
        out: dict[int, list[int]] = {}
        with self.notebook.read() as conn:
            for chart, postit_id in conn.execute(
                    "SELECT p.flip_chart_id, p.id FROM postit p"
                    " LEFT JOIN session s ON s.id = p.session_id"
                    f"{where} ORDER BY p.flip_chart_id, p.position, p.id", args):
                out.setdefault(int(chart), []).append(int(postit_id))
        return out

    def source_texts(self) -> dict[str, str]:
        """The kinds of source the filter offers, with their names: peerdesk's own, then
        the types of session this engagement's template added."""
        with self.notebook.read() as conn:
            return {**SOURCE_TEXTS, **session_names(conn)}

    def days(self) -> list[str]:
        """Days with sessions, "YYYY-MM-DD", in order (for the day filter)."""
        with self.notebook.read() as conn:
            rows = conn.execute("SELECT DISTINCT substr(starts_at, 1, 10) FROM session"
                                " WHERE starts_at IS NOT NULL ORDER BY 1").fetchall()
        return [str(r[0]) for r in rows]

    def peers(self) -> list[str]:
        """The initials on the post-its, in order (for the filter by peer)."""
        with self.notebook.read() as conn:
            rows = conn.execute("SELECT DISTINCT initials FROM postit WHERE initials != ''"
                                " ORDER BY initials").fetchall()
        return [str(r[0]) for r in rows]

    def sessions(self) -> list[SessionChoice]:
        """Sessions with at least one post-it, by start time (for the session filter)."""
        with self.notebook.read() as conn:
            rows = conn.execute(
                "SELECT id, COALESCE(source_kind, kind), title,"
                " COALESCE(substr(starts_at, 1, 10), '') FROM session s"
                " WHERE EXISTS (SELECT 1 FROM postit p WHERE p.session_id = s.id)"
                " ORDER BY starts_at IS NULL, starts_at, id").fetchall()
        return [SessionChoice(int(r[0]), str(r[1]), str(r[2]), str(r[3])) for r in rows]

    def move_cards(self, ids: Sequence[int], flip_chart_id: int, position: int) -> None:
        """Put these post-its, in this order, at ``position`` on a chart.

        ``position`` counts the chart's post-its as they are before the move (the way a
        drop between two cards is given), so cards moved down the same chart land where
        they were dropped.
        """
        store = PostitStore(self.notebook)
        target = position
        for postit_id in dict.fromkeys(ids):
            current = store.get(postit_id)
            if current.flip_chart_id == flip_chart_id and current.position < target:
                target -= 1
            moved = store.move(postit_id, flip_chart_id, target)
            target = moved.position + 1


def _filter_sql(flt: BoardFilter) -> tuple[str, tuple[object, ...]]:
    parts: list[str] = []
    args: list[object] = []
    if flt.kind is not None:
        parts.append("p.kind = ?")
        args.append(flt.kind)
    if flt.session_id is not None:
        parts.append("p.session_id = ?")
        args.append(flt.session_id)
    if flt.initials is not None:
        parts.append("p.initials = ?")
        args.append(flt.initials)
    if flt.source_kind == DOCUMENT_SOURCE:
        parts.append(f"{_SOURCE_KIND} = 'document'")
    elif flt.source_kind == NO_SOURCE:
        parts.append("p.session_id IS NULL AND p.document_id IS NULL AND p.source_kind IS NULL")
    elif flt.source_kind is not None:
        parts.append(f"{_SOURCE_KIND} = ?")
        args.append(flt.source_kind)
    if flt.day is not None:
        parts.append(f"{_DAY} = ?")
        args.append(flt.day)
    return (" WHERE " + " AND ".join(parts) if parts else ""), tuple(args)
