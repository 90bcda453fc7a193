"""A step that fails is reported as failed (result, CLI, certificate), and can be retried."""

from __future__ import annotations

import contextlib
import os
import shutil
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest

from peerdesk.destruction import destroy as destruction
from peerdesk.destruction.certificates import destroyed_engagements
from peerdesk.destruction.journal import StepState
from peerdesk.vault.clock import ManualClock
from peerdesk.vault.exports import write_export
from peerdesk.vault.keys.keyfile import KdfParams
from peerdesk.vault.keys.keystore import KeyStore
from peerdesk.vault.library import Library
from peerdesk.vault.notebook import Notebook
from peerdesk.vault.paths import AppPaths
from tests.conftest import PASSPHRASE, MemoryKeyring, need_system, need_tools, sample_details
from tests.destruction_helpers import (
    KEYRING_FILE_ENV,
    TITLE,
    run_cli_destroy,
)


class ReadOnlyFolder:
    """A folder whose files cannot be deleted, even by root: ``chattr +i`` where the file
    system allows it, else a tmpfs remounted read-only, else (not root) ``chmod 0500``."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        folder.mkdir(parents=True)
        self.how = ""
        if os.geteuid() != 0:
            self.how = "chmod"
        elif shutil.which("chattr") and self._run("chattr", "+i", str(folder)):
            self._run("chattr", "-i", str(folder))
            self.how = "chattr"
        elif shutil.which("mount") and self._run("mount", "-t", "tmpfs", "-o", "size=16m",
                                                 "tmpfs", str(folder)):
            self.how = "mount"

    @staticmethod
    def _run(*args: str) -> bool:
        return subprocess.run(args, capture_output=True).returncode == 0

    def lock(self) -> None:
        need_system(bool(self.how), "a way to make a folder read-only for root (chattr or mount)")
        ok = {"chmod": lambda: self._run("chmod", "0500", str(self.folder)),
              "chattr": lambda: self._run("chattr", "+i", str(self.folder)),
              "mount": lambda: self._run("mount", "-o", "remount,ro", str(self.folder))}[self.how]()
        need_system(ok, f"making a folder read-only with {self.how}")
        probe = self.folder / "probe"
        with contextlib.suppress(OSError):
            probe.write_bytes(b"x")
            probe.unlink()
            pytest.fail("the folder was meant to be read-only but accepted a new file")

    def unlock(self) -> None:
        if self.how == "chmod":
            self._run("chmod", "0700", str(self.folder))
        elif self.how == "chattr":
            self._run("chattr", "-i", str(self.folder))
        elif self.how == "mount":
            self._run("mount", "-o", "remount,rw", str(self.folder))

    def close(self) -> None:
        self.unlock()
        if self.how == "mount":
            self._run("umount", str(self.folder))


@pytest.fixture
def read_only_folder(tmp_path: Path) -> Iterator[ReadOnlyFolder]:
    folder = ReadOnlyFolder(tmp_path / "shared drive")
    try:
        yield folder
    finally:
        folder.close()


def test_export_in_a_read_only_folder_is_reported_failed_then_retried(
        library: Library, notebook: Notebook, read_only_folder: ReadOnlyFolder,
        memory_keyring: MemoryKeyring) -> None:
    need_tools("pdftotext")
    record = write_export(notebook, read_only_folder.folder / "summary.pdf", os.urandom(5000),
                          "summary_pdf")
    read_only_folder.lock()
    inventory = destruction.plan(library, notebook)
    result = destruction.run(library, inventory, notebook, confirm_title=TITLE)

    assert not result.ok
    step = next(s for s in result.steps if s.key == f"export-{record.id}")
    assert step.state is StepState.FAILED
    assert "could not" in step.outcome.lower() and step.advice
    checks = {c.key: c for c in result.checks}
    assert not checks["exports_deleted"].passed and checks["exports_deleted"].advice
    assert checks["files_absent"].passed and checks["credential"].passed
    assert any("What to do:" in p and "summary.pdf" in p for p in result.problems)
    # the certificate says so, in the text and in the PDF
    assert result.files is not None
    text = result.files.text.read_text("utf-8")
    assert "NOT COMPLETE" in text and "[FAILED] Summary PDF exported " in text
    assert "summary.pdf: " not in text   # named by kind and date, never by file name
    assert "[FAILED] The copies chosen for deletion are gone" in text
    pdf_text = subprocess.run(["pdftotext", "-layout", str(result.files.pdf), "-"],
                              capture_output=True, text=True, check=True).stdout
    assert "NOT COMPLETE" in pdf_text and "[FAILED]" in pdf_text
    assert destroyed_engagements(library.paths)[0].label.endswith("(some checks failed)")
    assert result.files.draft is not None
    assert b"Destruction not yet complete" in result.files.draft.read_bytes()
    [journal] = destruction.pending(library.paths)   # offered again at the next start

    read_only_folder.unlock()
    again = destruction.resume(library, journal)
    assert again.ok, again.problems
    assert not record.path.exists()
    assert destruction.pending(library.paths) == []
    assert again.files is not None and again.files.pdf == result.files.pdf
    assert "FAILED" not in again.files.text.read_text("utf-8")
    assert len(destroyed_engagements(library.paths)) == 1


def test_credential_store_refusing_deletion(library: Library, notebook: Notebook,
                                            memory_keyring: MemoryKeyring) -> None:
    memory_keyring.refuse_delete = True
    result = destruction.run(library, destruction.plan(library, notebook), notebook,
                             confirm_title=TITLE)
    assert not result.ok
    step = next(s for s in result.steps if s.key == "credential")
    assert step.state is StepState.FAILED and "refused" in step.outcome
    check = next(c for c in result.checks if c.key == "credential")
    assert not check.passed and "still returns" in check.detail
    # the other copy of the key and the files went all the same
    assert next(c for c in result.checks if c.key == "keyfile").passed
    assert next(c for c in result.checks if c.key == "files_absent").passed
    assert result.files is not None
    text = result.files.text.read_text("utf-8")
    assert "[FAILED] The notebook's key in the computer's credential store" in text
    assert "[FAILED] The credential store no longer returns the key" in text
    assert "where one is marked FAILED, it was not achieved" in " ".join(text.split())
    assert "What to do: Open the computer's credential manager" in " ".join(text.split())

    memory_keyring.refuse_delete = False
    [journal] = destruction.pending(library.paths)
    again = destruction.resume(library, journal)
    assert again.ok and memory_keyring.items == {}


def test_unreachable_store_fails_the_check_not_passes_it(
        library: Library, notebook: Notebook, memory_keyring: MemoryKeyring) -> None:
    inventory = destruction.plan(library, notebook)
    memory_keyring.locked = True      # deletion goes through, but nothing can be read back
    result = destruction.run(library, inventory, notebook, confirm_title=TITLE)
    check = next(c for c in result.checks if c.key == "credential")
    assert not check.passed and "could not be reached" in check.detail
    assert not result.ok


def test_cli_reports_the_failed_step_and_exits_non_zero(
        tmp_path: Path, read_only_folder: ReadOnlyFolder,
        file_keyring: Path) -> None:
    paths = AppPaths.under(tmp_path / "home").ensure()
    library = Library(paths, KeyStore(), KdfParams.fast_for_tests(), ManualClock())
    with library.create(sample_details(), PASSPHRASE) as notebook:
        record = write_export(notebook, read_only_folder.folder / "summary.pdf",
                              b"%PDF-1.4 pretend", "summary_pdf")
        notebook_id = notebook.id
    read_only_folder.lock()
    result = run_cli_destroy(tmp_path / "home", "destroy", notebook_id, "--confirm-title",
                             TITLE, keyring_backend="tests.destruction_helpers.FileKeyring",
                             env_extra={KEYRING_FILE_ENV: str(file_keyring)})
    assert result.returncode == 1, result.stdout + result.stderr
    out = result.stdout
    assert f"[copy {record.id}] Summary PDF exported " in out
    assert "step FAILED: Summary PDF exported " in out
    assert "check FAILED: The copies chosen for deletion are gone" in out
    assert "check passed: The credential store no longer returns the key" in out
    assert "NOT COMPLETE" in out and "Certificate (PDF): " in out
