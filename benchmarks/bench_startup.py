"""Start-up and unlock, each against a floor measured in the same run.

- start to first window: peerdesk's real start path vs a bare PySide6 window (time, peak memory)
- start to unlocked notebook via the credential store vs bare window + keyring discovery
- unlock by passphrase vs the key-derivation function alone
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from common import Result, median, timed

HERE = Path(__file__).resolve().parent

# Each child prints the wall-clock time at which its window's first paint has finished (the
# moment a person sees it); the parent subtracts the time it started the process, so
# interpreter start-up counts too. Both children stop at that same moment, through the same
# watcher. Peak memory is the process's own high-water mark (VmHWM), which starts afresh at
# exec; getrusage's ru_maxrss would carry over the parent's peak.
COMMON = """
import json, os, time
from PySide6.QtCore import QEvent, QObject, QTimer

def peak_kib():
    for line in open("/proc/self/status"):
        if line.startswith("VmHWM:"):
            return int(line.split()[1])
    import resource
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss

class FirstPaint(QObject):
    \"\"\"Calls ``then`` once the window's first paint is over.\"\"\"
    def __init__(self, window, then):
        super().__init__()
        self.then, self.seen = then, False
        window.installEventFilter(self)
    def eventFilter(self, watched, event):
        if not self.seen and event.type() == QEvent.Type.Paint:
            self.seen = True
            QTimer.singleShot(0, self.then)
        return False

def report(app):
    print(json.dumps({"end": time.time(), "kib": peak_kib()}), flush=True)
    app.quit()
"""

BARE = COMMON + """
from PySide6.QtWidgets import QApplication, QMainWindow
app = QApplication([])
w = QMainWindow(); w.resize(1180, 760)
def done():
    if os.environ.get("BENCH_KEYRING"):
        import keyring; keyring.get_keyring().get_password("peerdesk", "probe")
    report(app)
watcher = FirstPaint(w, done)
w.show()
app.exec()
"""

PEERDESK = COMMON + """
from pathlib import Path
from peerdesk.vault.paths import AppPaths
from peerdesk.gui.shell.application import build_window, create_application
app = create_application(["peerdesk"])
window = build_window(AppPaths.under(Path(os.environ["BENCH_HOME"])))
def stuck():
    # A dialog would wait for a person for ever: say which and stop.
    from PySide6.QtWidgets import QApplication
    modal = QApplication.activeModalWidget()
    print("stuck:", modal.windowTitle() if modal else "no dialog", window.messages.text(),
          flush=True)
    os._exit(3)
QTimer.singleShot(30000, stuck)
def done():
    if os.environ.get("BENCH_OPEN"):
        assert window.open_notebook(os.environ["BENCH_OPEN"])
        app.processEvents()
    report(app)
watcher = FirstPaint(window, done)
window.show()
app.exec()
"""


def _once(code: str, env: dict[str, str]) -> tuple[float, float]:
    """One child: milliseconds from process start to its report, and its peak MiB."""
    start = time.time()
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         env=env, timeout=120)
    if out.returncode != 0:
        raise RuntimeError(f"the start-up child failed: {out.stdout[-500:]}"
                           f"{out.stderr[-1500:]}")
    figures = json.loads(out.stdout.strip().splitlines()[-1])
    return (figures["end"] - start) * 1000, figures["kib"] / 1024


def _paired(floor: tuple[str, dict[str, str]], subject: tuple[str, dict[str, str]],
            runs: int) -> tuple[tuple[float, float], tuple[float, float]]:
    """Median (ms, MiB) of the floor and of the subject, their runs taken in turn, so that
    a busy moment on the machine falls on both alike. One round first is not counted: it
    writes the bytecode caches, as installing the app does, and warms the disk cache."""
    samples: dict[int, list[tuple[float, float]]] = {0: [], 1: []}
    for round_ in range(runs + 1):
        for which, (code, env) in enumerate((floor, subject)):
            figures = _once(code, env)
            if round_:
                samples[which].append(figures)

    def medians(rows: list[tuple[float, float]]) -> tuple[float, float]:
        return median([ms for ms, _ in rows]), median([mib for _, mib in rows])

    return medians(samples[0]), medians(samples[1])


def run(quick: bool) -> list[Result]:
    from peerdesk.vault.domain import EngagementDetails
    from peerdesk.vault.keys.keyfile import KdfParams, derive_key
    from peerdesk.vault.library import Library
    from peerdesk.vault.paths import AppPaths

    runs = 3 if quick else 11
    results: list[Result] = []
    with tempfile.TemporaryDirectory() as tmp:
        env = {**os.environ, "QT_QPA_PLATFORM": os.environ.get("QT_QPA_PLATFORM", "offscreen"),
               "PYTHONPATH": str(HERE), "BENCH_HOME": tmp,
               "PYTHON_KEYRING_BACKEND": "memory_keyring.BenchKeyring",
               "PEERDESK_BENCH_KEYRING": str(Path(tmp) / "keyring.json")}
        os.environ.update({k: env[k] for k in ("PYTHON_KEYRING_BACKEND",
                                               "PEERDESK_BENCH_KEYRING")})
        sys.path.insert(0, str(HERE))
        # The children find the key in the file-backed store named in their environment;
        # this process must put it there too, whatever store an earlier benchmark set.
        import keyring
        from memory_keyring import BenchKeyring

        previous = keyring.get_keyring()
        keyring.set_keyring(BenchKeyring())
        library = Library(AppPaths.under(Path(tmp)))
        with library.create(EngagementDetails(title="Benchmark engagement"),
                            "benchmark passphrase") as notebook:
            notebook_id = notebook.id

        # Bytecode caches are written, as an installed copy has them (this machine may
        # forbid them by default, which would charge peerdesk for compiling its sources).
        env.pop("PYTHONDONTWRITEBYTECODE", None)
        (bare_ms, bare_mib), (app_ms, app_mib) = _paired((BARE, env), (PEERDESK, env), runs)
        results.append(Result("start to first window (time)", app_ms, bare_ms, "ms", 1.3))
        results.append(Result("start to first window (peak memory)", app_mib, bare_mib,
                              "MiB", 1.3))

        (floor_ms, _), (open_ms, _) = _paired((BARE, {**env, "BENCH_KEYRING": "1"}),
                                              (PEERDESK, {**env, "BENCH_OPEN": notebook_id}),
                                              runs)
        results.append(Result("start to unlocked notebook via keyring", open_ms, floor_ms,
                              "ms", 1.5))

        kdf = KdfParams.interactive()
        kdf_times: list[float] = []
        unlock_times: list[float] = []
        for _ in range(runs):  # in turn, as above
            kdf_times += timed(lambda: derive_key("benchmark passphrase", kdf), 1)
            unlock_times += timed(
                lambda: library.open(notebook_id, "benchmark passphrase").close(), 1)
        kdf_ms, unlock_ms = median(kdf_times), median(unlock_times)
        results.append(Result("unlock by passphrase", unlock_ms, kdf_ms, "ms", 1.1))
        keyring.set_keyring(previous)
    return results


if __name__ == "__main__":
    for row in run(quick="--quick" in sys.argv):
        print(f"{row.figure}: {row.value:.1f} {row.unit} vs {row.floor:.1f} "
              f"= {row.ratio:.2f}x (goal {row.goal}x) {'pass' if row.passed else 'FAIL'}")
