"""One peerdesk at a time per notebook: an OS file lock on ``<id>.lock``.

The lock file holds nothing; the operating system releases the lock when the process
ends, however it ends, so a crash never leaves a notebook locked.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

from peerdesk.vault.errors import NotebookInUseError
from peerdesk.vault.files import storage_error


class InstanceLock:
    def __init__(self, path: Path) -> None:
        self.path = path
        self._fd: int | None = None

    def acquire(self, read_only: bool = False, what: str = "lock the notebook") -> InstanceLock:
        """Take the lock, or raise ``NotebookInUseError``. ``read_only``: the notebook is
        only to be read, so a folder that cannot be written (where nothing else can write
        either) is no reason to refuse; an existing lock file is still honoured."""
        try:
            fd = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o600)
        except OSError as exc:
            if not read_only:
                raise storage_error(exc, what, self.path) from exc
            try:
                fd = os.open(self.path, os.O_RDONLY)
            except OSError:
                return self  # no lock file and none can be made: nothing can write here
        try:
            _lock(fd)
        except OSError:
            os.close(fd)
            raise NotebookInUseError() from None
        self._fd = fd
        return self

    def release(self) -> None:
        if self._fd is not None:
            fd, self._fd = self._fd, None
            try:
                _unlock(fd)
            finally:
                os.close(fd)

    @property
    def held(self) -> bool:
        return self._fd is not None


if sys.platform == "win32":  # pragma: no cover - exercised on Windows builds
    import msvcrt

    def _lock(fd: int) -> None:
        msvcrt.locking(fd, msvcrt.LK_NBLCK, 1)

    def _unlock(fd: int) -> None:
        os.lseek(fd, 0, os.SEEK_SET)
        msvcrt.locking(fd, msvcrt.LK_UNLCK, 1)

else:
    import fcntl

    def _lock(fd: int) -> None:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)

    def _unlock(fd: int) -> None:
        fcntl.flock(fd, fcntl.LOCK_UN)
