"""The register of copies: every file peerdesk writes out of the notebook is recorded,
so that destruction can find it later.

Recording comes FIRST: the copy's path, size and SHA-256 (known before a byte is written)
go into the notebook, and only then are the bytes written, so that a copy on the disk is
always in the register, even when peerdesk is killed between the steps. The bytes go to a
temporary file in peerdesk's own notebooks folder, named after the notebook (a start-up
sweeps it if its process is gone, destruction finds it by its name), and are renamed into
place in one step; where the target is on another disk, they are written to it directly.
If writing fails, the partly written file and its record are removed again.
"""

from __future__ import annotations

import contextlib
import errno
import hashlib
import os
from dataclasses import dataclass
from pathlib import Path

from peerdesk.vault.errors import PeerdeskError
from peerdesk.vault.files import (
    diagnose,
    free_space,
    fsync_dir,
    scrub,
    storage_error,
    temp_name,
    write_private,
)
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


def _insert(notebook: Notebook, path: Path, kind: str, size: int, digest: str,
            opened_outside: bool) -> ExportRecord:
    now = notebook.now_text()
    with notebook.write() as conn:
        cur = conn.execute(
            "INSERT INTO export_record (path, kind, size, sha256, created_at, opened_outside)"
            " VALUES (?, ?, ?, ?, ?, ?)", (str(path), kind, size, digest, now, int(opened_outside)))
        export_id = int(cur.lastrowid or 0)
    return ExportRecord(export_id, path, kind, size, digest, now, opened_outside, None)


def write_export(notebook: Notebook, path: Path, data: bytes, kind: str,
                 opened_outside: bool = False) -> ExportRecord:
    """Record, then write ``data`` to ``path`` (0600): see the module's docstring."""
    if kind not in EXPORT_KINDS:
        raise ValueError(f"unknown export kind {kind!r}")
    path = path.absolute()
    what = f"save {path.name}"
    if not path.parent.is_dir():
        raise storage_error(OSError(errno.ENOENT, "no such folder", str(path.parent)), what,
                            path)
    free = free_space(path.parent)
    if free is not None and free < len(data):
        raise diagnose(path, what, len(data), full=True)
    record = _insert(notebook, path, kind, len(data), hashlib.sha256(data).hexdigest(),
                     opened_outside)
    try:
        _write(notebook, path, data, what)
    except _PartlyWritten as failed:
        raise failed.error from None  # bytes of it are on the disk: the record stays
    except BaseException:
        with contextlib.suppress(PeerdeskError), notebook.write() as conn:
            conn.execute("DELETE FROM export_record WHERE id = ?", (record.id,))
        raise
    return record


class _PartlyWritten(Exception):
    def __init__(self, error: PeerdeskError) -> None:
        super().__init__(error.message)
        self.error = error


def _same_disk(a: Path, b: Path) -> bool:
    try:
        return os.stat(a).st_dev == os.stat(b).st_dev
    except OSError:
        return False


def _write(notebook: Notebook, path: Path, data: bytes, what: str) -> None:
    folder = notebook.path.parent
    if _same_disk(folder, path.parent):
        tmp = temp_name(folder / f"{notebook.id}-export")
        try:
            write_private(tmp, data)
            os.replace(tmp, path)
            fsync_dir(path.parent)
        except OSError as exc:
            scrub(tmp)
            raise storage_error(exc, what, path, needed=len(data)) from exc
        return
    existed = path.exists()
    try:
        write_private(path, data, replace=True)
        fsync_dir(path.parent)
    except OSError as exc:
        error = storage_error(exc, what, path, needed=len(data))
        if existed:  # the old file is already cut: what is there stays on the register
            raise _PartlyWritten(error) from exc
        scrub(path)
        raise error from exc


def record_export(notebook: Notebook, path: Path, kind: str,
                  opened_outside: bool = False) -> ExportRecord:
    """Record a file already written (its size and hash are read from the disk)."""
    path = path.absolute()
    return _insert(notebook, path, kind, path.stat().st_size, sha256_of(path), opened_outside)


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
