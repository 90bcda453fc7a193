"""The register of copies: every file peerdesk writes out of the notebook is recorded,
so that destruction can find it later."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import Path

from peerdesk.vault.files import atomic_write
from peerdesk.vault.notebook import Notebook

EXPORT_KINDS = ("summary_pdf", "summary_docx", "summary_txt", "feedback_slides",
                "feedback_outline_docx", "feedback_outline_txt", "document_copy", "team_bundle",
                "team_bundle_received", "other")
"""``team_bundle``: a bundle sent to colleagues; ``team_bundle_received``: one read from a
file (listed by where it was read from, so that destruction deals with it too)."""


@dataclass(frozen=True)
class ExportRecord:
    id: int
    path: Path
    kind: str
    size: int
    sha256: str
    created_at: str
    opened_outside: bool
    keep_reason: str | None

    @property
    def on_disk(self) -> bool:
        return self.path.exists()


def sha256_of(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def write_export(notebook: Notebook, path: Path, data: bytes, kind: str,
                 opened_outside: bool = False) -> ExportRecord:
    """Write ``data`` atomically to ``path`` (0600) and record it in the register."""
    if kind not in EXPORT_KINDS:
        raise ValueError(f"unknown export kind {kind!r}")
    atomic_write(path, data)
    return record_export(notebook, path, kind, opened_outside)


def record_export(notebook: Notebook, path: Path, kind: str,
                  opened_outside: bool = False) -> ExportRecord:
    path = path.absolute()
    size = path.stat().st_size
    digest = sha256_of(path)
    now = notebook.now_text()
    with notebook.write() as conn:
        cur = conn.execute(
            "INSERT INTO export_record (path, kind, size, sha256, created_at, opened_outside)"
            " VALUES (?, ?, ?, ?, ?, ?)", (str(path), kind, size, digest, now, int(opened_outside)))
        export_id = int(cur.lastrowid or 0)
    return ExportRecord(export_id, path, kind, size, digest, now, opened_outside, None)


def list_exports(notebook: Notebook) -> list[ExportRecord]:
    with notebook.read() as conn:
        rows = conn.execute("SELECT id, path, kind, size, sha256, created_at, opened_outside,"
                            " keep_reason FROM export_record ORDER BY created_at, id").fetchall()
    return [ExportRecord(r[0], Path(r[1]), r[2], r[3], r[4], r[5], bool(r[6]), r[7])
            for r in rows]


def set_keep_reason(notebook: Notebook, export_id: int, reason: str | None) -> None:
    """Mark an export as kept at destruction (e.g. the manager already holds it)."""
    with notebook.write() as conn:
        conn.execute("UPDATE export_record SET keep_reason = ? WHERE id = ?",
                     (reason.strip() if reason else None, export_id))
