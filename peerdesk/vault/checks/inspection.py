"""The full check of one notebook (``peerdesk-cli check``): every part looked at and each
finding reported, even when an earlier part is damaged. Nothing is written."""

from __future__ import annotations

import contextlib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from peerdesk.vault import database
from peerdesk.vault.checks.read_only import ReadOnly, check_log, failing_pages, open_read_only
from peerdesk.vault.database import KeyRejected
from peerdesk.vault.errors import PeerdeskError


@dataclass
class Finding:
    label: str
    passed: bool | None
    """None: not looked at (something before it stopped the check)."""
    summary: str
    details: list[str] = field(default_factory=list)


@dataclass
class Inspection:
    path: Path
    findings: list[Finding] = field(default_factory=list)
    settings: dict[str, Any] | None = None

    @property
    def ok(self) -> bool:
        return all(f.passed for f in self.findings)

    def advice(self) -> str:
        """One sentence: which file failed, and what to do (nothing was changed)."""
        failed = [f for f in self.findings if not f.passed]
        if not failed:
            return "Every check passed."
        first = failed[0]
        if first.label in ("key file", "write-ahead log (-wal)"):
            return first.summary
        pages = len(next((f.details for f in failed if f.label.startswith("encryption")), []))
        what = failing_pages(pages) if pages else "SQLite's own check found problems"
        return database.damaged(self.path, what).message

    def add(self, label: str, passed: bool | None, summary: str,
            details: list[str] | None = None) -> None:
        self.findings.append(Finding(label, passed, summary, details or []))


def _open(path: Path, key: bytes | bytearray, report: Inspection) -> ReadOnly | None:
    """A read-only connection with the log when it is sound, else on the file alone."""
    try:
        log = check_log(path)
        report.add("write-ahead log (-wal)", True,
                   "none" if log is None else
                   f"{log.frames} saved page change(s) waiting in it")
    except PeerdeskError as exc:
        report.add("write-ahead log (-wal)", False, exc.message)
        with contextlib.suppress(OSError):
            return ReadOnly(database.open_keyed(
                path, key, database.read_only_uri(path, immutable="1")))
        return None
    return open_read_only(path, key)


def inspect(path: Path, key: bytes | bytearray) -> Inspection:
    """Check the notebook file at ``path`` with its data ``key``: shape, log, every page's
    HMAC, SQLite's own integrity check. A file that cannot be opened at all raises the
    plain error (there is nothing more to check); anything else becomes a finding."""
    report = Inspection(path)
    database.check_file_shape(path)
    try:
        handle = _open(path, key, report)
    except KeyRejected:
        raise database.damaged(path, "its first page cannot be read") from None
    if handle is None:
        raise database.damaged(path, "it cannot be opened")
    report.add("notebook file", True, "its first page opens with the notebook's key")
    try:
        conn = handle.conn
        with contextlib.suppress(Exception):
            conn.execute("PRAGMA temp_store = MEMORY")
            report.settings = database.settings(conn)
        checked = database.integrity(conn)
    finally:
        handle.close()
    count = len(checked.cipher_problems)
    report.add("encryption check (every page's HMAC)", not checked.cipher_problems,
               "" if not count else f"{count} problem(s)",
               checked.cipher_problems[:20] + ([f"... and {count - 20} more"]
                                               if count > 20 else []))
    report.add("database check", not checked.sqlite_problems,
               "",
               checked.sqlite_problems[:20])
    return report
