"""The computer's own lock and sleep, which lock the notebook too (also mid-session, where
the idle lock waits).

Where each comes from:
- every system: Qt's application state; "suspended" locks (phones and tablets, some
  Wayland desktops). "Inactive" does not: it only means another window has the keyboard.
- Linux: logind on the system bus, ``PrepareForSleep(true)`` (suspend, lid closed) and the
  session's ``Lock`` signal (``loginctl lock-session``, most desktops' screen lock); the
  screensaver's ``ActiveChanged(true)`` on the session bus (GNOME, KDE and others).
- Windows: ``WM_WTSSESSION_CHANGE`` (the session is locked or disconnected, once the
  window is registered with ``WTSRegisterSessionNotification``) and ``WM_POWERBROADCAST``
  with ``PBT_APMSUSPEND`` (going to sleep), read by a native event filter.
- macOS: Qt passes on neither the screen lock nor sleep, so nothing here sees them; the
  live session's idle wait ends an hour after its slot instead (see live_session_tab).
"""

from __future__ import annotations

import ctypes
import os
import sys
from collections.abc import Callable

from PySide6.QtCore import QAbstractNativeEventFilter, QByteArray, QObject, Qt, Signal, Slot
from PySide6.QtGui import QGuiApplication

SCREEN_LOCKED = "the computer's screen was locked"
GOING_TO_SLEEP = "the computer is going to sleep"
SUSPENDED = "the system suspended peerdesk"

LOGIND = "org.freedesktop.login1"
LOGIND_PATH = "/org/freedesktop/login1"
LOGIND_MANAGER = "org.freedesktop.login1.Manager"
LOGIND_SESSION = "org.freedesktop.login1.Session"
SCREENSAVERS = ("org.freedesktop.ScreenSaver", "org.gnome.ScreenSaver",
                "org.mate.ScreenSaver", "org.cinnamon.ScreenSaver")

WM_WTSSESSION_CHANGE = 0x02B1
WM_POWERBROADCAST = 0x0218
PBT_APMSUSPEND = 0x0004
WTS_CONSOLE_DISCONNECT = 0x2
WTS_REMOTE_DISCONNECT = 0x4
WTS_SESSION_LOCK = 0x7


class MSG(ctypes.Structure):
    """Windows' MSG, laid out as on 64-bit and 32-bit Windows."""

    _fields_ = (("hwnd", ctypes.c_void_p), ("message", ctypes.c_uint32),
                ("wParam", ctypes.c_size_t), ("lParam", ctypes.c_ssize_t),
                ("time", ctypes.c_uint32), ("pt_x", ctypes.c_int32), ("pt_y", ctypes.c_int32))


def windows_reason(message: int, w_param: int) -> str | None:
    """Why a Windows message should lock the notebook, or None when it should not."""
    if message == WM_WTSSESSION_CHANGE and w_param in (WTS_SESSION_LOCK, WTS_CONSOLE_DISCONNECT,
                                                       WTS_REMOTE_DISCONNECT):
        return SCREEN_LOCKED
    if message == WM_POWERBROADCAST and w_param == PBT_APMSUSPEND:
        return GOING_TO_SLEEP
    return None


class WindowsMessages(QAbstractNativeEventFilter):
    """Reads each Windows message Qt receives; never takes one away from Qt."""

    def __init__(self, report: Callable[[str], None]) -> None:
        super().__init__()
        self.report = report

    def nativeEventFilter(self, event_type: QByteArray | bytes | bytearray | memoryview,
                          message: object) -> tuple[bool, int]:
        kind = event_type.data() if isinstance(event_type, QByteArray) else bytes(event_type)
        if kind in (b"windows_generic_MSG", b"windows_dispatcher_MSG") and message:
            msg = MSG.from_address(int(message))  # type: ignore[call-overload]
            reason = windows_reason(int(msg.message), int(msg.wParam))
            if reason is not None:
                self.report(reason)
        return False, 0


