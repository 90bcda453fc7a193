"""One source, several ids: joining a colleague's session to one's own.

Two peers' notes of the same meeting are one source. Sessions imported from the same
timetable already share their id; otherwise the ids are joined here (a hand-over does it,
and a peer can link a colleague's session to their own). Every id of a group points at the
group's smallest id in ``source_alias``, so counting needs one lookup per post-it.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from peerdesk.capture.sessions import SessionNotFoundError
from peerdesk.synthesis.triangulation import evidence_kind
from peerdesk.vault.database import Connection
from peerdesk.vault.notebook import Notebook


def canonical(conn: Connection, ref: str) -> str:
    row = conn.execute("SELECT canonical FROM source_alias WHERE alias = ?", (ref,)).fetchone()
    return ref if row is None else str(row[0])


def members(conn: Connection, ref: str) -> set[str]:
    """Every id that names the same source as ``ref`` (``ref`` included)."""
    head = canonical(conn, ref)
    found = {head, ref}
    found.update(str(r[0]) for r in conn.execute(
        "SELECT alias FROM source_alias WHERE canonical = ?", (head,)))
    return found


def join(conn: Connection, refs: Iterable[str]) -> str:
    """Make these ids (and everything already joined to them) one source; its id."""
    group: set[str] = set()
    for ref in refs:
        group |= members(conn, ref)
    if not group:
        raise ValueError("nothing to join")
    head = min(group)
    if len(group) > 1:
        marks = ",".join("?" * len(group))
        conn.execute(f"DELETE FROM source_alias WHERE alias IN ({marks})", tuple(group))
        conn.executemany("INSERT INTO source_alias (alias, canonical) VALUES (?, ?)",
                         [(m, head) for m in sorted(group) if m != head])
    return head


def session_for(conn: Connection, ref: str) -> int | None:
    """The session here that is this source, if there is one."""
    group = tuple(members(conn, ref))
    marks = ",".join("?" * len(group))
    row = conn.execute(f"SELECT id FROM session WHERE source_id IN ({marks})"
                       " ORDER BY id LIMIT 1", group).fetchone()
    return None if row is None else int(row[0])


@dataclass(frozen=True)
class ColleagueSource:
    """A colleague's source that is no session here (yet): what the peer can link."""

    ref: str
    kind: str
    day: str | None
    postits: int
    initials: tuple[str, ...]

    @property
    def counts(self) -> bool:
        return evidence_kind(self.kind) is not None


def unlinked(notebook: Notebook) -> list[ColleagueSource]:
    """Colleagues' sessions behind post-its here that match no session of this notebook."""
    with notebook.read() as conn:
        rows = conn.execute(
            "SELECT source_ref, source_kind, max(source_day), count(*),"
            " group_concat(DISTINCT initials) FROM postit WHERE session_id IS NULL"
            " AND document_id IS NULL AND source_ref IS NOT NULL AND source_kind != 'document'"
            " GROUP BY source_ref, source_kind ORDER BY max(source_day), source_ref").fetchall()
    return [ColleagueSource(str(r[0]), str(r[1]), None if r[2] is None else str(r[2]),
                            int(r[3]), tuple(sorted(str(r[4] or "").split(",")))) for r in rows]


def link_session(notebook: Notebook, ref: str, session_id: int) -> int:
    """Make a colleague's source the same as one of this notebook's sessions.

    Their post-its from it then belong to that session (board, filters, triangulation).
    Returns how many post-its were moved to the session.
    """
    with notebook.write() as conn:
        row = conn.execute("SELECT source_id FROM session WHERE id = ?",
                           (session_id,)).fetchone()
        if row is None:
            raise SessionNotFoundError()
        join(conn, [ref, str(row[0])])
        return attach(conn, ref, session_id)


def attach(conn: Connection, ref: str, session_id: int) -> int:
    """Colleagues' post-its from this source (any of its ids) now name the session."""
    group = tuple(members(conn, ref))
    marks = ",".join("?" * len(group))
    return int(conn.execute(
        f"UPDATE postit SET session_id = ? WHERE session_id IS NULL AND document_id IS NULL"
        f" AND source_ref IN ({marks})", (session_id, *group)).rowcount)
