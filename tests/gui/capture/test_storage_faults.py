"""A full disk and an unchangeable file during a live session, for real (a tmpfs, chattr
+i), and a read-only folder at open: notes, a post-it and a document import that the disk
refuses stay on screen marked "not saved yet" and are saved by themselves once it allows;
the messages say exactly what happened, never that anything is damaged."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from peerdesk.capture import documents as docs
from peerdesk.capture.postits import PostitStore
from peerdesk.capture.sessions import SessionDetails, SessionStore
from peerdesk.gui.capture.documents_tab import DocumentsTab
from peerdesk.gui.capture.live_session_tab import LiveSessionTab
from peerdesk.gui.shell.main_window import MainWindow
from peerdesk.vault.clock import ManualClock
from peerdesk.vault.keys.keyfile import KdfParams
from peerdesk.vault.keys.keystore import KeyStore
from peerdesk.vault.library import Library
from peerdesk.vault.paths import AppPaths
from tests.conftest import PASSPHRASE, MemoryKeyring, sample_details
from tests.gui.capture.test_documents_tab import pdf_bytes
from tests.gui.helpers import close_engagement, shown_window
from tests.storage_faults import fill, read_only, small_disk, unchangeable

pytestmark = pytest.mark.system
WAIT = 30_000


@pytest.fixture
def disk(tmp_path: Path) -> Iterator[Path]:
    with small_disk(tmp_path / "disk", "32m") as folder:
        yield folder


def opened(qtbot: QtBot, root: Path, clock: ManualClock
           ) -> Iterator[tuple[MainWindow, Library, int]]:
    paths = AppPaths.under(root / "home").ensure()
    library = Library(paths, KeyStore(), KdfParams.fast_for_tests(), clock)
    with library.create(sample_details(), PASSPHRASE) as notebook:
        session = SessionStore(notebook).add(SessionDetails(
            "Director of adult social services", "meeting",
            datetime(2026, 3, 3, 9, 0, tzinfo=UTC))).id
        notebook_id = notebook.id
    window = shown_window(qtbot, paths, clock, library)
    assert window.open_notebook(notebook_id)
    yield window, library, session
    close_engagement(window)


@pytest.fixture
def on_small_disk(qtbot: QtBot, disk: Path, memory_keyring: MemoryKeyring,
                  clock: ManualClock) -> Iterator[tuple[MainWindow, Library, int]]:
    yield from opened(qtbot, disk, clock)


@pytest.fixture
def on_usual_disk(qtbot: QtBot, tmp_path: Path, memory_keyring: MemoryKeyring,
                  clock: ManualClock) -> Iterator[tuple[MainWindow, Library, int]]:
    """(A tmpfs lets a file marked unchangeable still be written through an open handle;
    the usual disks do not.)"""
    yield from opened(qtbot, tmp_path, clock)


def live(qtbot: QtBot, window: MainWindow, session: int) -> LiveSessionTab:
    assert window.page is not None
    window.page.start_session(session)
    tab = window.page.tab("In session")
    assert isinstance(tab, LiveSessionTab)
    qtbot.waitUntil(tab.editor.hasFocus, timeout=WAIT)
    return tab


def refuse_then_allow(qtbot: QtBot, window: MainWindow, session: int, tmp_path: Path,
                      words: str, refuse: object, allow: object) -> None:
    tab = live(qtbot, window, session)
    qtbot.keyClicks(tab.editor, "Typed while the disk said no")
    refuse()  # type: ignore[operator]
    qtbot.keyClicks(tab.editor, ", and still kept.")
    qtbot.waitUntil(lambda: tab.save_status.text().startswith("Not saved yet"), timeout=WAIT)
    assert words in window.messages.text() and "damaged" not in window.messages.text()
    # a post-it: the bar stays open, marked, holding the text
    qtbot.keyClick(tab.editor, Qt.Key.Key_K, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClick(tab.bar, "1")
    qtbot.keyClick(tab.bar, Qt.Key.Key_Return)
    assert tab.bar.isVisible() and tab.bar.unsaved
    assert tab.bar.problem.text().startswith("Not saved yet") and words in tab.bar.problem.text()
    # a document import
    assert window.page is not None
    documents = window.page.show_tab("Documents")
    assert isinstance(documents, DocumentsTab)
    source = tmp_path / "statement.pdf"
    source.write_bytes(pdf_bytes())
    documents.import_paths([source])
    qtbot.waitUntil(lambda: documents.unsaved_label.isVisible(), timeout=WAIT)
    assert "Not saved yet: statement.pdf" in documents.unsaved_label.text()
    allow()  # type: ignore[operator]
    qtbot.waitUntil(lambda: not documents.unsaved_label.isVisible(), timeout=WAIT)
    assert "statement" in documents.titles()
    window.page.show_tab("In session")
    qtbot.waitUntil(lambda: tab.save_status.text().startswith("Saved"), timeout=WAIT)
    qtbot.waitUntil(lambda: not tab.bar.isVisible(), timeout=WAIT)
    assert window.notebook is not None
    assert SessionStore(window.notebook).notes(session) == (
        "Typed while the disk said no, and still kept.")
    [postit] = PostitStore(window.notebook).list_for_session(session)
    assert postit.text == "Typed while the disk said no, and still kept."
    assert [d.title for d in docs.list_documents(window.notebook)] == ["statement"]


def test_a_full_disk_during_a_session(qtbot: QtBot,
                                      on_small_disk: tuple[MainWindow, Library, int],
                                      disk: Path, tmp_path: Path) -> None:
    window, _library, session = on_small_disk
    filler: list[Path] = []
    refuse_then_allow(qtbot, window, session, tmp_path, "is full",
                      lambda: filler.append(fill(disk)), lambda: filler[0].unlink())


def test_an_unchangeable_log_during_a_session(qtbot: QtBot,
                                              on_usual_disk: tuple[MainWindow, Library, int],
                                              tmp_path: Path) -> None:
    window, _library, session = on_usual_disk
    assert window.notebook is not None
    log = Path(f"{window.notebook.path}-wal")
    held: list[object] = []

    def refuse() -> None:
        held.append(unchangeable(log))
        held[0].__enter__()  # type: ignore[attr-defined]

    refuse_then_allow(qtbot, window, session, tmp_path, "unchangeable", refuse,
                      lambda: held[0].__exit__(None, None, None))  # type: ignore[attr-defined]


def test_a_read_only_folder_at_open(qtbot: QtBot, paths: AppPaths, library: Library,
                                    clock: ManualClock) -> None:
    with library.create(sample_details(), PASSPHRASE) as notebook:
        notebook_id = notebook.id
    window = shown_window(qtbot, paths, clock, library)
    before = {p.name: p.read_bytes() for p in paths.notebooks.iterdir()}
    with read_only(paths.data):
        window.refresh_library()
        item = window.library_page.list.item(0)
        assert "Northvale" in item.text() and "DAMAGED" not in item.text()
        assert not window.open_notebook(notebook_id)
        assert "read-only" in window.messages.text()
        assert "damaged" not in window.messages.text()
        assert "put it back" not in window.messages.text()
    assert {p.name: p.read_bytes() for p in paths.notebooks.iterdir()} == before
    assert window.open_notebook(notebook_id)
    close_engagement(window)
