"""A peer using the real app, for the memory test: the test reads this process's memory.

    python tests/memory_driver.py          (PEERDESK_HOME and the display from the env)

Started by tests/test_memory.py with the environment peerdesk gives itself at start
(``hardening.hardened_environment``), and hardened as the app hardens itself. It reads the
passphrase and three canary texts from standard input (four lines, straight into mutable
buffers, each overwritten once typed) and, with real key events on the real windows:

1. makes an engagement in the New engagement dialog (typing the passphrase twice),
2. types the first canary into a session's notes and files the second as a post-it,
   then searches the notebook for the third,
3. copies the notes to the clipboard, then locks with Ctrl+L, and prints ``locked``;
4. on the line ``destroy`` and the passphrase again: unlocks, runs the destruction wizard,
   prints ``destroyed`` and closes the wizard, after which peerdesk starts itself afresh
   and this process ends.

Its own copies of what it typed are overwritten as soon as each is typed, as a person's
fingers keep none. It prints ``problem: ...`` and exits 3 if a step does not happen.
"""

from __future__ import annotations

import gc
import os
import sys
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

TITLE = "Memory check engagement"
SESSION = "A meeting"
WAIT_S = 60.0


def read_lines(count: int) -> list[bytearray]:
    """``count`` lines from standard input, each in its own buffer, the big one wiped."""
    from peerdesk.vault.keys.secret import wipe

    buffer = bytearray(8192)
    used = 0
    while buffer[:used].count(b"\n") < count:
        got = os.readv(0, [memoryview(buffer)[used:]])
        if not got:
            break
        used += got
    lines: list[bytearray] = []
    start = 0
    for _ in range(count):
        end = buffer.index(b"\n", start)
        line = bytearray(end - start)
        line[:] = memoryview(buffer)[start:end]
        lines.append(line)
        start = end + 1
    wipe(buffer)
    return lines


def type_secret(widget: object, secret: bytearray) -> None:
    """Type ``secret`` into ``widget`` key by key; the str made for it is overwritten."""
    from PySide6.QtTest import QTest

    from peerdesk.vault.keys.secret import wipe_str

    text = secret.decode("utf-8")
    for ch in text:
        QTest.keyClick(widget, ch)  # type: ignore[call-overload]
    wipe_str(text)
    del text


def type_once(widget: object, secret: bytearray) -> None:
    """Type ``secret`` and forget it."""
    from peerdesk.vault.keys.secret import wipe

    type_secret(widget, secret)
    wipe(secret)


def pump(condition: Callable[[], bool], what: str) -> None:
    from PySide6.QtCore import QCoreApplication, QEventLoop

    deadline = time.monotonic() + WAIT_S
    while not condition():
        if time.monotonic() > deadline:
            print(f"problem: {what} did not happen", flush=True)
            os._exit(3)
        QCoreApplication.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 50)


def settle() -> None:
    """Let deferred deletions run and collect cycles, as the event loop would soon."""
    from PySide6.QtCore import QCoreApplication, QEvent

    for _ in range(5):
        QCoreApplication.processEvents()
        QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    gc.collect()


def on_dialog(action: Callable[[object], None]) -> None:
    """Run ``action`` on the next modal dialog once it is shown."""
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication

    def attempt() -> None:
        dialog = QApplication.activeModalWidget()
        if dialog is None:
            QTimer.singleShot(20, attempt)
            return
        action(dialog)

    QTimer.singleShot(0, attempt)


