"""Demo generation at the benchmark scale, against bare inserts of the same rows.

peerdesk writes the demo into a fresh encrypted notebook: it composes every row, checks
foreign keys and keeps the full-text index in step through its triggers. The floor
inserts exactly the same rows (already built) with executemany into the same tables in
plain sqlite3 (standard library, unencrypted, no search index), in one transaction.
"""

from __future__ import annotations

import sqlite3
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import keyring
from bench_search import FULL_SCALE, PASSPHRASE, QUICK_SCALE, MemoryKeyring
from common import Result

from peerdesk.sample.generator import _INSERTS, _ORDER, _Rows, _Writer, demo_details, fill_demo
from peerdesk.vault import schema
from peerdesk.vault.keys.keyfile import KdfParams
from peerdesk.vault.keys.keystore import KeyStore
from peerdesk.vault.library import Library
from peerdesk.vault.paths import AppPaths

GOAL = 6.0  # encryption, foreign keys and the full-text index, for composing the rows too


def floor_seconds(folder: Path, scale: int) -> tuple[float, int]:
    """Bare executemany of the demo's rows into plain sqlite3; returns (seconds, rows)."""
    plain = sqlite3.connect(folder / "floor.sqlite3", isolation_level=None)
    plain.executescript(str(schema.MIGRATIONS[0]))
    plain.executemany("INSERT INTO flip_chart (key, title) VALUES (?, ?)",
                      [(key, key) for key in ("vision", "ownership", "leadership", "governance",
                                              "system_place", "capacity", "engagement",
                                              "added_value")])
    details = demo_details()
    plain.executemany("INSERT INTO team_member (name, initials, is_me) VALUES (?, ?, ?)",
                      [(m.name, m.initials, int(m.is_me)) for m in details.team])
    writer = _Writer(plain, "2026-03-03T09:00:00+00:00")  # type: ignore[arg-type]
    rows = _Rows()
    for k in range(scale):
        writer.copy(k, rows)
    writer.signposts(rows)
    start = time.perf_counter()
    plain.execute("BEGIN")
    for table in _ORDER:
        if table in rows.tables:
            plain.executemany(_INSERTS[table], rows.tables[table])
    plain.execute("COMMIT")
    seconds = time.perf_counter() - start
    plain.close()
    return seconds, sum(len(v) for v in rows.tables.values())


def run(quick: bool) -> list[Result]:
    scale = QUICK_SCALE if quick else FULL_SCALE
    keyring.set_keyring(MemoryKeyring())
    with tempfile.TemporaryDirectory(prefix="peerdesk-bench-") as tmp:
        library = Library(AppPaths.under(Path(tmp) / "home").ensure(), KeyStore(),
                          KdfParams.fast_for_tests())
        notebook = library.create(demo_details(), PASSPHRASE)
        start = time.perf_counter()
        fill_demo(notebook, scale)
        ours = time.perf_counter() - start
        notebook.close()
        floor, count = floor_seconds(Path(tmp), scale)
    label = f"demo generation, scale {scale} ({count:,} rows){' (quick)' if quick else ''}"
    return [Result(f"{label} (time)", ours * 1000, floor * 1000, "ms", GOAL)]


def main() -> None:
    for r in run("--quick" in sys.argv):
        print(f"{r.figure}: {r.value:,.0f} {r.unit} vs floor {r.floor:,.0f} {r.unit} "
              f"= {r.ratio:.2f}x (goal {r.goal}x) {'pass' if r.passed else 'FAIL'}")


if __name__ == "__main__":
    main()
