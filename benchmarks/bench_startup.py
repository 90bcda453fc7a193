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

# Each child prints the wall-clock time of its first processed event after show(); the
# parent subtracts the time it started the process, so interpreter start-up counts too.
# Peak memory is the process's own high-water mark (VmHWM), which starts afresh at exec;
# getrusage's ru_maxrss would carry over the parent's peak.
PEAK = """
def peak_kib():
    for line in open("/proc/self/status"):
        if line.startswith("VmHWM:"):
            return int(line.split()[1])
    import resource
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
"""

BARE = PEAK.replace("{", "{{").replace("}", "}}") + """
import time
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QMainWindow
app = QApplication([])
w = QMainWindow(); w.resize(1180, 760); w.show()
def done():
    {extra}
    print(json.dumps({{"end": time.time(),
                      "kib": peak_kib()}}))
    app.quit()
import json
QTimer.singleShot(0, done)
app.exec()
"""

KEYRING_EXTRA = """import keyring; keyring.get_keyring().get_password("peerdesk", "probe")"""

PEERDESK = PEAK + """
import time, json, os
from pathlib import Path
from PySide6.QtCore import QTimer
from peerdesk.paths import AppPaths
from peerdesk.gui.application import build_window, create_application
app = create_application(["peerdesk"])
window = build_window(AppPaths.under(Path(os.environ["BENCH_HOME"])))
window.show()
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
    print(json.dumps({"end": time.time(),
                      "kib": peak_kib()}))
    app.quit()
QTimer.singleShot(0, done)
app.exec()
"""


def _child(code: str, env: dict[str, str], runs: int) -> tuple[float, float]:
    times, peaks = [], []
    for _ in range(runs):
        start = time.time()
        out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                             env=env, timeout=120)
        if out.returncode != 0:
            raise RuntimeError(f"the start-up child failed: {out.stdout[-500:]}"
                               f"{out.stderr[-1500:]}")
        figures = json.loads(out.stdout.strip().splitlines()[-1])
        times.append((figures["end"] - start) * 1000)
        peaks.append(figures["kib"] / 1024)
    return median(times), median(peaks)


def run(quick: bool) -> list[Result]:
    from peerdesk.domain import EngagementDetails
    from peerdesk.keyfile import KdfParams, derive_key
    from peerdesk.library import Library
    from peerdesk.paths import AppPaths

    runs = 3 if quick else 7
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

        bare_ms, bare_mib = _child(BARE.format(extra="pass"), env, runs)
        app_ms, app_mib = _child(PEERDESK, env, runs)
        results.append(Result("start to first window (time)", app_ms, bare_ms, "ms", 1.3))
        results.append(Result("start to first window (peak memory)", app_mib, bare_mib,
                              "MiB", 1.3))

        floor_ms, _ = _child(BARE.format(extra=KEYRING_EXTRA), env, runs)
        open_ms, _ = _child(PEERDESK, {**env, "BENCH_OPEN": notebook_id}, runs)
        results.append(Result("start to unlocked notebook via keyring", open_ms, floor_ms,
                              "ms", 1.5))

        keyfile = library._key_file(notebook_id)
        kdf = KdfParams.interactive()
        kdf_ms = median(timed(lambda: derive_key("benchmark passphrase", kdf), runs))
        unlock_ms = median(timed(
            lambda: library.open(notebook_id, "benchmark passphrase").close(), runs))
        del keyfile
        results.append(Result("unlock by passphrase", unlock_ms, kdf_ms, "ms", 1.1))
        keyring.set_keyring(previous)
    return results


if __name__ == "__main__":
    for row in run(quick="--quick" in sys.argv):
        print(f"{row.figure}: {row.value:.1f} {row.unit} vs {row.floor:.1f} "
              f"= {row.ratio:.2f}x (goal {row.goal}x) {'pass' if row.passed else 'FAIL'}")
