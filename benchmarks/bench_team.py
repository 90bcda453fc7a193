"""A team of 7 peers with 500 post-its each, pooled through the lead peer.

Seven notebooks share a timetable of 40 sessions; each peer files 500 post-its on them.
Six send their post-its to the lead peer, who receives them all (3,500 cards on the
board); the lead then sends the whole pool back to the other six at once.

- send: the lead writing one bundle of 3,500 post-its for six colleagues (read, build,
  encrypt with age, write, register);
- receive: a colleague receiving it (decrypt, check all of it, plan, merge 3,000 new
  post-its, register);
- floor for both: reading those post-its as Python objects (``PostitStore.list_all``);
- board: the lead's board with 3,500 cards, first paint, measured as bench_board does.

Goals: send and receive each within 1 s (and, at full size, within 50 times the floor);
the board within the board's own goal (150 ms).
"""

from __future__ import annotations

import statistics
import sys
import tempfile
import time
from datetime import datetime, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import keyring
from bench_board import measure
from bench_search import PASSPHRASE, MemoryKeyring
from common import Result

from peerdesk.capture.postits import PostitStore
from peerdesk.capture.sessions import SessionDetails, SessionStore
from peerdesk.team import codes, receive, send
from peerdesk.vault.domain import EngagementDetails
from peerdesk.vault.keys.keyfile import KdfParams
from peerdesk.vault.keys.keystore import KeyStore
from peerdesk.vault.library import Library
from peerdesk.vault.notebook import Notebook
from peerdesk.vault.paths import AppPaths

PEERS = ("LP", "AM", "JL", "SO", "RK", "TB", "HW")
SESSIONS = 40
KINDS = ("strength", "area_to_explore", "suggestion", "observation")
ROUNDS = 3


def peer(folder: Path, initials: str) -> tuple[Library, Notebook]:
    library = Library(AppPaths.under(folder / initials).ensure(), KeyStore(),
                      KdfParams.fast_for_tests())
    details = EngagementDetails(title="Benchmark peer challenge", my_name=f"Peer {initials}",
                                my_initials=initials)
    return library, library.create(details, PASSPHRASE)


def fill(notebook: Notebook, per_peer: int) -> None:
    first = datetime(2026, 3, 3, 9).astimezone()
    store = SessionStore(notebook)
    sessions = [store.add(SessionDetails(f"Meeting {n}", "meeting" if n % 4 else "focus_group",
                                         first + timedelta(days=n // 10, hours=n % 10))).id
                for n in range(SESSIONS)]
    charts = [c.id for c in notebook.flip_charts()]
    initials = notebook.engagement().my_initials
    now = notebook.now_text()
    rows = [(charts[n % len(charts)], f"{initials} heard point {n} about the partnership's "
             f"work on theme {n % 13}", KINDS[n % 4], sessions[n % SESSIONS], initials, n, now,
             now) for n in range(per_peer)]
    with notebook.write() as conn:
        conn.executemany("INSERT INTO postit (flip_chart_id, text, kind, session_id, initials,"
                         " position, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                         rows)
    PostitStore(notebook).count()


def run(quick: bool) -> list[Result]:
    per_peer = 50 if quick else 500
    keyring.set_keyring(MemoryKeyring())
    with tempfile.TemporaryDirectory(prefix="peerdesk-bench-team-") as tmp:
        folder = Path(tmp)
        team = {i: peer(folder, i) for i in PEERS}
        for _library, nb in team.values():
            fill(nb, per_peer)
        for mine, (_library, nb) in team.items():
            for other, (_l, theirs) in team.items():
                if other != mine:
                    codes.add_peer(nb, other, codes.my_code(theirs))
        lead = team["LP"][1]
        for initials, (_library, nb) in team.items():
            if initials != "LP":
                path = folder / f"{initials}.age"
                send.write(nb, send.pool(nb, send.recipients(nb, ["LP"])), path,
                           send.recipients(nb, ["LP"]))
                receive.accept(lead, receive.read(lead, path))
        others = [i for i in PEERS if i != "LP"]
        sends, receives, floors = [], [], []
        for number in range(ROUNDS):
            path = folder / f"pool-{number}.age"
            start = time.perf_counter()
            peers = send.recipients(lead, others)
            sent = send.write(lead, send.pool(lead, peers, everything=True), path, peers)
            sends.append((time.perf_counter() - start) * 1000)
            start = time.perf_counter()
            PostitStore(lead).list_all()
            floors.append((time.perf_counter() - start) * 1000)
            _library, fresh = peer(folder / f"fresh-{number}", "AM")
            codes.add_peer(fresh, "LP", codes.my_code(lead))
            codes.add_peer(lead, f"Z{number}", codes.my_code(fresh))
            peers = send.recipients(lead, [f"Z{number}"])
            send.write(lead, send.pool(lead, peers, everything=True), path, peers)
            start = time.perf_counter()
            done = receive.accept(fresh, receive.read(fresh, path))
            receives.append((time.perf_counter() - start) * 1000)
            assert done.added == len(PEERS) * per_peer
            fresh.close()
        cards = len(sent.bundle.postits)
        home = team["LP"][0].paths.data.parent
        lead_id = lead.id
        for _library, nb in team.values():
            nb.close()
        board = statistics.median(measure("board", home, lead_id)["ms"] for _ in range(ROUNDS))
    floor = statistics.median(floors)
    size = f"{len(PEERS)} peers, {cards:,} post-its" + (" (quick)" if quick else "")
    ratio = float("inf") if quick else 50.0  # at the quick size the fixed costs dominate
    return [
        Result(f"team pool sent to six colleagues, {size} (time)", statistics.median(sends),
               floor, "ms", ratio, 1000.0),
        Result(f"team pool received, {size} (time)", statistics.median(receives), floor,
               "ms", ratio, 1000.0),
        Result(f"board first paint with the team's cards, {size} (time)", board, floor, "ms",
               float("inf"), 150.0),
    ]


if __name__ == "__main__":
    for r in run("--quick" in sys.argv):
        print(f"{r.figure}: {r.value:.1f} {r.unit} vs floor {r.floor:.1f} {r.unit} "
              f"= {r.ratio:.2f}x {'pass' if r.passed else 'FAIL'}")
