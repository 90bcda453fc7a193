"""Keeping the window out of screenshots, screen sharing and recordings.

Windows (10 version 2004 and later) lets an app ask that a window be left out of every
capture: ``SetWindowDisplayAffinity(hwnd, WDA_EXCLUDEFROMCAPTURE)``. A screenshot, a
screen-sharing call, a recording, and Recall then show the window as empty. peerdesk asks
it while an engagement is open (Settings: on by default) and stops asking on lock.

Other platforms have nothing to ask:
- macOS: ``NSWindow.sharingType = .none`` was honoured up to macOS 14; from macOS 15 the
  system's capture (ScreenCaptureKit) ignores it, so peerdesk does not rely on it.
- Linux: neither X11 nor Wayland has such a request: under X11 any program of the session
  can read the screen, and under Wayland the compositor decides, asking the person.
"""

from __future__ import annotations

import sys
from collections.abc import Callable

from PySide6.QtWidgets import QWidget

WDA_NONE = 0x00
WDA_EXCLUDEFROMCAPTURE = 0x11

SetAffinity = Callable[[int, int], int]


def _windows_set_affinity() -> SetAffinity | None:  # pragma: no cover - Windows only
    import ctypes

    user32 = ctypes.WinDLL("user32")  # type: ignore[attr-defined]
    function = user32.SetWindowDisplayAffinity
    function.argtypes = (ctypes.c_void_p, ctypes.c_uint32)
    function.restype = ctypes.c_int
    return lambda hwnd, affinity: int(function(ctypes.c_void_p(hwnd), affinity))


def supported(platform: str = sys.platform) -> bool:
    return platform == "win32"


def exclude_from_capture(window: QWidget, on: bool, platform: str = sys.platform,
                         set_affinity: SetAffinity | None = None) -> bool:
    """Ask (or stop asking) that ``window`` be left out of screen captures. True when the
    system accepted; False where the platform has no such request or it refused."""
    if not supported(platform):
        return False
    call = set_affinity or _windows_set_affinity()
    if call is None:
        return False
    hwnd = int(window.winId())   # makes the native window if it was not made yet
    return bool(call(hwnd, WDA_EXCLUDEFROMCAPTURE if on else WDA_NONE))
