"""What another program could read in peerdesk's memory: after lock, and after destruction.

A child process runs the real app (tests/memory_driver.py) in the environment peerdesk gives
itself at start, hardened as peerdesk hardens itself. It makes an engagement, types a canary
into the notes and files another as a post-it, copies the notes and locks. The test then
reads every readable page of the child (``/proc/PID/maps`` and ``/proc/PID/mem``, as root)
and counts the notebook's raw key, its hex form, the passphrase and the canaries, in UTF-8,
UTF-16 and UTF-32. Then the child destroys the engagement; peerdesk starts afresh and the
old process ends, and the fresh process is read the same way.

The counts are printed (``pytest -s`` shows them) and recorded in docs/benchmarks.md.
"""

from __future__ import annotations

import contextlib
import os
import secrets
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from peerdesk.destruction.certificate import MEMORY_RESTARTS
from peerdesk.gui.destruction.flow import AFRESH
from peerdesk.vault.keys.hardening import dumpable, hardened_environment
from peerdesk.vault.keys.keystore import KeyStore
from peerdesk.vault.paths import AppPaths
from tests.conftest import need_system
from tests.locations import ROOT
from tests.memory_scan import count_copies, summed, text_needles

MARK = "PEERDESK_MEMORY_TEST"
WAIT_S = 120.0

pytestmark = [pytest.mark.system, pytest.mark.slow]


def _can_read_memory() -> bool:
    return sys.platform.startswith("linux") and os.geteuid() == 0


def _wait_line(child: subprocess.Popen[str], wanted: str) -> str:
    assert child.stdout is not None
    while True:
        line = child.stdout.readline()
        if not line:
            raise AssertionError(f"the app ended before {wanted!r}: {child.wait()}")
        if line.startswith("problem:"):
            raise AssertionError(line)
        if line.startswith(wanted):
            return line.strip()


def _processes_marked(token: str) -> list[int]:
    found = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            environ = (entry / "environ").read_bytes()
        except OSError:
            continue
        if f"{MARK}={token}".encode() in environ.split(b"\0"):
            found.append(int(entry.name))
    return found


@pytest.fixture
def secrets_() -> dict[str, str]:
    token = secrets.token_hex(5)
    return {"passphrase": f"Umbrella {token} quietly crosses harbour",
            "notes": f"Notecanary{token}Zq", "postit": f"Postitcanary{token}Zq",
            "search": f"Searchcanary{token}Zq"}


@pytest.fixture
def child(tmp_path: Path, secret_service: None, secrets_: dict[str, str]
          ) -> Iterator[tuple[subprocess.Popen[str], str, Path]]:
    need_system(_can_read_memory(), "reading another process's memory (Linux, as root)")
    token = secrets.token_hex(6)
    home = tmp_path / "home"
    env = hardened_environment(os.environ)
    env.update({"PEERDESK_HOME": str(home), "QT_QPA_PLATFORM": "offscreen", MARK: token})
    process = subprocess.Popen(
        [sys.executable, str(ROOT / "tests" / "memory_driver.py")], cwd=ROOT, env=env,
        stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
    assert process.stdin is not None
    process.stdin.write("".join(secrets_[k] + "\n"
                                for k in ("passphrase", "notes", "postit", "search")))
    process.stdin.flush()
    try:
        yield process, token, home
    finally:
        for pid in [process.pid, *_processes_marked(token)]:
            with contextlib.suppress(OSError):
                os.kill(pid, 9)
        process.wait(timeout=30)


def _needles(home: Path, secrets_: dict[str, str]) -> dict[str, bytes]:
    paths = AppPaths.under(home)
    (notebook_file,) = paths.notebooks.glob("*.peerdesk")
    key = KeyStore().load(notebook_file.stem)
    needles = {"key": bytes(key), "hex/lower": key.hex().encode(),
               "hex/upper": key.hex().upper().encode()}
    needles |= text_needles("hex-utf16", key.hex())
    for name, text in secrets_.items():
        needles |= text_needles(name, text)
    return needles


def _found(count: object) -> dict[str, dict[str, int]]:
    """Where each secret that is still there was seen (for a failing assertion)."""
    return {name: where for name, where in count.where.items() if where}  # type: ignore[attr-defined]


def _report(when: str, count: dict[str, int], scanned: int) -> None:
    print(f"\nmemory after {when} ({scanned / 2**20:.0f} MiB read): "
          + ", ".join(f"{name} {n}" for name, n in count.items()))


def test_after_lock_no_key_or_passphrase_is_in_memory_and_after_destruction_nothing(
        child: tuple[subprocess.Popen[str], str, Path], secrets_: dict[str, str]) -> None:
    process, token, home = child
    _wait_line(process, "locked")
    needles = _needles(home, secrets_)
    assert dumpable() is not None
    status = Path(f"/proc/{process.pid}/status").read_text()
    assert "Uid:" in status
    locked = count_copies(process.pid, needles)
    counts = {name: summed(locked, name) for name in
              ("key", "hex", "hex-utf16", "passphrase", "notes", "postit", "search")}
    _report("lock", counts, locked.scanned_bytes)
    assert counts["key"] == 0, _found(locked)
    assert counts["hex"] == 0 and counts["hex-utf16"] == 0, _found(locked)
    assert counts["passphrase"] == 0, _found(locked)
    # Typed text: Python and Qt are not built to forget, but with the views, models, undo
    # stacks and clipboard cleared and freed memory overwritten, none is left either.
    assert counts["notes"] == counts["postit"] == counts["search"] == 0, (_found(locked), counts)

    assert process.stdin is not None
    process.stdin.write(f"destroy\n{secrets_['passphrase']}\n")
    process.stdin.flush()
    assert _wait_line(process, "destroyed") == "destroyed complete"
    assert process.wait(timeout=WAIT_S) == 0   # the process that had the notebook open ends
    (certificate,) = (home / "data" / "certificates").glob("*.txt")
    assert " ".join(MEMORY_RESTARTS.split()) in " ".join(certificate.read_text().split())
    fresh = _fresh_process(token)
    after = count_copies(fresh, needles)
    counts = {name: summed(after, name) for name in
              ("key", "hex", "hex-utf16", "passphrase", "notes", "postit", "search")}
    _report("destruction (the fresh process)", counts, after.scanned_bytes)
    assert counts == dict.fromkeys(counts, 0), _found(after)


def _fresh_process(token: str) -> int:
    """The peerdesk that the destroying one started, once it shows its first message."""
    shown = AFRESH[:40].encode("utf-16-le")
    deadline = time.monotonic() + WAIT_S
    while time.monotonic() < deadline:
        for pid in _processes_marked(token):
            try:
                if count_copies(pid, {"shown": shown}).total("shown"):
                    return pid
            except OSError:
                pass
        time.sleep(0.2)
    raise AssertionError("peerdesk did not start afresh after destruction")