def capture(window: object, notes_canary: bytearray, postit_canary: bytearray,
            search_canary: bytearray) -> None:
    """Notes and a post-it in a session, a search, the notes copied, then Ctrl+L."""
    from PySide6.QtCore import Qt
    from PySide6.QtTest import QTest
    from PySide6.QtWidgets import QApplication

    from peerdesk.capture.postits import PostitStore
    from peerdesk.capture.sessions import SessionDetails, SessionStore

    notebook = window.notebook  # type: ignore[attr-defined]
    session = SessionStore(notebook).add(SessionDetails(SESSION))
    page = window.page  # type: ignore[attr-defined]
    page.start_session(session.id)
    window.activateWindow()  # type: ignore[attr-defined]  # shortcuts go to the active window
    pump(lambda: QApplication.activeWindow() is window, "the window becoming active")
    live = page.tab("In session")
    editor = live.editor
    type_once(editor, notes_canary)
    QTest.keyClick(editor, Qt.Key.Key_Return)
    type_once(editor, postit_canary)
    pump(lambda: editor.status.text().startswith("Saved"), "saving the notes")
    QTest.keyClick(editor, Qt.Key.Key_K, Qt.KeyboardModifier.ControlModifier)
    bar = live.bar
    pump(lambda: bar.isVisible(), "opening the post-it bar")
    QTest.keyClick(bar, "1")   # the first flip chart
    QTest.keyClick(bar, Qt.Key.Key_Return)
    pump(lambda: len(PostitStore(notebook).list_all()) == 1, "filing the post-it")
    search = page.show_tab("Search")
    type_once(search.field, search_canary)
    pump(lambda: search.status.text() == "Nothing found.", "searching")
    page.show_tab("In session")
    editor.setFocus()
    editor.selectAll()
    editor.copy()
    pump(lambda: bool(QApplication.clipboard().text()), "copying the notes")
    QTest.keyClick(window, Qt.Key.Key_L, Qt.KeyboardModifier.ControlModifier)
    pump(lambda: window.page is None, "locking")  # type: ignore[attr-defined]


def main() -> int:
    from peerdesk.vault.keys.hardening import harden_process

    harden_process()
    passphrase, notes_canary, postit_canary, search_canary = read_lines(4)

    from PySide6.QtTest import QTest

    from peerdesk.gui.shell.application import build_window, create_application
    from peerdesk.gui.widgets.fresh_start import start_fresh_process
    from peerdesk.vault.paths import AppPaths

    create_application(["peerdesk"])
    window = build_window(AppPaths.from_environment(), fresh_start=start_fresh_process)
    window.show()

    def fill_new(dialog: object) -> None:
        ui = dialog.ui  # type: ignore[attr-defined]
        QTest.keyClicks(ui.titleEdit, TITLE)
        type_secret(ui.passphraseEdit, passphrase)
        type_once(ui.confirmEdit, passphrase)
        dialog.ok_button.click()  # type: ignore[attr-defined]

    on_dialog(fill_new)
    window.new_engagement()
    pump(lambda: window.page is not None, "making the engagement")
    capture(window, notes_canary, postit_canary, search_canary)
    settle()
    print("locked", flush=True)

    command, passphrase = read_lines(2)
    if command != b"destroy":
        return 0
    notebook_id = window.settings.last_notebook
    assert notebook_id is not None

    def fill_unlock(dialog: object) -> None:
        type_once(dialog.ui.passphraseEdit, passphrase)  # type: ignore[attr-defined]
        dialog.accept()  # type: ignore[attr-defined]

    on_dialog(fill_unlock)
    window.open_notebook(notebook_id)
    pump(lambda: window.page is not None, "unlocking")
    window.destruction.start_wizard()
    wizard = window.destruction.wizard
    assert wizard is not None
    pump(lambda: wizard.inventory_page.inventory is not None, "listing what to destroy")
    wizard.next()
    wizard.next()
    QTest.keyClicks(wizard.confirm_page.title_edit, TITLE)
    wizard.destroy_now()
    pump(lambda: wizard.outcome is not None, "destroying")
    print("destroyed", "complete" if wizard.outcome.ok else "NOT complete", flush=True)
    wizard.accept()   # closing the wizard starts peerdesk afresh and ends this process
    pump(lambda: window.restarted, "starting afresh")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
