"""Destruction end to end with the in-memory credential store: inventory, order, result."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest

from peerdesk.destruction import destroy as destruction
from peerdesk.destruction.certificate import Attestations
from peerdesk.destruction.certificates import destroyed_engagements
from peerdesk.destruction.inventory import Action, Kind
from peerdesk.destruction.steps import overwrite_and_delete
from peerdesk.vault.errors import NotebookNotFoundError, ValidationError
from peerdesk.vault.library import Library
from peerdesk.vault.notebook import Notebook
from peerdesk.vault.settings import Settings
from tests.conftest import MemoryKeyring
from tests.destruction_helpers import TITLE, files_holding, id_needles, set_the_scene


def test_inventory_lists_everything_and_changes_nothing(
        library: Library, notebook: Notebook, tmp_path: Path,
        memory_keyring: MemoryKeyring) -> None:
    scene = set_the_scene(library, notebook, tmp_path / "Documents")
    inventory = destruction.plan(library, notebook,
                                 keep={scene.kept.id: "the manager already holds it"})
    keys = [a.key for a in inventory.artefacts]
    assert keys[:6] == ["credential", "keyfile", "notebook", "wal", "shm", "lock"]
    assert "other-1" in keys and "settings" in keys
    assert inventory.title == TITLE
    assert inventory.peer_name == "Alex Morgan" and inventory.manager_name == "Priya Shah"
    by_key = {a.key: a for a in inventory.artefacts}
    assert by_key["credential"].present is True
    assert by_key["notebook"].size == os.path.getsize(library.paths.notebook_file(notebook.id))
    assert by_key[f"export-{scene.deleted.id}"].action is Action.OVERWRITE_DELETE
    kept = by_key[f"export-{scene.kept.id}"]
    assert kept.action is Action.KEEP and "kept because the manager already holds it" \
        in kept.description
    assert by_key["other-1"].path == scene.other
    assert "last_notebook, known_notebooks" in by_key["settings"].note
    for artefact in inventory.artefacts:
        assert notebook.id not in artefact.label
    assert inventory.total_bytes >= scene.deleted.size
    # planning destroyed nothing
    assert library.paths.notebook_file(notebook.id).exists()
    assert scene.deleted.path.exists() and memory_keyring.items
    assert destruction.pending(library.paths) == []


def test_keep_needs_a_reason_and_a_real_copy(library: Library, notebook: Notebook,
                                            tmp_path: Path) -> None:
    scene = set_the_scene(library, notebook, tmp_path / "out", big_export=10)
    with pytest.raises(ValidationError):
        destruction.plan(library, notebook, keep={scene.kept.id: "   "})
    with pytest.raises(ValidationError):
        destruction.plan(library, notebook, keep={999: "no such copy"})
    inventory = destruction.plan(library, notebook)
    flipped = inventory.choose(scene.kept.id, "manager holds it")
    assert [a.action for a in flipped.exports] == [Action.OVERWRITE_DELETE, Action.KEEP]
    assert flipped.choose(scene.kept.id, None).exports[1].action is Action.OVERWRITE_DELETE


def test_wrong_title_destroys_nothing(library: Library, notebook: Notebook,
                                      memory_keyring: MemoryKeyring) -> None:
    inventory = destruction.plan(library, notebook)
    with pytest.raises(ValidationError, match="does not match"):
        destruction.run(library, inventory, notebook, confirm_title="Northvale")
    assert not notebook.closed
    assert library.paths.notebook_file(notebook.id).exists()
    assert memory_keyring.items
    assert destruction.pending(library.paths) == []


def test_destruction_removes_everything_and_proves_it(
        library: Library, notebook: Notebook, tmp_path: Path,
        memory_keyring: MemoryKeyring) -> None:
    scene = set_the_scene(library, notebook, tmp_path / "Documents")
    inventory = destruction.plan(library, notebook,
                                 keep={scene.kept.id: "the manager already holds it"})
    events: list[destruction.Progress] = []
    result = destruction.run(library, inventory, notebook, confirm_title=" northvale HEALTH and "
                             "care partnership", attestations=Attestations(True, True, False),
                             progress=events.append)
    assert result.ok, result.problems
    assert result.problems == []
    assert notebook.closed
    # every inventoried file is gone; the kept copy is untouched
    for artefact in inventory.artefacts:
        if artefact.path is not None and artefact.kind in (Kind.FILE, Kind.EXPORT) \
                and artefact.action is not Action.KEEP:
            assert not artefact.path.exists(), artefact.label
    assert scene.kept.path.read_bytes() == scene.kept_bytes
    assert memory_keyring.items == {}
    settings = Settings.load(library.paths)
    assert settings.last_notebook is None and settings.known_notebooks == ["someothernotebook"]
    with pytest.raises(NotebookNotFoundError):
        library.open(scene.notebook_id)
    # no file under peerdesk's folders holds the id or a copy's hash, by an independent search
    needles = [*id_needles(scene.notebook_id), scene.deleted.sha256.encode(),
               scene.kept.sha256.encode()]
    assert files_holding(library.paths.roots(), needles) == []
    assert not any(scene.notebook_id in str(p) for root in library.paths.roots()
                   for p in root.rglob("*"))
    # the record of the destruction is gone; the certificate is kept
    assert destruction.pending(library.paths) == []
    assert result.journal_removed
    assert result.files is not None
    for path in (result.files.text, result.files.pdf, result.files.sidecar, result.files.draft):
        assert path is not None and path.exists()
        assert stat.S_IMODE(path.stat().st_mode) == 0o600
    listed = destroyed_engagements(library.paths)
    assert [e.title for e in listed] == [TITLE]
    assert listed[0].label == "destroyed on 03/03/2026" and listed[0].complete
    # the steps ran in the promised order, each recorded done
    order = [e.key for e in events if e.phase == "step" and e.status != "working"]
    assert order[:4] == ["close", "credential", "keyfile", "notebook"]
    assert order.index(f"export-{scene.deleted.id}") < order.index("settings")
    assert f"export-{scene.kept.id}" not in order
    fractions = [e.fraction for e in events]
    assert fractions == sorted(fractions) and fractions[-1] == 1.0
    assert any(e.status == "working" for e in events)   # the big copy reports its progress
    assert [c.key for c in result.checks] == ["files_absent", "credential", "keyfile",
                                              "open_fails", "exports_deleted",
                                              "originals_deleted", "settings", "no_marker"]
    assert all(c.passed for c in result.checks)


def test_overwrite_writes_over_the_same_bytes_before_deleting(tmp_path: Path) -> None:
    original = os.urandom(3 * (1 << 20) + 123)
    target = tmp_path / "copy.bin"
    target.write_bytes(original)
    witness = tmp_path / "witness.bin"
    os.link(target, witness)   # a second name for the same bytes shows what was written there
    seen: list[int] = []
    outcome, size = overwrite_and_delete(target, seen.append)
    assert not target.exists()
    assert size == len(original) and f"{len(original):,} bytes" in outcome
    after = witness.read_bytes()
    assert len(after) == len(original) and after != original
    assert after.count(0) < len(after) // 100      # random-looking, not zeros
    assert seen == [1 << 20, 2 << 20, 3 << 20, len(original)]
    assert overwrite_and_delete(target)[0].startswith("Already gone")


def test_engagement_without_copies_or_settings(library: Library, notebook: Notebook,
                                               memory_keyring: MemoryKeyring) -> None:
    inventory = destruction.plan(library, notebook)
    assert inventory.exports == [] and "settings" not in [a.key for a in inventory.artefacts]
    result = destruction.run(library, inventory, notebook, confirm_title=TITLE)
    assert result.ok
    check = {c.key: c for c in result.checks}["exports_deleted"]
    assert check.passed and "nothing to look for" in check.detail
