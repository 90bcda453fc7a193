"""Live notes: autosave commits, typing latency, starting a session, and crash safety.

- autosave commit p50 / p99: ``SessionStore.save_notes`` on the encrypted notebook vs plain
  sqlite3 (stdlib, unencrypted) in the same journal mode (WAL) and synchronous FULL, the
  same UPDATE of a text of the same size, alternating, in the same run
- keystroke to screen while autosave runs: from a key event to the editor's next paint, vs
  the same editor with autosave switched off
- "start this session" to a focused editor: the first start (the view is built) and a
  switch between sessions, vs showing the same text in a bare QPlainTextEdit
- crash safety: the worst typing lost over 100 SIGKILL rounds (quick: 5) vs the one-second
  promise, and the number of rounds with a gap or a failed integrity check
"""

from __future__ import annotations

import random
import sqlite3
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(HERE))
from common import Result, median, percentile  # noqa: E402

PASSPHRASE = "benchmark passphrase"
NOTES_CHARS = 20_000  # a long meeting's notes


def _notes(size: int, seed: int) -> str:
    """Notes of ``size`` characters in paragraphs of about 300, as a peer types them."""
    words = ["partners", "priorities", "governance", "place", "evidence", "leadership",
             "capacity", "engagement", "population", "front", "line", "pooled", "budget",
             "discharge", "neighbourhood"]
    rng = random.Random(seed)
    out: list[str] = []
    length = 0
    while length < size:
        word = rng.choice(words)
        out.append(word + ("\n" if len(out) % 45 == 44 else " "))
        length += len(word) + 1
    return "".join(out)[:size]


def _plain_sqlite(path: Path) -> sqlite3.Connection:
    """The floor: a plain table in the same journal mode and synchronous setting. (Saving
    notes in peerdesk only marks the session for the search index, which catches up at the
    next search: see peerdesk/vault/search_index.py, schema version 3.)"""
    conn = sqlite3.connect(path, isolation_level=None, check_same_thread=False)
    conn.execute("PRAGMA journal_mode = WAL")
    conn.execute("PRAGMA synchronous = FULL")
    conn.execute("CREATE TABLE session (id INTEGER PRIMARY KEY, title TEXT NOT NULL DEFAULT '',"
                 " notes TEXT NOT NULL DEFAULT '', updated_at TEXT)")
    conn.execute("INSERT INTO session (id, title) VALUES (1, 'M')")
    return conn


def _commits(notebook: object, session_id: int, plain: sqlite3.Connection,
             rounds: int) -> tuple[list[float], list[float]]:
    from peerdesk.capture.sessions import SessionStore

    store = SessionStore(notebook)  # type: ignore[arg-type]
    base = _notes(NOTES_CHARS, 7)
    ours: list[float] = []
    floor: list[float] = []

    def saver(conn: sqlite3.Connection) -> Callable[[str], None]:
        def save(text: str) -> None:
            conn.execute("BEGIN IMMEDIATE")
            conn.execute("UPDATE session SET notes = ?, updated_at = ? WHERE id = ?",
                         (text, datetime.now(UTC).isoformat(timespec="seconds"), 1))
            conn.execute("COMMIT")
        return save

    for n in range(rounds + 5):
        text = base[: NOTES_CHARS - 10] + f"{n:010d}"
        for save, out in ((lambda t: store.save_notes(session_id, t), ours),
                          (saver(plain), floor)):
            started = time.perf_counter()
            save(text)
            if n >= 5:  # the first few warm the caches
                out.append((time.perf_counter() - started) * 1000)
    return ours, floor


def _typing_latency(app: object, editor: object, keys: int) -> list[float]:
    """Milliseconds from a key event to the editor's next paint, typing every 40 ms."""
    from PySide6.QtCore import QEvent, QObject
    from PySide6.QtTest import QTest
    from PySide6.QtWidgets import QApplication, QPlainTextEdit

    assert isinstance(editor, QPlainTextEdit)
    painted = [False]

    class Watch(QObject):
        def eventFilter(self, watched: QObject, event: QEvent) -> bool:
            if event.type() == QEvent.Type.Paint:
                painted[0] = True
            return False

    watch = Watch()
    editor.viewport().installEventFilter(watch)
    out: list[float] = []
    for n in range(keys):
        painted[0] = False
        started = time.perf_counter()
        QTest.keyClick(editor, "abcdefghij "[n % 11])
        while not painted[0]:
            QApplication.processEvents()
            if time.perf_counter() - started > 2:
                break
        out.append((time.perf_counter() - started) * 1000)
        pause = time.perf_counter() + 0.04
        while time.perf_counter() < pause:
            QApplication.processEvents()
            time.sleep(0.002)
    editor.viewport().removeEventFilter(watch)
    return out


def _until(condition: Callable[[], bool]) -> None:
    from PySide6.QtWidgets import QApplication

    deadline = time.perf_counter() + 5
    while not condition() and time.perf_counter() < deadline:
        QApplication.processEvents()


