"""Private files and folders, atomic writes for every file outside the database, and plain
words for why the disk refused a write.

A refusal is told as exactly what it is: a full disk (with the space free and, where it is
known, the space needed), a read-only disk or mount, a file marked unchangeable, or no
permission. None of these is damage, so none of the messages advises putting back a copy.
"""

from __future__ import annotations

import contextlib
import errno
import os
import re
import stat
import sys
from pathlib import Path

from peerdesk.vault.errors import (
    DiskFullError,
    ImmutableFileError,
    PermissionDeniedError,
    ReadOnlyError,
    StorageError,
)

PRIVATE_DIR_MODE = 0o700
PRIVATE_FILE_MODE = 0o600
TEMP_SUFFIX = ".tmp"
"""Every temporary file peerdesk makes ends so, and starts with a dot (see ``temp_name``)."""

_FS_IOC_GETFLAGS = 0x80086601  # Linux: read a file's attribute flags (lsattr)
_FS_IMMUTABLE_FL = 0x10
_FS_APPEND_FL = 0x20


def size_text(size: int | None) -> str:
    """``12.5 KiB``, ``300 bytes``; ``-`` when there is no size (not a file, or gone)."""
    if size is None:
        return "-"
    if size < 1024:
        return f"{size} bytes" if size != 1 else "1 byte"
    for unit, scale in (("GiB", 1 << 30), ("MiB", 1 << 20)):
        if size >= scale:
            return f"{size / scale:.1f} {unit}"
    return f"{size / 1024:.1f} KiB"


def free_space(path: Path) -> int | None:
    """Bytes free on the disk holding ``path`` (or its nearest existing folder)."""
    import shutil

    for folder in (path, *path.parents):
        try:
            return shutil.disk_usage(folder).free
        except OSError:
            continue
    return None


def is_unchangeable(path: Path) -> bool:
    """True when ``path`` is marked immutable or append-only (``chattr +i`` on Linux, the
    locked flag on macOS): even its owner, even root, cannot change it until the mark goes."""
    if sys.platform.startswith("linux"):
        import array
        import fcntl

        try:
            fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0)
                         | getattr(os, "O_NOFOLLOW", 0))
        except OSError:
            return False
        try:
            flags = array.array("l", [0])
            fcntl.ioctl(fd, _FS_IOC_GETFLAGS, flags, True)
        except OSError:
            return False
        finally:
            os.close(fd)
        return bool(flags[0] & (_FS_IMMUTABLE_FL | _FS_APPEND_FL))
    try:
        info = os.lstat(path)
    except OSError:
        return False
    marks = 0
    for name in ("UF_IMMUTABLE", "SF_IMMUTABLE", "UF_APPEND", "SF_APPEND"):
        marks |= getattr(stat, name, 0)
    if getattr(info, "st_flags", 0) & marks:
        return True
    readonly = getattr(stat, "FILE_ATTRIBUTE_READONLY", 0)
    return bool(getattr(info, "st_file_attributes", 0) & readonly)


def _read_only_mount(path: Path) -> bool:
    for folder in (path, *path.parents):
        try:
            return bool(os.statvfs(folder).f_flag & os.ST_RDONLY)
        except (OSError, AttributeError):
            continue
    return False


def _existing(path: Path) -> Path:
    for candidate in (path, *path.parents):
        if os.path.lexists(candidate):
            return candidate
    return path


def _disk_full(what: str, where: Path, needed: int | None) -> DiskFullError:
    free = free_space(where)
    have = "" if free is None else " (no space is left)" if free < 4096 else \
        f" (only {size_text(free)} free)"
    more = ""
    if needed is not None:
        more = f" Free at least {size_text(max(needed - (free or 0), 0) + (1 << 20))}"
        more += f" on it (this needs about {size_text(needed)}), then try again."
    else:
        more = " Free some space on it, then try again."
    return DiskFullError(f"peerdesk could not {what}: the disk holding {where} is full{have}. "
                         f"Nothing was changed.{more}")


