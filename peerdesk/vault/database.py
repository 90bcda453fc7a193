"""Opening a notebook's SQLCipher file, and the settings checked every time.

SQLCipher reports a wrong key and a damaged file the same way ("file is not a
database"). This module only reports that the key was *rejected*; the library, which
knows whether the key is right (see ``keyfile.key_check``), says which it was.

Opening an existing notebook happens in two steps so that a failed open cannot write:
``checks.read_only.validate`` opens it READ-ONLY (SQLite then neither rebuilds the -shm
index nor copies the -wal log into the file) and checks every page's HMAC and the log; only
then does ``connect`` open it for writing. ``translate`` turns any SQLite error met later
into one of peerdesk's plain errors.
"""

from __future__ import annotations

import os
import stat
import urllib.parse
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from peerdesk.vault.errors import (
    NotebookClosedError,
    NotebookDamagedError,
    NotebookInUseError,
    PeerdeskError,
    SidecarDamagedError,
    StorageError,
)
from peerdesk.vault.files import diagnose, is_unchangeable, storage_error

if TYPE_CHECKING:
    # sqlcipher3 ships no type hints; its API is the standard library's sqlite3.
    from sqlite3 import Connection as Connection
    from sqlite3 import DatabaseError as DatabaseError
    from sqlite3 import Error as Error
else:
    Connection = Any  # only ever used in annotations; sqlcipher3 loads on first open


def __getattr__(name: str) -> Any:
    """``DatabaseError`` comes from sqlcipher3, loaded on first use so that starting the
    app does not wait for it."""
    if name in ("DatabaseError", "Error"):
        import sqlcipher3

        return getattr(sqlcipher3, name)
    raise AttributeError(name)

PAGE_SIZE = 4096
SQLITE_HEADER = b"SQLite format 3\x00"
_DAMAGE_CODES = {11, 26, 24, 20}     # CORRUPT, NOTADB, FORMAT, MISMATCH
_DISK_CODES = {3, 8, 10, 14, 23}     # PERM, READONLY, IOERR, CANTOPEN, AUTH
_BUSY_CODES = {5, 6}                 # BUSY, LOCKED
_FULL = 13
_CONSTRAINT = 19


class KeyRejected(Exception):
    """SQLCipher could not read the first page with this key (wrong key, or damage)."""


@dataclass(frozen=True)
class IntegrityReport:
    cipher_problems: list[str]
    sqlite_problems: list[str]

    @property
    def ok(self) -> bool:
        return not self.cipher_problems and not self.sqlite_problems


def sidecar(path: Path, suffix: str) -> Path:
    """``<notebook>-wal`` or ``<notebook>-shm``."""
    return Path(f"{path}-{suffix}")


def damaged(path: Path, what: str) -> NotebookDamagedError:
    return NotebookDamagedError(
        f"The notebook file {path} is damaged: {what}. Nothing has been changed. If you "
        "have a copy of that file (from a backup), put it back in peerdesk's folder.")


def wal_damaged(path: Path, what: str) -> SidecarDamagedError:
    log = sidecar(path, "wal")
    return SidecarDamagedError(
        f"The notebook's write-ahead log {log} cannot be used: {what}. Nothing has been "
        f"changed. Move {log.name} out of peerdesk's folder (keep it), then open the "
        "notebook again: it opens without the changes held in that file.")


def check_file_shape(path: Path) -> None:
    """Refuse files that cannot be a notebook, before SQLCipher touches them."""
    try:
        info = os.stat(path)
        if not stat.S_ISREG(info.st_mode):
            raise damaged(path, "it is not an ordinary file")
        with path.open("rb") as handle:
            head = handle.read(16)
    except FileNotFoundError:
        raise NotebookDamagedError(f"The notebook file {path} is missing.") from None
    except OSError as exc:
        raise NotebookDamagedError(f"The notebook file {path} cannot be read "
                                   f"({exc.strerror}).") from None
    size = info.st_size
    if size == 0:
        raise damaged(path, "it is empty (0 bytes)")
    if head == SQLITE_HEADER:
        raise NotebookDamagedError(f"{path} is an ordinary, unencrypted database, not a "
                                   "peerdesk notebook. Nothing has been changed.")
    if size % PAGE_SIZE:
        raise damaged(path, "it has been cut short or added to")


def _pragma(conn: Connection, sql: str) -> Any:
    row = conn.execute(sql).fetchone()
    return None if row is None else row[0]


