"""Every byte written out of the notebook is in the register, even when peerdesk is killed
between the steps of an export; its temporary file lives only in peerdesk's own folder and
is swept at the next start and by destruction. A copy that cannot be written (a full disk,
a missing folder) leaves neither a file nor a record."""

from __future__ import annotations

import errno
import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from peerdesk.destruction import destroy as destruction
from peerdesk.destruction.certificate import Attestations
from peerdesk.vault.errors import StorageError
from peerdesk.vault.exports import list_exports, write_export
from peerdesk.vault.files import sweep_temporary, temporary_files
from peerdesk.vault.library import Library
from peerdesk.vault.notebook import Notebook
from tests.conftest import PASSPHRASE, sample_details
from tests.destruction_helpers import KEYRING_FILE_ENV, files_holding
from tests.locations import ROOT

CHILD = r"""
import os, signal, sys
from pathlib import Path
from peerdesk.summary.export import export_summary
from peerdesk.vault import exports, files
from peerdesk.vault.keys.keystore import KeyStore
from peerdesk.vault.library import Library
from peerdesk.vault.paths import AppPaths

home, notebook_id, target, step = sys.argv[1:5]

def kill():
    os.kill(os.getpid(), signal.SIGKILL)

def wrap(module, name, when):
    real = getattr(module, name)
    def hooked(*args, **kwargs):
        if when == "before":
            kill()
        result = real(*args, **kwargs)
        kill()
        return result
    setattr(module, name, hooked)

if step == "recorded":
    wrap(exports, "_insert", "after")
elif step == "written":
    wrap(exports, "write_private", "after")
elif step == "renamed":
    wrap(exports, "fsync_dir", "before")
library = Library(AppPaths.under(Path(home)), KeyStore())
notebook = library.open(notebook_id)
def progress(fraction, text):
    if step == "rendered" and text == "Saving the file":
        kill()
export_summary(notebook, "txt", Path(target), progress)
print("not killed")
"""

STEPS = ["rendered", "recorded", "written", "renamed"]


@pytest.mark.slow
@pytest.mark.parametrize("step", STEPS)
def test_killed_at_each_step_of_an_export_then_started_again(
        library: Library, file_keyring: Path, tmp_path: Path, step: str) -> None:
    with library.create(sample_details(), PASSPHRASE) as notebook:
        notebook_id = notebook.id
    outside = tmp_path / "Documents"
    outside.mkdir()
    target = outside / "summary.txt"
    env = dict(os.environ, PYTHONPATH=str(ROOT),
               PYTHON_KEYRING_BACKEND="tests.destruction_helpers.FileKeyring",
               **{KEYRING_FILE_ENV: str(file_keyring)})
    child = subprocess.run([sys.executable, "-c", CHILD, str(library.paths.data.parent),
                            notebook_id, str(target), step], env=env, capture_output=True,
                           text=True, timeout=120)
    assert child.returncode == -signal.SIGKILL, child.stdout + child.stderr
    # nothing temporary outside peerdesk's folders, ever
    assert [p.name for p in outside.iterdir()] in ([], ["summary.txt"])
    with library.open(notebook_id) as notebook:
        registered = {r.path for r in list_exports(notebook)}
    if target.exists():
        assert target in registered          # a copy on the disk is always on the register
    if step == "rendered":
        assert registered == set() and not target.exists()
    # the next start sweeps what the killed process left in peerdesk's folder
    left = temporary_files(library.paths.roots())
    assert bool(left) == (step == "written")
    assert all(notebook_id in p.name for p in left)
    assert sweep_temporary(library.paths.roots()) == []
    assert temporary_files(library.paths.roots()) == []
    # and destruction finds every copy
    notebook = library.open(notebook_id)
    result = destruction.run(library, destruction.plan(library, notebook), notebook,
                             confirm_title=sample_details().title,
                             attestations=Attestations(True, True, True))
    assert result.ok, result.problems
    assert not target.exists()
    assert files_holding((*library.paths.roots(), outside), [notebook_id.encode()]) == []


def test_destruction_removes_an_export_temporary_file_of_a_live_window(
        library: Library, notebook: Notebook) -> None:
    """Named after the notebook, it is found by name even while its process lives."""
    stray = library.paths.notebooks / f".{notebook.id}-export.{os.getpid()}-0badc0de.tmp"
    stray.write_bytes(b"a half-written summary")
    inventory = destruction.plan(library, notebook)
    result = destruction.run(library, inventory, notebook, confirm_title=sample_details().title)
    assert not stray.exists()
    assert all(c.passed for c in result.checks if c.key == "no_marker")


def test_a_copy_that_cannot_be_written_leaves_no_file_and_no_record(
        notebook: Notebook, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from peerdesk.vault import exports

    def full(path: Path, data: bytes, replace: bool = False) -> None:
        Path(path).write_bytes(data[:10])
        raise OSError(errno.ENOSPC, "No space left on device", str(path))

    monkeypatch.setattr(exports, "write_private", full)
    with pytest.raises(StorageError, match="is full"):
        write_export(notebook, tmp_path / "summary.txt", b"x" * 5000, "summary_txt")
    assert not (tmp_path / "summary.txt").exists()
    assert list_exports(notebook) == []
    assert temporary_files([notebook.path.parent]) == []   # the part written is scrubbed
    with pytest.raises(StorageError, match="does not exist"):
        write_export(notebook, tmp_path / "no such folder" / "s.txt", b"x", "summary_txt")
    assert list_exports(notebook) == []
