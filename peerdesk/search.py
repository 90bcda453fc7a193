"""Full-text search across the notebook, as the peer types.

Whatever is typed becomes a safe FTS5 query: each word is quoted (so ``"``, ``AND(``,
``*`` or ``NEAR`` are just text), every word must appear, and the last word matches
as a prefix, so results follow the typing. Results are ranked by bm25, carry a
snippet with the matches marked, and say what to open.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass

from peerdesk.notebook import Notebook
from peerdesk.search_index import CODE_BY_KIND, KIND_BY_CODE, KIND_STRIDE

MARK_START = "\x02"
MARK_END = "\x03"
ELLIPSIS = "…"
DEFAULT_LIMIT = 50
MAX_TOKENS = 12
SNIPPET_TOKENS = 12

KIND_TEXTS = {
    "session": "Session notes",
    "postit": "Post-it",
    "finding": "Finding",
    "participant": "Participant",
    "group_feedback": "Group feedback",
    "document": "Document",
}

# unicode61 keeps letters and digits together and splits on everything else.
_TOKEN = re.compile(r"[^\W_]+")

_SEARCH_SQL = (
    "SELECT search_index.rowid, heading, snippet(search_index, -1, ?, ?, ?, ?), rank,"
    " CASE {r} % {stride}"
    " WHEN {participant} THEN (SELECT session_id FROM participant WHERE id = {r} / {stride})"
    " WHEN {feedback} THEN (SELECT session_id FROM group_feedback WHERE id = {r} / {stride})"
    " WHEN {postit} THEN (SELECT session_id FROM postit WHERE id = {r} / {stride})"
    " WHEN {session} THEN {r} / {stride} END"
    " FROM search_index WHERE search_index MATCH ? ORDER BY rank LIMIT ?"
).format(r="search_index.rowid", stride=KIND_STRIDE, participant=CODE_BY_KIND["participant"],
         feedback=CODE_BY_KIND["group_feedback"], postit=CODE_BY_KIND["postit"],
         session=CODE_BY_KIND["session"])


def tokens(text: str) -> list[str]:
    """The words in ``text`` as the index splits them."""
    return _TOKEN.findall(text)


def fts_query(text: str) -> str | None:
    """An FTS5 query for what was typed, or None when there is nothing to look for.

    Every word is quoted, so no typed character can change the query's meaning or
    make it fail; the last word gets ``*`` so that a half-typed word matches.
    """
    words = tokens(text)[:MAX_TOKENS]
    if not words:
        return None
    quoted = ['"' + w.replace('"', '""') + '"' for w in words]
    quoted[-1] += "*"
    return " ".join(quoted)


@dataclass(frozen=True, slots=True)
class SearchHit:
    """One place found. ``snippet`` marks matches with MARK_START and MARK_END."""

    kind: str           # session, postit, finding, participant, group_feedback, document
    target_id: int      # the row to jump to, in the table named by ``kind``
    session_id: int | None  # the session to open (sessions, participants, feedback, post-its)
    heading: str
    snippet: str
    rank: float

    @property
    def kind_text(self) -> str:
        return KIND_TEXTS.get(self.kind, self.kind)

    def parts(self) -> list[tuple[str, bool]]:
        """The snippet as (text, is_match) pieces, for a view to draw."""
        out: list[tuple[str, bool]] = []
        for i, piece in enumerate(re.split(f"[{MARK_START}{MARK_END}]", self.snippet)):
            if piece:
                out.append((piece, i % 2 == 1))
        return out

    @property
    def plain(self) -> str:
        return self.snippet.replace(MARK_START, "").replace(MARK_END, "")

    def html(self, tag: str = "b") -> str:
        """The snippet as escaped rich text with matches in ``<tag>``."""
        return "".join(f"<{tag}>{html.escape(t)}</{tag}>" if hit else html.escape(t)
                       for t, hit in self.parts())


class Search:
    def __init__(self, notebook: Notebook) -> None:
        self.notebook = notebook

    def search(self, text: str, limit: int = DEFAULT_LIMIT) -> list[SearchHit]:
        """The best ``limit`` places matching what was typed; [] for nothing to look for."""
        query = fts_query(text)
        if query is None or limit <= 0:
            return []
        with self.notebook.read() as conn:
            rows = conn.execute(_SEARCH_SQL, (MARK_START, MARK_END, ELLIPSIS, SNIPPET_TOKENS,
                                              query, limit)).fetchall()
        return [SearchHit(kind=KIND_BY_CODE.get(rowid % KIND_STRIDE, "unknown"),
                          target_id=rowid // KIND_STRIDE,
                          session_id=None if session_id is None else int(session_id),
                          heading=str(heading), snippet=str(snippet), rank=float(rank))
                for rowid, heading, snippet, rank, session_id in rows]

    def matches(self, text: str) -> set[tuple[str, int]]:
        """Every place matching, as (kind, target id), unranked and unlimited."""
        query = fts_query(text)
        if query is None:
            return set()
        with self.notebook.read() as conn:
            rows = conn.execute("SELECT rowid FROM search_index WHERE search_index MATCH ?",
                                (query,)).fetchall()
        return {(KIND_BY_CODE.get(r % KIND_STRIDE, "unknown"), r // KIND_STRIDE)
                for (r,) in rows}

    def count(self, text: str) -> int:
        """How many places match in all (no ranking, no snippets)."""
        query = fts_query(text)
        if query is None:
            return 0
        with self.notebook.read() as conn:
            row = conn.execute("SELECT count(*) FROM search_index WHERE search_index MATCH ?",
                               (query,)).fetchone()
        return int(row[0])

    def rebuild(self) -> None:
        """Rebuild the index's internal structures (contents stay as the triggers keep them)."""
        with self.notebook.write() as conn:
            conn.execute("INSERT INTO search_index(search_index) VALUES ('rebuild')")

    def optimise(self) -> None:
        """Merge the index into one piece: faster searches after a big import."""
        with self.notebook.write() as conn:
            conn.execute("INSERT INTO search_index(search_index) VALUES ('optimize')")
