"""Destruction against the real Secret Service (gnome-keyring in CI): afterwards an
independent tool finds no key, and nothing under peerdesk's folders names the notebook."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

from peerdesk.destruction import destroy as destruction
from peerdesk.destruction.certificate import Attestations
from peerdesk.destruction.inventory import Action
from peerdesk.vault.keys.keyfile import KdfParams
from peerdesk.vault.keys.keystore import KeyStore
from peerdesk.vault.library import Library
from peerdesk.vault.paths import AppPaths
from tests.conftest import PASSPHRASE, need_tools, sample_details
from tests.destruction_helpers import TITLE, files_holding, id_needles, set_the_scene


def lookup(notebook_id: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(["secret-tool", "lookup", "service", "peerdesk", "username",
                           f"notebook-{notebook_id}"], capture_output=True, text=True,
                          timeout=30)


@pytest.mark.system
@pytest.mark.usefixtures("secret_service")
def test_destruction_leaves_nothing_in_the_real_store_or_the_folders(tmp_path: Path) -> None:
    need_tools("secret-tool")
    paths = AppPaths.under(tmp_path / "home").ensure()
    library = Library(paths, KeyStore(), KdfParams.fast_for_tests())
    notebook = library.create(sample_details(), PASSPHRASE)
    assert notebook.keyring_holds_key
    scene = set_the_scene(library, notebook, tmp_path / "Documents", big_export=1 << 20)
    before = lookup(notebook.id)
    assert before.returncode == 0 and len(bytes.fromhex(before.stdout.strip())) == 32

    inventory = destruction.plan(library, notebook)
    assert next(a for a in inventory.artefacts if a.key == "credential").present is True
    result = destruction.run(library, inventory, notebook, confirm_title=TITLE,
                             attestations=Attestations(True, True, True))

    assert result.ok, result.problems
    after = lookup(scene.notebook_id)
    assert after.returncode != 0 and after.stdout.strip() == ""
    for artefact in inventory.artefacts:
        if artefact.path is not None and artefact.action is Action.OVERWRITE_DELETE:
            assert not artefact.path.exists(), artefact.label
    needles = [*id_needles(scene.notebook_id), scene.deleted.sha256.encode(),
               scene.kept.sha256.encode()]
    assert files_holding(paths.roots(), needles) == []
    assert not any(scene.notebook_id in p.name for root in paths.roots()
                   for p in root.rglob("*"))
    assert destruction.pending(paths) == []
    check = next(c for c in result.checks if c.key == "credential")
    assert check.passed and "returned nothing" in check.detail
