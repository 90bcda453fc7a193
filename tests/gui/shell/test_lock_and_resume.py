"""Locking in the meeting: the computer's own lock and sleep lock the notebook, unlocking
happens in the window and brings back the tab, the session and the cursor; the app opens
where the peer is; the window fits the screen and messages never move it."""

from __future__ import annotations

import ctypes
import os
from datetime import UTC, datetime

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from peerdesk.capture.sessions import SessionDetails, SessionStore
from peerdesk.gui.capture.live_session_tab import LiveSessionTab
from peerdesk.gui.shell import system_lock
from peerdesk.gui.shell.main_window import MainWindow
from peerdesk.gui.shell.system_lock import MSG, SystemLockWatch, WindowsMessages
from peerdesk.vault.clock import ManualClock
from peerdesk.vault.library import Library
from peerdesk.vault.paths import AppPaths
from tests.conftest import PASSPHRASE, need_system, sample_details
from tests.gui.capture.test_live_session import window
from tests.gui.helpers import page_of, visible_texts

__all__ = ["window"]

TITLE = "Northvale health and care partnership"


@pytest.fixture
def made(library: Library) -> tuple[str, int]:
    with library.create(sample_details(), PASSPHRASE) as notebook:
        meeting = SessionStore(notebook).add(SessionDetails(
            "Director of adult social services", "meeting",
            datetime(2026, 3, 3, 9, 0, tzinfo=UTC), place="Room 4"))
        return notebook.id, meeting.id


def in_session(qtbot: QtBot, window: MainWindow, made: tuple[str, int]) -> LiveSessionTab:
    assert window.open_notebook(made[0])
    page_of(window).start_session(made[1])
    live = page_of(window).tab("In session")
    assert isinstance(live, LiveSessionTab)
    qtbot.waitUntil(live.editor.hasFocus, timeout=30_000)
    # the computer's lock is listened for once the engagement is on screen
    qtbot.waitUntil(lambda: window.system_lock is not None, timeout=30_000)
    return live


def unlock(qtbot: QtBot, window: MainWindow) -> None:
    assert window.stack.currentWidget() is window.unlock_page
    qtbot.keyClicks(window.unlock_page.ui.passphraseEdit, PASSPHRASE)
    qtbot.keyClick(window.unlock_page.ui.passphraseEdit, Qt.Key.Key_Return)
    assert window.notebook is not None


def test_unlocking_brings_back_the_tab_the_session_and_the_cursor(
        qtbot: QtBot, window: MainWindow, made: tuple[str, int], paths: AppPaths) -> None:
    live = in_session(qtbot, window, made)
    qtbot.keyClicks(live.editor, "Shared priorities, different words")
    cursor = live.editor.textCursor()
    cursor.setPosition(6)
    live.editor.setTextCursor(cursor)
    live.side.setCurrentWidget(live.participants_page)
    settings_before = paths.settings_file.read_bytes()
    qtbot.keyClick(live.editor, Qt.Key.Key_L, Qt.KeyboardModifier.ControlModifier)
    assert window.notebook is None
    assert window.stack.currentWidget() is window.unlock_page  # where the engagement was
    assert not [w for w in QApplication.topLevelWidgets() if w.isVisible() and w is not window]
    assert TITLE not in visible_texts(window) and "Shared priorities" not in visible_texts(window)
    assert paths.settings_file.read_bytes() == settings_before  # kept in memory only
    unlock(qtbot, window)
    page = page_of(window)
    assert page.tabs.tabText(page.tabs.currentIndex()) == "&In session"
    live = page.tab("In session")  # a new view, after the lock dropped the old one
    assert isinstance(live, LiveSessionTab)
    assert live.session is not None and live.session.id == made[1]
    qtbot.waitUntil(live.editor.hasFocus, timeout=30_000)
    assert live.editor.textCursor().position() == 6
    assert live.side.currentWidget() is live.participants_page
    qtbot.keyClicks(live.editor, "!")
    assert live.editor.toPlainText() == "Shared! priorities, different words"
    assert "back where you were" in window.messages.text()


