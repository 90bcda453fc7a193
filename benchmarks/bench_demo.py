"""Demo generation at the benchmark scale, against bare inserts of the same rows.

peerdesk writes the demo into a fresh encrypted notebook: it composes every row, checks
foreign keys and keeps the full-text index in step through its triggers. The floor
inserts exactly the same rows (already built) with executemany into the same tables in
plain sqlite3 (standard library, unencrypted, no search index), in one transaction; the
colleagues' post-its, which the demo merges as a received team bundle, included.
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
from peerdesk.vault import schema, team_tables
from peerdesk.vault.keys.keyfile import KdfParams
from peerdesk.vault.keys.keystore import KeyStore
from peerdesk.vault.library import Library
from peerdesk.vault.paths import AppPaths

GOAL = 6.0  # encryption, foreign keys and the full-text index, for composing the rows too


def floor_seconds(folder: Path, scale: int) -> tuple[float, int]:
    """Bare executemany of the demo's rows into plain sqlite3; returns (seconds, rows)."""
    plain = sqlite3.connect(folder / "floor.sqlite3", isolation_level=None)
    plain.executescript(str(schema.MIGRATIONS[0]))
    team_tables.migrate(plain)  # the team's columns (stable ids), no search index
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
    by_source = {r[-1]: r[0] for r in rows.tables["session"]}
    theirs = [p for postits in writer.colleagues.postits.values() for p in postits]
    colleague_rows = [(p.id, writer.charts[p.chart], p.text, p.kind, by_source[p.source],
                       p.initials, writer.now, writer.now) for p in theirs]
    origin_rows = [(p.author, p.rev, p.text, p.kind, writer.charts[p.chart], writer.now, p.id)
                   for p in theirs]
    start = time.perf_counter()
    plain.execute("BEGIN")
    for table in _ORDER:
        if table in rows.tables:
            plain.executemany(_INSERTS[table], rows.tables[table])
    # the colleagues' cards, which the demo merges as a received bundle
    plain.executemany("INSERT INTO postit (uid, flip_chart_id, text, kind, session_id,"
                      " initials, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                      colleague_rows)
    plain.executemany("INSERT INTO postit_origin (postit_id, author, rev, text, kind,"
                      " flip_chart_id, received_at) SELECT id, ?, ?, ?, ?, ?, ? FROM postit"
                      " WHERE uid = ?", origin_rows)
    plain.execute("COMMIT")
    seconds = time.perf_counter() - start
    plain.close()
    return seconds, sum(len(v) for v in rows.tables.values()) + 2 * len(theirs)


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
