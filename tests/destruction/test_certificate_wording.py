"""Each certificate line claims exactly what was done to that item; copies are named by kind
and date; the files the peer imported from are listed outside peerdesk, deleted unless
left, checked, and the email says what became of them; memory is spoken of truthfully."""

from __future__ import annotations

import email
import re
from email import policy
from pathlib import Path

import pytest

from peerdesk.capture.documents import import_file
from peerdesk.capture.originals import list_originals
from peerdesk.capture.timetable.importer import import_preview, read_timetable
from peerdesk.destruction import destroy as destruction
from peerdesk.destruction.certificate import MEMORY_ENDS, Attestations
from peerdesk.destruction.inventory import Action, Kind
from peerdesk.vault.exports import write_export
from peerdesk.vault.library import Library
from peerdesk.vault.notebook import Notebook
from tests.conftest import MemoryKeyring
from tests.destruction_helpers import TITLE


def flat(text: str) -> str:
    return " ".join(text.split())


@pytest.fixture
def downloads(tmp_path: Path, notebook: Notebook) -> dict[str, Path]:
    folder = tmp_path / "Downloads" / "Northvale pre-reading"
    folder.mkdir(parents=True)
    statement = folder / "Northvale position statement.txt"
    statement.write_text("Position statement: the partnership's own view.\n")
    timetable = folder / "Northvale timetable.csv"
    timetable.write_text("Date,Start,End,Meeting\n03/03/2026,09:30,10:30,Chief executive\n")
    import_file(notebook, statement)
    import_preview(notebook, read_timetable(notebook, timetable))
    write_export(notebook, tmp_path / "Northvale position statement.pdf", b"%PDF copy",
                 "summary_pdf")
    write_export(notebook, tmp_path / "second.pdf", b"%PDF again", "summary_pdf")
    return {"statement": statement, "timetable": timetable}


def test_imports_record_where_they_came_from(notebook: Notebook,
                                             downloads: dict[str, Path]) -> None:
    records = list_originals(notebook)
    assert [(r.kind, r.path) for r in records] == [("document", downloads["statement"]),
                                                   ("timetable", downloads["timetable"])]
    assert records[0].size == downloads["statement"].stat().st_size
    assert records[0].label == "Document imported 03/03/2026, outside peerdesk"


def test_the_inventory_names_copies_by_kind_and_date_and_lists_the_originals(
        library: Library, notebook: Notebook, downloads: dict[str, Path]) -> None:
    inventory = destruction.plan(library, notebook)
    labels = [a.label for a in inventory.artefacts]
    assert "Summary PDF exported 03/03/2026" in labels
    assert "Summary PDF exported 03/03/2026, copy 2" in labels
    assert not any("Northvale" in label or ".pdf" in label for label in labels)
    originals = inventory.originals
    assert [a.label for a in originals] == ["Document imported 03/03/2026, outside peerdesk",
                                            "Timetable imported 03/03/2026, outside peerdesk"]
    assert all(a.kind is Kind.ORIGINAL and a.action is Action.OVERWRITE_DELETE
               for a in originals)
    assert str(downloads["statement"].parent) in originals[0].description  # its folder


def test_each_line_says_what_was_done_and_the_email_follows(
        library: Library, notebook: Notebook, downloads: dict[str, Path],
        memory_keyring: MemoryKeyring) -> None:
    inventory = destruction.plan(library, notebook)
    timetable_id = inventory.originals[1].original_id
    assert timetable_id is not None
    inventory = inventory.choose_original(timetable_id, delete=False)
    result = destruction.run(library, inventory, notebook, confirm_title=TITLE,
                             attestations=Attestations(True, True, True), memory=MEMORY_ENDS)
    assert result.ok, result.problems
    assert not downloads["statement"].exists() and downloads["timetable"].exists()
    assert result.files is not None
    text = flat(result.files.text.read_text("utf-8"))
    lines = {line.label: line for line in result.record.artefacts}
    assert lines["The notebook's write-ahead log (-wal)"].outcome.startswith(
        "Deleted by SQLite when the notebook closed")
    assert lines["The notebook's lock file"].outcome.startswith("Deleted (it was empty")
    assert lines["The encrypted notebook file"].outcome.startswith("Overwritten with random")
    assert "[done] The notebook's lock file (0 bytes): Deleted (it was empty" in text
    assert "[kept] Timetable imported 03/03/2026, outside peerdesk" in text
    assert "[done] Document imported 03/03/2026, outside peerdesk" in text
    overwritten = sum(line.overwritten for line in result.record.artefacts)
    assert f"it wrote random data over {overwritten} files before deleting them" in text
    assert "random data over each" not in text and "Northvale position" not in text
    assert "1 file was kept, with the reason given above" in text
    assert "deleted without being overwritten, each for the reason given" in text
    assert "[passed] The imported files chosen for deletion are gone from their folders" in text
    assert flat(MEMORY_ENDS) in text
    assert "both stored copies of the notebook's key" in text
    assert result.files.draft is not None
    draft = email.message_from_bytes(result.files.draft.read_bytes(), policy=policy.default)
    body = flat(draft.get_body().get_content())  # type: ignore[union-attr]
    assert "peerdesk also deleted 1 file I had imported into it from my own folders" in body
    assert "1 file I imported into peerdesk from my own folders is still there" in body
    assert not re.search(r"Northvale (position|timetable)", body)
    assert "[ ] The files I imported from that peerdesk left in my folders" in text


def test_the_peer_can_confirm_deleting_a_file_left_in_its_folder(
        library: Library, notebook: Notebook, downloads: dict[str, Path],
        memory_keyring: MemoryKeyring) -> None:
    inventory = destruction.plan(library, notebook, leave_originals=[
        a.original_id for a in destruction.plan(library, notebook).originals
        if a.original_id is not None])
    assert [a.action for a in inventory.originals] == [Action.KEEP, Action.KEEP]
    result = destruction.run(library, inventory, notebook, confirm_title=TITLE,
                             attestations=Attestations(True, True, True, True))
    assert result.files is not None and result.files.draft is not None
    text = flat(result.files.text.read_text("utf-8"))
    assert "[x] The files I imported from that peerdesk left in my folders have been " \
           "deleted by me." in text
    draft = email.message_from_bytes(result.files.draft.read_bytes(), policy=policy.default)
    body = flat(draft.get_body().get_content())  # type: ignore[union-attr]
    assert "I have deleted myself the 2 files I imported into peerdesk that it left" in body


def test_with_no_file_left_the_confirmation_is_not_asked(
        library: Library, notebook: Notebook, memory_keyring: MemoryKeyring) -> None:
    result = destruction.run(library, destruction.plan(library, notebook), notebook,
                             confirm_title=TITLE, attestations=Attestations(True, True, True))
    assert result.files is not None
    assert "files I imported from" not in result.files.text.read_text("utf-8")
