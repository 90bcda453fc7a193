"""An engagement with sessions of several kinds, a document and post-its on two charts,
open in the main window, for the board, findings, matrix and search tests."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime

import pytest
from PySide6.QtWidgets import QApplication, QWidget
from pytestqt.qtbot import QtBot

from peerdesk.capture.documents import import_bytes
from peerdesk.capture.postits import PostitStore
from peerdesk.capture.sessions import SessionDetails, SessionStore
from peerdesk.gui.shell.main_window import MainWindow
from peerdesk.vault.clock import ManualClock
from peerdesk.vault.library import Library
from peerdesk.vault.paths import AppPaths
from tests.conftest import PASSPHRASE, sample_details
from tests.gui.helpers import close_engagement, shown_window


@dataclass
class Made:
    notebook_id: str
    charts: list[int]
    sessions: dict[str, int]
    document: int
    postits: dict[str, int] = field(default_factory=dict)


@pytest.fixture
def made(library: Library) -> Made:
    with library.create(sample_details(), PASSPHRASE) as notebook:
        charts = [c.id for c in notebook.flip_charts()]
        store = SessionStore(notebook)

        def session(title: str, kind: str, day: int, hour: int) -> int:
            return store.add(SessionDetails(title, kind,
                                            datetime(2026, 3, day, hour, 0, tzinfo=UTC))).id

        sessions = {
            "m1": session("Director of public health", "meeting", 3, 9),
            "m2": session("Council leader", "meeting", 3, 11),
            "fg": session("Front-line staff focus group", "focus_group", 4, 10),
            "team": session("Team session, Wednesday lunch", "team_session", 4, 13),
            "catch": session("Catch-up with the client", "client_catch_up", 4, 17),
        }
        document = import_bytes(notebook, b"Position statement: one shared ambition.",
                                "position.txt", "Position statement").id
        postits = PostitStore(notebook)
        a, b = charts[0], charts[1]
        made = Made(notebook.id, charts, sessions, document)
        for key, chart, text, kind, sid, doc in (
                ("p1", a, "Leaders describe one shared ambition", "strength", "m1", None),
                ("p2", a, "The ambition is told the same way by the council", "strength",
                 "m2", None),
                ("p3", a, "Staff cannot say what the partnership is for", "area_to_explore",
                 "fg", None),
                ("p4", a, "The position statement sets out four priorities", "strength",
                 None, document),
                ("p5", b, "Boards have no time to discuss partnership papers",
                 "observation", "m1", None),
                ("p6", b, "Put community services under one roof",
                 "participant_recommendation", "fg", None)):
            made.postits[key] = postits.add(chart, text, kind,
                                            session_id=sessions[sid] if sid else None,
                                            document_id=doc).id
        return made


@pytest.fixture
def window(qtbot: QtBot, paths: AppPaths, library: Library, clock: ManualClock,
           made: Made) -> Iterator[MainWindow]:
    win = shown_window(qtbot, paths, clock, library)
    win.resize(1280, 800)
    win.activateWindow()
    assert win.open_notebook(made.notebook_id)
    yield win
    close_engagement(win)


def focused() -> QWidget:
    widget = QApplication.focusWidget()
    assert widget is not None
    return widget


def reopened(window: MainWindow, library: Library, made: Made) -> dict[int, list[int]]:
    """Lock, reopen through the Library and read each chart's post-its in order."""
    window.lock()
    with library.open(made.notebook_id, PASSPHRASE) as notebook:
        store = PostitStore(notebook)
        return {chart: [p.id for p in store.list_for_chart(chart)] for chart in made.charts}
