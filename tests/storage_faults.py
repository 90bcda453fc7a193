"""Real storage faults for the tests: a small full disk (a tmpfs), a read-only bind mount
and an unchangeable file (``chattr +i``). They need root and ``mount``: on a laptop the
tests that use them skip; in CI (PEERDESK_REQUIRE_SYSTEM_TESTS=1) they fail if they cannot
run. Every mount is undone at the end, whatever happens."""

from __future__ import annotations

import contextlib
import errno
import os
import shutil
import subprocess
from collections.abc import Iterator
from pathlib import Path

from tests.conftest import need_system


def _run(*args: str) -> bool:
    return subprocess.run(args, capture_output=True, timeout=60).returncode == 0


def _can_mount() -> bool:
    return os.name == "posix" and os.geteuid() == 0 and shutil.which("mount") is not None


@contextlib.contextmanager
def small_disk(folder: Path, size: str = "24m") -> Iterator[Path]:
    """``folder`` becomes a tmpfs of ``size`` for the duration."""
    folder.mkdir(parents=True, exist_ok=True)
    need_system(_can_mount() and _run("mount", "-t", "tmpfs", "-o", f"size={size},mode=0700",
                                      "tmpfs", str(folder)),
                "mounting a small tmpfs (root and mount)")
    try:
        yield folder
    finally:
        if not _run("umount", str(folder)):
            _run("umount", "-l", str(folder))


def fill(folder: Path) -> Path:
    """Fill the disk holding ``folder`` to the last byte; returns the filler file."""
    filler = folder / "filler"
    block = b"\1" * (1 << 20)
    fd = os.open(filler, os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o600)
    try:
        for size in (1 << 20, 4096, 1):
            while True:
                try:
                    if os.write(fd, block[:size]) == 0:
                        break
                except OSError as exc:
                    assert exc.errno == errno.ENOSPC
                    break
        os.fsync(fd)
    finally:
        os.close(fd)
    return filler


@contextlib.contextmanager
def read_only(folder: Path) -> Iterator[Path]:
    """``folder`` bind-mounted on itself, read-only (root cannot write there either)."""
    need_system(_can_mount() and _run("mount", "--bind", str(folder), str(folder)),
                "a bind mount (root and mount)")
    try:
        need_system(_run("mount", "-o", "remount,ro,bind", str(folder)),
                    "remounting a bind mount read-only")
        yield folder
    finally:
        if not _run("umount", str(folder)):
            _run("umount", "-l", str(folder))


@contextlib.contextmanager
def unchangeable(path: Path) -> Iterator[Path]:
    """``chattr +i``: not even root may change or delete it."""
    need_system(os.name == "posix" and os.geteuid() == 0 and shutil.which("chattr") is not None
                and _run("chattr", "+i", str(path)), "chattr +i (root, a file system with it)")
    try:
        yield path
    finally:
        _run("chattr", "-i", str(path))
