"""Suggested changes: a colleague's later edit of a post-it the peer had changed here.

The peer's own version stays until they take the suggestion or set it aside.
"""

from __future__ import annotations

from dataclasses import dataclass

from peerdesk.capture.postits import PostitStore
from peerdesk.vault.errors import PeerdeskError
from peerdesk.vault.notebook import Notebook


class SuggestionNotFoundError(PeerdeskError):
    default_message = "That suggested change is no longer there."


@dataclass(frozen=True)
class Suggestion:
    postit_id: int
    text: str
    kind: str
    flip_chart_id: int
    initials: str
    current_text: str


def suggestions(notebook: Notebook) -> list[Suggestion]:
    with notebook.read() as conn:
        rows = conn.execute(
            "SELECT g.postit_id, g.text, g.kind, g.flip_chart_id, g.initials, p.text"
            " FROM postit_suggestion g JOIN postit p ON p.id = g.postit_id"
            " ORDER BY g.received_at, g.postit_id").fetchall()
    return [Suggestion(int(r[0]), str(r[1]), str(r[2]), int(r[3]), str(r[4]), str(r[5]))
            for r in rows]


def _take(notebook: Notebook, postit_id: int) -> tuple[str, str, int]:
    with notebook.read() as conn:
        row = conn.execute("SELECT text, kind, flip_chart_id FROM postit_suggestion"
                           " WHERE postit_id = ?", (postit_id,)).fetchone()
    if row is None:
        raise SuggestionNotFoundError()
    return str(row[0]), str(row[1]), int(row[2])


def accept(notebook: Notebook, postit_id: int) -> None:
    """Take the colleague's version."""
    text, kind, chart = _take(notebook, postit_id)
    store = PostitStore(notebook)
    store.update(postit_id, text, kind)
    if store.get(postit_id).flip_chart_id != chart:
        store.move(postit_id, chart)
    _settle(notebook, postit_id, text, kind, chart)


def dismiss(notebook: Notebook, postit_id: int) -> None:
    """Keep the peer's own version (a later edit from the author is suggested again)."""
    text, kind, chart = _take(notebook, postit_id)
    _settle(notebook, postit_id, text, kind, chart)


def _settle(notebook: Notebook, postit_id: int, text: str, kind: str, chart: int) -> None:
    with notebook.write() as conn:
        conn.execute("UPDATE postit_origin SET text = ?, kind = ?, flip_chart_id = ?"
                     " WHERE postit_id = ?", (text, kind, chart, postit_id))
        conn.execute("DELETE FROM postit_suggestion WHERE postit_id = ?", (postit_id,))
