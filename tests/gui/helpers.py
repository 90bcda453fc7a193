"""Helpers for driving the app as a person would, modal dialogs included."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QWidget
from pytestqt.qtbot import QtBot

from peerdesk.gui.shell.application import build_window, create_application
from peerdesk.gui.shell.engagement_page import EngagementPage
from peerdesk.gui.shell.main_window import MainWindow
from peerdesk.vault.clock import ManualClock
from peerdesk.vault.library import Library
from peerdesk.vault.paths import AppPaths


def shown_window(qtbot: QtBot, paths: AppPaths, clock: ManualClock,
                 library: Library) -> MainWindow:
    """peerdesk's main window, built as the app builds it, on screen and exposed."""
    create_application(["peerdesk-test"])
    window = build_window(paths, clock, library)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    return window


def close_engagement(window: MainWindow) -> None:
    """After a test: drop the open engagement's views and close its notebook."""
    notebook = window.release_notebook()
    if notebook is not None:
        notebook.close()


def page_of(window: MainWindow) -> EngagementPage:
    assert window.page is not None, "the engagement is open"
    return window.page


def on_next_dialog(action: Callable[[Any], None], timeout_ms: int = 5000) -> list[str]:
    """Run ``action(dialog)`` on the next modal dialog as soon as it is shown.

    Returns a list that receives the dialog's window title, so a test can assert that a
    dialog really appeared.
    """
    seen: list[str] = []
    waited = [0]

    def attempt() -> None:
        dialog = QApplication.activeModalWidget()
        if dialog is None:
            waited[0] += 20
            if waited[0] < timeout_ms:
                QTimer.singleShot(20, attempt)
            return
        seen.append(dialog.windowTitle())
        action(dialog)

    QTimer.singleShot(0, attempt)
    return seen


def visible_texts(widget: QWidget) -> str:
    """Every label and button text under ``widget``, as a person would read it."""
    from PySide6.QtWidgets import QAbstractButton, QLabel, QListWidget

    parts = []
    for child in widget.findChildren(QWidget):
        if not child.isVisibleTo(widget):
            continue
        if isinstance(child, QLabel | QAbstractButton):
            parts.append(child.text())
        elif isinstance(child, QListWidget):
            parts += [child.item(i).text() for i in range(child.count())]
    return "\n".join(parts)
