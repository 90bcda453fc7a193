"""The dialogs and the window keep confidential text where it belongs: passphrases can be
shown and hidden, are judged by zxcvbn, and leave memory with the dialog; the clipboard is
emptied on lock; the settings for the clipboard and screen capture are there."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QLineEdit
from pytestqt.qtbot import QtBot

from peerdesk.gui.shell.dialogs import (
    ChangePassphraseDialog,
    NewEngagementDialog,
    SettingsDialog,
    UnlockDialog,
    forget,
)
from peerdesk.gui.shell.main_window import MainWindow
from peerdesk.vault.clock import ManualClock
from peerdesk.vault.library import Library
from peerdesk.vault.paths import AppPaths
from peerdesk.vault.settings import Settings
from tests.conftest import PASSPHRASE, sample_details
from tests.gui.helpers import page_of, shown_window

HIDDEN = QLineEdit.EchoMode.Password
SHOWN = QLineEdit.EchoMode.Normal


def test_every_passphrase_field_can_be_shown_and_hidden(qtbot: QtBot) -> None:
    new, unlock, change = NewEngagementDialog(), UnlockDialog("Type it"), \
        ChangePassphraseDialog()
    for dialog, fields in ((new, (new.ui.passphraseEdit, new.ui.confirmEdit)),
                           (unlock, (unlock.ui.passphraseEdit,)),
                           (change, (change.ui.currentEdit, change.ui.newEdit,
                                     change.ui.confirmEdit))):
        qtbot.addWidget(dialog)
        box = dialog.show_box
        assert box.accessibleName().startswith("Show the passphrase")
        assert all(field.echoMode() == HIDDEN for field in fields)
        box.setFocus()
        qtbot.keyClick(box, Qt.Key.Key_Space)
        assert all(field.echoMode() == SHOWN for field in fields)
        qtbot.keyClick(box, Qt.Key.Key_Space)
        assert all(field.echoMode() == HIDDEN for field in fields)


def test_a_long_but_common_passphrase_is_refused_with_the_reason(qtbot: QtBot) -> None:
    dialog = NewEngagementDialog()
    qtbot.addWidget(dialog)
    qtbot.keyClicks(dialog.ui.titleEdit, "Eskdale peer challenge")
    qtbot.keyClicks(dialog.ui.passphraseEdit, "password123")
    qtbot.keyClicks(dialog.ui.confirmEdit, "password123")
    assert "Very weak" in dialog.ui.strengthLabel.text()
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    assert "a password many people use" in dialog.ui.errorLabel.text()
    assert dialog.result() == 0
    forget(dialog)
    assert dialog.ui.passphraseEdit.text() == "" and dialog.ui.titleEdit.text() == ""


def test_the_settings_offer_the_clipboard_delay_and_screen_capture(qtbot: QtBot) -> None:
    settings = Settings()
    dialog = SettingsDialog(settings, "memory")
    qtbot.addWidget(dialog)
    assert settings.exclude_from_capture and dialog.capture_box.isChecked()
    assert dialog.clipboard_combo.currentText() == "on lock and when peerdesk closes"
    dialog.clipboard_combo.setCurrentIndex(dialog.clipboard_combo.findData(30))
    assert dialog.clipboard_combo.currentText() == "30 seconds after a copy, and on lock"
    dialog.capture_box.setChecked(False)
    dialog.apply_to(settings)
    assert settings.clipboard_clear_seconds == 30 and not settings.exclude_from_capture


def test_copied_notes_leave_the_clipboard_on_lock(qtbot: QtBot, paths: AppPaths,
                                                  clock: ManualClock,
                                                  library: Library) -> None:
    with library.create(sample_details(), PASSPHRASE) as notebook:
        notebook_id = notebook.id
    window: MainWindow = shown_window(qtbot, paths, clock, library)
    assert window.open_notebook(notebook_id)
    notes = page_of(window).show_tab("Documents").notes  # type: ignore[attr-defined]
    notes.setPlainText("What the chief executive said")
    notes.selectAll()
    notes.copy()
    clipboard = QGuiApplication.clipboard()
    qtbot.waitUntil(lambda: window.clipboard_guard.holds_ours(), timeout=30_000)
    assert clipboard.text() == "What the chief executive said"
    window.lock()
    assert clipboard.text() == ""
