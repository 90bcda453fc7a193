"""The engagement list and the unlock screen with damaged files: a damaged notebook is
listed as damaged beside the healthy ones, Enter says what is wrong and what to do, no
passphrase is asked for what no passphrase can open, and no byte changes."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from peerdesk.gui.shell.main_window import MainWindow
from peerdesk.vault.library import Library
from peerdesk.vault.paths import AppPaths
from tests.conftest import PASSPHRASE, MemoryKeyring, sample_details
from tests.gui.shell.test_main_window import window

__all__ = ["window"]  # the fixture used below


def everything(paths: AppPaths) -> dict[str, str]:
    return {p.name: hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(paths.notebooks.iterdir())}


def made(library: Library, title: str) -> str:
    with library.create(sample_details(title), PASSPHRASE) as notebook:
        return notebook.id


def flip_a_page(library: Library, notebook_id: str) -> Path:
    path = library.paths.notebook_file(notebook_id)
    data = bytearray(path.read_bytes())
    data[4096 * 5 + 321] ^= 0x08
    path.write_bytes(bytes(data))
    return path


def rows(window: MainWindow) -> list[str]:
    window.refresh_library()
    page = window.library_page.list
    return [page.item(i).text() for i in range(page.count())]


def test_a_damaged_notebook_is_listed_beside_the_healthy_ones(
        qtbot: QtBot, window: MainWindow, library: Library, paths: AppPaths) -> None:
    made(library, "Healthy engagement")
    damaged = made(library, "Damaged engagement")
    path = flip_a_page(library, damaged)
    before = everything(paths)
    listed = rows(window)
    assert any(r.startswith("Healthy engagement") for r in listed)
    [shown] = [r for r in listed if "DAMAGED" in r]
    assert shown.startswith("An engagement made") and "cannot be read" in shown
    assert "You have no engagements" not in window.library_page.hint.text()
    page = window.library_page.list
    index = next(i for i in range(page.count()) if "DAMAGED" in page.item(i).text())
    page.setCurrentRow(index)
    page.setFocus()
    qtbot.keyClick(page, Qt.Key.Key_Return)
    assert window.notebook is None
    assert str(path) in window.messages.text() and "put it back" in window.messages.text()
    assert everything(paths) == before


def test_no_passphrase_is_asked_for_a_key_file_no_passphrase_can_open(
        window: MainWindow, library: Library, paths: AppPaths,
        memory_keyring: MemoryKeyring) -> None:
    notebook_id = made(library, "Northvale")
    key_file = paths.key_file(notebook_id)
    doc = json.loads(key_file.read_text())
    doc["kdf"]["memory_kib"] = 2**31
    key_file.write_text(json.dumps(doc))
    memory_keyring.items.clear()          # the passphrase would be the only way in
    before = everything(paths)
    assert not window.open_notebook(notebook_id)
    assert window.stack.currentWidget() is window.library_page  # no passphrase field
    assert "key file" in window.messages.text() and "damaged" in window.messages.text()
    assert "Caps Lock" not in window.messages.text()
    assert any("DAMAGED: its key file" in r for r in rows(window))
    assert everything(paths) == before


def test_damage_found_after_the_passphrase_is_shown_in_the_list_too(
        qtbot: QtBot, window: MainWindow, library: Library, paths: AppPaths,
        memory_keyring: MemoryKeyring) -> None:
    notebook_id = made(library, "Northvale")
    flip_a_page(library, notebook_id)
    memory_keyring.items.clear()
    assert [r.splitlines()[1] for r in rows(window)] == [
        "Locked: its key is not in the credential store; opens with its passphrase"]
    before = everything(paths)
    assert not window.open_notebook(notebook_id)
    page = window.unlock_page
    assert window.stack.currentWidget() is page
    qtbot.keyClicks(page.ui.passphraseEdit, PASSPHRASE)
    qtbot.keyClick(page.ui.passphraseEdit, Qt.Key.Key_Return)
    assert window.notebook is None
    assert "does not pass the encryption check" in page.ui.errorLabel.text()
    assert "DAMAGED: the notebook file cannot be read" in window.library_page.list.item(0).text()
    assert everything(paths) == before


def test_a_notebook_opened_while_its_key_file_is_damaged_says_so(
        window: MainWindow, library: Library, paths: AppPaths) -> None:
    notebook_id = made(library, "Northvale")
    key_file = paths.key_file(notebook_id)
    key_file.write_bytes(key_file.read_bytes()[:-30])
    assert "Its key file is damaged" in rows(window)[0]
    assert window.open_notebook(notebook_id)
    assert window.messages.kind == "warning"
    assert "key file" in window.messages.text() and "put it back" in window.messages.text()


def test_a_notebook_put_back_in_the_folder_appears_in_the_list_without_restarting(
        qtbot: QtBot, window: MainWindow, library: Library, paths: AppPaths) -> None:
    notebook_id = made(library, "Northvale")
    files = [paths.notebook_file(notebook_id), paths.key_file(notebook_id)]
    kept = {f: f.read_bytes() for f in files}
    for f in files:
        f.unlink()
    window.refresh_library()
    assert window.library_page.list.count() == 0
    for f, data in kept.items():       # the peer copies their backup back in
        f.write_bytes(data)
    qtbot.waitUntil(lambda: window.library_page.list.count() == 1, timeout=30_000)
    assert window.library_page.list.item(0).text().startswith("Northvale")