def _gui_figures(library: object, notebook_id: str, sessions: list[int],
                 quick: bool) -> list[Result]:
    from PySide6.QtWidgets import QApplication, QPlainTextEdit

    from peerdesk.gui.capture.live_session_tab import LiveSessionTab
    from peerdesk.gui.shell.application import build_window, create_application

    app = create_application(["peerdesk-bench"])
    window = build_window(library.paths, library=library)  # type: ignore[attr-defined]
    window.show()
    window.activateWindow()
    _until(lambda: window.isVisible())
    notebook = library.open(notebook_id, PASSPHRASE)  # type: ignore[attr-defined]
    window._show(notebook, via_passphrase=True)  # what the unlock dialog does on success
    page = window.page
    assert page is not None
    QApplication.processEvents()

    started = time.perf_counter()
    page.start_session(sessions[0])
    live = page.tab("In session")
    assert isinstance(live, LiveSessionTab)
    _until(live.editor.hasFocus)
    QApplication.processEvents()
    first_ms = (time.perf_counter() - started) * 1000
    switches = []
    for n in range(6 if quick else 20):
        started = time.perf_counter()
        page.start_session(sessions[1 + n % 2])
        _until(lambda: live.editor.hasFocus() and live.editor.document().characterCount() > 1)
        QApplication.processEvents()
        switches.append((time.perf_counter() - started) * 1000)

    # The floor: the same text shown and focused in a bare editor on a fresh tab.
    bare_times = []
    for _ in range(6 if quick else 20):
        started = time.perf_counter()
        bare = QPlainTextEdit()
        window.stack.addWidget(bare)
        window.stack.setCurrentWidget(bare)
        bare.setPlainText(_notes(NOTES_CHARS, 3))
        bare.setFocus()
        _until(bare.hasFocus)
        QApplication.processEvents()
        bare_times.append((time.perf_counter() - started) * 1000)
        window.stack.removeWidget(bare)
        bare.deleteLater()
    window.stack.setCurrentWidget(page)
    page.start_session(sessions[0])
    _until(live.editor.hasFocus)

    keys = 150 if quick else 600
    on = _typing_latency(app, live.editor, keys)
    live.editor.flush()
    session_id = live.editor.session_id
    live.editor.session_id = None  # autosave off: changes are no longer handed over
    off = _typing_latency(app, live.editor, keys)
    live.editor.session_id = session_id
    window.lock()
    window.close()
    floor_ms = median(bare_times)
    return [
        Result("start this session to focused editor (first, view built)", first_ms,
               floor_ms, "ms", 10.0, absolute_goal=300.0),
        Result("start this session to focused editor (switch)", median(switches),
               floor_ms, "ms", 3.0, absolute_goal=100.0),
        Result("keystroke to screen while autosave runs (p50)", median(on), median(off),
               "ms", 1.5, absolute_goal=16.0),
        Result("keystroke to screen while autosave runs (p99)", percentile(on, 99),
               percentile(off, 99), "ms", 2.0, absolute_goal=33.0),
    ]


def _crash_figures(library: object, notebook_id: str, sessions: list[int]) -> list[Result]:
    if str(ROOT) not in sys.path:
        sys.path.insert(0, str(ROOT))
    from tests.crash_rounds import run_round

    rng = random.Random(42)
    worst = 0.0
    bad = 0
    for session_id in sessions:
        result = run_round(library, notebook_id, session_id, PASSPHRASE,  # type: ignore[arg-type]
                           type_seconds=rng.uniform(1.0, 2.5))
        worst = max(worst, result.lost_seconds)
        if not (result.prefix_ok and result.integrity_ok and result.stored > 0):
            bad += 1
    return [
        Result(f"crash: worst typing lost over {len(sessions)} SIGKILL rounds "
               "(vs the 1 s promise)", worst * 1000, 1000.0, "ms", 1.0),
        Result(f"crash: rounds with a gap or a failed integrity check (of {len(sessions)})",
               float(bad), 1.0, "rounds", 0.0),
    ]


def run(quick: bool) -> list[Result]:
    import keyring
    from keyring.backends.null import Keyring as NullKeyring

    from peerdesk.capture.sessions import SessionDetails, SessionStore
    from peerdesk.vault.domain import EngagementDetails
    from peerdesk.vault.keys.keyfile import KdfParams
    from peerdesk.vault.keys.keystore import KeyStore
    from peerdesk.vault.library import Library
    from peerdesk.vault.paths import AppPaths

    previous = keyring.get_keyring()
    keyring.set_keyring(NullKeyring())  # the passphrase alone opens, in this and the child
    results: list[Result] = []
    try:
        with tempfile.TemporaryDirectory() as tmp:
            library = Library(AppPaths.under(Path(tmp) / "home").ensure(), KeyStore(),
                              KdfParams.fast_for_tests())
            crash_rounds = 5 if quick else 100
            with library.create(EngagementDetails(title="Benchmark engagement",
                                                  my_initials="BM"), PASSPHRASE) as notebook:
                store = SessionStore(notebook)
                live = [store.add(SessionDetails(f"Meeting {n}", "meeting")).id
                        for n in range(3)]
                for n, session_id in enumerate(live):
                    store.save_notes(session_id, _notes(NOTES_CHARS, n))
                crash = [store.add(SessionDetails(f"Crash {n}", "meeting")).id
                         for n in range(crash_rounds)]
                plain = _plain_sqlite(Path(tmp) / "plain.sqlite3")
                ours, floor = _commits(notebook, live[0], plain, 60 if quick else 400)
                plain.close()
                store.save_notes(live[0], _notes(NOTES_CHARS, 0))
                notebook_id = notebook.id
            results.append(Result("autosave commit (p50)", median(ours), median(floor), "ms",
                                  1.5))
            results.append(Result("autosave commit (p99)", percentile(ours, 99),
                                  percentile(floor, 99), "ms", 2.0))
            results += _gui_figures(library, notebook_id, live, quick)
            results += _crash_figures(library, notebook_id, crash)
    finally:
        keyring.set_keyring(previous)
    return results


if __name__ == "__main__":
    import os

    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    for row in run(quick="--quick" in sys.argv):
        print(f"{row.figure}: {row.value:.2f} {row.unit} vs {row.floor:.2f} "
              f"= {row.ratio:.2f}x (goal {row.goal}x) {'pass' if row.passed else 'FAIL'}")
