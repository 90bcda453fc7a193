"""Run every benchmark and print one table: figure, floor, ratio, goal, pass/fail.

    python benchmarks/run.py            # full sizes
    python benchmarks/run.py --quick    # small sizes, for a smoke run
    python benchmarks/run.py --write    # also record the table in docs/benchmarks.md

Each ``bench_*.py`` here exposes ``run(quick) -> list[Result]``; every figure is a ratio to
a floor measured in the same run, on the same machine.
"""

from __future__ import annotations

import argparse
import importlib
import os
import platform
import sys
import time
import traceback
from datetime import datetime
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from common import Result  # noqa: E402

KEPT_SECTIONS = "\n## "
"""docs/benchmarks.md keeps its sections (the benchmarks run on their own, the figures
measured by the tests) when the table above them is rewritten."""


def machine() -> str:
    cpu = platform.processor() or platform.machine()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    memory = ""
    try:
        kib = int(Path("/proc/meminfo").read_text().split()[1])
        memory = f", {kib / 1024 / 1024:.0f} GiB memory"
    except (OSError, ValueError, IndexError):
        pass
    return (f"{platform.system()} {platform.release()}, {cpu}, {os.cpu_count()} cores{memory}, "
            f"Python {platform.python_version()}")


def table(rows: list[tuple[str, Result | str]]) -> str:
    lines = ["| benchmark | figure | value | floor | ratio | goal | result |",
             "|---|---|---:|---:|---:|---|---|"]
    for name, row in rows:
        if isinstance(row, str):
            lines.append(f"| {name} | {row} | | | | | ERROR |")
            continue
        goal = f"≤ {row.goal:g}×"
        if row.absolute_goal is not None:
            goal += f" and ≤ {row.absolute_goal:g} {row.unit}"
        lines.append(f"| {name} | {row.figure} | {row.value:,.1f} {row.unit} | "
                     f"{row.floor:,.1f} {row.unit} | {row.ratio:.2f}× | {goal} | "
                     f"{'pass' if row.passed else 'FAIL'} |")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--quick", action="store_true")
    parser.add_argument("--write", action="store_true", help="update docs/benchmarks.md")
    parser.add_argument("only", nargs="*", help="run only these benchmark modules")
    args = parser.parse_args(argv)
    rows: list[tuple[str, Result | str]] = []
    started = time.perf_counter()
    for path in sorted(HERE.glob("bench_*.py")):
        name = path.stem[len("bench_"):]
        if args.only and name not in args.only:
            continue
        print(f"running {name} ...", file=sys.stderr, flush=True)
        try:
            module = importlib.import_module(path.stem)
            rows += [(name, r) for r in module.run(args.quick)]
        except Exception:
            traceback.print_exc()
            rows.append((name, "raised an error (see above)"))
    text = (f"Machine: {machine()}\n"
            f"Run: {datetime.now().strftime('%d/%m/%Y %H:%M')}, "
            f"{'quick sizes' if args.quick else 'full sizes'}, "
            f"{time.perf_counter() - started:.0f} s\n\n{table(rows)}\n")
    print(text)
    if args.write:
        doc = HERE.parent / "docs" / "benchmarks.md"
        old = doc.read_text("utf-8") if doc.exists() else ""
        kept = old[old.index(KEPT_SECTIONS) + 1:] if KEPT_SECTIONS in old else ""
        doc.write_text("# Benchmarks\n\nMeasured with `python3 dev.py bench` (which runs "
                       "`benchmarks/run.py`). Every figure is a ratio to a floor measured in "
                       "the same run on the same machine; the goals come from the issues.\n\n"
                       + text + ("\n" + kept if kept else ""))
    failed = any(isinstance(r, str) or not r.passed for _, r in rows)
    return 1 if failed else 0


if __name__ == "__main__":
    raise SystemExit(main())
