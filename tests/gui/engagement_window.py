"""A main window with an engagement open, for the timetable, import, documents and themes
tests (fixtures are imported by the test modules that use them)."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from pytestqt.qtbot import QtBot

from peerdesk.gui.shell.main_window import MainWindow
from peerdesk.vault.clock import ManualClock
from peerdesk.vault.library import Library
from peerdesk.vault.paths import AppPaths
from tests.conftest import PASSPHRASE, sample_details
from tests.gui.helpers import page_of, shown_window


@pytest.fixture
def notebook_id(library: Library) -> str:
    with library.create(sample_details(), PASSPHRASE) as notebook:
        return notebook.id


@pytest.fixture
def window(qtbot: QtBot, paths: AppPaths, library: Library, clock: ManualClock,
           notebook_id: str) -> Iterator[MainWindow]:
    win = shown_window(qtbot, paths, clock, library)
    assert win.open_notebook(notebook_id)
    yield win
    if win.page is not None:
        win.lock()


def current_tab_title(window: MainWindow) -> str:
    tabs = page_of(window).tabs
    return tabs.tabText(tabs.currentIndex()).replace("&", "")


def mnemonic_clashes(window: MainWindow) -> list[str]:
    """Alt+letter keys claimed twice on screen: the tab titles, the window's tools (Help and
    the rest) and every visible button and label of the current tab (one letter must do one
    thing)."""
    from collections import Counter

    from PySide6.QtWidgets import QAbstractButton, QLabel

    page = page_of(window)
    texts = [page.tabs.tabText(i) for i in range(page.tabs.count())]
    current = page.tabs.currentWidget()
    assert current is not None
    tools = [b for b in window.findChildren(QAbstractButton) if not page.isAncestorOf(b)]
    for child in tools + current.findChildren(QAbstractButton) + current.findChildren(QLabel):
        if child.isVisibleTo(window):
            texts.append(child.text())
    letters = Counter(t[t.index("&") + 1].lower() for t in texts
                      if "&" in t and not t.endswith("&") and t[t.index("&") + 1] != "&")
    return sorted(letter for letter, count in letters.items() if count > 1)
