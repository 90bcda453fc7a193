"""The foundation as a peer uses it: create, open, unlock, lock, idle lock, passphrase."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import timedelta

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QLineEdit
from pytestqt.qtbot import QtBot

from peerdesk.gui.shell.dialogs import ChangePassphraseDialog, NewEngagementDialog
from peerdesk.gui.shell.main_window import MainWindow
from peerdesk.gui.shell.overview_tab import OverviewTab
from peerdesk.vault.clock import ManualClock
from peerdesk.vault.library import Library
from peerdesk.vault.paths import AppPaths
from peerdesk.vault.settings import Settings
from tests.conftest import PASSPHRASE, MemoryKeyring, sample_details
from tests.gui.helpers import close_engagement, on_next_dialog, shown_window, visible_texts

TITLE = "Northvale health and care partnership"


@pytest.fixture
def window(qtbot: QtBot, paths: AppPaths, library: Library,
           clock: ManualClock) -> Iterator[MainWindow]:
    win = shown_window(qtbot, paths, clock, library)
    yield win
    close_engagement(win)


@pytest.fixture
def made(library: Library) -> str:
    with library.create(sample_details(), PASSPHRASE) as notebook:
        return notebook.id


def test_create_an_engagement_through_the_dialog(
        qtbot: QtBot, window: MainWindow, memory_keyring: MemoryKeyring) -> None:
    def fill(dialog: NewEngagementDialog) -> None:
        ui = dialog.ui
        qtbot.keyClicks(ui.titleEdit, "Eskdale peer challenge")
        qtbot.keyClicks(ui.clientEdit, "Eskdale ICS")
        qtbot.keyClicks(ui.myNameEdit, "Alex Morgan")
        qtbot.keyClicks(ui.myInitialsEdit, "am")
        qtbot.keyClicks(ui.managerEmailEdit, "manager@example.org")
        qtbot.mouseClick(ui.addPeerButton, Qt.MouseButton.LeftButton)
        editors = ui.teamTable.viewport().findChildren(QLineEdit)
        assert editors, "adding a peer opens the name for typing"
        editor = editors[0]
        qtbot.keyClicks(editor, "Jordan Lee")
        qtbot.keyClick(editor, Qt.Key.Key_Return)
        qtbot.waitUntil(lambda: dialog.team() != [])
        qtbot.keyClicks(ui.passphraseEdit, "short")
        assert "Too short" in ui.strengthLabel.text()
        qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
        assert "at least 10 characters" in ui.errorLabel.text()  # refused, still open
        ui.passphraseEdit.clear()
        qtbot.keyClicks(ui.passphraseEdit, PASSPHRASE)
        qtbot.keyClicks(ui.confirmEdit, PASSPHRASE)
        assert "Strong" in ui.strengthLabel.text()
        qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)

    seen = on_next_dialog(fill)
    window.new_action.trigger()
    assert seen == ["New engagement"]
    assert window.page is not None and window.notebook is not None
    assert window.page.heading.text() == "Eskdale peer challenge"
    engagement = window.notebook.engagement()
    assert engagement.my_initials == "AM"
    assert [m.name for m in engagement.team] == ["Jordan Lee"]
    assert ("peerdesk", f"notebook-{window.notebook.id}") in memory_keyring.items
    assert "Eskdale" not in window.windowTitle()


def test_open_from_the_list_with_enter_needs_no_passphrase(
        qtbot: QtBot, window: MainWindow, made: str) -> None:
    window.refresh_library()
    listing = window.library_page.list
    assert listing.item(0).text().startswith(TITLE)
    listing.setFocus()
    qtbot.keyClick(listing, Qt.Key.Key_Return)
    assert window.notebook is not None and window.notebook.id == made
    assert TITLE in visible_texts(window.page)


def test_passphrase_opens_when_the_store_lost_the_key(
        qtbot: QtBot, window: MainWindow, made: str, memory_keyring: MemoryKeyring) -> None:
    memory_keyring.items.clear()
    assert not window.open_notebook(made)  # not yet: the passphrase is asked in the window
    page = window.unlock_page
    assert window.stack.currentWidget() is page
    assert not [w for w in QApplication.topLevelWidgets() if w.isVisible() and w is not window]
    assert "not in the computer's credential store" in page.ui.promptLabel.text()
    assert TITLE not in visible_texts(window)
    qtbot.keyClicks(page.ui.passphraseEdit, "a wrong passphrase")
    qtbot.keyClick(page.ui.passphraseEdit, Qt.Key.Key_Return)
    assert "not the one for this notebook" in page.ui.errorLabel.text()
    assert page.ui.passphraseEdit.selectedText() == "a wrong passphrase"
    qtbot.keyClicks(page.ui.passphraseEdit, PASSPHRASE)  # replaces the selection
    qtbot.keyClick(page.ui.passphraseEdit, Qt.Key.Key_Return)
    assert window.notebook is not None
    assert page.passphrase() == ""  # the field forgets what was typed
    assert "back in this computer's credential store" in window.messages.text()
    assert ("peerdesk", f"notebook-{made}") in memory_keyring.items


def test_lock_with_ctrl_l_closes_clears_and_hides_the_title(
        qtbot: QtBot, window: MainWindow, made: str) -> None:
    window.open_notebook(made)
    notebook = window.notebook
    assert notebook is not None and window.lock_action.isEnabled()
    window.activateWindow()
    qtbot.keyClick(window, Qt.Key.Key_L, Qt.KeyboardModifier.ControlModifier)
    assert notebook.closed
    assert window.notebook is None and window.page is None
    assert window.stack.currentWidget() is window.unlock_page  # where the engagement was
    assert window.unlock_page.ui.passphraseEdit.hasFocus()
    assert window.windowTitle() == "peerdesk"
    assert TITLE not in visible_texts(window)
    assert "Locked engagement" in window.unlock_page.ui.promptLabel.text()
    qtbot.keyClick(window.unlock_page.ui.passphraseEdit, Qt.Key.Key_Escape)
    assert window.stack.currentWidget() is window.library_page
    assert "Locked engagement" in window.library_page.list.item(0).text()


def test_locking_takes_the_engagements_messages_away_with_it(
        qtbot: QtBot, window: MainWindow, made: str, library: Library,
        clock: ManualClock) -> None:
    """A destruction reminder shown on opening, and its Destroy now button, belong to the
    engagement: after a lock neither is left on screen."""
    from peerdesk.destruction import retention

    with library.open(made) as notebook:
        retention.record_signoff(notebook, clock.now().date() - timedelta(days=40))
    window.open_notebook(made)
    assert window.messages.isVisibleTo(window)
    assert "due" in window.messages.text()
    assert window.messages.action_button.isVisibleTo(window)
    window.lock_action.trigger()
    assert not window.messages.isVisibleTo(window)
    assert not window.messages.action_button.isVisibleTo(window)
    assert window.messages.text() == ""


def test_reopening_after_a_lock_asks_for_the_passphrase(
        qtbot: QtBot, window: MainWindow, made: str) -> None:
    window.open_notebook(made)
    window.lock_action.trigger()
    window.show_library()
    assert not window.open_notebook(made)  # the key is in the store, but a lock asks anyway
    assert window.stack.currentWidget() is window.unlock_page
    qtbot.keyClicks(window.unlock_page.ui.passphraseEdit, PASSPHRASE)
    qtbot.keyClick(window.unlock_page.ui.passphraseEdit, Qt.Key.Key_Return)
    assert window.notebook is not None and window.notebook.id == made


def test_idle_lock_after_the_chosen_time(
        qtbot: QtBot, window: MainWindow, made: str, clock: ManualClock) -> None:
    assert window.idle.minutes == 10
    window.open_notebook(made)
    clock.advance(9 * 60)
    qtbot.keyClick(window.page, Qt.Key.Key_Shift)  # activity postpones the lock
    clock.advance(9 * 60)
    window.check_idle()
    assert window.notebook is not None
    clock.advance(61)
    window.check_idle()
    assert window.notebook is None
    assert "after 10 minutes without use" in window.messages.text()
    assert window.windowTitle() == "peerdesk"


def test_input_is_watched_only_while_a_notebook_is_open(
        qtbot: QtBot, window: MainWindow, made: str, clock: ManualClock) -> None:
    window.open_notebook(made)
    clock.advance(60)
    qtbot.keyClick(window.library_page, Qt.Key.Key_Shift)
    assert window.idle.remaining(clock.monotonic()) == window.idle.minutes * 60
    window.lock()
    clock.advance(60)
    qtbot.keyClick(window.library_page, Qt.Key.Key_Shift)
    assert window.idle.remaining(clock.monotonic()) == window.idle.minutes * 60 - 60


def test_idle_time_is_a_setting(qtbot: QtBot, window: MainWindow, paths: AppPaths) -> None:
    def choose(dialog: object) -> None:
        ui = dialog.ui  # type: ignore[attr-defined]
        ui.idleCombo.setCurrentIndex(ui.idleCombo.findData(2))
        ui.buttons.accepted.emit()

    on_next_dialog(choose)
    window.settings_action.trigger()
    assert window.idle.minutes == 2
    assert Settings.load(paths).idle_lock_minutes == 2


def test_change_passphrase_from_the_overview(
        qtbot: QtBot, window: MainWindow, made: str, library: Library) -> None:
    window.open_notebook(made)
    overview = window.page.tab("Overview")
    assert isinstance(overview, OverviewTab)

    def change(dialog: ChangePassphraseDialog) -> None:
        ui = dialog.ui
        qtbot.keyClicks(ui.currentEdit, PASSPHRASE)
        qtbot.keyClicks(ui.newEdit, "lantern meadow copper fox")
        qtbot.keyClicks(ui.confirmEdit, "lantern meadow copper fox")
        ui.buttons.accepted.emit()

    on_next_dialog(change)
    qtbot.mouseClick(overview.passphrase_button, Qt.MouseButton.LeftButton)
    assert "passphrase is changed" in window.messages.text()
    window.lock_action.trigger()
    library.open(made, "lantern meadow copper fox").close()


def test_a_notebook_open_elsewhere_is_refused_in_the_bar(
        window: MainWindow, made: str, library: Library) -> None:
    with library.open(made):
        assert not window.open_notebook(made)
    assert "already open in another peerdesk window" in window.messages.text()
    assert window.messages.kind == "error"


def test_check_the_notebook_button(qtbot: QtBot, window: MainWindow, made: str) -> None:
    window.open_notebook(made)
    overview = window.page.tab("Overview")
    qtbot.mouseClick(overview.check_button, Qt.MouseButton.LeftButton)  # type: ignore[attr-defined]
    assert overview.check_result.text().startswith("Passed")  # type: ignore[attr-defined]


def test_locking_closes_a_dialog_left_open_over_the_engagement(
        qtbot: QtBot, window: MainWindow, made: str) -> None:
    window.open_notebook(made)
    overview = window.page.tab("Overview")
    seen = on_next_dialog(lambda dialog: window.lock())  # e.g. the idle lock fires
    qtbot.mouseClick(overview.edit_button, Qt.MouseButton.LeftButton)  # type: ignore[attr-defined]
    assert seen == ["Engagement details"]
    assert window.notebook is None
    assert not [w for w in QApplication.topLevelWidgets()
                if w.isVisible() and w is not window]


def test_ctrl_f_goes_to_the_search_from_any_tab(
        qtbot: QtBot, window: MainWindow, made: str) -> None:
    window.open_notebook(made)
    window.activateWindow()
    qtbot.keyClick(window, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    search = window.page.tab("Search")
    qtbot.waitUntil(lambda: search.field.hasFocus())  # type: ignore[attr-defined]
    assert window.page.tabs.tabText(window.page.tabs.currentIndex()) == "&Search"


def test_without_a_credential_store_the_list_says_so_plainly(
        window: MainWindow, made: str) -> None:
    import keyring
    import keyring.backends.null

    keyring.set_keyring(keyring.backends.null.Keyring())
    window.library.keystore._backend = None
    window.refresh_library()
    item = window.library_page.list.item(0).text()
    assert item.splitlines() == ["Locked engagement, made 03/03/2026",
                                 "Locked: opens with its passphrase"]
    assert "credential store cannot be used" in window.library_page.hint.text()


def test_every_tab_is_named_as_its_screen_says_and_loads_on_demand() -> None:
    from peerdesk.gui.shell.engagement_page import LazyTab, tab_factories

    for factory in tab_factories():
        if isinstance(factory, LazyTab):
            assert factory.load().tab_title == factory.tab_title  # type: ignore[attr-defined]
