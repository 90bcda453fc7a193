"""One round of "type, then SIGKILL": shared by the crash-safety test and its benchmark.

The driver (``live_typing_driver.py``) runs the real app in a child process and reports
each key it typed with the time. The parent kills it without warning, then opens the
notebook and compares what was stored with what had been typed.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

from peerdesk.capture.sessions import SessionStore
from peerdesk.vault.library import Library
from tests.live_typing_driver import typed_text

DRIVER = Path(__file__).resolve().parent / "live_typing_driver.py"
ROOT = DRIVER.parent.parent


@dataclass
class RoundResult:
    typed: int
    """Characters the driver had reported typing when it was killed."""
    stored: int
    """Characters found in the notebook afterwards."""
    lost_seconds: float
    """How long before the kill the first lost character was typed (0 when none was lost)."""
    prefix_ok: bool
    """The stored text is exactly the start of the typed text."""
    integrity_ok: bool
    problems: list[str] = field(default_factory=list)


class _Reader(threading.Thread):
    def __init__(self, stream: object) -> None:
        super().__init__(daemon=True)
        self.stream = stream
        self.lines: list[str] = []
        self.ready = threading.Event()

    def run(self) -> None:
        for line in self.stream:  # type: ignore[attr-defined]
            self.lines.append(line.strip())
            if line.startswith("ready"):
                self.ready.set()
        self.ready.set()


def run_round(library: Library, notebook_id: str, session_id: int, passphrase: str,
              type_seconds: float, rate: float = 20.0) -> RoundResult:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen",
           "PYTHON_KEYRING_BACKEND": "keyring.backends.null.Keyring",
           "PYTHONPATH": str(ROOT) + os.pathsep + os.environ.get("PYTHONPATH", "")}
    proc = subprocess.Popen(
        [sys.executable, str(DRIVER), str(library.paths.data.parent), notebook_id, str(session_id),
         passphrase, str(rate)],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env, cwd=ROOT)
    out, err = _Reader(proc.stdout), _Reader(proc.stderr)
    out.start()
    err.start()
    try:
        if not out.ready.wait(60) or "ready" not in out.lines:
            proc.kill()
            proc.wait(10)
            err.join(5)
            raise RuntimeError("the typing driver did not start:\n" + "\n".join(err.lines[-20:]))
        time.sleep(type_seconds)
        killed_at = time.time()
        os.kill(proc.pid, signal.SIGKILL)
        proc.wait(10)
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait(10)
    out.join(10)
    stamps: dict[int, float] = {}
    for line in out.lines:
        parts = line.split()
        if len(parts) == 3 and parts[0] == "typed":
            stamps[int(parts[1])] = float(parts[2])
    typed = max(stamps, default=0)
    with library.open(notebook_id, passphrase) as notebook:
        stored = SessionStore(notebook).notes(session_id)
        report = notebook.integrity()
    problems = report.cipher_problems + report.sqlite_problems
    prefix_ok = stored == typed_text(len(stored))
    lost = 0.0
    if len(stored) < typed:
        lost = killed_at - stamps[len(stored) + 1]
    return RoundResult(typed, len(stored), lost, prefix_ok, report.ok, problems)
