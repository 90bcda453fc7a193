"""The peer's signposting suggestions for the manager: good practice elsewhere, and people
who could help. They go into the summary (see ``summary_model``), so the attribution check
reads them like every other text that leaves the notebook."""

from __future__ import annotations

from dataclasses import dataclass

from peerdesk.summary.wording import SIGNPOST_TEXTS
from peerdesk.vault.database import Connection
from peerdesk.vault.errors import PeerdeskError, ValidationError
from peerdesk.vault.notebook import Notebook

KINDS = tuple(SIGNPOST_TEXTS)  # "good_practice", "person"
MAX_CHARS = 2000


class SignpostNotFoundError(PeerdeskError):
    default_message = "That signposting suggestion is no longer in the notebook."


@dataclass(frozen=True, slots=True)
class SignpostItem:
    id: int
    text: str
    kind: str
    flip_chart_id: int | None   # the line of enquiry it helps with, if any
    chart_title: str            # "" when it is not tied to one
    position: int

    @property
    def kind_text(self) -> str:
        return SIGNPOST_TEXTS.get(self.kind, self.kind)


def _text(text: str) -> str:
    clean = text.strip()
    if not clean:
        raise ValidationError("Write the suggestion first: it cannot be empty.")
    if len(clean) > MAX_CHARS:
        raise ValidationError(f"Keep a suggestion under {MAX_CHARS} characters.")
    return clean


def _kind(kind: str) -> str:
    if kind not in KINDS:
        raise ValidationError("A suggestion is either good practice elsewhere or people who "
                              "could help.")
    return kind


def _chart(conn: Connection, chart_id: int | None) -> int | None:
    if chart_id is None:
        return None
    if conn.execute("SELECT 1 FROM flip_chart WHERE id = ?", (chart_id,)).fetchone() is None:
        raise ValidationError("That flip chart is no longer in the notebook.")
    return chart_id


def list_signposts(notebook: Notebook) -> list[SignpostItem]:
    """Every suggestion, grouped by kind in the summary's order, then as the peer placed
    them."""
    with notebook.read() as conn:
        rows = conn.execute(
            "SELECT s.id, s.text, s.kind, s.flip_chart_id, COALESCE(c.title, ''), s.position"
            " FROM signposting s LEFT JOIN flip_chart c ON c.id = s.flip_chart_id"
            " ORDER BY s.kind, s.position, s.id").fetchall()
    order = {kind: i for i, kind in enumerate(KINDS)}
    items = [SignpostItem(int(r[0]), str(r[1]), str(r[2]),
                          None if r[3] is None else int(r[3]), str(r[4]), int(r[5]))
             for r in rows]
    return sorted(items, key=lambda s: (order.get(s.kind, 99), s.position, s.id))


def get(notebook: Notebook, signpost_id: int) -> SignpostItem:
    for item in list_signposts(notebook):
        if item.id == signpost_id:
            return item
    raise SignpostNotFoundError()


def add(notebook: Notebook, text: str, kind: str = "good_practice",
        flip_chart_id: int | None = None) -> int:
    """A new suggestion, last among those of its kind."""
    clean, kind = _text(text), _kind(kind)
    with notebook.write() as conn:
        chart = _chart(conn, flip_chart_id)
        cur = conn.execute(
            "INSERT INTO signposting (flip_chart_id, text, kind, position) VALUES (?, ?, ?,"
            " (SELECT COALESCE(max(position) + 1, 0) FROM signposting WHERE kind = ?))",
            (chart, clean, kind, kind))
        return int(cur.lastrowid or 0)


_KEEP = object()


def update(notebook: Notebook, signpost_id: int, *, text: str | None = None,
           kind: str | None = None, flip_chart_id: int | object | None = _KEEP) -> None:
    """Change the given fields; ``flip_chart_id=None`` unties it from any flip chart."""
    sets: list[str] = []
    values: list[object] = []
    if text is not None:
        sets.append("text = ?")
        values.append(_text(text))
    with notebook.write() as conn:
        if kind is not None and _kind(kind) != _current_kind(conn, signpost_id):
            sets += ["kind = ?", "position = (SELECT COALESCE(max(position) + 1, 0)"
                     " FROM signposting WHERE kind = ?)"]   # last among its new kind
            values += [kind, kind]
        if flip_chart_id is not _KEEP:
            chart = flip_chart_id if isinstance(flip_chart_id, int) else None
            sets.append("flip_chart_id = ?")
            values.append(_chart(conn, chart))
        if not sets:
            sets.append("id = id")
        cur = conn.execute(f"UPDATE signposting SET {', '.join(sets)} WHERE id = ?",
                           (*values, signpost_id))
        if cur.rowcount == 0:
            raise SignpostNotFoundError()


def _current_kind(conn: Connection, signpost_id: int) -> str:
    row = conn.execute("SELECT kind FROM signposting WHERE id = ?", (signpost_id,)).fetchone()
    if row is None:
        raise SignpostNotFoundError()
    return str(row[0])


def delete(notebook: Notebook, signpost_id: int) -> None:
    with notebook.write() as conn:
        cur = conn.execute("DELETE FROM signposting WHERE id = ?", (signpost_id,))
        if cur.rowcount == 0:
            raise SignpostNotFoundError()