def _refused(what: str, path: Path) -> StorageError:
    """Why ``path`` (a file, or a folder for a new file) cannot be written, told plainly."""
    target = _existing(path)
    folder = target if target.is_dir() else target.parent
    if _read_only_mount(target):
        return ReadOnlyError(
            f"peerdesk could not {what}: {folder} is on a read-only disk or mount. Nothing "
            "was changed. Make that disk writable (or move peerdesk's folder to one that "
            "is), then try again.")
    for marked in (target, folder):
        if is_unchangeable(marked):
            kind = "folder" if marked.is_dir() else "file"
            return ImmutableFileError(
                f"peerdesk could not {what}: the {kind} {marked} is marked as unchangeable "
                "(immutable), so not even its owner can change it. Nothing was changed. "
                f"Remove that mark (on Linux: chattr -i '{marked}'), then try again.")
    return PermissionDeniedError(
        f"peerdesk could not {what}: your user account has no permission to write "
        f"{target}. Nothing was changed. Give it write permission, then try again.")


def storage_error(exc: OSError, what: str, path: Path | None = None,
                  needed: int | None = None) -> StorageError:
    """Turn an OSError into a message that names the problem and the place in plain words.

    ``path`` is the file being written (from the error when not given); ``needed`` the
    bytes the write needed, where known, for the disk-full message.
    """
    where = path or (Path(exc.filename) if isinstance(exc.filename, str) else None)
    if exc.errno in (errno.ENOSPC, getattr(errno, "EDQUOT", errno.ENOSPC)):
        return _disk_full(what, _existing(where.parent) if where else Path.cwd(), needed)
    if exc.errno in (errno.EROFS, errno.EACCES, errno.EPERM) and where is not None:
        return _refused(what, where)
    if exc.errno == errno.EROFS:
        reason = "the disk is read-only"
    elif exc.errno in (errno.EACCES, errno.EPERM):
        reason = "the folder cannot be written to (read-only or no permission)"
    elif exc.errno == errno.ENOENT:
        reason = "the folder does not exist"
    else:
        reason = exc.strerror or "the system refused"
    return StorageError(f"peerdesk could not {what}: {reason}. Nothing was changed.")


def diagnose(path: Path, what: str, needed: int | None = None,
             full: bool = False) -> StorageError:
    """The plain error for a write to ``path`` that failed without an errno (SQLite reports
    only "read-only" or "disk full"): look at the disk and the file to say which."""
    if full:
        return _disk_full(what, _existing(path.parent), needed)
    target = _existing(path)
    if _read_only_mount(target) or is_unchangeable(target) or is_unchangeable(target.parent) \
            or not os.access(target, os.W_OK):
        return _refused(what, target)
    if not os.access(target.parent, os.W_OK):
        return _refused(what, target.parent)
    free = free_space(target)
    if free is not None and free < (needed or 0) + (1 << 20):
        return _disk_full(what, target.parent, needed)
    return StorageError(f"peerdesk could not {what}: the disk refused the write. Nothing was "
                        "changed. Check the disk holding it, then try again.")


def make_private_dir(path: Path) -> Path:
    """Create ``path`` (and parents) readable by the user alone."""
    try:
        path.mkdir(mode=PRIVATE_DIR_MODE, parents=True, exist_ok=True)
        if os.name == "posix" and stat.S_IMODE(path.stat().st_mode) != PRIVATE_DIR_MODE:
            os.chmod(path, PRIVATE_DIR_MODE)
    except OSError as exc:
        raise storage_error(exc, f"create the folder {path}", path) from exc
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


def temp_name(path: Path) -> Path:
    """A temporary name beside ``path`` that says which process made it, so that
    ``sweep_temporary`` can remove those whose process has gone."""
    return path.parent / f".{path.name}.{os.getpid()}-{os.urandom(4).hex()}{TEMP_SUFFIX}"


def write_all(fd: int, data: bytes) -> None:
    view = memoryview(data)
    while view:
        written = os.write(fd, view)
        view = view[written:]


def write_private(path: Path, data: bytes, replace: bool = False) -> None:
    """Write ``data`` to a new file (0600 from its first byte) and flush it to the disk;
    ``replace`` writes over an existing one instead of refusing."""
    flags = os.O_WRONLY | os.O_CREAT | getattr(os, "O_BINARY", 0)
    flags |= os.O_TRUNC if replace else os.O_EXCL
    fd = os.open(path, flags, PRIVATE_FILE_MODE)
    try:
        write_all(fd, data)
        os.fsync(fd)
    finally:
        os.close(fd)


