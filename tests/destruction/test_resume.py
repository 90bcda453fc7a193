"""Kill the destroying process right after each step, then start again: the destruction
finishes, nothing is reported done that was not, and the certificate is true."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from peerdesk.destruction import destroy as destruction
from peerdesk.destruction.certificates import destroyed_engagements
from peerdesk.destruction.journal import StepState
from peerdesk.vault.clock import ManualClock
from peerdesk.vault.keys.keyfile import KdfParams
from peerdesk.vault.keys.keystore import KeyStore
from peerdesk.vault.library import Library
from peerdesk.vault.paths import AppPaths
from tests.conftest import PASSPHRASE, sample_details
from tests.destruction_helpers import (
    TITLE,
    files_holding,
    id_needles,
    set_the_scene,
)
from tests.locations import ROOT

REPO = ROOT

CHILD = r"""
import os, signal, sys
from pathlib import Path
from peerdesk.destruction import destroy as destruction
from peerdesk.destruction.certificate import Attestations
from peerdesk.vault.keys.keystore import KeyStore
from peerdesk.vault.library import Library
from peerdesk.vault.paths import AppPaths
from tests.locations import ROOT

home, notebook_id, kept_id, kill_key, kill_status = sys.argv[1:6]
library = Library(AppPaths.under(Path(home)), KeyStore())
notebook = library.open(notebook_id)
inventory = destruction.plan(library, notebook, keep={int(kept_id): "the manager holds it"})

def progress(event):
    if event.key == kill_key and event.status == kill_status:
        os.kill(os.getpid(), signal.SIGKILL)

destruction.run(library, inventory, notebook, confirm_title=sys.argv[6],
                attestations=Attestations(True, True, True), progress=progress)
print("finished without being killed")
"""

KILL_POINTS = [
    ("journal", "done"), ("close", "done"), ("credential", "done"), ("keyfile", "done"),
    ("notebook", "working"), ("notebook", "done"), ("wal", "done"), ("shm", "done"),
    ("lock", "done"), ("other-1", "done"), ("export-1", "working"), ("export-1", "done"),
    ("settings", "done"), ("temporary", "done"), ("files_absent", "passed"),
    ("credential", "passed"),
    ("keyfile", "passed"), ("open_fails", "passed"), ("exports_deleted", "passed"),
    ("settings", "passed"), ("no_marker", "passed"), ("certificate", "done"),
]


@pytest.mark.slow
@pytest.mark.parametrize(("kill_key", "kill_status"), KILL_POINTS,
                         ids=[f"{k}-{s}" for k, s in KILL_POINTS])
def test_killed_after_each_step_then_resumed(tmp_path: Path, file_keyring: Path,
                                             kill_key: str, kill_status: str) -> None:
    paths = AppPaths.under(tmp_path / "home").ensure()
    library = Library(paths, KeyStore(), KdfParams.fast_for_tests(), ManualClock())
    notebook = library.create(sample_details(), PASSPHRASE)
    scene = set_the_scene(library, notebook, tmp_path / "Documents")
    assert scene.deleted.id == 1
    notebook.close()
    needles = [*id_needles(scene.notebook_id), scene.deleted.sha256.encode(),
               scene.kept.sha256.encode()]

    env = dict(os.environ, PYTHONPATH=str(REPO),
               PYTHON_KEYRING_BACKEND="tests.destruction_helpers.FileKeyring")
    child = subprocess.run(
        [sys.executable, "-c", CHILD, str(tmp_path / "home"), scene.notebook_id,
         str(scene.kept.id), kill_key, kill_status, TITLE],
        env=env, capture_output=True, text=True, timeout=120)
    assert child.returncode == -signal.SIGKILL, child.stdout + child.stderr

    # What the journal says is done really is done.
    [journal] = destruction.pending(paths)
    for step in journal.steps:
        if step.state is StepState.DONE and step.key in journal.secret.paths:
            assert not Path(journal.secret.paths[step.key]).exists(), step.key
        if step.state is StepState.DONE and step.key == "credential":
            assert not KeyStore().holds(scene.notebook_id)
        if step.state is StepState.PENDING and kill_status == "working" \
                and step.key == kill_key:
            assert Path(journal.secret.paths[step.key]).exists()   # half overwritten, not done
    assert journal.steps[0].key == "close"

    result = destruction.resume(library, journal)

    assert result.ok, result.problems
    assert destruction.pending(paths) == []
    for key, path in journal.secret.paths.items():
        if key != f"export-{scene.kept.id}":
            assert not Path(path).exists(), key
    assert scene.kept.path.read_bytes() == scene.kept_bytes
    assert not KeyStore().holds(scene.notebook_id)
    assert files_holding(paths.roots(), needles) == []
    # the certificate tells the truth: every artefact done, every recorded check listed
    assert result.files is not None
    text = result.files.text.read_text("utf-8")
    for step in result.steps:
        if step.key == "close":
            continue
        mark = "[kept]" if step.state is StepState.KEPT else "[done]"
        assert step.state in (StepState.DONE, StepState.KEPT)
        assert f"{mark} {step.label}" in text
    for check in result.checks:
        assert check.passed and f"[passed] {check.label}" in text
    assert "FAILED" not in text
    assert [e.title for e in destroyed_engagements(paths)] == [TITLE]
