"""Creating and opening notebooks, and every way opening can fail, without changing a byte."""

from __future__ import annotations

import hashlib
import os
import sqlite3
from collections.abc import Iterator
from pathlib import Path

import keyring
import keyring.backends.fail
import keyring.backends.null
import pytest

from peerdesk.vault.errors import (
    CredentialStoreUnavailableError,
    KeyFileDamagedError,
    KeyMissingError,
    NotebookDamagedError,
    NotebookInUseError,
    NotebookNotFoundError,
    ValidationError,
    WeakPassphraseError,
    WrongPassphraseError,
)
from peerdesk.vault.library import Library
from peerdesk.vault.paths import AppPaths
from tests.conftest import PASSPHRASE, MemoryKeyring, sample_details


def snapshot(folder: Path) -> dict[str, str]:
    """Every file under ``folder`` with its SHA-256 (the lock file is allowed to exist)."""
    return {str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*")) if p.is_file() and p.suffix != ".lock"}


@pytest.fixture
def made(library: Library) -> str:
    with library.create(sample_details(), PASSPHRASE) as notebook:
        return notebook.id


def test_create_writes_private_files_and_both_key_copies(
        library: Library, paths: AppPaths, memory_keyring: MemoryKeyring) -> None:
    with library.create(sample_details(), PASSPHRASE) as notebook:
        assert notebook.keyring_holds_key
        assert notebook.engagement().title == "Northvale health and care partnership"
        assert [m.name for m in notebook.engagement().team] == ["Jordan Lee", "Sam O'Neill"]
        assert len(notebook.flip_charts()) == 8
        notebook_id = notebook.id
    assert ("peerdesk", f"notebook-{notebook_id}") in memory_keyring.items
    for path in (paths.notebook_file(notebook_id), paths.key_file(notebook_id)):
        assert path.stat().st_mode & 0o777 == 0o600
    for folder in (paths.data, paths.config, paths.cache, paths.notebooks):
        assert folder.stat().st_mode & 0o777 == 0o700
    assert paths.notebook_file(notebook_id).read_bytes()[:16] != b"SQLite format 3\x00"


def test_open_from_the_credential_store_without_a_passphrase(library: Library, made: str) -> None:
    with library.open(made) as notebook:
        assert notebook.engagement().my_initials == "AM"


def test_open_with_the_passphrase_puts_a_lost_key_back(
        library: Library, made: str, memory_keyring: MemoryKeyring) -> None:
    memory_keyring.items.clear()
    with pytest.raises(KeyMissingError, match="not in the computer's credential store"):
        library.open(made)
    with library.open(made, PASSPHRASE) as notebook:
        assert notebook.keyring_holds_key
    assert ("peerdesk", f"notebook-{made}") in memory_keyring.items
    library.open(made).close()


def test_change_passphrase(library: Library, made: str) -> None:
    library.change_passphrase(made, PASSPHRASE, "a brand new passphrase")
    with pytest.raises(WrongPassphraseError):
        library.open(made, PASSPHRASE)
    library.open(made, "a brand new passphrase").close()
    with pytest.raises(WrongPassphraseError):
        library.change_passphrase(made, "not the passphrase", "whatever else here")
    with pytest.raises(WeakPassphraseError):
        library.change_passphrase(made, "a brand new passphrase", "short")


def test_a_second_opening_is_refused(library: Library, made: str) -> None:
    with library.open(made), pytest.raises(NotebookInUseError, match="already open"):
        library.open(made)
    library.open(made).close()


def test_entries_list_titles_through_the_store(library: Library, made: str) -> None:
    entries = library.entries()
    assert [(e.id, e.title) for e in entries] == [(made, "Northvale health and care partnership")]
    assert library.entries(unlock_titles=False)[0].title is None
    assert library.resolve(made[:6]) == made
    with pytest.raises(NotebookNotFoundError):
        library.resolve("nothing-like-it")


def test_invalid_details_make_nothing(library: Library, paths: AppPaths) -> None:
    details = sample_details("  ")
    with pytest.raises(ValidationError, match="title"):
        library.create(details, PASSPHRASE)
    assert list(paths.notebooks.iterdir()) == []


# -- every distinct error, and not a byte changed -----------------------------------------


@pytest.fixture
def unchanged(paths: AppPaths, made: str) -> Iterator[None]:
    before = snapshot(paths.data)
    yield
    assert snapshot(paths.data) == before


@pytest.mark.usefixtures("unchanged")
def test_wrong_passphrase(library: Library, made: str) -> None:
    with pytest.raises(WrongPassphraseError) as info:
        library.open(made, "not the passphrase at all")
    assert "passphrase is not the one" in info.value.message


@pytest.mark.usefixtures("unchanged")
def test_key_missing_from_store(library: Library, made: str,
                                memory_keyring: MemoryKeyring) -> None:
    memory_keyring.items.clear()
    with pytest.raises(KeyMissingError) as info:
        library.open(made)
    assert "not in the computer's credential store" in info.value.message


@pytest.mark.usefixtures("unchanged")
@pytest.mark.parametrize("backend", [keyring.backends.null.Keyring,
                                     keyring.backends.fail.Keyring])
def test_store_unavailable(library: Library, made: str, backend: type) -> None:
    keyring.set_keyring(backend())
    library.keystore._backend = None
    with pytest.raises(CredentialStoreUnavailableError) as info:
        library.open(made)
    assert "not available or is locked" in info.value.message


@pytest.mark.usefixtures("unchanged")
def test_store_locked(library: Library, made: str, memory_keyring: MemoryKeyring) -> None:
    memory_keyring.locked = True
    with pytest.raises(CredentialStoreUnavailableError):
        library.open(made)


@pytest.mark.usefixtures("unchanged")
def test_in_use(library: Library, made: str, paths: AppPaths) -> None:
    with library.open(made), pytest.raises(NotebookInUseError) as info:
        library.open(made)
    assert "another peerdesk window" in info.value.message


def _truncate(path: Path) -> None:
    data = path.read_bytes()
    path.write_bytes(data[: len(data) // 2 + 100])


def _truncate_to_pages(path: Path) -> None:
    path.write_bytes(path.read_bytes()[:4096])


def _random(path: Path) -> None:
    path.write_bytes(os.urandom(path.stat().st_size))


def _plain_sqlite(path: Path) -> None:
    path.unlink()
    with sqlite3.connect(path) as conn:
        conn.execute("CREATE TABLE t (x)")
    conn.close()


def _empty(path: Path) -> None:
    path.write_bytes(b"")


def _flip_a_byte(path: Path) -> None:
    data = bytearray(path.read_bytes())
    data[100] ^= 0xFF
    path.write_bytes(bytes(data))


@pytest.mark.parametrize(("damage", "words"), [
    (_truncate, "cut short"), (_truncate_to_pages, "damaged"), (_random, "damaged"),
    (_plain_sqlite, "unencrypted"), (_empty, "empty"), (_flip_a_byte, "damaged"),
])
@pytest.mark.parametrize("by_passphrase", [False, True])
def test_damaged_notebook(library: Library, made: str, paths: AppPaths, damage: object,
                          words: str, by_passphrase: bool) -> None:
    path = paths.notebook_file(made)
    damage(path)  # type: ignore[operator]
    before = snapshot(paths.data)
    with pytest.raises(NotebookDamagedError) as info:
        library.open(made, PASSPHRASE if by_passphrase else None)
    assert words in info.value.message
    assert snapshot(paths.data) == before


def test_damaged_key_file_still_opens_from_the_store(library: Library, made: str,
                                                     paths: AppPaths) -> None:
    paths.key_file(made).write_bytes(b"{not json")
    with pytest.raises(KeyFileDamagedError, match="damaged"):
        library.open(made, PASSPHRASE)
    library.open(made).close()


def test_store_key_of_another_notebook_is_not_taken_for_damage(
        library: Library, made: str, memory_keyring: MemoryKeyring) -> None:
    other = library.create(sample_details("Other"), PASSPHRASE)
    other.close()
    memory_keyring.items[("peerdesk", f"notebook-{made}")] = \
        memory_keyring.items[("peerdesk", f"notebook-{other.id}")]
    with pytest.raises(KeyMissingError, match="does not belong"):
        library.open(made)


def test_missing_notebook(library: Library) -> None:
    with pytest.raises(NotebookNotFoundError):
        library.open("0" * 32)


def test_read_only_folder_is_a_plain_storage_error(tmp_path: Path,
                                                    memory_keyring: MemoryKeyring) -> None:
    from peerdesk.vault.errors import StorageError
    from peerdesk.vault.keys.keyfile import KdfParams

    blocker = tmp_path / "blocker"
    blocker.write_text("a file where a folder should be")
    library = Library(AppPaths.under(blocker / "home"), kdf=KdfParams.fast_for_tests())
    with pytest.raises(StorageError, match="could not create the folder"):
        library.create(sample_details(), PASSPHRASE)