def atomic_write(path: Path, data: bytes) -> None:
    """Write ``data`` to ``path`` so that a crash leaves the old file or the new, never half.

    The temporary file sits in the same folder, is private from its first byte,
    is flushed to disk and then renamed over the target.
    """
    folder = path.parent
    tmp = temp_name(path)
    try:
        write_private(tmp, data)
        os.replace(tmp, path)
        fsync_dir(folder)
    except OSError as exc:
        with contextlib.suppress(OSError):
            tmp.unlink()
        raise storage_error(exc, f"save {path.name}", path, needed=len(data)) from exc


def private_touch(path: Path) -> None:
    """Create an empty private file if it does not exist."""
    try:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT, PRIVATE_FILE_MODE)
        os.close(fd)
    except OSError as exc:
        raise storage_error(exc, f"create {path.name}", path) from exc


# -- temporary files left by a process that was killed -------------------------------------

_TEMP = re.compile(r"^\.(?P<name>.+)\.(?:(?P<pid>\d+)-[0-9a-f]{8}|[0-9a-f]{12})"
                   + re.escape(TEMP_SUFFIX) + "$")
LEGACY_TEMP_AGE = 600.0
"""Seconds after which a temporary file of the older naming (no process id) is stale."""


def process_alive(pid: int) -> bool:
    """True while process ``pid`` exists (another user's counts as alive)."""
    if pid <= 0:
        return False
    if os.name == "nt":  # pragma: no cover - exercised on Windows builds
        import ctypes

        kernel32 = ctypes.windll.kernel32  # type: ignore[attr-defined]
        handle = kernel32.OpenProcess(0x1000, False, pid)  # PROCESS_QUERY_LIMITED_INFORMATION
        if not handle:
            return False
        try:
            code = ctypes.c_ulong()
            kernel32.GetExitCodeProcess(handle, ctypes.byref(code))
            return code.value == 259  # STILL_ACTIVE
        finally:
            kernel32.CloseHandle(handle)
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:
        return True
    return True


def temporary_files(roots: tuple[Path, ...] | list[Path]) -> list[Path]:
    """Every file under ``roots`` named as peerdesk names its temporary files."""
    found = []
    for root in roots:
        for folder, dirs, names in os.walk(root):
            dirs.sort()
            found += [Path(folder) / n for n in sorted(names) if _TEMP.match(n)]
    return found


def stale(path: Path, now: float | None = None) -> bool:
    """True when the process that made this temporary file is gone."""
    import time

    match = _TEMP.match(path.name)
    if match is None:
        return False
    if match["pid"] is not None:
        pid = int(match["pid"])
        return pid != os.getpid() and not process_alive(pid)
    try:
        age = (now if now is not None else time.time()) - os.lstat(path).st_mtime
    except OSError:
        return False
    return age > LEGACY_TEMP_AGE


def scrub(path: Path) -> bool:
    """Overwrite a leftover temporary file with random bytes, then delete it (it may hold
    plaintext). True when it is gone."""
    try:
        info = os.lstat(path)
    except FileNotFoundError:
        return True
    except OSError:
        return False
    if not stat.S_ISREG(info.st_mode):
        return False
    try:
        fd = os.open(path, os.O_WRONLY | getattr(os, "O_BINARY", 0)
                     | getattr(os, "O_NOFOLLOW", 0))
        try:
            left = os.fstat(fd).st_size
            while left > 0:
                left -= os.write(fd, os.urandom(min(left, 1 << 20)))
            os.fsync(fd)
        finally:
            os.close(fd)
    except OSError:
        pass
    try:
        os.unlink(path)
        fsync_dir(path.parent)
    except FileNotFoundError:
        return True
    except OSError:
        return False
    return True


def sweep_temporary(roots: tuple[Path, ...] | list[Path],
                    also: tuple[str, ...] = ()) -> list[Path]:
    """Remove the temporary files a killed peerdesk left under ``roots``; with ``also``,
    those whose name carries one of these words too, whichever process made them
    (destruction: the notebook is closed everywhere). Returns what could not be removed."""
    left = []
    for path in temporary_files(roots):
        mine = any(word and word in path.name for word in also)
        if (mine or stale(path)) and not scrub(path):
            left.append(path)
    return left