class SystemLockWatch(QObject):
    """Emits ``lock_requested(reason)`` when the computer locks its screen or sleeps.

    ``system_bus`` and ``session_bus`` are QtDBus connections (tests pass a private bus).
    """

    lock_requested = Signal(str)

    def __init__(self, parent: QObject | None = None, system_bus: object | None = None,
                 session_bus: object | None = None) -> None:
        super().__init__(parent)
        self.listening: list[str] = []
        self._windows: WindowsMessages | None = None
        app = QGuiApplication.instance()
        if isinstance(app, QGuiApplication):
            app.applicationStateChanged.connect(self._state_changed)
            self.listening.append("application state")
        if sys.platform.startswith("linux") or system_bus is not None:
            self._watch_dbus(system_bus, session_bus)

    # -- Qt -------------------------------------------------------------------------

    def _state_changed(self, state: Qt.ApplicationState) -> None:
        if state == Qt.ApplicationState.ApplicationSuspended:
            self.lock_requested.emit(SUSPENDED)

    # -- Linux: logind and the screensaver over D-Bus -----------------------------------

    def _watch_dbus(self, system_bus: object | None, session_bus: object | None) -> None:
        try:
            from PySide6.QtDBus import QDBusConnection
        except ImportError:  # a build of Qt without D-Bus: the idle lock still works
            return

        system = system_bus if system_bus is not None else QDBusConnection.systemBus()
        session = session_bus if session_bus is not None else QDBusConnection.sessionBus()
        assert isinstance(system, QDBusConnection) and isinstance(session, QDBusConnection)
        if system.isConnected():
            if self._connect(system, LOGIND, LOGIND_PATH, LOGIND_MANAGER, "PrepareForSleep",
                             "_sleeping(bool)"):
                self.listening.append("logind PrepareForSleep")
            if self._connect(system, LOGIND, self._session_path(system), LOGIND_SESSION, "Lock",
                             "_session_locked()"):
                self.listening.append("logind session Lock")
        if session.isConnected():
            for interface in SCREENSAVERS:
                if self._connect(session, "", "", interface, "ActiveChanged",
                                 "_screensaver(bool)"):
                    self.listening.append(f"{interface} ActiveChanged")

    def _connect(self, bus: object, service: str, path: str, interface: str, name: str,
                 slot: str) -> bool:
        """A D-Bus signal to one of our slots (an empty service or path matches any)."""
        from PySide6.QtCore import SLOT

        # PySide6 takes the slot as the text SLOT() makes, whatever its stubs say.
        return bool(bus.connect(service, path, interface, name, self,  # type: ignore[attr-defined]
                                SLOT(slot)))

    @staticmethod
    def _session_path(bus: object) -> str:
        """Our login session's object path (any session's, when logind cannot say)."""
        from PySide6.QtDBus import QDBusConnection, QDBusMessage

        assert isinstance(bus, QDBusConnection)
        ask = QDBusMessage.createMethodCall(LOGIND, LOGIND_PATH, LOGIND_MANAGER,
                                            "GetSessionByPID")
        ask.setArguments([os.getpid()])
        reply = bus.call(ask, timeout=1000)
        if reply.type() == QDBusMessage.MessageType.ReplyMessage and reply.arguments():
            path = reply.arguments()[0]
            text = path.path() if hasattr(path, "path") else str(path)
            if text.startswith("/"):
                return text
        return ""

    @Slot(bool)
    def _sleeping(self, starting: bool) -> None:
        if starting:
            self.lock_requested.emit(GOING_TO_SLEEP)

    @Slot()
    def _session_locked(self) -> None:
        self.lock_requested.emit(SCREEN_LOCKED)

    @Slot(bool)
    def _screensaver(self, active: bool) -> None:
        if active:
            self.lock_requested.emit(SCREEN_LOCKED)

    # -- Windows ----------------------------------------------------------------------

    def watch_windows(self, window_id: int) -> None:
        """Read Windows' session and power messages for the window ``window_id``."""
        if sys.platform != "win32" or self._windows is not None:
            return
        app = QGuiApplication.instance()
        if app is None:
            return
        self._windows = WindowsMessages(self.lock_requested.emit)
        app.installNativeEventFilter(self._windows)
        try:
            wtsapi32 = ctypes.windll.wtsapi32
            if wtsapi32.WTSRegisterSessionNotification(ctypes.c_void_p(window_id), 0):
                self.listening.append("Windows session changes")
        except (AttributeError, OSError):
            pass
        self.listening.append("Windows power messages")
