"""The destruction wizard lists the files a document was imported from, outside peerdesk
with their folder; the peer unticks one to leave it, is then asked to confirm deleting it
themselves, and peerdesk deletes the ones left ticked."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from peerdesk.capture.documents import import_file
from peerdesk.vault.clock import ManualClock
from peerdesk.vault.library import Library
from peerdesk.vault.paths import AppPaths
from tests.conftest import PASSPHRASE, sample_details
from tests.destruction_helpers import TITLE
from tests.gui.destruction.test_destruction_flow import run_to_the_end, wizard_of
from tests.gui.helpers import shown_window, visible_texts


def test_left_in_its_folder_or_deleted_as_the_peer_chooses(
        qtbot: QtBot, paths: AppPaths, library: Library, clock: ManualClock,
        tmp_path: Path) -> None:
    folder = tmp_path / "Downloads"
    folder.mkdir()
    kept, deleted = folder / "statement.txt", folder / "pack.txt"
    kept.write_text("Position statement.\n")
    deleted.write_text("Performance pack.\n")
    with library.create(sample_details(), PASSPHRASE) as notebook:
        notebook_id = notebook.id
        import_file(notebook, kept)
        import_file(notebook, deleted)
    window = shown_window(qtbot, paths, clock, library)
    assert window.open_notebook(notebook_id)
    window.destruction.start_wizard()
    wizard = wizard_of(qtbot, window)
    qtbot.waitUntil(lambda: wizard.inventory_page.inventory is not None, timeout=30_000)
    page = wizard.inventory_page
    shown = visible_texts(page)
    assert f"Delete: Document imported 03/03/2026, outside peerdesk, in {folder}" in shown
    assert "statement.txt" not in shown.split("Where")[0]   # labels name no file
    first, second = page.originals.values()
    first.setFocus()
    qtbot.keyClick(first, Qt.Key.Key_Space)   # leave the statement where it is
    assert not first.isChecked() and second.isChecked()
    qtbot.mouseClick(wizard.next_button, Qt.MouseButton.LeftButton)
    box = wizard.attestation_page.boxes["originals_deleted"]
    assert box.isVisible()
    box.setChecked(True)
    qtbot.mouseClick(wizard.next_button, Qt.MouseButton.LeftButton)
    assert "You ticked 1 of 4 confirmations." in wizard.confirm_page.summary.text()
    qtbot.keyClicks(wizard.confirm_page.title_edit, TITLE)
    qtbot.mouseClick(wizard.destroy_button, Qt.MouseButton.LeftButton)
    run_to_the_end(qtbot, wizard)
    assert wizard.outcome is not None and wizard.outcome.ok, wizard.outcome.problems
    assert kept.exists() and not deleted.exists()
    text = wizard.outcome.files.text.read_text("utf-8")  # type: ignore[union-attr]
    assert "[x] The files I imported from that peerdesk left in my folders" in " ".join(
        text.split())
    wizard.accept()
