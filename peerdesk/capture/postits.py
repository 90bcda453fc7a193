"""Post-its: one finding each, on a flip chart, with its source and the peer's initials.

Positions on a chart are kept dense (0, 1, 2, ...) by every change made here. The board
reads everything at once with ``list_all()`` (one query, light objects).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from peerdesk.vault.database import Connection
from peerdesk.vault.errors import PeerdeskError, ValidationError
from peerdesk.vault.notebook import Notebook
from peerdesk.vault.schema import POSTIT_KINDS

KIND_LABELS = {
    "strength": "Strength",
    "area_to_explore": "Area to explore",
    "suggestion": "Suggestion",
    "participant_recommendation": "Participant recommendation",
    "observation": "Observation",
}
assert tuple(KIND_LABELS) == POSTIT_KINDS
DOCUMENT_SOURCE = "document"
"""The source kind of a post-it taken from a background document."""
MAX_TEXT = 2000


class PostitNotFoundError(PeerdeskError):
    default_message = "That post-it is no longer in the notebook."


@dataclass(frozen=True, slots=True)
class Postit:
    id: int
    flip_chart_id: int
    position: int
    kind: str
    text: str
    source_kind: str | None
    """The session's kind, "document", or None for a post-it with no source."""
    session_id: int | None
    document_id: int | None
    initials: str
    created_at: str
    """ISO 8601 text (kept as text so that 50,000 of them load quickly)."""
    updated_at: str

    @property
    def kind_label(self) -> str:
        return KIND_LABELS.get(self.kind, self.kind)


_SELECT = ("SELECT p.id, p.flip_chart_id, p.position, p.kind, p.text,"
           " CASE WHEN p.session_id IS NOT NULL THEN s.kind"
           " WHEN p.document_id IS NOT NULL THEN 'document' END,"
           " p.session_id, p.document_id, p.initials, p.created_at, p.updated_at"
           " FROM postit p LEFT JOIN session s ON s.id = p.session_id")


@dataclass(frozen=True, slots=True)
class DeletedPostit:
    """What ``delete`` took away, so that ``restore`` can put it back exactly (undo)."""

    postit: Postit
    evidence: tuple[tuple[int, str], ...]
    """(finding id, relation) for each finding the post-it was evidence for."""


def _postit(row: Any) -> Postit:
    return Postit(*row)


def _clean_text(text: str) -> str:
    cleaned = text.strip()
    if not cleaned:
        raise ValidationError("A post-it needs some text.")
    if len(cleaned) > MAX_TEXT:
        raise ValidationError(f"A post-it holds one finding: keep it under {MAX_TEXT} "
                              "characters, or split it into several.")
    return cleaned


def _check_kind(kind: str) -> None:
    if kind not in KIND_LABELS:
        raise ValidationError(f"{kind!r} is not a kind of post-it.")


def _check_chart(conn: Connection, flip_chart_id: int) -> None:
    row = conn.execute("SELECT retired FROM flip_chart WHERE id = ?", (flip_chart_id,)).fetchone()
    if row is None:
        raise ValidationError("That flip chart is no longer in the notebook.")
    if row[0]:
        raise ValidationError("That flip chart has been retired. Restore it, or choose another.")


