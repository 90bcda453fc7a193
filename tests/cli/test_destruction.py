"""peerdesk-cli signoff, hold, destroy, finish-destruction and destroyed, as separate
processes (the destruction commands are wired into the parser here until cli.py does it)."""

from __future__ import annotations

from pathlib import Path

from peerdesk.vault.clock import ManualClock
from peerdesk.vault.exports import write_export
from peerdesk.vault.keys.keyfile import KdfParams
from peerdesk.vault.keys.keystore import KeyStore
from peerdesk.vault.library import Library
from peerdesk.vault.paths import AppPaths
from tests.conftest import PASSPHRASE, sample_details
from tests.destruction_helpers import KEYRING_FILE_ENV, TITLE, run_cli_destroy

PASS = "quiet harbour lantern\n"


def test_signoff_hold_and_destroy_without_a_credential_store(tmp_path: Path) -> None:
    home = tmp_path / "home"
    made = run_cli_destroy(home, "new", "--title", "Eskdale review", "--my-name", "Alex Morgan",
                           "--manager-name", "Priya Shah", "--manager-email", "p@example.org",
                           "--passphrase-stdin", stdin=PASS * 2)
    assert made.returncode == 0, made.stderr
    notebook_id = made.stdout.strip()

    signed = run_cli_destroy(home, "signoff", notebook_id, "01/04/2026", "--passphrase-stdin",
                             stdin=PASS)
    assert signed.returncode == 0, signed.stderr
    assert "Report signed off on 01/04/2026." in signed.stdout
    assert "Destruction has been due for" in signed.stdout
    held = run_cli_destroy(home, "hold", notebook_id, "--reason", "pending complaint",
                           "--passphrase-stdin", stdin=PASS)
    assert held.returncode == 0 and "On hold since" in held.stdout
    assert held.stdout.strip().endswith(": pending complaint.")
    lifted = run_cli_destroy(home, "hold", notebook_id, "--lift", "--passphrase-stdin",
                             stdin=PASS)
    assert "The hold is lifted." in lifted.stdout and "Destruction has been due" in lifted.stdout

    wrong = run_cli_destroy(home, "destroy", notebook_id, "--confirm-title", "Eskdale",
                            "--passphrase-stdin", stdin=PASS)
    assert wrong.returncode == 2 and "does not match" in wrong.stderr
    notebooks = AppPaths.under(home).notebooks
    assert (notebooks / f"{notebook_id}.peerdesk").exists()

    done = run_cli_destroy(home, "destroy", notebook_id, "--confirm-title", "eskdale review",
                           "--attest-notes", "--passphrase-stdin", stdin=PASS)
    out = done.stdout
    # no credential store: its check cannot be verified, so it is a failure, and the exit says so
    assert done.returncode == 1, out + done.stderr
    assert "Inventory:" in out and "The encrypted notebook file" in out
    assert "step done: The encrypted notebook file: Overwritten with random data" in out
    assert "step done: The notebook's key file (passphrase-protected key)" in out
    assert "check passed: Every listed file of the notebook is gone" in out
    assert "check passed: Opening the notebook now fails" in out
    assert "check FAILED: The credential store no longer returns the key" in out
    assert "What to do:" in out and "NOT COMPLETE" in out
    pdf = next(line for line in out.splitlines() if line.startswith("Certificate (PDF): "))
    assert Path(pdf.split(": ", 1)[1]).exists()
    assert "Email draft for the manager: " in out
    assert not any(notebook_id in p.name for p in notebooks.iterdir())

    listed = run_cli_destroy(home, "destroyed")
    assert "Eskdale review  [destroyed on " in listed.stdout
    assert "(some checks failed)" in listed.stdout
    again = run_cli_destroy(home, "finish-destruction")
    assert again.returncode == 1 and "Finishing the destruction of: Eskdale review" in again.stdout


def test_destroy_with_a_credential_store_keeps_a_copy_and_exits_zero(
        tmp_path: Path, file_keyring: Path) -> None:
    paths = AppPaths.under(tmp_path / "home").ensure()
    library = Library(paths, KeyStore(), KdfParams.fast_for_tests(), ManualClock())
    with library.create(sample_details(), PASSPHRASE) as notebook:
        gone = write_export(notebook, tmp_path / "summary.pdf", b"%PDF pretend", "summary_pdf")
        kept = write_export(notebook, tmp_path / "summary.txt", b"plain", "summary_txt")
        notebook_id = notebook.id
    backend = "tests.destruction_helpers.FileKeyring"
    env = {KEYRING_FILE_ENV: str(file_keyring)}
    bad = run_cli_destroy(tmp_path / "home", "destroy", notebook_id, "--confirm-title", TITLE,
                          "--keep", f"{kept.id}:", keyring_backend=backend, env_extra=env)
    assert bad.returncode == 2 and "say why copy" in bad.stderr
    result = run_cli_destroy(
        tmp_path / "home", "destroy", notebook_id[:8], "--confirm-title", TITLE,
        "--keep", f"{kept.id}:the manager already holds it", "--attest-notes",
        "--attest-printed", "--attest-copies", keyring_backend=backend, env_extra=env)
    assert result.returncode == 0, result.stdout + result.stderr
    out = result.stdout
    assert f"[copy {kept.id}] Summary as text exported " in out
    assert "kept because the manager already holds it" in out
    assert "step done: The notebook's key in the computer's credential store: Deleted" in out
    assert "every step was carried out and every check passed" in out
    assert "FAILED" not in out
    assert not gone.path.exists() and kept.path.read_bytes() == b"plain"
    assert notebook_id not in file_keyring.read_text()
    text_line = next(line for line in out.splitlines() if line.startswith("Certificate (text)"))
    certificate = Path(text_line.split(": ", 1)[1]).read_text("utf-8")
    assert "[x] Printed background documents have been disposed of" in certificate