def open_keyed(path: Path, key: bytes | bytearray, target: str | None = None,
               what: str = "open the notebook") -> Connection:
    """A connection to ``target`` (a ``file:`` URI, or ``path`` itself) keyed with ``key``.

    Raises ``KeyRejected`` when the first page does not read with the key (wrong key or a
    damaged first page), and a plain error for anything else (a disk that refuses)."""
    import sqlcipher3

    try:
        conn: Connection = sqlcipher3.connect(target or str(path), uri=target is not None,
                                              isolation_level=None, check_same_thread=False)
    except sqlcipher3.Error as exc:
        raise translate(exc, path, what) from None
    try:
        conn.execute("PRAGMA cipher_log_level = NONE")
        # Before the key: SQLCipher then overwrites every block it frees and locks its
        # memory, the key's included.
        conn.execute("PRAGMA cipher_memory_security = ON")
        _apply_key(conn, key)
        try:
            conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
        except sqlcipher3.Error as exc:
            code = getattr(exc, "sqlite_errorcode", None)
            if isinstance(code, int) and code & 0xFF not in _DAMAGE_CODES \
                    and "not a database" not in str(exc) and "malformed" not in str(exc):
                raise translate(exc, path, what) from None
            raise KeyRejected() from None
    except BaseException:
        conn.close()
        raise
    return conn


def read_only_uri(path: Path, **params: str) -> str:
    query = urllib.parse.urlencode({"mode": "ro", **params})
    return f"file:{urllib.parse.quote(str(path.absolute()))}?{query}"


def _writable(path: Path) -> None:
    """Refuse, before SQLite opens it (SQLite would quietly open it read-only instead), a
    notebook that cannot be written: say why."""
    what = "open the notebook for changes"
    for target in (path, sidecar(path, "wal"), sidecar(path, "shm")):
        if target.exists():
            try:
                os.close(os.open(target, os.O_RDWR))
            except OSError as exc:
                raise storage_error(exc, what, target) from None
    if not os.access(path.parent, os.W_OK):
        raise diagnose(path.parent, what)


def connect(path: Path, key: bytes | bytearray, *, create: bool = False) -> Connection:
    """Open (or create) the SQLCipher file with a raw 256-bit key for reading and writing,
    and check its settings. Call ``validate`` first for an existing notebook.

    Raises ``KeyRejected`` when the first page cannot be read with the key, and
    ``NotebookDamagedError`` when the file is not shaped like a notebook.
    """
    if create:
        if path.exists():
            raise StorageError(f"A file named {path.name} already exists.")
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        os.close(fd)
    else:
        check_file_shape(path)
        _writable(path)
    what = "create the notebook" if create else "open the notebook"
    try:
        conn = open_keyed(path, key, what=what)
    except BaseException:
        remove_empty_sidecars(path)
        raise
    try:
        _apply_settings(conn, path)
    except BaseException as exc:
        conn.close()
        remove_empty_sidecars(path)
        if _is_sqlite_error(exc):
            raise translate(exc, path, what) from None
        raise
    return conn


def remove_empty_sidecars(path: Path) -> None:
    """After the last connection closed: an empty -wal log (and then its -shm index) left
    by an open the disk refused holds nothing; remove it so that a refusal leaves no file
    behind. (The caller holds the notebook's lock: no other peerdesk has it open.)"""
    log, index = sidecar(path, "wal"), sidecar(path, "shm")
    try:
        if log.exists() and log.stat().st_size == 0:
            log.unlink()
        if not log.exists() and index.exists():
            index.unlink()
    except OSError:
        pass


def _apply_key(conn: Connection, key: bytes | bytearray) -> None:
    """``PRAGMA key = "x'<hex>'"``, built in a mutable buffer and overwritten after use.

    sqlcipher3 caches the text of each statement given to ``execute`` (its statement
    cache keeps the SQL string alive as long as the connection); ``executescript`` keeps
    no copy, so the one ``str`` it needs is made here and overwritten as soon as SQLCipher
    has read it (SQLite's own copy of the text is freed, and so overwritten, with the
    statement)."""
    from peerdesk.vault.keys.secret import to_hex, wipe, wipe_str

    head, tail = b"PRAGMA key = \"x'", b"'\";"
    digits = to_hex(key)
    sql_bytes = bytearray(len(head) + len(digits) + len(tail))  # one buffer, never grown
    sql_bytes[:len(head)] = head
    sql_bytes[len(head):len(head) + len(digits)] = digits
    sql_bytes[len(head) + len(digits):] = tail
    wipe(digits)
    sql = sql_bytes.decode("ascii")
    wipe(sql_bytes)
    try:
        conn.executescript(sql)
    finally:
        wipe_str(sql)
        del sql


