"""New engagement takes dates typed as dd/mm/yyyy; the stage can be set by hand on the
Overview and is kept until the peer follows the dates again."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QDate, Qt
from pytestqt.qtbot import QtBot

from peerdesk.gui.shell.dialogs import NewEngagementDialog
from peerdesk.gui.shell.main_window import MainWindow
from peerdesk.gui.shell.overview_tab import OverviewTab
from peerdesk.vault.domain import Stage
from peerdesk.vault.library import Library
from tests.conftest import PASSPHRASE, sample_details
from tests.gui.helpers import page_of
from tests.gui.shell.test_main_window import window

__all__ = ["window"]


def test_new_engagement_takes_typed_dates(qtbot: QtBot) -> None:
    dialog = NewEngagementDialog()
    qtbot.addWidget(dialog)
    ui = dialog.ui
    qtbot.keyClicks(ui.titleEdit, "Eskdale peer challenge")
    ui.onsiteStartEdit.setFocus()
    qtbot.keyClicks(ui.onsiteStartEdit.edit, "03/03/2026")
    qtbot.keyClicks(ui.onsiteEndEdit.edit, "6/3/26")
    assert ui.onsiteStartEdit.edit.text() == "03/03/2026"  # never "Not set122026"
    details = dialog.details()
    assert (details.onsite_start, details.onsite_end) == (date(2026, 3, 3), date(2026, 3, 6))
    ui.onsiteEndEdit.open_calendar()  # opens on the visit's month, not January 2000
    assert ui.onsiteEndEdit.calendar is not None
    assert ui.onsiteEndEdit.calendar.selectedDate() == QDate(2026, 3, 6)
    ui.onsiteEndEdit.calendar.close()
    ui.onsiteEndEdit.edit.clear()
    ui.onsiteEndEdit.open_calendar()
    assert ui.onsiteEndEdit.calendar.selectedDate() == QDate(2026, 3, 3)  # the first day's
    ui.onsiteEndEdit.calendar.close()
    qtbot.keyClicks(ui.onsiteEndEdit.edit, "31/02/2026")
    assert any("last on-site day" in p and "not a real date" in p for p in dialog.problems())
    ui.onsiteEndEdit.edit.clear()
    assert dialog.details().onsite_end is None  # empty is "not set"


def test_editing_details_shows_the_dates_as_typed(qtbot: QtBot) -> None:
    dialog = NewEngagementDialog(details=sample_details())
    qtbot.addWidget(dialog)
    assert dialog.ui.onsiteStartEdit.edit.text() == "03/03/2026"
    assert dialog.ui.onsiteEndEdit.edit.text() == "06/03/2026"


def test_the_stage_can_be_set_by_hand_and_back_to_the_dates(
        qtbot: QtBot, window: MainWindow, library: Library) -> None:
    with library.create(sample_details(), PASSPHRASE) as notebook:
        notebook_id = notebook.id
    assert window.open_notebook(notebook_id)
    page = page_of(window)
    overview = page.show_tab("Overview")
    assert isinstance(overview, OverviewTab)
    choice = overview.stage_choice
    assert choice.currentText() == "On site (from the dates)"
    assert page.stage_label.text().endswith("Stage: On site (from the dates)")
    index = choice.findData(Stage.FEEDBACK_GIVEN.value)
    choice.setCurrentIndex(index)
    choice.activated.emit(index)
    assert page.stage_label.text().endswith("Stage: Feedback given (set by hand)")
    window.lock()
    with library.open(notebook_id, PASSPHRASE) as notebook:
        assert notebook.engagement().stage is Stage.FEEDBACK_GIVEN
    window.unlock_page.ui.passphraseEdit.setText(PASSPHRASE)
    qtbot.keyClick(window.unlock_page.ui.passphraseEdit, Qt.Key.Key_Return)
    overview = page_of(window).show_tab("Overview")
    assert isinstance(overview, OverviewTab)
    assert overview.stage_choice.currentText() == "Feedback given (set by hand)"
    overview.stage_choice.setCurrentIndex(0)
    overview.stage_choice.activated.emit(0)
    assert page_of(window).stage_label.text().endswith("Stage: On site (from the dates)")