def test_the_computers_lock_and_sleep_lock_the_notebook_mid_session(
        qtbot: QtBot, window: MainWindow, made: tuple[str, int]) -> None:
    in_session(qtbot, window, made)
    for reason in (system_lock.SCREEN_LOCKED, system_lock.GOING_TO_SLEEP):
        assert window.system_lock is not None
        window.system_lock.lock_requested.emit(reason)
        assert window.notebook is None
        assert f"because {reason}" in window.messages.text()
        unlock(qtbot, window)
        live = page_of(window).tab("In session")
        assert live.session is not None and live.session.id == made[1]  # type: ignore[attr-defined]


def test_a_suspended_application_locks(qtbot: QtBot, window: MainWindow,
                                       made: tuple[str, int]) -> None:
    in_session(qtbot, window, made)
    app = QGuiApplication.instance()
    assert isinstance(app, QGuiApplication)
    app.applicationStateChanged.emit(Qt.ApplicationState.ApplicationInactive)
    assert window.notebook is not None, "another window having the keyboard is no lock"
    app.applicationStateChanged.emit(Qt.ApplicationState.ApplicationSuspended)
    assert window.notebook is None


def test_windows_session_and_power_messages_are_read(qtbot: QtBot) -> None:
    seen: list[str] = []
    reader = WindowsMessages(seen.append)

    def deliver(message: int, w_param: int) -> None:
        msg = MSG(message=message, wParam=w_param)
        handled = reader.nativeEventFilter(b"windows_generic_MSG", ctypes.addressof(msg))
        assert handled == (False, 0)  # never taken away from Qt

    deliver(system_lock.WM_WTSSESSION_CHANGE, system_lock.WTS_SESSION_LOCK)
    deliver(system_lock.WM_POWERBROADCAST, system_lock.PBT_APMSUSPEND)
    deliver(system_lock.WM_WTSSESSION_CHANGE, 0x8)  # unlocked: nothing to do
    deliver(system_lock.WM_POWERBROADCAST, 0x12)    # resumed: nothing to do
    deliver(0x0100, 0x41)                           # a key press
    assert seen == [system_lock.SCREEN_LOCKED, system_lock.GOING_TO_SLEEP]
    assert reader.nativeEventFilter(b"xcb_generic_event_t", 0) == (False, 0)


@pytest.mark.system
def test_logind_and_the_screensaver_over_d_bus(qtbot: QtBot) -> None:
    """A stand-in for logind owns its name on a private bus and sends the real signals."""
    need_system(bool(os.environ.get("DBUS_SESSION_BUS_ADDRESS")), "a D-Bus session bus")
    from PySide6.QtDBus import QDBusConnection, QDBusMessage

    bus = QDBusConnection.sessionBus()
    need_system(bus.isConnected(), "a D-Bus session bus")
    logind = QDBusConnection.connectToBus(QDBusConnection.BusType.SessionBus, "test-logind")
    assert logind.registerService(system_lock.LOGIND)
    try:
        watch = SystemLockWatch(None, system_bus=bus, session_bus=bus)
        assert {"logind PrepareForSleep", "logind session Lock",
                "org.gnome.ScreenSaver ActiveChanged"} <= set(watch.listening)
        seen: list[str] = []
        watch.lock_requested.connect(seen.append)

        def send(connection: QDBusConnection, path: str, interface: str, name: str,
                 *args: object) -> None:
            signal = QDBusMessage.createSignal(path, interface, name)
            signal.setArguments(list(args))
            assert connection.send(signal)

        send(logind, system_lock.LOGIND_PATH, system_lock.LOGIND_MANAGER, "PrepareForSleep",
             False)  # waking up: nothing to lock
        send(logind, system_lock.LOGIND_PATH, system_lock.LOGIND_MANAGER, "PrepareForSleep",
             True)
        qtbot.waitUntil(lambda: seen == [system_lock.GOING_TO_SLEEP], timeout=30_000)
        send(logind, "/org/freedesktop/login1/session/_31", system_lock.LOGIND_SESSION, "Lock")
        qtbot.waitUntil(lambda: len(seen) == 2, timeout=30_000)
        send(bus, "/org/gnome/ScreenSaver", "org.gnome.ScreenSaver", "ActiveChanged", True)
        qtbot.waitUntil(lambda: len(seen) == 3, timeout=30_000)
        assert seen == [system_lock.GOING_TO_SLEEP, system_lock.SCREEN_LOCKED,
                        system_lock.SCREEN_LOCKED]
    finally:
        logind.unregisterService(system_lock.LOGIND)
        QDBusConnection.disconnectFromBus("test-logind")