def _apply_settings(conn: Connection, path: Path) -> None:
    version = str(_pragma(conn, "PRAGMA cipher_version") or "")
    if not version.startswith("4."):
        raise NotebookDamagedError(f"peerdesk needs SQLCipher 4, but found {version!r}.")
    conn.execute("PRAGMA temp_store = MEMORY")
    if _pragma(conn, "PRAGMA temp_store") not in (0, 2):
        raise NotebookDamagedError("SQLCipher would write unencrypted temporary files.")
    if _pragma(conn, "PRAGMA journal_mode = WAL") != "wal":
        raise diagnose(path, "switch the notebook to write-ahead logging")
    conn.execute("PRAGMA synchronous = FULL")
    conn.execute("PRAGMA foreign_keys = ON")
    if _pragma(conn, "PRAGMA foreign_keys") != 1:
        raise NotebookDamagedError("Foreign keys could not be switched on.")
    conn.execute("PRAGMA secure_delete = ON")


def _is_sqlite_error(exc: BaseException) -> bool:
    return type(exc).__module__.startswith("sqlcipher3")


def translate(exc: BaseException, path: Path, what: str = "save to the notebook",
              needed: int | None = None) -> PeerdeskError:
    """One of peerdesk's plain errors for an error SQLite raised while using ``path``."""
    if isinstance(exc, PeerdeskError):
        return exc
    code = getattr(exc, "sqlite_errorcode", None)
    primary = code & 0xFF if isinstance(code, int) else None
    text = str(exc).lower()
    if primary == _FULL or "disk is full" in text:
        return diagnose(path, what, needed, full=True)
    if primary in _DISK_CODES or "readonly" in text or "disk i/o" in text:
        # SQLite writes to the -wal log first: the file that refused may be that one.
        refusing = [p for p in (sidecar(path, "wal"), sidecar(path, "shm"), path)
                    if p.exists() and (is_unchangeable(p) or not os.access(p, os.W_OK))]
        return diagnose(refusing[0] if refusing else path, what, needed)
    if primary == _CONSTRAINT:
        return PeerdeskError(f"peerdesk could not {what}: the change clashes with what the "
                             f"notebook already holds (SQLite: {exc}). Nothing was changed.")
    if primary in _BUSY_CODES:
        return NotebookInUseError("The notebook is being used by another program just now. "
                                  "Nothing was changed. Close it there, then try again.")
    if primary in _DAMAGE_CODES or "malformed" in text or "not a database" in text:
        return damaged(path, "some of its pages cannot be read")
    if "closed" in text:
        return NotebookClosedError()
    return damaged(path, f"SQLite reported “{exc}”")


def settings(conn: Connection) -> dict[str, Any]:
    """The settings that matter, as SQLCipher reports them (for ``check`` and tests)."""
    return {
        "cipher_version": _pragma(conn, "PRAGMA cipher_version"),
        "temp_store": _pragma(conn, "PRAGMA temp_store"),
        "journal_mode": _pragma(conn, "PRAGMA journal_mode"),
        "foreign_keys": _pragma(conn, "PRAGMA foreign_keys"),
        "cipher_page_size": int(_pragma(conn, "PRAGMA cipher_page_size")),
        "kdf_iter": _pragma(conn, "PRAGMA kdf_iter"),
    }


def integrity(conn: Connection) -> IntegrityReport:
    """Both checks, each reported even when the other (or SQLite itself) stops early."""
    try:
        cipher = [str(r[0]) for r in conn.execute("PRAGMA cipher_integrity_check")]
    except Exception as exc:
        cipher = [f"the check could not run to the end: {exc}"]
    try:
        sqlite = [str(r[0]) for r in conn.execute("PRAGMA integrity_check")]
    except Exception as exc:
        sqlite = [f"the check could not run to the end: {exc}"]
    return IntegrityReport(cipher, [p for p in sqlite if p != "ok"])


ROWS_PER_STATEMENT = 500


def insert_many(conn: Connection, head: str, rows: Sequence[Sequence[object]],
                tail: str = "", row: str = "") -> None:
    """``conn.executemany(f"{head} VALUES {row} {tail}", rows)``, but a few hundred rows to
    a statement.

    With SQLCipher's memory security on, every run of a statement costs allocations that
    are locked and wiped one system call at a time; row by row, 3,500 post-its took over two
    seconds to insert, in statements of many rows a fifth of that. ``row`` is one row's
    values, ``(?, ?, ...)`` by default; ``tail`` is an ``ON CONFLICT`` clause, if any."""
    if not rows:
        return
    width = len(rows[0])
    one = row or f"({', '.join('?' * width)})"
    per = max(1, min(ROWS_PER_STATEMENT, 30_000 // max(width, 1)))
    for start in range(0, len(rows), per):
        chunk = rows[start:start + per]
        values = ", ".join([one] * len(chunk))
        conn.execute(f"{head} VALUES {values} {tail}".rstrip(),
                     [value for r in chunk for value in r])
