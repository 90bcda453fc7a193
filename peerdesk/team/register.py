"""The team bundles sent and received, for the Team tab, the CLI and destruction.

Each one's file is in the register of copies (``vault.exports``): a bundle sent where it
was written, a bundle received where it was read from.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from peerdesk.vault.notebook import Notebook


@dataclass(frozen=True)
class TeamBundle:
    direction: str        # "sent" or "received"
    kind: str             # "postits" or "handover"
    initials: str         # to (sent: comma-separated) or from (received)
    postits: int
    at: str
    path: Path | None
    export_id: int | None

    @property
    def on_disk(self) -> bool:
        return self.path is not None and self.path.exists()

    @property
    def kind_text(self) -> str:
        return "Session handed over" if self.kind == "handover" else "Post-its pooled"


def bundles(notebook: Notebook, direction: str | None = None) -> list[TeamBundle]:
    sql = ("SELECT b.direction, b.kind, b.peer_initials, b.postits, b.at, r.path, r.id"
           " FROM team_bundle b LEFT JOIN export_record r ON r.id = b.export_id")
    args: tuple[str, ...] = ()
    if direction is not None:
        sql += " WHERE b.direction = ?"
        args = (direction,)
    with notebook.read() as conn:
        rows = conn.execute(sql + " ORDER BY b.at, b.id", args).fetchall()
    return [TeamBundle(str(r[0]), str(r[1]), str(r[2]), int(r[3]), str(r[4]),
                       None if r[5] is None else Path(r[5]), None if r[6] is None else int(r[6]))
            for r in rows]


def counts(notebook: Notebook) -> tuple[int, int]:
    """Bundle files sent and received (each file once)."""
    with notebook.read() as conn:
        sent, received = conn.execute(
            "SELECT count(DISTINCT CASE WHEN kind = 'team_bundle' THEN id END),"
            " count(DISTINCT CASE WHEN kind = 'team_bundle_received' THEN id END)"
            " FROM export_record").fetchone()
    return int(sent), int(received)
