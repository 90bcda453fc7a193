"""The flip-chart editor: add, rename, reorder, retire and restore themes, load another
programme's template, and a malformed template named with its place and problem."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QFileDialog, QInputDialog, QLineEdit
from pytestqt.qtbot import QtBot

from peerdesk.gui.capture.themes_dialog import ThemesDialog
from peerdesk.gui.capture.timetable.tab import TimetableTab
from peerdesk.gui.shell.main_window import MainWindow
from peerdesk.gui.widgets.file_choice import pick_in_dialog
from peerdesk.vault.library import Library
from tests.gui.engagement_window import notebook_id, page_of, window
from tests.gui.helpers import on_next_dialog

__all__ = ["notebook_id", "window"]  # fixtures used below
STANDARD = ["Shared vision and priorities", "Ownership across partners", "Leadership",
            "Governance and accountability", "System, place and neighbourhood",
            "Capacity and resources", "Engaging people and partners", "Difference made so far"]


def numbered(titles: list[str]) -> list[str]:
    return [f"{n}. {t}" for n, t in enumerate(titles, start=1)]


def type_title(qtbot: QtBot, text: str) -> list[str]:
    """Answer the next title prompt by typing ``text`` over what it holds, then Enter."""

    def answer(dialog: QInputDialog) -> None:
        edit = dialog.findChild(QLineEdit)
        assert edit is not None
        edit.selectAll()
        qtbot.keyClicks(edit, text)
        qtbot.keyClick(edit, Qt.Key.Key_Return)

    return on_next_dialog(answer)


def open_themes(qtbot: QtBot, window: MainWindow) -> ThemesDialog:
    assert window.notebook is not None
    dialog = ThemesDialog(window.notebook, window)
    qtbot.addWidget(dialog)
    dialog.show()
    back_to(qtbot, dialog)
    return dialog


def back_to(qtbot: QtBot, dialog: ThemesDialog) -> None:
    dialog.activateWindow()
    dialog.list.setFocus()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is dialog.list)


def test_add_rename_reorder_retire_and_restore(qtbot: QtBot, window: MainWindow,
                                               library: Library, notebook_id: str) -> None:
    dialog = open_themes(qtbot, window)
    assert dialog.titles() == numbered(STANDARD)

    seen = type_title(qtbot, "Digital and data")
    qtbot.mouseClick(dialog.add_button, Qt.MouseButton.LeftButton)
    assert seen == ["Add a theme"]
    assert dialog.titles()[-1] == "9. Digital and data"
    assert dialog.list.currentItem().text() == "9. Digital and data"

    type_title(qtbot, "Digital, data and technology")
    back_to(qtbot, dialog)  # the offscreen platform does not give focus back by itself
    qtbot.keyClick(dialog.list, Qt.Key.Key_F2)
    assert dialog.titles()[-1] == "9. Digital, data and technology"
    back_to(qtbot, dialog)

    qtbot.keyClick(dialog.list, Qt.Key.Key_Up, Qt.KeyboardModifier.AltModifier)
    qtbot.keyClick(dialog.list, Qt.Key.Key_Up, Qt.KeyboardModifier.AltModifier)
    assert dialog.titles()[6] == "7. Digital, data and technology"

    dialog.list.setCurrentRow(2)  # Leadership
    qtbot.mouseClick(dialog.retire_button, Qt.MouseButton.LeftButton)
    assert dialog.titles()[-1] == "Leadership (retired)"
    assert dialog.titles()[2] == "3. Governance and accountability"
    assert dialog.retire_button.text().replace("&", "") == "Restore"
    assert "post-its are kept" in dialog.problem_label.text()
    assert "Leadership" not in [c.title for c in window.notebook.flip_charts()]  # type: ignore[union-attr]

    dialog.list.setCurrentRow(0)
    qtbot.keyClick(dialog.list, Qt.Key.Key_Down, Qt.KeyboardModifier.AltModifier)
    assert dialog.titles()[:2] == ["1. Ownership across partners",
                                   "2. Shared vision and priorities"]
    dialog.close()

    window.lock()
    with library.open(notebook_id) as notebook:
        charts = notebook.flip_charts(include_retired=True)
    assert [(c.title, c.retired) for c in charts] == [
        ("Ownership across partners", False), ("Shared vision and priorities", False),
        ("Governance and accountability", False), ("System, place and neighbourhood", False),
        ("Capacity and resources", False), ("Digital, data and technology", False),
        ("Engaging people and partners", False), ("Difference made so far", False),
        ("Leadership", True)]


def test_a_retired_chart_can_be_restored(qtbot: QtBot, window: MainWindow) -> None:
    dialog = open_themes(qtbot, window)
    dialog.list.setCurrentRow(0)
    qtbot.mouseClick(dialog.retire_button, Qt.MouseButton.LeftButton)
    assert dialog.list.currentItem().text() == "Shared vision and priorities (retired)"
    assert not dialog.up_button.isEnabled()
    qtbot.mouseClick(dialog.retire_button, Qt.MouseButton.LeftButton)
    assert dialog.titles()[-1] == "8. Shared vision and priorities"


def test_a_duplicate_title_is_refused_with_a_message(qtbot: QtBot, window: MainWindow) -> None:
    dialog = open_themes(qtbot, window)
    type_title(qtbot, "leadership")
    qtbot.mouseClick(dialog.add_button, Qt.MouseButton.LeftButton)
    assert dialog.problem_label.text() == ("Problem: There is already a flip chart called "
                                           "'leadership'.")
    assert dialog.titles() == numbered(STANDARD)


def template(tmp_path: Path, name: str, charts: list[dict[str, object]]) -> Path:
    path = tmp_path / name
    path.write_text(json.dumps({"format": "peerdesk-template", "version": 1,
                                "name": "Another programme", "flip_charts": charts}))
    return path


def picker(path: Path) -> Callable[[QFileDialog], None]:
    return lambda file_dialog: pick_in_dialog(file_dialog, path)


def test_load_another_template_from_the_timetable_toolbar(
        qtbot: QtBot, window: MainWindow, tmp_path: Path) -> None:
    good = template(tmp_path, "housing.json", [
        {"key": "housing", "title": "Housing and health", "question": "How do they join up?"},
        {"key": "leadership", "title": "Leadership", "question": "Already there."}])
    bad = template(tmp_path, "broken.json", [{"key": "x", "title": "No question"}])
    tab = page_of(window).show_tab("Timetable")
    assert isinstance(tab, TimetableTab)
    results: list[str] = []

    def use(dialog: ThemesDialog) -> None:
        try:
            for path in (bad, good):
                on_next_dialog(picker(path))
                qtbot.mouseClick(dialog.template_button, Qt.MouseButton.LeftButton)
                results.append(dialog.problem_label.text())
            results.append(dialog.titles()[-1])
        finally:
            dialog.reject()

    seen = on_next_dialog(use)
    qtbot.mouseClick(tab.themes_button, Qt.MouseButton.LeftButton)
    assert seen == ["Flip charts"]
    assert results[0] == ('Problem: The template broken.json is not valid: at flip chart 1, '
                          '"question", a piece of text is expected.')
    assert results[1] == "1 flip chart added; 1 already here, so left out: Leadership."
    assert results[2] == "9. Housing and health"
    assert QApplication.activeModalWidget() is None
