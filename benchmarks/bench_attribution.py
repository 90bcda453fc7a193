"""The attribution check: how well it finds what identifies someone, and how fast.

- Recall and false positives over the red-team fixture (tests/fixtures/attribution/
  redteam.toml): every identifying line must be flagged (floor: one line missed, goal:
  none), and at most one decoy in fifty (floor: one in fifty of the decoys, goal: no
  more).
- Time to check every text of a 500-finding summary, with the lexicon loaded, against a
  plain regular-expression pass over the same texts (capitalised word pairs and runs of
  digits): goal under one second (and within 150 times the bare pass, which does no
  more than find capitalised pairs and digit runs).
- The first check in a fresh process, which loads the lexicon (gender-guesser's
  forenames, wordfreq's English list, the data files), against the warm check.
"""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(ROOT))
from bench_summary import synthetic  # noqa: E402
from common import Result, median, timed  # noqa: E402

from peerdesk.summary.attribution import outgoing_texts  # noqa: E402
from peerdesk.summary.attribution.check import Checker, find_hits  # noqa: E402
from tests.summary.attribution.redteam import load, score  # noqa: E402

FLOOR_PATTERN = re.compile(r"\b[A-Z][a-z]+(?:\s+[A-Z][a-z]+)+\b|\d[\d ()+-]{6,}\d")

COLD = """
import sys, time
sys.path.insert(0, {root!r}); sys.path.insert(0, {here!r})
from bench_summary import synthetic
from peerdesk.summary.attribution import outgoing_texts
from peerdesk.summary.attribution.check import find_hits
from tests.summary.attribution.redteam import load
red = load()
summary = synthetic({findings})
start = time.perf_counter()
find_hits(outgoing_texts(summary), red.engagement)
print((time.perf_counter() - start) * 1000)
"""


def run(quick: bool) -> list[Result]:
    red = load()
    checker = Checker(red.engagement)
    result = score(red, checker)
    decoys = result.decoys
    out = [
        Result(f"red team: identifying lines missed (of {result.identifying})",
               float(len(result.missed)), 1.0, "lines", 0.0),
        Result(f"red team: decoys flagged (of {decoys}) vs one in fifty",
               float(len(result.flagged)), decoys / 50, "lines", 1.0),
    ]

    findings = 100 if quick else 500
    summary = synthetic(findings)
    texts = list(outgoing_texts(summary))
    find_hits(texts, red.engagement)   # the lexicon is loaded once per process
    repeat = 3 if quick else 7
    checked = median(timed(lambda: find_hits(texts, red.engagement), repeat))
    floor = median(timed(lambda: [list(FLOOR_PATTERN.finditer(t.text)) for t in texts],
                         repeat))
    out.append(Result(f"check of a {findings}-finding summary, every text (time; floor: one "
                      "plain regex pass)", checked, floor, "ms", 150.0, absolute_goal=1000.0))

    cold = []
    for _ in range(1 if quick else 3):
        code = COLD.format(root=str(ROOT), here=str(HERE), findings=findings)
        done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                              check=True, cwd=ROOT)
        cold.append(float(done.stdout.strip().splitlines()[-1]))
    out.append(Result(f"first check of a {findings}-finding summary in a new process "
                      "(loads the lexicon; floor: the same check warm)", median(cold),
                      checked, "ms", 10.0, absolute_goal=2000.0))
    return out


if __name__ == "__main__":
    for r in run("--quick" in sys.argv):
        print(f"{r.figure}: {r.value:,.1f} {r.unit} (floor {r.floor:,.1f}, "
              f"{r.ratio:.2f}x) {'pass' if r.passed else 'FAIL'}")
