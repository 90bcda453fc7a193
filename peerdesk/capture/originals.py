"""The files a peer imported from: where the position statement, the other documents and
the timetable came from, so that destruction can list them and offer to delete them.

peerdesk takes a copy of each file into the notebook; the file itself stays in the peer's
own folder (Downloads, say), outside peerdesk. Each import records the file's path, size
and SHA-256 here. Destruction lists them as "outside peerdesk", with their folder, and
deletes them (overwritten, deleted, checked) unless the peer chooses to leave one.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

from peerdesk.vault.notebook import Notebook

KINDS = ("document", "timetable")
KIND_WORDS = {"document": "Document", "timetable": "Timetable"}


@dataclass(frozen=True)
class ImportedOriginal:
    id: int
    kind: str
    path: Path
    size: int
    sha256: str
    imported_at: str

    @property
    def imported_on(self) -> date | None:
        try:
            return datetime.fromisoformat(self.imported_at).date()
        except ValueError:
            return None

    @property
    def label(self) -> str:
        """What it is and when, never its name (the certificate goes to the manager)."""
        day = self.imported_on
        when = f" imported {day.strftime('%d/%m/%Y')}" if day else " imported"
        return f"{KIND_WORDS.get(self.kind, 'File')}{when}, outside peerdesk"


def record_original(notebook: Notebook, path: Path, kind: str, data: bytes) -> None:
    """Note where an import came from (once per path and content)."""
    if kind not in KINDS:
        raise ValueError(f"unknown kind {kind!r}")
    where = str(path.expanduser().absolute())
    digest = hashlib.sha256(data).hexdigest()
    with notebook.write() as conn:
        seen = conn.execute("SELECT 1 FROM imported_original WHERE path = ? AND sha256 = ?",
                            (where, digest)).fetchone()
        if seen is None:
            conn.execute("INSERT INTO imported_original (kind, path, size, sha256, imported_at)"
                         " VALUES (?, ?, ?, ?, ?)",
                         (kind, where, len(data), digest, notebook.now_text()))


def list_originals(notebook: Notebook) -> list[ImportedOriginal]:
    with notebook.read() as conn:
        rows = conn.execute("SELECT id, kind, path, size, sha256, imported_at FROM "
                            "imported_original ORDER BY imported_at, id").fetchall()
    return [ImportedOriginal(r[0], r[1], Path(r[2]), r[3], r[4], r[5]) for r in rows]
