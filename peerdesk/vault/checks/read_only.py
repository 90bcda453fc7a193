"""The first, read-only open of a notebook: nothing of it can change, whatever is found.

Without changes waiting in a -wal log, the file alone is the notebook (SQLite's
``immutable`` mode: no locks, no sidecar files made). With a log, SQLite reads it through a
private index (``readonly_shm``): it neither rebuilds the -shm file nor copies the log into
the notebook, as a writable open would at once. Every page's HMAC is checked here, and the
log's pages too, so damage is reported naming the right file before anything could write.
"""

from __future__ import annotations

import contextlib
import os
from dataclasses import dataclass, field
from pathlib import Path

from peerdesk.vault.checks import wal
from peerdesk.vault.database import (
    PAGE_SIZE,
    Connection,
    KeyRejected,
    check_file_shape,
    damaged,
    open_keyed,
    read_only_uri,
    sidecar,
    wal_damaged,
)
from peerdesk.vault.files import storage_error


def check_log(path: Path) -> wal.WalReport | None:
    """The notebook's -wal log checked (None when there is none); raises when it must not
    be used."""
    log_path = sidecar(path, "wal")
    if not log_path.exists():
        return None
    try:
        with path.open("rb") as handle:
            salt = handle.read(wal.SALT_BYTES)
        log = wal.check(log_path, PAGE_SIZE, salt)
    except OSError as exc:
        raise wal_damaged(path, f"it cannot be read ({exc.strerror})") from None
    if log.problem:
        raise wal_damaged(path, log.problem)
    return log


@dataclass
class ReadOnly:
    """A read-only connection that wrote nothing; ``made`` lists the empty placeholder
    files it needed (removed again by ``close``)."""

    conn: Connection
    made: list[Path] = field(default_factory=list)
    log: wal.WalReport | None = None

    def close(self) -> None:
        with contextlib.suppress(Exception):
            self.conn.close()
        _remove_empty(self.made)
        self.made = []


def _remove_empty(made: list[Path]) -> None:
    for path in made:
        with contextlib.suppress(OSError):
            if path.stat().st_size == 0:
                path.unlink()


def open_read_only(path: Path, key: bytes | bytearray) -> ReadOnly:
    """Open the notebook so that no byte of it, its log or its index can change.

    ``readonly_shm`` needs a -shm file to exist: an empty one is made when it is missing,
    and removed again afterwards."""
    check_file_shape(path)
    index = sidecar(path, "shm")
    log = check_log(path)
    if log is None or not log.holds_changes:
        return ReadOnly(open_keyed(path, key, read_only_uri(path, immutable="1")), log=log)
    made: list[Path] = []
    if not index.exists():
        try:
            os.close(os.open(index, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600))
            made.append(index)
        except OSError as exc:
            raise storage_error(exc, "read the changes waiting in the notebook's log",
                                index) from None
    try:
        conn = open_keyed(path, key, read_only_uri(path, readonly_shm="1"))
    except BaseException:
        _remove_empty(made)
        raise
    return ReadOnly(conn, made, log)


def _file_alone_reads(path: Path, key: bytes | bytearray) -> bool:
    try:
        conn = open_keyed(path, key, read_only_uri(path, immutable="1"))
    except Exception:
        return False
    with contextlib.suppress(Exception):
        conn.execute("PRAGMA quick_check").fetchall()
        conn.close()
        return True
    conn.close()
    return False


def validate(path: Path, key: bytes | bytearray) -> ReadOnly:
    """Open read-only and check the file's every page (HMAC) and, when there is one, the
    log's every page: nothing is written, and any damage is reported naming the right
    file. Raises ``KeyRejected`` when the file's first page does not open with ``key``."""
    handle = open_read_only(path, key)
    try:
        cipher = [str(r[0]) for r in handle.conn.execute("PRAGMA cipher_integrity_check")]
        if cipher:
            raise damaged(path, failing_pages(len(cipher)))
        if handle.log is not None and handle.log.holds_changes:
            try:
                problems = [str(r[0]) for r in handle.conn.execute("PRAGMA quick_check")]
            except Exception:
                problems = ["unreadable"]
            if problems != ["ok"]:
                if _file_alone_reads(path, key):
                    raise wal_damaged(path, "the changes it holds do not belong to this "
                                            "notebook or are damaged")
                raise damaged(path, "its pages do not fit together")
    except BaseException:
        handle.close()
        raise
    return handle


def validated(path: Path, key: bytes | bytearray) -> ReadOnly:
    """``validate``, telling a log that stops the notebook opening apart from the file."""
    try:
        return validate(path, key)
    except KeyRejected:
        log = sidecar(path, "wal")
        if log.exists() and log.stat().st_size and _file_alone_reads(path, key):
            raise wal_damaged(path, "it does not belong to this notebook") from None
        raise


def failing_pages(count: int) -> str:
    """``3 of its pages do not pass the encryption check``."""
    return (f"{count} of its pages {'does' if count == 1 else 'do'} not pass the "
            "encryption check")


