"""What the hardened start costs: ``peerdesk --smoke`` through its real start path, which
re-starts itself once with freed memory overwritten (PYTHONMALLOC=malloc, glibc perturb),
against the same start told it is hardened already (no re-start, the usual allocator).

Both children run the same --smoke path (start, show the window, process events for
300 ms, exit), so the ratio is the cost of the re-start and the allocator alone.
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from common import Result, median


def _once(env: dict[str, str]) -> float:
    start = time.perf_counter()
    out = subprocess.run([sys.executable, "-m", "peerdesk", "--smoke"], env=env,
                         capture_output=True, text=True, timeout=120)
    if out.returncode != 0:
        raise RuntimeError(f"the smoke start failed: {out.stderr[-1500:]}")
    return (time.perf_counter() - start) * 1000


def run(quick: bool) -> list[Result]:
    from peerdesk.vault.keys.hardening import MARKER

    runs = 3 if quick else 11
    with tempfile.TemporaryDirectory() as tmp:
        env = {k: v for k, v in os.environ.items() if k not in (MARKER, "PYTHONMALLOC")}
        env.update({"QT_QPA_PLATFORM": os.environ.get("QT_QPA_PLATFORM", "offscreen"),
                    "PEERDESK_HOME": tmp,
                    "PYTHON_KEYRING_BACKEND": "keyring.backends.null.Keyring"})
        env.pop("PYTHONDONTWRITEBYTECODE", None)
        plain = {**env, MARKER: "1"}
        floor: list[float] = []
        hardened: list[float] = []
        for round_ in range(runs + 1):   # the first round warms caches, uncounted
            a, b = _once(plain), _once(env)
            if round_:
                floor.append(a)
                hardened.append(b)
    return [Result("smoke start, hardened re-start vs none (time)", median(hardened),
                   median(floor), "ms", 1.35)]


if __name__ == "__main__":
    for row in run(quick="--quick" in sys.argv):
        print(f"{row.figure}: {row.value:.1f} {row.unit} vs {row.floor:.1f} "
              f"= {row.ratio:.2f}x (goal {row.goal}x) {'pass' if row.passed else 'FAIL'}")
