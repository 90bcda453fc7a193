"""peerdesk-cli as a person meets damage: one damaged notebook among healthy ones is listed
as damaged and hides nothing; check shows every finding; a notebook open elsewhere keeps
its passphrase; nothing is ever a traceback."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from tests.cli_helpers import run_cli
from tests.locations import ROOT

PASS = "correct horse battery staple\n"


def made(home: Path, title: str) -> str:
    result = run_cli(home, "new", "--title", title, "--passphrase-stdin", stdin=PASS)
    assert result.returncode == 0, result.stderr
    return result.stdout.strip()


def notebook_file(home: Path, notebook_id: str, suffix: str = ".peerdesk") -> Path:
    return home / "data" / "notebooks" / f"{notebook_id}{suffix}"


def test_one_damaged_notebook_hides_none_of_the_others(tmp_path: Path) -> None:
    healthy = made(tmp_path, "Healthy engagement")
    paged = made(tmp_path, "Paged")
    absurd = made(tmp_path, "Absurd")
    path = notebook_file(tmp_path, paged)
    data = bytearray(path.read_bytes())
    data[4096 * 3 + 17] ^= 0x01
    path.write_bytes(bytes(data))
    key_file = notebook_file(tmp_path, absurd, ".peerdesk-key")
    doc = json.loads(key_file.read_text())
    doc["version"] = float("inf")
    key_file.write_text(json.dumps(doc).replace("Infinity", "1e400"))
    listed = run_cli(tmp_path, "list")   # no credential store: what can be seen without keys
    assert listed.returncode == 0 and "Traceback" not in listed.stderr
    lines = {line.split()[0]: line for line in listed.stdout.splitlines()}
    assert set(lines) == {healthy, paged, absurd}
    assert "DAMAGED" in lines[absurd] and "key file" in lines[absurd]
    assert "DAMAGED" not in lines[healthy]


def test_check_shows_the_encryption_check_findings_for_a_flipped_bit(tmp_path: Path) -> None:
    notebook_id = made(tmp_path, "Northvale")
    path = notebook_file(tmp_path, notebook_id)
    data = bytearray(path.read_bytes())
    data[4096 * 4 + 200] ^= 0x10
    path.write_bytes(bytes(data))
    before = path.read_bytes()
    result = run_cli(tmp_path, "check", notebook_id, "--passphrase-stdin", stdin=PASS)
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert "encryption check (every page's HMAC): FAILED" in result.stdout
    assert "page 5" in result.stdout
    assert str(path) in result.stderr and "put it back" in result.stderr
    assert path.read_bytes() == before


HOLDER = r"""
import sys, time
from pathlib import Path
from peerdesk.vault.library import Library
from peerdesk.vault.paths import AppPaths
library = Library(AppPaths.under(Path(sys.argv[1])))
with library.open(sys.argv[2], sys.argv[3]):
    print("open", flush=True)
    sys.stdin.readline()
"""


def test_passwd_is_refused_while_another_process_has_the_notebook_open(tmp_path: Path
                                                                       ) -> None:
    notebook_id = made(tmp_path, "Northvale")
    key_file = notebook_file(tmp_path, notebook_id, ".peerdesk-key")
    before = key_file.read_bytes()
    holder = subprocess.Popen(
        [sys.executable, "-c", HOLDER, str(tmp_path), notebook_id, PASS.strip()],
        stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True, cwd=ROOT,
        env={"PYTHONPATH": str(ROOT), "PYTHON_KEYRING_BACKEND":
             "keyring.backends.null.Keyring", "PATH": "/usr/bin:/bin"})
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "open"
        result = run_cli(tmp_path, "passwd", notebook_id, "--passphrase-stdin",
                         stdin=PASS + "a brand new passphrase\n")
        assert result.returncode == 2 and "already open" in result.stderr
        assert key_file.read_bytes() == before
    finally:
        holder.communicate("\n", timeout=60)
    changed = run_cli(tmp_path, "passwd", notebook_id, "--passphrase-stdin",
                      stdin=PASS + "a brand new passphrase\n")
    assert changed.returncode == 0, changed.stderr
