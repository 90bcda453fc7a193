"""All the notebooks in peerdesk's folder: list, create, open, change the passphrase.

Opening follows one rule: the key comes from the credential store without a prompt;
if that copy is missing or no store is usable, the passphrase unwraps the key file
(and the key is put back into the store when it can be). There is no third way.
"""

from __future__ import annotations

import contextlib
import secrets
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from peerdesk import __version__
from peerdesk.vault import database, schema
from peerdesk.vault.clock import Clock, SystemClock
from peerdesk.vault.database import KeyRejected
from peerdesk.vault.domain import EngagementDetails, Stage
from peerdesk.vault.errors import (
    CredentialStoreUnavailableError,
    KeyFileDamagedError,
    KeyMissingError,
    NotebookDamagedError,
    NotebookNotFoundError,
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


@dataclass(frozen=True)
class NotebookEntry:
    """One notebook as the list shows it. ``title`` is None while it cannot be unlocked."""

    id: str
    path: Path
    created: str
    title: str | None = None
    stage: Stage | None = None
    problem: str | None = None
    problem_kind: str | None = None  # the error's class name, for a short label in a list

    @property
    def label(self) -> str:
        if self.title:
            return self.title
        day = self.created[:10]
        try:
            from datetime import date

            day = date.fromisoformat(day).strftime("%d/%m/%Y")
        except ValueError:
            pass
        return f"Locked engagement, made {day}"


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
        """Every notebook; titles are read only through the credential store."""
        out = []
        for notebook_id in self.ids():
            created = self._created(notebook_id)
            entry = NotebookEntry(notebook_id, self.paths.notebook_file(notebook_id), created)
            if unlock_titles:
                try:
                    with self.open(notebook_id) as notebook:
                        engagement = notebook.engagement()
                    entry = NotebookEntry(entry.id, entry.path, created, engagement.title,
                                          engagement.stage)
                except PeerdeskError as exc:
                    entry = NotebookEntry(entry.id, entry.path, created, problem=exc.message,
                                          problem_kind=type(exc).__name__)
            out.append(entry)
        return sorted(out, key=lambda e: e.created, reverse=True)

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
        lock = InstanceLock(self.paths.lock_file(notebook_id)).acquire()
        notebook: Notebook | None = None
        from peerdesk.vault.template import standard_template

        try:
            try:
                conn = database.connect(path, key, create=True)
            except OSError as exc:
                raise storage_error(exc, "create the notebook") from exc
            notebook = Notebook(conn, notebook_id, path, lock, self.clock)
            schema.migrate(conn)
            notebook.initialise(details, template or standard_template(), __version__)
            atomic_write(self.paths.key_file(notebook_id), keyfile.to_bytes())
        except BaseException as exc:
            if notebook is not None:
                notebook.close()
            lock.release()
            self._remove_partial(notebook_id)
            if isinstance(exc, database.DatabaseError):
                raise storage_error(OSError(0, str(exc)), "create the notebook") from exc
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
        try:
            raw = self.paths.key_file(notebook_id).read_bytes()
        except FileNotFoundError:
            raise KeyFileDamagedError(
                "The notebook's key file is missing, so the passphrase cannot be checked. "
                "The notebook can still open from the computer's credential store."
            ) from None
        return KeyFile.from_bytes(raw, notebook_id)

    def open(self, notebook_id: str, passphrase: str | None = None) -> Notebook:
        """Unlock a notebook: from the credential store, or with ``passphrase``.

        Raises one of the plain errors and changes no byte of the notebook or key file.
        """
        path = self.paths.notebook_file(notebook_id)
        if not path.exists():
            raise NotebookNotFoundError()
        keyfile: KeyFile | None
        try:
            keyfile = self._key_file(notebook_id)
        except KeyFileDamagedError:
            if passphrase is not None:
                raise
            keyfile = None
        if passphrase is None:
            key = self.keystore.load(notebook_id)
            if keyfile is not None and not keyfile.matches(key):
                wipe(key)
                raise KeyMissingError(
                    "The key in the credential store does not belong to this notebook. "
                    "Type the passphrase to open it; peerdesk will put the right key back.")
        else:
            assert keyfile is not None
            key = keyfile.unwrap(passphrase)
        try:
            return self._open_with(notebook_id, path, key, passphrase is not None)
        finally:
            wipe(key)  # SQLCipher holds its own copy while the notebook is open

    def _open_with(self, notebook_id: str, path: Path, key: bytearray,
                   via_passphrase: bool) -> Notebook:
        lock = InstanceLock(self.paths.lock_file(notebook_id)).acquire()
        try:
            conn = database.connect(path, key)
        except KeyRejected:
            lock.release()
            raise NotebookDamagedError() from None
        except BaseException:
            lock.release()
            raise
        notebook = Notebook(conn, notebook_id, path, lock, self.clock)
        try:
            if notebook.meta("notebook_id") not in (None, notebook_id):
                raise NotebookDamagedError("This notebook file does not match its name.")
            schema.migrate(conn)
            if notebook.meta("notebook_id") is None:
                raise NotebookDamagedError()
        except database.DatabaseError:
            notebook.close()
            raise NotebookDamagedError() from None
        except BaseException:
            notebook.close()
            raise
        if via_passphrase:
            notebook.keyring_holds_key = self._store_key(notebook_id, key)
        else:
            notebook.keyring_holds_key = True
        return notebook

    # -- passphrase ---------------------------------------------------------------

    def change_passphrase(self, notebook_id: str, current: str, new: str) -> None:
        """Re-wrap the key file under a new passphrase; the notebook itself is untouched."""
        check_passphrase(new)
        keyfile = self._key_file(notebook_id)
        key = keyfile.unwrap(current)
        try:
            fresh = KeyFile.wrap(key, new, notebook_id, keyfile.created, self.kdf.fresh())
            atomic_write(self.paths.key_file(notebook_id), fresh.to_bytes())
            back = KeyFile.from_bytes(self.paths.key_file(notebook_id).read_bytes(),
                                      notebook_id).unwrap(new)
            same = back == key
            wipe(back)
        finally:
            wipe(key)
        if not same:
            raise KeyFileDamagedError("The new key file could not be read back.")
