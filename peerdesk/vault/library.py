"""All the notebooks in peerdesk's folder: list, create, open, change the passphrase.

Opening follows one rule: the key comes from the credential store without a prompt;
if that copy is missing or no store is usable, the passphrase unwraps the key file
(and the key is put back into the store when it can be). There is no third way.
"""

from __future__ import annotations

import contextlib
import secrets
from pathlib import Path
from typing import TYPE_CHECKING

from peerdesk import __version__
from peerdesk.vault import database, schema
from peerdesk.vault.checks.inspection import Finding, Inspection, inspect
from peerdesk.vault.checks.read_only import check_log, validated
from peerdesk.vault.clock import Clock, SystemClock
from peerdesk.vault.database import KeyRejected
from peerdesk.vault.domain import DAMAGE_KINDS, EngagementDetails, NotebookEntry
from peerdesk.vault.errors import (
    CredentialStoreUnavailableError,
    KeyFileDamagedError,
    KeyMissingError,
    NotebookDamagedError,
    NotebookNotFoundError,
    NotebookTooNewError,
    PeerdeskError,
    ValidationError,
)
from peerdesk.vault.files import atomic_write, storage_error
from peerdesk.vault.instance_lock import InstanceLock
from peerdesk.vault.keys.keyfile import KdfParams, KeyFile, check_passphrase, new_data_key
from peerdesk.vault.keys.keystore import KeyStore
from peerdesk.vault.keys.secret import wipe
from peerdesk.vault.notebook import Notebook
from peerdesk.vault.paths import NOTEBOOK_SUFFIX, AppPaths

if TYPE_CHECKING:
    from peerdesk.vault.template import Template


