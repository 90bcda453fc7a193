"""The clipboard and the selection: what peerdesk put there leaves when peerdesk locks.

Copying a note (Ctrl+C) or selecting text (which, on Linux and other X11 desktops, fills
the "primary selection" that a middle click pastes) hands the text to every program on
the desktop, and it stays there after the notebook is locked. The guard watches both:
each time the clipboard or the selection changes while peerdesk owns it, it remembers a
keyed fingerprint of what is there (never the text). ``clear_ours`` then empties each one
that still holds exactly what peerdesk put there; what the peer copied from another
program since is left alone. It runs on lock, before destruction, and when peerdesk quits
(Qt would otherwise hand the text to a clipboard manager, which keeps it), and, when the
peer chooses so in Settings, a number of seconds after each copy.

On Windows each copy is also marked so that clipboard history (Win+V), cloud clipboard
and clipboard monitors leave it alone: the formats ``ExcludeClipboardContentFromMonitor
Processing``, ``CanIncludeInClipboardHistory`` (0) and ``CanUploadToCloudClipboard`` (0),
set through Qt's ``application/x-qt-windows-mime;value="..."`` MIME types (see
``PRIVATE_FORMATS``). A copy made by Qt's own text widgets is marked the moment Qt tells
peerdesk it happened, which is just after Windows has announced it; copies peerdesk makes
itself (``copy_text``) are marked before they are placed.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
import sys

from PySide6.QtCore import QMimeData, QObject, QTimer
from PySide6.QtGui import QClipboard, QGuiApplication

WINDOWS_MIME = 'application/x-qt-windows-mime;value="{}"'
ZERO_DWORD = (0).to_bytes(4, "little")
PRIVATE_FORMATS = {
    # Clipboard monitors (history, sync tools) skip content carrying this format.
    WINDOWS_MIME.format("ExcludeClipboardContentFromMonitorProcessing"): ZERO_DWORD,
    # A DWORD 0: not in clipboard history (Win+V).
    WINDOWS_MIME.format("CanIncludeInClipboardHistory"): ZERO_DWORD,
    # A DWORD 0: not synced to the cloud clipboard (other devices).
    WINDOWS_MIME.format("CanUploadToCloudClipboard"): ZERO_DWORD,
}
"""The Windows clipboard formats that keep a copy private, and the data each carries."""

_MODES = (QClipboard.Mode.Clipboard, QClipboard.Mode.Selection)
_NO_OWNERSHIP = ("offscreen", "minimal", "vnc")  # platforms whose only clipboard is ours


def mark_private(mime: QMimeData) -> QMimeData:
    """Add the Windows privacy formats to ``mime`` (harmless elsewhere) and return it."""
    for name, data in PRIVATE_FORMATS.items():
        mime.setData(name, data)
    return mime


def private_text(text: str) -> QMimeData:
    """Plain text for the clipboard, marked private."""
    mime = QMimeData()
    mime.setText(text)
    return mark_private(mime)


class ClipboardGuard(QObject):
    """One per app. ``clear_after_seconds`` 0 means only on lock, destruction and quit."""

    def __init__(self, parent: QObject | None = None, clear_after_seconds: int = 0) -> None:
        super().__init__(parent)
        self.clipboard = QGuiApplication.clipboard()
        self._key = secrets.token_bytes(32)
        self._ours: dict[QClipboard.Mode, bytes] = {}
        self._marking = False
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.timeout.connect(self.clear_ours)
        self.clear_after_seconds = clear_after_seconds
        self.clipboard.changed.connect(self._changed)
        app = QGuiApplication.instance()
        if app is not None:
            app.aboutToQuit.connect(self.clear_ours)

    # -- what is there -------------------------------------------------------------------

    def _owns(self, mode: QClipboard.Mode) -> bool:
        if QGuiApplication.platformName() in _NO_OWNERSHIP:
            return True
        if mode is QClipboard.Mode.Selection:
            return self.clipboard.ownsSelection()
        return self.clipboard.ownsClipboard()

    def _fingerprint(self, mode: QClipboard.Mode) -> bytes | None:
        """A keyed digest of what ``mode`` holds (None when empty); the key never leaves."""
        mime = self.clipboard.mimeData(mode)
        if mime is None or not mime.formats():
            return None
        digest = hmac.new(self._key, digestmod=hashlib.sha256)
        for name in sorted(f for f in mime.formats() if f not in PRIVATE_FORMATS):
            digest.update(name.encode() + b"\0" + bytes(mime.data(name).data()) + b"\0")
        return digest.digest()

    def holds_ours(self, mode: QClipboard.Mode = QClipboard.Mode.Clipboard) -> bool:
        """True while ``mode`` still holds what peerdesk put there."""
        wanted = self._ours.get(mode)
        return wanted is not None and self._owns(mode) and self._fingerprint(mode) == wanted

    def _changed(self, mode: QClipboard.Mode) -> None:
        if mode not in _MODES or self._marking:
            return
        if not self._owns(mode):
            self._ours.pop(mode, None)   # another program's now: not ours to clear
            return
        if sys.platform == "win32" and mode is QClipboard.Mode.Clipboard:
            self._mark_current()
        fingerprint = self._fingerprint(mode)
        if fingerprint is None:
            self._ours.pop(mode, None)
            return
        self._ours[mode] = fingerprint
        if self.clear_after_seconds > 0:
            self.timer.start(self.clear_after_seconds * 1000)

    def _mark_current(self) -> None:  # pragma: no cover - Windows only
        mime = self.clipboard.mimeData(QClipboard.Mode.Clipboard)
        if mime is None or all(name in mime.formats() for name in PRIVATE_FORMATS):
            return
        copy = QMimeData()
        for name in mime.formats():
            copy.setData(name, mime.data(name))
        self._marking = True
        try:
            self.clipboard.setMimeData(mark_private(copy), QClipboard.Mode.Clipboard)
        finally:
            self._marking = False

    # -- peerdesk's own copies and the clearing --------------------------------------------

    def copy_text(self, text: str) -> None:
        """Put ``text`` on the clipboard, marked private; it is cleared like any other."""
        self.clipboard.setMimeData(private_text(text), QClipboard.Mode.Clipboard)

    def clear_ours(self) -> list[str]:
        """Empty the clipboard and the selection where they still hold peerdesk's text.
        Returns which were cleared ("clipboard", "selection")."""
        self.timer.stop()
        cleared = []
        for mode in _MODES:
            if mode is QClipboard.Mode.Selection and not self.clipboard.supportsSelection():
                self._ours.pop(mode, None)
                continue
            if self.holds_ours(mode):
                self.clipboard.clear(mode)
                cleared.append("clipboard" if mode is QClipboard.Mode.Clipboard
                               else "selection")
            self._ours.pop(mode, None)
        return cleared
