"""The clipboard: what peerdesk copied is emptied on lock and after the chosen delay; what
the peer copied elsewhere is left alone; copies are marked private for Windows."""

from __future__ import annotations

from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QLineEdit
from pytestqt.qtbot import QtBot

from peerdesk.gui.widgets.clipboard_guard import (
    PRIVATE_FORMATS,
    ClipboardGuard,
    mark_private,
    private_text,
)


def test_a_copy_is_marked_for_windows_to_keep_it_out_of_history_and_the_cloud(
        qtbot: QtBot) -> None:
    mime = private_text("Notes from the meeting")
    assert mime.text() == "Notes from the meeting"
    names = set(mime.formats())
    assert {
        'application/x-qt-windows-mime;value="ExcludeClipboardContentFromMonitorProcessing"',
        'application/x-qt-windows-mime;value="CanIncludeInClipboardHistory"',
        'application/x-qt-windows-mime;value="CanUploadToCloudClipboard"',
    } <= names
    for name in PRIVATE_FORMATS:
        assert bytes(mime.data(name).data()) == b"\0\0\0\0"   # a DWORD 0
    assert mark_private(mime) is mime


def test_what_peerdesk_copied_is_emptied_on_request_and_nothing_else(qtbot: QtBot) -> None:
    clipboard = QGuiApplication.clipboard()
    guard = ClipboardGuard()
    field = QLineEdit()
    qtbot.addWidget(field)
    field.setText("A confidential note")
    field.selectAll()
    field.copy()
    qtbot.waitUntil(lambda: guard.holds_ours(), timeout=30_000)
    assert clipboard.text() == "A confidential note"
    assert guard.clear_ours() == ["clipboard"]
    assert clipboard.text() == ""
    assert guard.clear_ours() == []   # nothing of peerdesk's there any more

    guard.copy_text("The summary, as text")
    qtbot.waitUntil(lambda: guard.holds_ours(), timeout=30_000)
    guard._ours.clear()   # as if the peer had since copied something in another program
    assert guard.clear_ours() == []
    assert clipboard.text() == "The summary, as text"
    clipboard.clear()


def test_after_the_chosen_delay_the_copy_goes_by_itself(qtbot: QtBot) -> None:
    clipboard = QGuiApplication.clipboard()
    guard = ClipboardGuard(clear_after_seconds=1)
    guard.copy_text("Gone in a moment")
    qtbot.waitUntil(lambda: guard.timer.isActive(), timeout=30_000)
    qtbot.waitUntil(lambda: clipboard.text() == "", timeout=30_000)
