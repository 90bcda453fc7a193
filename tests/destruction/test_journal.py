"""Destruction's journal never blocks another destruction: a damaged or foreign journal is
reported (naming the data folder) and set aside; one killed while it was being removed, or
while it was being saved, leaves nothing that stops the next start or holds the title."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from peerdesk.destruction import destroy as destruction
from peerdesk.destruction.certificate import Attestations
from peerdesk.destruction.journal import PREFIX, SET_ASIDE, Journal
from peerdesk.vault.files import temporary_files
from peerdesk.vault.library import Library
from tests.cli_helpers import run_cli
from tests.conftest import PASSPHRASE, sample_details
from tests.destruction_helpers import KEYRING_FILE_ENV, TITLE, files_holding
from tests.locations import ROOT


def destroy(library: Library, title: str = TITLE) -> destruction.DestructionResult:
    notebook = library.open(next(e.id for e in library.entries() if e.title == title))
    inventory = destruction.plan(library, notebook)
    return destruction.run(library, inventory, notebook, confirm_title=title,
                           attestations=Attestations(True, True, True))


def started_journal(library: Library, title: str) -> Journal:
    """A destruction of a new notebook started (journal written) but not carried on."""
    notebook = library.create(sample_details(title), PASSPHRASE)
    inventory = destruction.plan(library, notebook)
    journal = destruction.start(library, inventory, confirm_title=title,  # type: ignore
                                attestations=Attestations())
    notebook.close()
    return journal


@pytest.mark.parametrize("content", [os.urandom(700), b"", b'{"format": "something else"}',
                                     b"[" * 5000])
def test_a_damaged_journal_is_set_aside_and_another_notebook_is_destroyed(
        library: Library, content: bytes) -> None:
    library.create(sample_details(), PASSPHRASE).close()
    bad = library.paths.data / f"{PREFIX}0123456789ab.json"
    bad.write_bytes(content)
    found = destruction.review(library.paths)
    assert found.journals == [] and len(found.set_aside) == 1
    message = found.set_aside[0]
    assert str(library.paths.data) in message and "cannot be read" in message
    assert str(library.paths.data / SET_ASIDE) in message
    assert not bad.exists() and (library.paths.data / SET_ASIDE / bad.name).exists()
    result = destroy(library)
    assert result.ok, result.problems
    assert destruction.review(library.paths).set_aside == []   # reported once, not for ever


def test_a_journal_from_another_peerdesk_folder_is_not_followed(library: Library,
                                                                tmp_path: Path) -> None:
    journal = started_journal(library, "Foreign")
    doc = json.loads(journal.path.read_bytes())
    doc["home"] = str(tmp_path / "elsewhere" / "data")
    journal.path.write_text(json.dumps(doc), "utf-8")
    found = destruction.review(library.paths)
    assert found.journals == []
    assert "was not written for this peerdesk folder" in found.set_aside[0]
    # the notebook it names was not touched
    assert library.paths.notebook_file(journal.secret.notebook_id).exists()


def test_finish_destruction_reports_a_damaged_journal_once_then_carries_on(
        tmp_path: Path) -> None:
    home = tmp_path / "home"
    made = run_cli(home, "new", "--title", "Kept", "--passphrase-stdin", stdin=PASSPHRASE)
    assert made.returncode == 0, made.stderr
    data = home / "data"
    (data / f"{PREFIX}feedfacecafe.json").write_bytes(b"\x00\xff" * 300)
    first = run_cli(home, "finish-destruction")
    assert first.returncode == 1 and "Traceback" not in first.stderr
    assert f"in {data} that cannot be read" in first.stderr
    second = run_cli(home, "finish-destruction")
    assert second.returncode == 0 and "No unfinished destruction" in second.stdout
    listed = run_cli(home, "list")
    assert listed.returncode == 0 and "Kept" not in listed.stderr


CHILD = r"""
import os, signal, sys
from pathlib import Path
from peerdesk.destruction import destroy as destruction
from peerdesk.destruction.certificate import Attestations
from peerdesk.vault import files
from peerdesk.vault.keys.keystore import KeyStore
from peerdesk.vault.library import Library
from peerdesk.vault.paths import AppPaths

home, notebook_id, title, when = sys.argv[1:5]
real_scrub, real_replace = files.scrub, os.replace

def scrub(path):
    if when == "removing" and path.name.endswith(".removing"):
        os.kill(os.getpid(), signal.SIGKILL)
    return real_scrub(path)

def replace(src, dst):
    if when == "saving" and "destruction-journal" in str(src) and Path(dst).exists():
        os.kill(os.getpid(), signal.SIGKILL)   # the temporary copy written, not yet renamed
    return real_replace(src, dst)

files.scrub = scrub
os.replace = replace
library = Library(AppPaths.under(Path(home)), KeyStore())
notebook = library.open(notebook_id)
inventory = destruction.plan(library, notebook)
destruction.run(library, inventory, notebook, confirm_title=title,
                attestations=Attestations(True, True, True))
print("not killed")
"""


@pytest.mark.slow
@pytest.mark.parametrize("when", ["removing", "saving"])
def test_killed_while_removing_or_saving_the_journal(library: Library, file_keyring: Path,
                                                     when: str) -> None:
    doomed = library.create(sample_details("Doomed engagement"), PASSPHRASE)
    doomed.close()
    library.create(sample_details(), PASSPHRASE).close()
    env = dict(os.environ, PYTHONPATH=str(ROOT),
               PYTHON_KEYRING_BACKEND="tests.destruction_helpers.FileKeyring",
               **{KEYRING_FILE_ENV: str(file_keyring)})
    child = subprocess.run([sys.executable, "-c", CHILD, str(library.paths.data.parent),
                            doomed.id, "Doomed engagement", when], env=env,
                           capture_output=True, text=True, timeout=120)
    assert child.returncode == -signal.SIGKILL, child.stdout + child.stderr
    # the next start: what is left never blocks, and is finished or swept
    found = destruction.review(library.paths)
    assert found.set_aside == []
    for journal in found.journals:
        assert destruction.resume(library, journal).ok
    from peerdesk.vault.files import sweep_temporary

    assert sweep_temporary(library.paths.roots()) == []
    assert temporary_files(library.paths.roots()) == []
    assert destruction.review(library.paths).journals == []
    assert files_holding(library.paths.roots(), [b"Doomed engagement"]) == [
        p for p in files_holding(library.paths.roots(), [b"Doomed engagement"])
        if "certificates" in p.parts]   # only the certificate, which is kept on purpose
    assert destroy(library).ok   # and another notebook is destroyed as usual
