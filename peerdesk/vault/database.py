"""Opening a notebook's SQLCipher file, and the settings checked every time.

SQLCipher reports a wrong key and a damaged file the same way ("file is not a
database"). This module only reports that the key was *rejected*; the library, which
knows whether the key is right (see ``keyfile.key_check``), says which it was.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from peerdesk.vault.errors import NotebookDamagedError, StorageError

if TYPE_CHECKING:
    # sqlcipher3 ships no type hints; its API is the standard library's sqlite3.
    from sqlite3 import Connection as Connection
    from sqlite3 import DatabaseError as DatabaseError
else:
    Connection = Any  # only ever used in annotations; sqlcipher3 loads on first open


def __getattr__(name: str) -> Any:
    """``DatabaseError`` comes from sqlcipher3, loaded on first use so that starting the
    app does not wait for it."""
    if name == "DatabaseError":
        import sqlcipher3

        return getattr(sqlcipher3, name)
    raise AttributeError(name)

PAGE_SIZE = 4096
SQLITE_HEADER = b"SQLite format 3\x00"


class KeyRejected(Exception):
    """SQLCipher could not read the first page with this key (wrong key, or damage)."""


@dataclass(frozen=True)
class IntegrityReport:
    cipher_problems: list[str]
    sqlite_problems: list[str]

    @property
    def ok(self) -> bool:
        return not self.cipher_problems and not self.sqlite_problems


def check_file_shape(path: Path) -> None:
    """Refuse files that cannot be a notebook, before SQLCipher touches them."""
    try:
        size = path.stat().st_size
        with path.open("rb") as handle:
            head = handle.read(16)
    except FileNotFoundError:
        raise NotebookDamagedError("The notebook file is missing.") from None
    except OSError as exc:
        raise NotebookDamagedError(f"The notebook file cannot be read ({exc.strerror}).") from None
    if size == 0:
        raise NotebookDamagedError("The notebook file is empty (0 bytes): it is damaged. "
                                   "Nothing has been changed.")
    if head == SQLITE_HEADER:
        raise NotebookDamagedError("This file is an ordinary, unencrypted database, not a "
                                   "peerdesk notebook. Nothing has been changed.")
    if size % PAGE_SIZE:
        raise NotebookDamagedError("The notebook file has been cut short: it is damaged. "
                                   "Nothing has been changed.")


def _pragma(conn: Connection, sql: str) -> Any:
    row = conn.execute(sql).fetchone()
    return None if row is None else row[0]


def connect(path: Path, key: bytes | bytearray, *, create: bool = False) -> Connection:
    """Open (or create) the SQLCipher file with a raw 256-bit key and check its settings.

    Raises ``KeyRejected`` when the first page cannot be read with the key, and
    ``NotebookDamagedError`` when the file is not shaped like a notebook. On failure
    no byte of the file has been written.
    """
    if create:
        if path.exists():
            raise StorageError(f"A file named {path.name} already exists.")
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        os.close(fd)
    else:
        check_file_shape(path)
    import sqlcipher3

    conn: Connection = sqlcipher3.connect(str(path), isolation_level=None,
                                          check_same_thread=False)
    try:
        conn.execute("PRAGMA cipher_log_level = NONE")
        # Before the key: SQLCipher then overwrites every block it frees and locks its
        # memory, the key's included.
        conn.execute("PRAGMA cipher_memory_security = ON")
        _apply_key(conn, key)
        try:
            conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
        except sqlcipher3.DatabaseError:
            raise KeyRejected() from None
        _apply_settings(conn)
    except BaseException:
        conn.close()
        raise
    return conn


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


def _apply_settings(conn: Connection) -> None:
    version = str(_pragma(conn, "PRAGMA cipher_version") or "")
    if not version.startswith("4."):
        raise NotebookDamagedError(f"peerdesk needs SQLCipher 4, but found {version!r}.")
    conn.execute("PRAGMA temp_store = MEMORY")
    if _pragma(conn, "PRAGMA temp_store") not in (0, 2):
        raise NotebookDamagedError("SQLCipher would write unencrypted temporary files.")
    if _pragma(conn, "PRAGMA journal_mode = WAL") != "wal":
        raise StorageError("The notebook could not switch to write-ahead logging.")
    conn.execute("PRAGMA synchronous = FULL")
    conn.execute("PRAGMA foreign_keys = ON")
    if _pragma(conn, "PRAGMA foreign_keys") != 1:
        raise NotebookDamagedError("Foreign keys could not be switched on.")
    conn.execute("PRAGMA secure_delete = ON")


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
    cipher = [str(r[0]) for r in conn.execute("PRAGMA cipher_integrity_check")]
    sqlite = [str(r[0]) for r in conn.execute("PRAGMA integrity_check")]
    return IntegrityReport(cipher, [p for p in sqlite if p != "ok"])
