"""Importing a timetable through the dialog: choose the file, read the preview, map a
column, import all of it, or see the problem and import nothing."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QComboBox, QDialog, QLabel
from pytestqt.qtbot import QtBot

from peerdesk.capture.sessions import SessionStore
from peerdesk.gui.capture.timetable.import_dialog import TimetableImportDialog
from peerdesk.gui.capture.timetable.tab import TimetableTab
from peerdesk.gui.shell.main_window import MainWindow
from peerdesk.gui.widgets.file_choice import pick_in_dialog
from peerdesk.vault.library import Library
from tests.gui.engagement_window import notebook_id, page_of, window
from tests.gui.helpers import on_next_dialog
from tests.locations import TIMETABLES

__all__ = ["notebook_id", "window"]  # fixtures used below
FIXTURES = TIMETABLES


def open_dialog(qtbot: QtBot, window: MainWindow) -> TimetableImportDialog:
    assert window.notebook is not None
    dialog = TimetableImportDialog(window.notebook, window)
    qtbot.addWidget(dialog)
    dialog.show()
    return dialog


def choose(qtbot: QtBot, dialog: TimetableImportDialog, name: str) -> None:
    """Press "Choose file…", pick the file in the file dialog, wait for the preview."""
    seen = on_next_dialog(lambda file_dialog: pick_in_dialog(file_dialog, FIXTURES / name))
    qtbot.mouseClick(dialog.choose_button, Qt.MouseButton.LeftButton)
    assert seen == ["Choose a timetable file"]
    qtbot.waitUntil(lambda: dialog.preview is not None and dialog.choose_button.isEnabled())
    assert dialog.file_label.text() == name


def preview_rows(dialog: TimetableImportDialog) -> list[list[str]]:
    table = dialog.table
    cells = [[table.item(r, c) for c in range(table.columnCount())]
             for r in range(table.rowCount())]
    return [[item.text() if item is not None else "" for item in row] for row in cells]


def problems_shown(dialog: TimetableImportDialog) -> list[str]:
    return [dialog.problems.item(r).text() for r in range(dialog.problems.count())]


def test_a_csv_saved_from_excel_is_previewed_then_imported(
        qtbot: QtBot, window: MainWindow, library: Library, notebook_id: str) -> None:
    dialog = open_dialog(qtbot, window)
    choose(qtbot, dialog, "utf8_bom_comma.csv")
    rows = preview_rows(dialog)
    assert len(rows) == 5
    assert rows[0][:6] == ["Line 2", "Mon 02/03/2026", "19:00–21:00", "Peer team dinner",
                           "Peer team session", "Café Rouge"]
    assert rows[1][3] == "Chief executive, Northvale Council"
    assert rows[1][6] == "Chief executive; Director of finance"
    assert problems_shown(dialog) == []
    assert dialog.import_button.isEnabled()
    assert dialog.import_button.text().replace("&", "") == "Import 5 sessions"

    qtbot.mouseClick(dialog.import_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.result() == QDialog.DialogCode.Accepted)
    assert len(dialog.imported) == 5
    window.lock()
    with library.open(notebook_id) as notebook:
        store = SessionStore(notebook)
        sessions = store.list_all()
        chief = next(s for s in sessions if s.title.startswith("Chief executive"))
        people = [p.role for p in store.participants(chief.id)]
    assert [s.title for s in sessions][:2] == ["Peer team dinner",
                                               "Chief executive, Northvale Council"]
    assert chief.place == "Room 1" and chief.kind == "meeting"
    assert people == ["Chief executive", "Director of finance"]


def test_an_outlook_calendar_is_imported_from_the_timetable_tab(
        qtbot: QtBot, window: MainWindow) -> None:
    tab = page_of(window).show_tab("Timetable")
    assert isinstance(tab, TimetableTab)
    notices: list[str] = []

    def run(dialog: TimetableImportDialog) -> None:
        try:
            choose(qtbot, dialog, "outlook_gmt.ics")
            assert not dialog.columns_box.isVisible()  # a calendar has no columns to map
            assert len(preview_rows(dialog)) == 6
            notices.append(dialog.status_label.text())
            qtbot.keyClick(dialog.import_button, Qt.Key.Key_Return)
        finally:
            if dialog.isVisible() and dialog.result() != QDialog.DialogCode.Accepted:
                qtbot.waitUntil(lambda: not dialog.isVisible(), timeout=30_000)

    seen = on_next_dialog(run)
    qtbot.mouseClick(tab.import_button, Qt.MouseButton.LeftButton)
    assert seen == ["Import a timetable"]
    assert "Ready: 6 sessions would be added" in notices[0]
    assert "cancelled and was left out" in notices[0]
    stored = SessionStore(window.notebook).list_all()  # type: ignore[arg-type]
    assert len(stored) == 6
    assert "6 sessions added to the timetable." in window.messages.text()
    assert tab.selected_id() in {s.id for s in stored}


def test_a_bad_date_names_the_line_and_nothing_is_imported(
        qtbot: QtBot, window: MainWindow) -> None:
    dialog = open_dialog(qtbot, window)
    choose(qtbot, dialog, "bad_date.csv")
    assert problems_shown(dialog) == [
        "Line 4: the date '31/02/2026' is not a real date (dates are read day first, "
        "like 03/03/2026)"]
    assert not dialog.import_button.isEnabled()
    assert "Nothing can be imported" in dialog.status_label.text()
    qtbot.keyClick(dialog, Qt.Key.Key_Return)  # Enter does not import either
    dialog.reject()
    assert SessionStore(window.notebook).list_all() == []  # type: ignore[arg-type]


def test_a_bad_calendar_event_is_named(qtbot: QtBot, window: MainWindow) -> None:
    dialog = open_dialog(qtbot, window)
    choose(qtbot, dialog, "bad_date.ics")
    [problem] = problems_shown(dialog)
    assert problem.startswith("Event 'Meeting on a muddled date'")
    assert not dialog.import_button.isEnabled()
    dialog.reject()
    assert SessionStore(window.notebook).list_all() == []  # type: ignore[arg-type]


def test_an_unrecognised_column_is_mapped_by_hand(qtbot: QtBot, window: MainWindow) -> None:
    dialog = open_dialog(qtbot, window)
    choose(qtbot, dialog, "custom_columns.csv")
    [problem] = problems_shown(dialog)
    assert problem.startswith("Line 1 (the column headings): no column for the title")
    assert not dialog.import_button.isEnabled()
    combos = {c.accessibleName(): c for c in dialog.columns_box.findChildren(QComboBox)}
    assert combos["Column 'Day' holds"].currentText() == "Date"
    assert combos["Column 'Slot' holds"].currentText() == "Time (start - end)"
    what = combos["Column 'What' holds"]
    assert what.currentText() == "Not used"

    what.setFocus()
    while what.currentText() != "Title":  # Down steps through the choices, as a person would
        qtbot.keyClick(what, Qt.Key.Key_Down)
    qtbot.waitUntil(lambda: not dialog.busy and dialog.preview is not None
                    and dialog.preview.mapping.get("What") == "title")
    assert dialog.columns_box.findChildren(QComboBox)[2] is what  # still there, still focused
    assert what.currentText() == "Title"
    labels = [w.text() for w in dialog.columns_box.findChildren(QLabel)]
    assert "“What” (chosen):" in labels
    assert problems_shown(dialog) == []
    assert preview_rows(dialog)[0][1:4] == ["Tue 03/03/2026", "08:30–09:00",
                                            "Welcome from the chief executive"]
    assert dialog.import_button.isEnabled()
    qtbot.mouseClick(dialog.import_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.result() == QDialog.DialogCode.Accepted)
    [session] = SessionStore(window.notebook).list_all()  # type: ignore[arg-type]
    assert session.title == "Welcome from the chief executive"
    assert QApplication.activeModalWidget() is None
