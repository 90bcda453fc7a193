"""Private files and folders, and atomic writes for every file outside the database."""

from __future__ import annotations

import contextlib
import errno
import os
from pathlib import Path

from peerdesk.vault.errors import StorageError

PRIVATE_DIR_MODE = 0o700
PRIVATE_FILE_MODE = 0o600


def storage_error(exc: OSError, what: str) -> StorageError:
    """Turn an OSError into a message that names the problem in plain words."""
    if exc.errno == errno.ENOSPC:
        reason = "the disk is full"
    elif exc.errno in (errno.EROFS, errno.EACCES, errno.EPERM):
        reason = "the folder cannot be written to (read-only or no permission)"
    elif exc.errno == errno.ENOENT:
        reason = "the folder does not exist"
    else:
        reason = exc.strerror or "the system refused"
    return StorageError(f"peerdesk could not {what}: {reason}. Nothing was changed.")


def make_private_dir(path: Path) -> Path:
    """Create ``path`` (and parents) readable by the user alone."""
    try:
        path.mkdir(mode=PRIVATE_DIR_MODE, parents=True, exist_ok=True)
        if os.name == "posix":
            os.chmod(path, PRIVATE_DIR_MODE)
    except OSError as exc:
        raise storage_error(exc, f"create the folder {path}") from exc
    return path


def fsync_dir(folder: Path) -> None:
    """Make a rename or an unlink in ``folder`` durable (POSIX; a no-op elsewhere)."""
    if os.name != "posix":
        return
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def atomic_write(path: Path, data: bytes) -> None:
    """Write ``data`` to ``path`` so that a crash leaves the old file or the new, never half.

    The temporary file sits in the same folder, is private from its first byte,
    is flushed to disk and then renamed over the target.
    """
    folder = path.parent
    tmp = folder / f".{path.name}.{os.urandom(6).hex()}.tmp"
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0)
    try:
        fd = os.open(tmp, flags, PRIVATE_FILE_MODE)
        try:
            view = memoryview(data)
            while view:
                written = os.write(fd, view)
                view = view[written:]
            os.fsync(fd)
        finally:
            os.close(fd)
        os.replace(tmp, path)
        fsync_dir(folder)
    except OSError as exc:
        with contextlib.suppress(OSError):
            tmp.unlink()
        raise storage_error(exc, f"save {path.name}") from exc


def private_touch(path: Path) -> None:
    """Create an empty private file if it does not exist."""
    try:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT, PRIVATE_FILE_MODE)
        os.close(fd)
    except OSError as exc:
        raise storage_error(exc, f"create {path.name}") from exc
