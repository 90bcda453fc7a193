"""After the GUI workflow nothing typed is on disk in plaintext, anywhere: the real app
(tests/memory_driver.py) makes an engagement, types notes, a post-it and a search, copies, locks,
unlocks, destroys and starts afresh, with its own HOME, XDG folders and TMPDIR. Every
file that changed under them and in /dev/shm is searched in UTF-8, UTF-16 and UTF-32,
while the notebook is locked and again after destruction."""

from __future__ import annotations

import contextlib
import os
import secrets
import subprocess
import sys
from pathlib import Path

import pytest

from peerdesk.vault.keys.hardening import hardened_environment
from tests.locations import ROOT
from tests.memory_driver import TITLE
from tests.plaintext_sweep import changed, holding, snapshot
from tests.test_memory import MARK, _fresh_process, _processes_marked, _wait_line

pytestmark = [pytest.mark.system, pytest.mark.slow]
XDG = ("XDG_DATA_HOME", "XDG_CONFIG_HOME", "XDG_CACHE_HOME", "XDG_STATE_HOME")


def test_nothing_typed_reaches_any_file_before_or_after_destruction(
        tmp_path: Path, secret_service: None) -> None:
    token = secrets.token_hex(5)
    typed = {"passphrase": f"Lantern {token} drifts past harbour",
             "notes": f"Sweepnotes{token}Zq", "postit": f"Sweeppostit{token}Zq",
             "search": f"Sweepsearch{token}Zq"}
    home = tmp_path / "user"
    folders = {name: home / f".{name.lower()}" for name in XDG}
    temp = tmp_path / "tmp"
    for folder in (home, temp, *folders.values()):
        folder.mkdir(parents=True, exist_ok=True)
    roots = [home, temp, Path("/dev/shm")]
    before = snapshot(roots)
    env = {k: v for k, v in hardened_environment(os.environ).items()
           if k not in ("PEERDESK_HOME", *XDG)}
    env.update({"HOME": str(home), "TMPDIR": str(temp), "QT_QPA_PLATFORM": "offscreen",
                MARK: token, **{k: str(v) for k, v in folders.items()}})
    child = subprocess.Popen([sys.executable, str(ROOT / "tests" / "memory_driver.py")],
                             cwd=ROOT, env=env, stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                             text=True)
    assert child.stdin is not None
    try:
        child.stdin.write("".join(typed[k] + "\n"
                                  for k in ("passphrase", "notes", "postit", "search")))
        child.stdin.flush()
        _wait_line(child, "locked")
        written = changed(roots, before)
        notebooks = [p for p in written if p.suffix == ".peerdesk"]
        assert notebooks and all(folders["XDG_DATA_HOME"] in p.parents for p in notebooks)
        found = holding(written, {**typed, "title": TITLE})
        print(f"\nswept {len(written)} changed files while locked: "
              + ", ".join(f"{k} in {len(v)}" for k, v in found.items()))
        assert found == {name: [] for name in found}

        child.stdin.write(f"destroy\n{typed['passphrase']}\n")
        child.stdin.flush()
        assert _wait_line(child, "destroyed") == "destroyed complete"
        assert child.wait(timeout=120) == 0
        _fresh_process(token)   # the fresh peerdesk is up: everything is on disk
        written = changed(roots, before)
        assert not [p for p in written if p.suffix == ".peerdesk"]
        found = holding(written, {**typed, "title": TITLE})
        print(f"swept {len(written)} changed files after destruction: "
              + ", ".join(f"{k} in {len(v)}" for k, v in found.items()))
        assert found["passphrase"] == found["notes"] == found["postit"] == found["search"] == []
        # The title is on the certificate, its email draft and the list of destroyed
        # engagements (the sidecar), kept by design to show and send again; nowhere else.
        assert found["title"] and all(p.parent.name == "certificates" for p in found["title"])
    finally:
        for pid in [child.pid, *_processes_marked(token)]:
            with contextlib.suppress(OSError):
                os.kill(pid, 9)
        child.wait(timeout=30)
