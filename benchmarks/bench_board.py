"""The flip-chart board's first paint and memory at 50,000 post-its.

The notebook holds the demo engagement at the benchmark scale (50,000 post-its), made
once per run. Each figure is measured in a fresh process, so that memory is the
process's own growth (resident set), Qt's allocations included:

- board: the engagement is open in the main window; then the board tab is built and
  painted (the time), and its filters and findings are filled (the memory, counted once
  all of that is done);
- floor: the same notebook opened the same way, then ``PostitStore.list_all()``: every
  post-it loaded as plain Python objects, the data itself.

Goals: first paint within 150 ms (and, at full size, never slower than loading the data),
and at most 10 MiB more than the data itself.
"""

from __future__ import annotations

import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from bench_search import FULL_SCALE, PASSPHRASE, QUICK_SCALE, MemoryKeyring, demo_notebook
from common import Result

ROUNDS = 3
MIB = 1024 * 1024


def resident() -> int:
    """This process's resident memory, in bytes."""
    pages = int(Path("/proc/self/statm").read_text().split()[1])
    return pages * os.sysconf("SC_PAGE_SIZE")


def child(mode: str, home: str, notebook_id: str) -> dict[str, float]:
    import gc

    import keyring

    from peerdesk.vault.clock import SystemClock
    from peerdesk.vault.keys.keystore import KeyStore
    from peerdesk.vault.library import Library
    from peerdesk.vault.paths import AppPaths

    keyring.set_keyring(MemoryKeyring())
    paths = AppPaths.under(Path(home))
    library = Library(paths, KeyStore(), clock=SystemClock())
    if mode == "floor":
        from peerdesk.capture.postits import PostitStore

        notebook = library.open(notebook_id, PASSPHRASE)
        store = PostitStore(notebook)
        store.count()
        gc.collect()
        before = resident()
        start = time.perf_counter()
        rows = store.list_all()
        took = time.perf_counter() - start
        gc.collect()
        grown = resident() - before
        assert len(rows) > 0
        return {"ms": took * 1000, "mib": grown / MIB, "postits": len(rows)}

    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtWidgets import QApplication

    from peerdesk.gui.shell.application import build_window, create_application

    library.open(notebook_id, PASSPHRASE).close()  # the key goes back to the credential store
    app = create_application(["peerdesk-bench"])
    window = build_window(paths, SystemClock(), library)
    window.resize(1280, 800)
    window.show()
    assert window.open_notebook(notebook_id)
    for _ in range(5):
        app.processEvents()
    gc.collect()
    before = resident()
    assert window.page is not None
    start = time.perf_counter()
    board = window.page.show_tab("Board")
    board.grab()  # paints the tab and every card in view
    took = time.perf_counter() - start
    end = time.perf_counter() + 0.5
    while time.perf_counter() < end:  # the filters and findings fill in after the paint
        QApplication.processEvents()
    gc.collect()
    grown = resident() - before
    shown = board.shown_label.text()  # type: ignore[attr-defined]
    window.lock()
    return {"ms": took * 1000, "mib": grown / MIB, "shown": shown}  # type: ignore[dict-item]


def measure(mode: str, home: Path, notebook_id: str) -> dict[str, float]:
    out = subprocess.run([sys.executable, __file__, "--child", mode, str(home), notebook_id],
                         capture_output=True, text=True, check=True, timeout=300,
                         env={**os.environ, "QT_QPA_PLATFORM": "offscreen"})
    return dict(json.loads(out.stdout.strip().splitlines()[-1]))


def run(quick: bool) -> list[Result]:
    scale = QUICK_SCALE if quick else FULL_SCALE
    with tempfile.TemporaryDirectory(prefix="peerdesk-bench-") as tmp:
        notebook = demo_notebook(Path(tmp), scale)
        notebook_id = notebook.id
        notebook.close()
        home = Path(tmp) / "home"
        boards = [measure("board", home, notebook_id) for _ in range(ROUNDS)]
        floors = [measure("floor", home, notebook_id) for _ in range(ROUNDS)]
    count = int(floors[0]["postits"])
    size = f"{count:,} post-its" + (" (quick)" if quick else "")
    paint = statistics.median(b["ms"] for b in boards)
    load = statistics.median(f["ms"] for f in floors)
    grown = statistics.median(b["mib"] for b in boards)
    data = max(statistics.median(f["mib"] for f in floors), 0.1)
    return [
        # At the quick size, building the widgets outweighs loading 2,000 post-its: only
        # the absolute limit applies there.
        Result(f"board first paint, {size} (time)", paint, load, "ms",
               float("inf") if quick else 1.0, 150.0),
        Result(f"board memory, {size} (vs the post-its as Python objects)", grown, data,
               "MiB", (data + 10.0) / data),
    ]


def main() -> None:
    if len(sys.argv) == 5 and sys.argv[1] == "--child":
        print(json.dumps(child(sys.argv[2], sys.argv[3], sys.argv[4])))
        return
    quick = "--quick" in sys.argv
    for r in run(quick):
        verdict = "pass" if r.passed else "FAIL"
        print(f"{r.figure}: {r.value:.1f} {r.unit} vs floor {r.floor:.1f} {r.unit} "
              f"= {r.ratio:.2f}x (goal {r.goal:.2f}x"
              + (f", <= {r.absolute_goal} {r.unit}" if r.absolute_goal else "") + f") {verdict}")


if __name__ == "__main__":
    main()
