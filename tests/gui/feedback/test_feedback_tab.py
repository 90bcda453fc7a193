"""The Feedback day tab, driven as a peer would: choose, preview, check, edit in place,
change the template, export the slides through the save dialog, lock."""

from __future__ import annotations

import io
from pathlib import Path

from pptx import Presentation
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from peerdesk.feedback.next_steps import next_steps_text, set_next_steps
from peerdesk.gui.feedback.feedback_tab import FeedbackTab
from peerdesk.gui.shell.main_window import MainWindow
from peerdesk.synthesis.findings import FindingStore
from peerdesk.vault.exports import list_exports
from tests import summary_fixture
from tests.feedback.test_template import team_template
from tests.gui.engagement_window import mnemonic_clashes, notebook_id, window
from tests.gui.helpers import on_next_dialog
from tests.gui.summary.test_summary_tab import fill_save_dialog, notebook_of, wait_for_preview

__all__ = ["notebook_id", "window"]  # fixtures used below

WAIT_MS = 30_000


def open_feedback(qtbot: QtBot, window: MainWindow) -> FeedbackTab:
    assert window.page is not None
    tab = window.page.show_tab("Feedback day")
    assert isinstance(tab, FeedbackTab)
    wait_for_preview(qtbot, tab)
    return tab


def test_preview_choose_and_export_the_slides(qtbot: QtBot, window: MainWindow,
                                              tmp_path: Path) -> None:
    notebook = notebook_of(window)
    fx = summary_fixture.build(notebook)
    tab = open_feedback(qtbot, window)
    titles = dict(fx.charts)
    text = tab.preview.toPlainText()
    assert "6 slides" in text
    for index in (0, 2, 7):
        assert titles[fx.charts[index][0]] in text
    assert "Slide 2: " + titles[fx.charts[0][0]] in text
    assert "Support: Triangulated, 4 sources of 3 kinds: meetings, focus groups, documents" \
        in text
    assert "Not on the slides because the team has not agreed them yet" in text
    assert "Consider a shared leadership programme for middle managers" in text
    # Only agreed findings to choose from, numbered by slide.
    shown = [tab.choice.tree.topLevelItem(i).text(0)
             for i in range(tab.choice.tree.topLevelItemCount())]
    assert shown == [titles[fx.charts[i][0]] for i in (0, 2, 3, 7)]
    partners = fx.findings["Partners tell one story about the system’s three priorities"]
    item = tab.choice.item_for(partners)
    assert item is not None and item.text(1) == "slide 2"

    # Unticked here, out of the summary too; the slide goes on without it.
    item.setCheckState(0, Qt.CheckState.Unchecked)
    qtbot.waitUntil(lambda: not FindingStore(notebook).get(partners).included,
                    timeout=WAIT_MS)
    wait_for_preview(qtbot, tab)
    assert "Partners tell one story" not in tab.preview.toPlainText().split("Slide 1:")[1]

    out = tmp_path / "out"
    out.mkdir()
    names: list[str] = []
    seen = on_next_dialog(fill_save_dialog(qtbot, out, names))
    qtbot.mouseClick(tab.export_panel.buttons["pptx"], Qt.MouseButton.LeftButton)
    assert seen == ["Save the PowerPoint slides"]
    assert names == ["feedback-slides-2026-03-03.pptx"]    # nothing personal in the name
    qtbot.waitUntil(lambda: tab.export_task is None, timeout=WAIT_MS)
    target = out / names[0]
    assert target.stat().st_mode & 0o777 == 0o600
    assert str(target) in window.messages.text()
    prs = Presentation(io.BytesIO(target.read_bytes()))
    assert prs.slides[1].shapes.title.text_frame.text == titles[fx.charts[0][0]]
    assert [r.kind for r in list_exports(notebook)] == ["feedback_slides"]
    assert tab.register.row_texts()[0][1] == "Feedback slides (PowerPoint)"


def test_a_name_in_the_next_steps_is_edited_in_place(qtbot: QtBot,
                                                     window: MainWindow) -> None:
    notebook = notebook_of(window)
    summary_fixture.build(notebook)
    tab = open_feedback(qtbot, window)
    editor = tab.options.editor
    editor.setFocus()
    editor.moveCursor(editor.textCursor().MoveOperation.End)
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    qtbot.keyClicks(editor, "Jordan Lee will send the draft")
    qtbot.waitUntil(lambda: "Jordan Lee" in next_steps_text(notebook), timeout=WAIT_MS)
    qtbot.waitUntil(lambda: tab.latest is not None and bool(tab.latest.unresolved),
                    timeout=WAIT_MS)
    assert not tab.export_panel.buttons["pptx"].isEnabled()
    assert "1 to resolve" in tab.views.tabText(1)
    tab.show_check()
    [card] = tab.attribution.cards
    assert card.hit.where == "Next steps" and card.edit_button is not None
    card.setFocus()
    qtbot.keyClick(card, Qt.Key.Key_E)
    assert card.editor is not None
    assert card.editor.textCursor().selectedText() == "Jordan Lee"
    card.editor.insertPlainText("The manager")
    qtbot.keyClick(card.editor, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: tab.latest is not None and not tab.latest.unresolved,
                    timeout=WAIT_MS)
    assert next_steps_text(notebook).endswith("The manager will send the draft")
    assert tab.options.editor.toPlainText().endswith("The manager will send the draft")
    assert tab.export_panel.buttons["pptx"].isEnabled()


def test_a_programme_template_and_a_file_that_is_not_one(qtbot: QtBot, window: MainWindow,
                                                         tmp_path: Path) -> None:
    summary_fixture.build(notebook_of(window))
    tab = open_feedback(qtbot, window)
    assert "peerdesk's plain one" in tab.options.template_label.text()
    assert not tab.options.plain_button.isEnabled()
    bad = tab_file = tmp_path / "agenda.pptx"
    bad.write_text("Monday: arrive")
    tab.options.use_file(bad)
    assert window.messages.kind == "error"
    assert "“agenda.pptx” cannot be used as a slide template" in window.messages.text()
    assert "peerdesk's plain one" in tab.options.template_label.text()
    tab_file = tmp_path / "programme.pptx"
    tab_file.write_bytes(team_template())
    tab.options.use_file(tab_file)
    assert "programme.pptx, kept in this notebook" in tab.options.template_label.text()
    wait_for_preview(qtbot, tab)
    assert "laid out with programme.pptx" in tab.preview.toPlainText()
    qtbot.mouseClick(tab.options.plain_button, Qt.MouseButton.LeftButton)
    wait_for_preview(qtbot, tab)
    assert "laid out with peerdesk's plain template" in tab.preview.toPlainText()


def test_lock_lets_go_and_keeps_what_was_typed(qtbot: QtBot, window: MainWindow) -> None:
    notebook = notebook_of(window)
    summary_fixture.build(notebook)
    set_next_steps(notebook, "Report in April")
    tab = open_feedback(qtbot, window)
    assert tab.options.editor.toPlainText() == "Report in April"
    tab.options.editor.setFocus()
    qtbot.keyClicks(tab.options.editor, "!")
    tab.schedule_check(0)
    window.lock()    # before the next steps were saved by their timer
    assert tab.notebook is None and tab.latest is None
    assert tab.preview.toPlainText() == "" and tab.options.editor.toPlainText() == ""
    QApplication.processEvents()


def test_keyboard_letters_do_not_clash(qtbot: QtBot, window: MainWindow) -> None:
    summary_fixture.build(notebook_of(window))
    open_feedback(qtbot, window)
    assert mnemonic_clashes(window) == []