def test_on_an_on_site_day_it_opens_on_today_with_the_session_to_start(
        qtbot: QtBot, window: MainWindow, made: tuple[str, int], clock: ManualClock) -> None:
    clock.current = datetime(2026, 3, 3, 9, 20, tzinfo=UTC)  # during the 09:00 meeting
    window.refresh_library()
    assert window.library_page.list.hasFocus()
    qtbot.keyClick(window.library_page.list, Qt.Key.Key_Return)  # keystroke 1
    page = page_of(window)
    assert page.tabs.tabText(page.tabs.currentIndex()) == "&Timetable"
    timetable = page.tab("Timetable")
    assert timetable.selected_id() == made[1]  # type: ignore[attr-defined]
    qtbot.waitUntil(timetable.tree.hasFocus, timeout=30_000)  # type: ignore[attr-defined]
    qtbot.keyClick(timetable.tree, Qt.Key.Key_Return)  # type: ignore[attr-defined]  # 2
    live = page.tab("In session")
    assert isinstance(live, LiveSessionTab)
    qtbot.waitUntil(live.editor.hasFocus, timeout=30_000)
    assert live.session is not None and live.session.id == made[1]


def test_away_from_the_visit_it_opens_on_the_overview(
        qtbot: QtBot, window: MainWindow, made: tuple[str, int], clock: ManualClock) -> None:
    clock.current = datetime(2026, 4, 20, 10, 0, tzinfo=UTC)
    assert window.open_notebook(made[0])
    page = page_of(window)
    assert page.tabs.tabText(page.tabs.currentIndex()) == "&Overview"
    assert page.stage_label.text().endswith("Stage: Feedback given (from the dates)")


def test_the_window_never_opens_larger_than_the_screen(
        qtbot: QtBot, window: MainWindow, made: tuple[str, int]) -> None:
    screen = window.screen()
    assert screen is not None
    room = screen.availableGeometry()
    assert window.width() <= room.width() and window.height() <= room.height()
    in_session(qtbot, window, made)
    least = window.minimumSizeHint()
    assert least.width() <= room.width() and least.height() <= room.height()
    assert window.width() <= room.width() and window.height() <= room.height()


def test_a_message_never_moves_the_page(qtbot: QtBot, window: MainWindow,
                                        made: tuple[str, int]) -> None:
    live = in_session(qtbot, window, made)
    qtbot.waitUntil(lambda: settled(live), timeout=30_000)
    before = live.editor.mapTo(window, live.editor.rect().topLeft())
    window.messages.error("A long problem to report, in plain words, that wraps perhaps.")
    QApplication.processEvents()
    assert window.messages.isVisible()
    assert live.editor.mapTo(window, live.editor.rect().topLeft()) == before
    window.messages.clear()
    QApplication.processEvents()
    assert live.editor.mapTo(window, live.editor.rect().topLeft()) == before


def settled(live: LiveSessionTab) -> bool:
    """True once a round of events moves nothing: opening the session has laid out."""
    where = live.editor.mapTo(live.window(), live.editor.rect().topLeft())
    QApplication.sendPostedEvents()
    QApplication.processEvents()
    return live.editor.mapTo(live.window(), live.editor.rect().topLeft()) == where


def test_text_size_scales_the_notes_and_the_timers(
        qtbot: QtBot, window: MainWindow, made: tuple[str, int], library: Library) -> None:
    from peerdesk.gui.widgets.text_size import apply_text_scale

    with library.open(made[0]) as notebook:
        group = SessionStore(notebook).add(SessionDetails(
            "Front-line staff", "focus_group", datetime(2026, 3, 3, 11, tzinfo=UTC)))
    assert window.open_notebook(made[0])
    page_of(window).start_session(group.id)
    live = page_of(window).tab("In session")
    assert isinstance(live, LiveSessionTab)
    notes, timer = live.editor.font().pointSizeF(), live.timers.rows[0].clock.font().pointSizeF()
    label = live.heading.font().pointSizeF()
    try:
        apply_text_scale(150)
        assert live.editor.font().pointSizeF() == pytest.approx(notes * 1.5)
        assert live.timers.rows[0].clock.font().pointSizeF() == pytest.approx(timer * 1.5)
        assert live.heading.font().pointSizeF() == pytest.approx(label * 1.5)
    finally:
        apply_text_scale(100)
    assert live.editor.font().pointSizeF() == pytest.approx(notes)