class Library:
    def __init__(self, paths: AppPaths, keystore: KeyStore | None = None,
                 kdf: KdfParams | None = None, clock: Clock | None = None) -> None:
        self.paths = paths
        self.keystore = keystore or KeyStore()
        self.kdf = kdf or KdfParams.interactive()
        self.clock: Clock = clock or SystemClock()

    # -- listing ------------------------------------------------------------------

    def ids(self) -> list[str]:
        if not self.paths.notebooks.is_dir():
            return []
        return sorted(p.name[: -len(NOTEBOOK_SUFFIX)]
                      for p in self.paths.notebooks.glob(f"*{NOTEBOOK_SUFFIX}"))

    def entries(self, unlock_titles: bool = True) -> list[NotebookEntry]:
        """Every notebook, a damaged one among them shown as damaged (with what to do);
        titles are read only through the credential store, and nothing is written."""
        out = []
        for notebook_id in self.ids():
            out.append(self._entry(notebook_id, unlock_titles))
        return sorted(out, key=lambda e: e.created, reverse=True)

    def _entry(self, notebook_id: str, unlock_titles: bool) -> NotebookEntry:
        created = self._created(notebook_id)
        entry = NotebookEntry(notebook_id, self.paths.notebook_file(notebook_id), created)
        try:
            if not unlock_titles:
                self.keyless_check(notebook_id)
                return entry
            with self.open(notebook_id, read_only=True) as notebook:
                engagement = notebook.engagement()
                notice = notebook.key_file_problem
            return NotebookEntry(entry.id, entry.path, created, engagement.title,
                                 engagement.stage, notice=notice)
        except PeerdeskError as exc:
            problem: PeerdeskError = exc
            if not isinstance(exc, DAMAGE_ERRORS):
                try:  # locked: still say so when damage can be seen without the key
                    self.keyless_check(notebook_id)
                except PeerdeskError as found:
                    problem = found
        except Exception as exc:  # never let one notebook hide the others
            problem = NotebookDamagedError(
                f"The notebook file {entry.path} could not be read ({type(exc).__name__}). "
                "Nothing has been changed.")
        return NotebookEntry(entry.id, entry.path, created, problem=problem.message,
                             problem_kind=type(problem).__name__)

    def keyless_check(self, notebook_id: str) -> None:
        """The checks that need no key: the file's shape, its log and its key file."""
        path = self.paths.notebook_file(notebook_id)
        database.check_file_shape(path)
        check_log(path)
        if self.paths.key_file(notebook_id).exists():
            self._key_file(notebook_id)

    def _created(self, notebook_id: str) -> str:
        try:
            return self._key_file(notebook_id).created
        except PeerdeskError:
            return ""

    def resolve(self, ref: str) -> str:
        """A notebook id from an id, a unique id prefix, a file path or an exact title."""
        ids = self.ids()
        if ref in ids:
            return ref
        as_path = Path(ref)
        if as_path.suffix == NOTEBOOK_SUFFIX:
            candidate = as_path.name[: -len(NOTEBOOK_SUFFIX)]
            if candidate in ids and as_path.resolve() == self.paths.notebook_file(
                    candidate).resolve():
                return candidate
        starts = [i for i in ids if i.startswith(ref)]
        if len(starts) == 1 and len(ref) >= 4:
            return starts[0]
        titled = [e.id for e in self.entries() if e.title == ref]
        if len(titled) == 1:
            return titled[0]
        raise NotebookNotFoundError(f"No notebook matches {ref!r}. "
                                    "Use the id shown by 'peerdesk-cli list'.")

    # -- create -------------------------------------------------------------------

    def create(self, details: EngagementDetails, passphrase: str,
               template: Template | None = None) -> Notebook:
        problems = details.problems()
        if problems:
            raise ValidationError(" ".join(problems))
        check_passphrase(passphrase, [details.title, details.client_system, details.my_name,
                                      details.manager_name, details.manager_email])
        self.paths.ensure()
        notebook_id = secrets.token_hex(16)
        key = new_data_key()
        try:
            return self._create(notebook_id, key, details, passphrase, template)
        finally:
            wipe(key)  # SQLCipher and the credential store have their own copies now

    def _create(self, notebook_id: str, key: bytearray, details: EngagementDetails,
                passphrase: str, template: Template | None) -> Notebook:
        created = self.clock.now().isoformat(timespec="seconds")
        keyfile = KeyFile.wrap(key, passphrase, notebook_id, created, self.kdf.fresh())
        path = self.paths.notebook_file(notebook_id)
        lock = InstanceLock(self.paths.lock_file(notebook_id)).acquire(
            what="create the notebook")
        notebook: Notebook | None = None
        from peerdesk.vault.template import standard_template

        try:
            try:
                conn = database.connect(path, key, create=True)
            except OSError as exc:
                raise storage_error(exc, "create the notebook", path) from exc
            notebook = Notebook(conn, notebook_id, path, lock, self.clock)
            schema.migrate(conn)
            notebook.initialise(details, template or standard_template(), __version__)
            atomic_write(self.paths.key_file(notebook_id), keyfile.to_bytes())
        except BaseException as exc:
            if notebook is not None:
                notebook.close()
            lock.release()
            self._remove_partial(notebook_id)
            if isinstance(exc, database.Error):
                raise database.translate(exc, path, "create the notebook") from None
            raise
        notebook.keyring_holds_key = self._store_key(notebook_id, key)
        return notebook

    def _store_key(self, notebook_id: str, key: bytes | bytearray) -> bool:
        """Put the key in the credential store (unless it is there already); False when no
        store can be used."""
        try:
            try:
                if self.keystore.matches(notebook_id, key):
                    return True
            except KeyMissingError:
                pass
            self.keystore.store(notebook_id, key)
        except CredentialStoreUnavailableError:
            return False
        return True

    def _remove_partial(self, notebook_id: str) -> None:
        base = self.paths.notebook_file(notebook_id)
        for path in (base, Path(f"{base}-wal"), Path(f"{base}-shm"), Path(f"{base}-journal"),
                     self.paths.key_file(notebook_id), self.paths.lock_file(notebook_id)):
            with contextlib.suppress(OSError):
                path.unlink()

    # -- open ---------------------------------------------------------------------

    def _key_file(self, notebook_id: str) -> KeyFile:
        import os
        import stat

        from peerdesk.vault.keys.keyfile_format import MAX_FILE_BYTES

        path = self.paths.key_file(notebook_id)
        try:
            info = os.stat(path)
            if not stat.S_ISREG(info.st_mode) or info.st_size > MAX_FILE_BYTES:
                raw = b"\0" * (MAX_FILE_BYTES + 1)  # refused below as far too large
            else:
                raw = path.read_bytes()
        except FileNotFoundError:
            raise KeyFileDamagedError(
                f"The notebook's key file {path} is missing, so the passphrase cannot be "
                "checked. The notebook can still open from the computer's credential store."
            ) from None
        except OSError as exc:
            raise KeyFileDamagedError(
                f"The notebook's key file {path} cannot be read ({exc.strerror}), so the "
                "passphrase cannot be checked.") from None
        return KeyFile.from_bytes(raw, notebook_id, where=f"The notebook's key file {path}")

    def open(self, notebook_id: str, passphrase: str | None = None,
             read_only: bool = False) -> Notebook:
        """Unlock a notebook: from the credential store, or with ``passphrase``.

        It is first opened read-only and checked (every page's HMAC, the -wal log), so
        that a failed open changes no byte of the notebook, its -wal and -shm files or its
        key file. ``read_only`` keeps it that way: nothing can then be changed at all.
        Raises one of the plain errors.
        """
        path = self.paths.notebook_file(notebook_id)
        key, problem = self._key(notebook_id, passphrase)
        try:
            lock = InstanceLock(self.paths.lock_file(notebook_id)).acquire(read_only=read_only)
            try:
                notebook = self._open_checked(notebook_id, path, key, lock, read_only)
            except BaseException:
                lock.release()
                raise
            notebook.key_file_problem = problem
            if passphrase is not None and not read_only:
                notebook.keyring_holds_key = self._store_key(notebook_id, key)
            else:
                notebook.keyring_holds_key = passphrase is None
            return notebook
        finally:
            wipe(key)  # SQLCipher holds its own copy while the notebook is open

    def _key(self, notebook_id: str, passphrase: str | None
             ) -> tuple[bytearray, str | None]:
        """The notebook's data key, from the credential store or unwrapped with the
        passphrase, and what is wrong with its key file (None when nothing)."""
        if not self.paths.notebook_file(notebook_id).exists():
            raise NotebookNotFoundError()
        keyfile: KeyFile | None
        problem = None
        try:
            keyfile = self._key_file(notebook_id)
        except KeyFileDamagedError as exc:
            if passphrase is not None:
                raise
            keyfile, problem = None, exc.message
        if passphrase is not None:
            assert keyfile is not None
            return keyfile.unwrap(passphrase), problem
        try:
            key = self.keystore.load(notebook_id)
        except (KeyMissingError, CredentialStoreUnavailableError):
            self.keyless_check(notebook_id)  # no passphrase opens files visibly damaged
            raise
        if keyfile is not None and not keyfile.matches(key):
            wipe(key)
            raise KeyMissingError(
                "The key in the credential store does not belong to this notebook. "
                "Type the passphrase to open it; peerdesk will put the right key back.")
        return key, problem

    def inspect(self, notebook_id: str, passphrase: str | None = None) -> Inspection:
        """Every check of one notebook, each reported even where another finds damage;
        nothing is written (``peerdesk-cli check``)."""
        key, problem = self._key(notebook_id, passphrase)
        try:
            lock = InstanceLock(self.paths.lock_file(notebook_id)).acquire(read_only=True)
            try:
                report = inspect(self.paths.notebook_file(notebook_id), key)
            finally:
                lock.release()
        finally:
            wipe(key)
        report.findings.insert(0, Finding("key file", problem is None, problem or "passed"))
        return report

    def _open_checked(self, notebook_id: str, path: Path, key: bytearray, lock: InstanceLock,
                      read_only: bool) -> Notebook:
        try:
            handle = validated(path, key)
        except KeyRejected:
            raise database.damaged(path, "its first page cannot be read") from None
        try:
            conn = handle.conn
            found = conn.execute("SELECT value FROM meta WHERE key = 'notebook_id'").fetchone()
            version = schema.version(conn)
        except database.Error as exc:
            handle.close()
            raise database.translate(exc, path, "read the notebook") from None
        except BaseException:
            handle.close()
            raise
        problem: PeerdeskError | None = None
        if found is None:
            problem = database.damaged(path, "it holds no notebook id")
        elif found[0] != notebook_id:
            problem = database.damaged(path, "it holds another notebook's id")
        elif version > schema.SCHEMA_VERSION:
            problem = NotebookTooNewError()
        if problem is not None or read_only:
            if problem is not None:
                handle.close()
                raise problem
            return Notebook(conn, notebook_id, path, lock, self.clock, read_only=handle)
        handle.close()
        conn = database.connect(path, key)
        notebook = Notebook(conn, notebook_id, path, lock, self.clock)
        try:
            schema.migrate(conn)
        except BaseException as exc:
            notebook.close()
            if isinstance(exc, database.Error):
                raise database.translate(exc, path, "bring the notebook up to date") \
                    from None
            raise
        return notebook

    # -- passphrase ---------------------------------------------------------------

    def change_passphrase(self, notebook_id: str, current: str, new: str,
                          open_here: Notebook | None = None) -> None:
        """Re-wrap the key file under a new passphrase; the notebook itself is untouched.

        Refused while the notebook is open in another peerdesk window or process; the
        window that has it open passes its ``Notebook`` as ``open_here``."""
        check_passphrase(new)
        if not self.paths.notebook_file(notebook_id).exists():
            raise NotebookNotFoundError()
        held = open_here is not None and open_here.id == notebook_id and not open_here.closed
        lock = InstanceLock(self.paths.lock_file(notebook_id))
        if not held:
            lock.acquire(read_only=True)
        try:
            keyfile = self._key_file(notebook_id)
            key = keyfile.unwrap(current)
            try:
                if not held:  # a damaged notebook keeps its key file as it is
                    self._check_readable(notebook_id, key)
                fresh = KeyFile.wrap(key, new, notebook_id, keyfile.created, self.kdf.fresh())
                atomic_write(self.paths.key_file(notebook_id), fresh.to_bytes())
                back = self._key_file(notebook_id).unwrap(new)
                same = back == key
                wipe(back)
            finally:
                wipe(key)
            if not same:
                raise KeyFileDamagedError("The new key file could not be read back.")
        finally:
            lock.release()

    def _check_readable(self, notebook_id: str, key: bytearray) -> None:
        path = self.paths.notebook_file(notebook_id)
        try:
            validated(path, key).close()
        except KeyRejected:
            raise database.damaged(path, "its first page cannot be read") from None

    def discard_new(self, notebook: Notebook) -> None:
        """Remove a notebook made moments ago whose filling failed (a full disk while the
        sample is written, say): nothing half-made is left behind."""
        notebook.close()
        with contextlib.suppress(PeerdeskError):
            self.keystore.delete(notebook.id)
        self._remove_partial(notebook.id)


DAMAGE_ERRORS = (NotebookDamagedError, KeyFileDamagedError)
__all__ = ["DAMAGE_ERRORS", "DAMAGE_KINDS", "Library", "NotebookEntry"]
