"""The destructive steps themselves. Each is idempotent: something already gone counts as
done, so an interrupted destruction can simply run every step that is not recorded done."""

from __future__ import annotations

import errno
import os
import secrets
import stat
from collections.abc import Callable
from pathlib import Path

from peerdesk.vault.errors import (
    CredentialStoreRefusedError,
    CredentialStoreUnavailableError,
    NotebookInUseError,
    PeerdeskError,
)
from peerdesk.vault.files import fsync_dir, sweep_temporary, temporary_files
from peerdesk.vault.instance_lock import InstanceLock
from peerdesk.vault.keys.keystore import KeyStore
from peerdesk.vault.paths import AppPaths
from peerdesk.vault.settings import Settings

BLOCK = 1 << 20  # overwrite in 1 MiB blocks

BlockDone = Callable[[int], None]


class StepFailed(PeerdeskError):
    """A step could not be carried out; ``outcome`` says what happened, ``advice`` what to do."""

    def __init__(self, outcome: str, advice: str) -> None:
        super().__init__(outcome)
        self.outcome = outcome
        self.advice = advice


class CipherStream:
    """Random-looking bytes, fast: AES-256-CTR over zeros under a random, forgotten key."""

    def __init__(self) -> None:
        from cryptography.hazmat.primitives.ciphers import Cipher, algorithms, modes

        self._encryptor = Cipher(algorithms.AES(secrets.token_bytes(32)),
                                 modes.CTR(secrets.token_bytes(16))).encryptor()
        self._zeros = bytes(BLOCK)
        self._buffer = bytearray(BLOCK + 16)

    def block(self) -> memoryview:
        count = self._encryptor.update_into(self._zeros, self._buffer)
        return memoryview(self._buffer)[:count]


def _why(exc: OSError) -> str:
    if exc.errno in (errno.EROFS,):
        return "the disk or folder is read-only"
    if exc.errno in (errno.EACCES, errno.EPERM):
        return "the system refused (no permission, or the file or folder is locked)"
    if exc.errno == errno.ENOSPC:
        return "the disk is full"
    return exc.strerror or "the system refused"


def overwrite_and_delete(path: Path, on_block: BlockDone | None = None) -> tuple[str, int | None]:
    """Write random data over every byte of ``path``, flush it to the disk, then delete it
    and flush the folder. Returns what was done in plain words, and the bytes overwritten
    (None when the file was already gone)."""
    try:
        info = os.lstat(path)
    except FileNotFoundError:
        return "Already gone when this step ran", None
    except NotADirectoryError:
        return "Already gone (its folder is no longer there)", None
    if not stat.S_ISREG(info.st_mode):
        raise StepFailed("Not an ordinary file, so peerdesk left it alone.",
                         f"Look at {path} yourself and delete it if it is a copy of the notes.")
    flags = os.O_WRONLY | getattr(os, "O_BINARY", 0) | getattr(os, "O_NOFOLLOW", 0)
    try:
        if os.name != "posix" and not info.st_mode & stat.S_IWRITE:
            os.chmod(path, stat.S_IREAD | stat.S_IWRITE)
        fd = os.open(path, flags)
    except OSError as exc:
        raise StepFailed(f"Could not be overwritten: {_why(exc)}. It is still there.",
                         f"Make {path} writable (or move it somewhere you can delete it), "
                         "then try again.") from exc
    size = 0
    try:
        size = os.fstat(fd).st_size
        stream = CipherStream()
        done = 0
        while done < size:
            block = stream.block()[: min(BLOCK, size - done)]
            while block:
                written = os.write(fd, block)
                block = block[written:]
                done += written
            if on_block is not None:
                on_block(done)
        os.fsync(fd)
    except OSError as exc:
        raise StepFailed(f"Overwriting stopped part way: {_why(exc)}. It is still there.",
                         f"Check the disk holding {path}, then try again.") from exc
    finally:
        os.close(fd)
    try:
        os.unlink(path)
        fsync_dir(path.parent)
    except FileNotFoundError:
        pass
    except OSError as exc:
        raise StepFailed(f"Overwritten ({size:,} bytes) but could not be deleted: {_why(exc)}.",
                         f"Delete {path} yourself, or make its folder writable, "
                         "then try again.") from exc
    if size == 0:
        return "Deleted (it was empty, so there was nothing to overwrite)", 0
    return f"Overwritten with random data ({size:,} bytes), then deleted", size


def ensure_closed(paths: AppPaths, notebook_id: str) -> str:
    """Make sure no peerdesk window or process still has the notebook open."""
    lock_path = paths.lock_file(notebook_id)
    if not lock_path.exists():
        return "Closed (its lock file is already gone)"
    try:
        lock = InstanceLock(lock_path).acquire()
    except NotebookInUseError:
        raise StepFailed("Still open in another peerdesk window or process.",
                         "Close the notebook in every peerdesk window, then try again.") from None
    except PeerdeskError as exc:
        raise StepFailed(f"Could not be checked: {exc.message}",
                         "Try again; if it keeps failing, restart the computer.") from exc
    lock.release()
    return "Closed; no other peerdesk process has it open"


def delete_stored_key(keystore: KeyStore, notebook_id: str) -> str:
    try:
        deleted = keystore.delete(notebook_id)
    except CredentialStoreUnavailableError:
        raise StepFailed(
            "The credential store could not be reached, so the key there could not be deleted.",
            "Unlock the computer's credential store (for example by signing in again), then "
            "try again. If this computer never had one, remove any peerdesk entry by hand "
            "from the credential manager of any computer that opened this notebook.") from None
    except CredentialStoreRefusedError as exc:
        raise StepFailed(
            exc.message,
            "Open the computer's credential manager (Passwords and Keys, Credential Manager "
            "or Keychain Access), delete the peerdesk entry for this notebook, then try "
            "again.") from exc
    return "Deleted from the credential store" if deleted else \
        "Not in the credential store (nothing to delete)"


def clear_settings(paths: AppPaths, notebook_id: str) -> str:
    settings = Settings.load(paths)
    mentions = settings.mentions(notebook_id)
    if not mentions:
        return "No settings entry names this notebook"
    settings.forget(notebook_id)
    try:
        settings.save(paths)
    except PeerdeskError as exc:
        raise StepFailed(f"The settings could not be saved: {exc.message}",
                         "Check that the settings folder can be written to, then try again.") \
            from exc
    return "Cleared: " + ", ".join(mentions)



def remove_temporary(paths: AppPaths, notebook_id: str, token: str) -> str:
    """Overwrite and delete every temporary file peerdesk left for this notebook or this
    destruction (an export or a save that was interrupted), and any whose process is gone."""
    before = len(temporary_files(paths.roots()))
    left = sweep_temporary(paths.roots(), also=(notebook_id, token))
    if left:
        raise StepFailed(
            f"{len(left)} temporary file(s) could not be removed.",
            "Make " + ", ".join(str(p.parent) for p in left[:3]) + " writable, then try "
            "again.")
    gone = before - len(temporary_files(paths.roots()))
    if not gone:
        return "None was left"
    return f"Overwritten with random data, then deleted: {gone} file(s)"
