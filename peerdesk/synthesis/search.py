"""Full-text search across the notebook, as the peer types.

Whatever is typed becomes a safe FTS5 query: each word is quoted (so ``"``, ``AND(``,
``*`` or ``NEAR`` are just text), every word must appear, and the last word matches
as a prefix, so results follow the typing. Results carry a snippet with the matches
marked, and say what to open.

Ranking: the best ``limit`` places by bm25 among the ``WINDOW`` most recent matches.
Ranking every match costs a few microseconds each, which at a big engagement's tens
of thousands of matches for a two-letter prefix is tens of milliseconds per keystroke;
a window keeps typing smooth, and in any ordinary engagement every match fits in it,
so the ranking is exact. Snippets are cut in Python from the indexed text of those few
results, folding case and accents the way the index's tokenizer does.
"""

from __future__ import annotations

import functools
import html
import re
import unicodedata
from dataclasses import dataclass
from typing import Any

from peerdesk.vault.notebook import Notebook
from peerdesk.vault.search_index import KIND_BY_CODE, KIND_STRIDE, catch_up, has_pending

MARK_START = "\x02"
MARK_END = "\x03"
ELLIPSIS = "…"
DEFAULT_LIMIT = 50
MAX_TOKENS = 12
SNIPPET_TOKENS = 12
WINDOW = 300
MIN_PREFIX = 2

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

_NEWEST_SQL = "SELECT rowid FROM search_index ORDER BY rowid DESC LIMIT 1"
_SINCE_SQL = "SELECT rowid FROM search_index WHERE search_index MATCH ? AND rowid >= ?"
_CANDIDATES_SQL = ("SELECT rowid, rank FROM search_index WHERE search_index MATCH ?"
                   " AND rowid >= ?")
FIRST_SPAN = 4096
"""The rowids looked at first, back from the newest; each further look takes eight times
as many."""
_ROWS_SQL = "SELECT rowid, heading, body FROM search_index WHERE rowid IN ({marks})"
_SESSION_OF = {
    "participant": "SELECT id, session_id FROM participant WHERE id IN ({ids})",
    "group_feedback": "SELECT id, session_id FROM group_feedback WHERE id IN ({ids})",
    "postit": "SELECT id, session_id FROM postit WHERE id IN ({ids})",
}


def fold(word: str) -> str:
    """A word as the index stores it: lower case, accents removed."""
    if word.isascii():
        return word.lower()
    decomposed = unicodedata.normalize("NFKD", word.lower())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


@functools.lru_cache(maxsize=64)
def _quick_pattern(wanted: tuple[str, ...], prefix: bool) -> re.Pattern[str]:
    """A regex for the first match, for text whose matches carry no accents."""
    parts = [re.escape(w) + r"(?![^\W_])" for w in wanted]
    if prefix:
        parts[-1] = re.escape(wanted[-1]) + r"[^\W_]*"
    return re.compile(r"(?<![^\W_])(?:" + "|".join(parts) + ")", re.IGNORECASE)


def forget_search_terms() -> None:
    """Drop the patterns compiled for recent searches: they hold the words searched for."""
    _quick_pattern.cache_clear()
    re.purge()


