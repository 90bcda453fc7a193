"""A peer typing steadily into a live session, for the crash-safety test and benchmark.

    python tests/live_typing_driver.py DATA_DIR NOTEBOOK_ID SESSION_ID PASSPHRASE [RATE]

Runs the real app (main window, engagement page, live session view), opens the notebook
with the passphrase, starts the session and types ``typed_text()`` into the notes with
real key events, RATE characters a second. After each key it prints
``typed <count> <unix time>`` (the key is in the editor by then), so the parent knows what
had been typed when it killed the process. Prints ``ready`` once the editor has focus.
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

SENTENCE = ("Partners describe the priorities in the same words and point to one shared "
            "evidence base about the population. ")


def typed_text(count: int) -> str:
    """The first ``count`` characters the driver types (a line break every 80 or so)."""
    out: list[str] = []
    n = 0
    while len(out) < count:
        ch = SENTENCE[n % len(SENTENCE)]
        out.append("\n" if ch == " " and n % 80 > 72 and n % 80 < 80 else ch)
        n += 1
    return "".join(out[:count])


def main(argv: list[str]) -> int:
    data_dir, notebook_id, session_id, passphrase = argv[1:5]
    rate = float(argv[5]) if len(argv) > 5 else 20.0
    from PySide6.QtCore import Qt, QTimer
    from PySide6.QtTest import QTest

    from peerdesk.gui.capture.live_session_tab import LiveSessionTab
    from peerdesk.gui.shell.application import build_window, create_application
    from peerdesk.vault.library import Library
    from peerdesk.vault.paths import AppPaths

    app = create_application(["peerdesk-typing"])
    paths = AppPaths.under(Path(data_dir))
    library = Library(paths)
    window = build_window(paths, library=library)
    window.show()
    notebook = library.open(notebook_id, passphrase)
    window._show(notebook, via_passphrase=True)  # what the unlock dialog does on success
    assert window.page is not None
    window.page.start_session(int(session_id))
    live = window.page.tab("In session")
    assert isinstance(live, LiveSessionTab)
    window.activateWindow()
    editor = live.editor
    text = typed_text(1_000_000)
    state = {"count": len(editor.toPlainText())}
    print("ready", flush=True)

    def type_one() -> None:
        ch = text[state["count"]]
        if ch == "\n":
            QTest.keyClick(editor, Qt.Key.Key_Return)
        else:
            QTest.keyClick(editor, ch)
        state["count"] += 1
        print(f"typed {state['count']} {time.time():.4f}", flush=True)

    timer = QTimer()
    timer.setTimerType(Qt.TimerType.PreciseTimer)
    timer.setInterval(max(1, round(1000 / rate)))
    timer.timeout.connect(type_one)
    timer.start()
    return app.exec()


if __name__ == "__main__":
    raise SystemExit(main(sys.argv))