class PostitStore:
    def __init__(self, notebook: Notebook) -> None:
        self.notebook = notebook

    def add(self, flip_chart_id: int, text: str, kind: str, session_id: int | None = None,
            document_id: int | None = None, initials: str | None = None) -> Postit:
        """File a post-it at the end of a chart; initials default to the peer's own."""
        cleaned = _clean_text(text)
        _check_kind(kind)
        if session_id is not None and document_id is not None:
            raise ValidationError("A post-it has one source: a session or a document.")
        now = self.notebook.now_text()
        with self.notebook.write() as conn:
            _check_chart(conn, flip_chart_id)
            if initials is None:
                row = conn.execute("SELECT my_initials FROM engagement WHERE id = 1").fetchone()
                initials = str(row[0]) if row else ""
            cur = conn.execute(
                "INSERT INTO postit (flip_chart_id, text, kind, session_id, document_id,"
                " initials, position, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?,"
                " (SELECT COALESCE(MAX(position) + 1, 0) FROM postit WHERE flip_chart_id = ?),"
                " ?, ?)",
                (flip_chart_id, cleaned, kind, session_id, document_id,
                 initials.strip().upper(), flip_chart_id, now, now))
            postit_id = int(cur.lastrowid or 0)
            return self._get(conn, postit_id)

    def get(self, postit_id: int) -> Postit:
        with self.notebook.read() as conn:
            return self._get(conn, postit_id)

    @staticmethod
    def _get(conn: Connection, postit_id: int) -> Postit:
        row = conn.execute(_SELECT + " WHERE p.id = ?", (postit_id,)).fetchone()
        if row is None:
            raise PostitNotFoundError()
        return _postit(row)

    def update(self, postit_id: int, text: str | None = None, kind: str | None = None) -> Postit:
        with self.notebook.write() as conn:
            current = self._get(conn, postit_id)
            new_text = current.text if text is None else _clean_text(text)
            new_kind = current.kind if kind is None else kind
            _check_kind(new_kind)
            conn.execute("UPDATE postit SET text = ?, kind = ?, updated_at = ? WHERE id = ?",
                         (new_text, new_kind, self.notebook.now_text(), postit_id))
            return self._get(conn, postit_id)

    def move(self, postit_id: int, flip_chart_id: int, position: int | None = None) -> Postit:
        """Put a post-it at ``position`` on a chart (the end when None or too far)."""
        with self.notebook.write() as conn:
            current = self._get(conn, postit_id)
            if flip_chart_id != current.flip_chart_id:
                _check_chart(conn, flip_chart_id)
            conn.execute("UPDATE postit SET position = position - 1 WHERE flip_chart_id = ?"
                         " AND position > ?", (current.flip_chart_id, current.position))
            count = int(conn.execute("SELECT COUNT(*) FROM postit WHERE flip_chart_id = ?"
                                     " AND id != ?", (flip_chart_id, postit_id)).fetchone()[0])
            target = count if position is None else max(0, min(position, count))
            conn.execute("UPDATE postit SET position = position + 1 WHERE flip_chart_id = ?"
                         " AND position >= ? AND id != ?", (flip_chart_id, target, postit_id))
            conn.execute("UPDATE postit SET flip_chart_id = ?, position = ?, updated_at = ?"
                         " WHERE id = ?",
                         (flip_chart_id, target, self.notebook.now_text(), postit_id))
            return self._get(conn, postit_id)

    def delete(self, postit_id: int) -> DeletedPostit | None:
        """Take a post-it off its chart (and out of its findings); returns what ``restore``
        needs to undo it, or None when it was already gone."""
        with self.notebook.write() as conn:
            row = conn.execute(_SELECT + " WHERE p.id = ?", (postit_id,)).fetchone()
            if row is None:
                return None
            postit = _postit(row)
            evidence = tuple((int(f), str(r)) for f, r in conn.execute(
                "SELECT finding_id, relation FROM finding_evidence WHERE postit_id = ?"
                " ORDER BY finding_id", (postit_id,)))
            conn.execute("DELETE FROM postit WHERE id = ?", (postit_id,))
            conn.execute("UPDATE postit SET position = position - 1 WHERE flip_chart_id = ?"
                         " AND position > ?", (postit.flip_chart_id, postit.position))
        return DeletedPostit(postit, evidence)

    def restore(self, deleted: DeletedPostit) -> Postit:
        """Put a deleted post-it back where it was, with its id, source, initials, times
        and its place in any finding still there."""
        p = deleted.postit
        with self.notebook.write() as conn:
            _check_chart(conn, p.flip_chart_id)
            if conn.execute("SELECT 1 FROM postit WHERE id = ?", (p.id,)).fetchone():
                return self._get(conn, p.id)
            count = int(conn.execute("SELECT COUNT(*) FROM postit WHERE flip_chart_id = ?",
                                     (p.flip_chart_id,)).fetchone()[0])
            position = min(p.position, count)
            conn.execute("UPDATE postit SET position = position + 1 WHERE flip_chart_id = ?"
                         " AND position >= ?", (p.flip_chart_id, position))
            session = conn.execute("SELECT id FROM session WHERE id = ?",
                                   (p.session_id,)).fetchone() if p.session_id else None
            document = conn.execute("SELECT id FROM document WHERE id = ?",
                                    (p.document_id,)).fetchone() if p.document_id else None
            conn.execute(
                "INSERT INTO postit (id, flip_chart_id, text, kind, session_id, document_id,"
                " initials, position, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?,"
                " ?, ?)", (p.id, p.flip_chart_id, p.text, p.kind,
                           p.session_id if session else None,
                           p.document_id if document else None, p.initials, position,
                           p.created_at, p.updated_at))
            conn.executemany(
                "INSERT OR IGNORE INTO finding_evidence (finding_id, postit_id, relation)"
                " SELECT id, ?, ? FROM finding WHERE id = ?",
                [(p.id, relation, finding_id) for finding_id, relation in deleted.evidence])
            return self._get(conn, p.id)

    def renumber(self, flip_chart_id: int) -> None:
        """Repair a chart's positions to 0, 1, 2, ... keeping their order."""
        with self.notebook.write() as conn:
            ids = [r[0] for r in conn.execute("SELECT id FROM postit WHERE flip_chart_id = ?"
                                              " ORDER BY position, id", (flip_chart_id,))]
            conn.executemany("UPDATE postit SET position = ? WHERE id = ?",
                             [(i, postit_id) for i, postit_id in enumerate(ids)])

    def list_for_session(self, session_id: int) -> list[Postit]:
        with self.notebook.read() as conn:
            rows = conn.execute(_SELECT + " WHERE p.session_id = ? ORDER BY p.created_at, p.id",
                                (session_id,)).fetchall()
        return [_postit(r) for r in rows]

    def list_for_document(self, document_id: int) -> list[Postit]:
        with self.notebook.read() as conn:
            rows = conn.execute(_SELECT + " WHERE p.document_id = ? ORDER BY p.created_at, p.id",
                                (document_id,)).fetchall()
        return [_postit(r) for r in rows]

    def list_for_chart(self, flip_chart_id: int) -> list[Postit]:
        with self.notebook.read() as conn:
            rows = conn.execute(_SELECT + " WHERE p.flip_chart_id = ? ORDER BY p.position, p.id",
                                (flip_chart_id,)).fetchall()
        return [_postit(r) for r in rows]

    def list_all(self) -> list[Postit]:
        """Every post-it, by chart and position, in one query (for the board)."""
        with self.notebook.read() as conn:
            rows = conn.execute(_SELECT + " ORDER BY p.flip_chart_id, p.position, p.id").fetchall()
        return [Postit(*r) for r in rows]

    def count(self) -> int:
        with self.notebook.read() as conn:
            return int(conn.execute("SELECT COUNT(*) FROM postit").fetchone()[0])