def make_snippet(heading: str, body: str, words: list[str], prefix: bool = True) -> str:
    """About SNIPPET_TOKENS words around the first match, matches between the marks."""
    wanted = [fold(w) for w in words]
    quick = _quick_pattern(tuple(wanted), prefix)

    def matches(token: str) -> bool:
        folded = fold(token)
        return folded in wanted or (prefix and folded.startswith(wanted[-1]))

    for text in (body, heading):
        # Look near the first match only: notes can be long, and folding every word of
        # fifty of them on each keystroke would be slow.
        first_match = quick.search(text)
        lo, hi = 0, len(text)
        if first_match is not None:
            lo = max(0, first_match.start() - 30 * SNIPPET_TOKENS)
            hi = min(len(text), first_match.end() + 30 * SNIPPET_TOKENS)
        found = list(_TOKEN.finditer(text, lo, hi))
        if lo > 0 and found:
            found = found[1:]  # it may start mid-word
        if hi < len(text) and found:
            found = found[:-1]
        if first_match is not None:
            hit = next((i for i, m in enumerate(found) if m.end() > first_match.start()), None)
        else:
            hit = next((i for i, m in enumerate(found) if matches(m.group())), None)
        if hit is None:
            continue
        first = max(0, min(hit - SNIPPET_TOKENS // 3, len(found) - SNIPPET_TOKENS))
        shown = found[first:first + SNIPPET_TOKENS]
        at_start = first == 0 and lo == 0
        at_end = first + SNIPPET_TOKENS >= len(found) and hi == len(text)
        out, cursor = [], 0 if at_start else shown[0].start()
        for m in shown:
            out.append(text[cursor:m.start()])
            out.append(f"{MARK_START}{m.group()}{MARK_END}" if matches(m.group()) else m.group())
            cursor = m.end()
        out.append(text[cursor:] if at_end else ELLIPSIS)
        return ("" if at_start else ELLIPSIS) + "".join(out).strip()
    plain = body or heading
    found = list(_TOKEN.finditer(plain, 0, min(len(plain), 40 * SNIPPET_TOKENS)))
    if len(found) <= SNIPPET_TOKENS and len(plain) <= 40 * SNIPPET_TOKENS:
        return plain
    return plain[:found[min(len(found), SNIPPET_TOKENS) - 1].end()] + ELLIPSIS if found \
        else plain[:200] + ELLIPSIS


def ranked_rows(conn: Any, text: str, limit: int = DEFAULT_LIMIT,
                window: int = WINDOW) -> list[tuple[int, str, str, float]]:
    """(rowid, heading, snippet, rank) of the best matches; works on any connection that
    holds the ``search_index`` table (the benchmark runs it on plain sqlite3 too)."""
    query = fts_query(text)
    if query is None or limit <= 0:
        return []
    since = _window_start(conn, query, window)
    if since is None:
        return []
    candidates = conn.execute(_CANDIDATES_SQL, (query, since)).fetchall()
    best = sorted(candidates, key=lambda row: (row[1], -row[0]))[:limit]
    words, prefix = query_words(text)
    out = []
    marks = ",".join("?" * len(best))
    texts = {int(r[0]): (str(r[1]), str(r[2])) for r in conn.execute(
        _ROWS_SQL.format(marks=marks), [rowid for rowid, _rank in best])}
    for rowid, rank in best:
        if rowid in texts:
            heading, body = texts[rowid]
            snippet = make_snippet(heading, body, words, prefix)
            out.append((int(rowid), heading, snippet, float(rank)))
    return out


def _window_start(conn: Any, query: str, window: int) -> int | None:
    """The oldest rowid among the newest ``window`` matches; None when nothing matches.

    FTS5 reads a word's matches oldest first. Asking for the newest first (ORDER BY rowid
    DESC) makes it gather every match of a half-typed word in reverse, and with SQLCipher's
    memory security each of those allocations is locked and wiped. Instead, the matches
    are read forwards from a point a little before the newest row, and further back (eight
    times as far each time) until the window is full or the start is reached."""
    newest = conn.execute(_NEWEST_SQL).fetchone()
    if newest is None:
        return None
    span = FIRST_SPAN
    while True:
        start = int(newest[0]) - span + 1
        found = [int(r[0]) for r in conn.execute(_SINCE_SQL, (query, max(start, 0)))]
        if len(found) >= window:
            return found[-window]
        if start <= 0:
            return found[0] if found else None
        span *= 8


def tokens(text: str) -> list[str]:
    """The words in ``text`` as the index splits them."""
    return _TOKEN.findall(text)


def query_words(text: str) -> tuple[list[str], bool]:
    """The words searched for, and whether the last one is a prefix.

    A single letter typed after a space is left out until the next letter comes: every
    word starting with it would have to be merged, the slowest query there is.
    """
    words = tokens(text)[:MAX_TOKENS]
    if len(words) > 1 and len(words[-1]) < MIN_PREFIX:
        return words[:-1], False
    return words, bool(words)


def fts_query(text: str) -> str | None:
    """An FTS5 query for what was typed, or None when there is nothing to look for.

    Every word is quoted, so no typed character can change the query's meaning or
    make it fail; the last word gets ``*`` so that a half-typed word matches.
    """
    words, prefix = query_words(text)
    if not words:
        return None
    quoted = ['"' + w.replace('"', '""') + '"' for w in words]
    if prefix:
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

    def _catch_up(self) -> None:
        """Index the notes saved since the last search, so every search sees every edit
        (not possible in a notebook opened only to read: see ``stale``)."""
        if self.notebook.read_only:
            return
        with self.notebook.read() as conn:
            pending = has_pending(conn)
        if pending:
            with self.notebook.write() as conn:
                catch_up(conn)

    @property
    def stale(self) -> bool:
        """True when notes saved since the last search cannot be searched (the notebook
        was opened only to read, from a read-only disk for instance)."""
        if not self.notebook.read_only:
            return False
        with self.notebook.read() as conn:
            return has_pending(conn)

    def search(self, text: str, limit: int = DEFAULT_LIMIT) -> list[SearchHit]:
        """The best ``limit`` places matching what was typed; [] for nothing to look for."""
        self._catch_up()
        with self.notebook.read() as conn:
            rows = ranked_rows(conn, text, limit)
            found = [(KIND_BY_CODE.get(rowid % KIND_STRIDE, "unknown"), rowid // KIND_STRIDE)
                     for rowid, _heading, _snippet, _rank in rows]
            sessions: dict[tuple[str, int], int | None] = {}
            for kind, sql in _SESSION_OF.items():  # one look-up per kind, not per result
                ids = [target for k, target in found if k == kind]
                if ids:
                    marks = ",".join("?" * len(ids))
                    for target, session in conn.execute(sql.format(ids=marks), ids):
                        sessions[(kind, int(target))] = None if session is None else int(session)
        hits = []
        for (kind, target), (_rowid, heading, snippet, rank) in zip(found, rows, strict=True):
            session_id = target if kind == "session" else sessions.get((kind, target))
            hits.append(SearchHit(kind, target, session_id, heading, snippet, rank))
        return hits

    def matches(self, text: str) -> set[tuple[str, int]]:
        """Every place matching, as (kind, target id), unranked and unlimited."""
        query = fts_query(text)
        if query is None:
            return set()
        self._catch_up()
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
        self._catch_up()
        with self.notebook.read() as conn:
            row = conn.execute("SELECT count(*) FROM search_index WHERE search_index MATCH ?",
                               (query,)).fetchone()
        return int(row[0])

    def rebuild(self) -> None:
        """Rebuild the index's internal structures (contents stay as the triggers keep them)."""
        with self.notebook.write() as conn:
            catch_up(conn)
            conn.execute("INSERT INTO search_index(search_index) VALUES ('rebuild')")

    def optimise(self) -> None:
        """Merge the index into one piece: faster searches after a big import."""
        with self.notebook.write() as conn:
            conn.execute("INSERT INTO search_index(search_index) VALUES ('optimize')")
