"""The Summary tab, driven as a peer would: choose, check, preview, export, register."""

from __future__ import annotations

import hashlib
import subprocess
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtPdf import QPdfDocument
from PySide6.QtWidgets import (
    QApplication,
    QDialogButtonBox,
    QFileDialog,
    QLineEdit,
    QPushButton,
    QWidget,
)
from pytestqt.qtbot import QtBot

from peerdesk.gui.shell.main_window import MainWindow
from peerdesk.gui.summary.summary_tab import SummaryTab
from peerdesk.summary import signposting
from peerdesk.summary.attribution import accepted_keys
from peerdesk.synthesis.findings import FindingStore
from peerdesk.vault.exports import list_exports
from peerdesk.vault.library import Library
from peerdesk.vault.notebook import Notebook
from tests import summary_fixture
from tests.conftest import need_tools
from tests.gui.engagement_window import notebook_id, window
from tests.gui.helpers import on_next_dialog

__all__ = ["notebook_id", "window"]  # fixtures used below

WAIT_MS = 20000


def notebook_of(window: MainWindow) -> Notebook:
    assert window.notebook is not None
    return window.notebook


def open_summary(qtbot: QtBot, window: MainWindow) -> SummaryTab:
    assert window.page is not None
    tab = window.page.show_tab("Summary")
    assert isinstance(tab, SummaryTab)
    wait_for_preview(qtbot, tab)
    return tab


def wait_for_preview(qtbot: QtBot, tab: SummaryTab) -> None:
    qtbot.waitUntil(lambda: tab.latest is not None and tab.preview_task is None
                    and not tab._want_preview, timeout=WAIT_MS)


def button(widget: object, text: str) -> QPushButton:
    for found in widget.findChildren(QPushButton):  # type: ignore[attr-defined]
        if found.text().replace("&", "") == text and found.isVisible():
            return found
    raise AssertionError(f"no visible button {text!r}")


def test_preview_shows_the_pdf_and_the_text(qtbot: QtBot, window: MainWindow) -> None:
    fx = summary_fixture.build(notebook_of(window))
    tab = open_summary(qtbot, window)
    assert isinstance(tab.pdf_preview.document, QPdfDocument)
    qtbot.waitUntil(lambda: tab.pdf_preview.page_count() > 0, timeout=WAIT_MS)
    pages = tab.pdf_preview.page_count()
    assert pages >= 2
    assert tab.pdf_preview.count_label.text() == f"of {pages}"
    qtbot.mouseClick(tab.pdf_preview.next_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: tab.pdf_preview.current_page() == 1)
    assert tab.pdf_preview.page_box.value() == 2
    text = tab.text_preview.text()
    for _chart_id, title in fx.charts:
        assert title in text
    positions = [text.index(h) for h in fx.chosen_headlines]
    assert positions == sorted(positions)
    for left_out in fx.left_out_headlines:
        assert left_out not in text
    # Clean fixture: the check is clear and every export button can be used.
    assert tab.views.tabText(0) == "Chec&k: clear"
    assert "nothing is left to resolve" in tab.export_panel.reason.text()
    assert tab.attribution.status_label.text() == (
        "No known names, roles, numbers or addresses found. Read it once more for anything "
        "only you would recognise.")
    assert all(b.isEnabled() for b in tab.export_panel.buttons.values())
    assert tab.export_panel.copy_button.isEnabled()
    # The choice lists each finding with its number in the summary.
    item = tab.choice.item_for(fx.findings[fx.chosen_headlines[0]])
    assert item is not None and item.text(1) == "1.1"
    out = tab.choice.item_for(fx.findings["An emerging idea that is not agreed yet"])
    assert out is not None and out.checkState(0) == Qt.CheckState.Unchecked
    assert out.text(1) == "out"


def test_hits_block_export_until_accepted_or_edited(qtbot: QtBot, window: MainWindow,
                                                    library: Library) -> None:
    notebook = notebook_of(window)
    fx = summary_fixture.build(notebook)
    chart = fx.charts[3][0]
    webb = summary_fixture.add_finding(notebook, chart, "Ann Webb says governance is slow")
    nowak = summary_fixture.add_finding(notebook, chart, "Care homes feel left out",
                                        "Marek Nowak told us nobody calls back")
    tab = open_summary(qtbot, window)
    panel = tab.export_panel
    assert not any(b.isEnabled() for b in panel.buttons.values())
    assert not panel.copy_button.isEnabled()
    assert "2 things in the summary could identify someone" in panel.reason.text()
    assert tab.views.tabText(0) == "Chec&k: 2 to resolve"
    qtbot.keyClick(tab, Qt.Key.Key_K, Qt.KeyboardModifier.AltModifier)
    assert tab.views.currentWidget() is tab.attribution
    webb_card = tab.attribution.card_for("Ann Webb")
    assert webb_card is not None
    assert webb_card.context.text() == "<b><u>Ann Webb</u></b> says governance is slow"
    assert "Participant's name" in webb_card.title.text()
    assert f"Finding {webb}: headline" in webb_card.title.text()
    nowak_card = tab.attribution.card_for("Marek Nowak")
    assert nowak_card is not None and f"Finding {nowak}: detail" in nowak_card.title.text()

    # One click: not attributable. Remembered; export still waits for the other hit.
    assert webb_card.accept_button is not None
    qtbot.mouseClick(webb_card.accept_button, Qt.MouseButton.LeftButton)
    wait_for_preview(qtbot, tab)
    assert [c.hit.term for c in tab.attribution.cards if not c.accepted] == ["Marek Nowak"]
    assert [c.hit.term for c in tab.attribution.cards if c.accepted] == ["Ann Webb"]
    assert "1 thing in the summary" in panel.reason.text()
    assert len(accepted_keys(notebook)) == 1

    # Withdrawn, then accepted again.
    accepted_card = tab.attribution.card_for("Ann Webb", accepted=True)
    assert accepted_card is not None and accepted_card.withdraw_button is not None
    qtbot.mouseClick(accepted_card.withdraw_button, Qt.MouseButton.LeftButton)
    wait_for_preview(qtbot, tab)
    assert "2 things" in panel.reason.text() and accepted_keys(notebook) == set()
    card = tab.attribution.card_for("Ann Webb")
    assert card is not None and card.accept_button is not None
    qtbot.mouseClick(card.accept_button, Qt.MouseButton.LeftButton)
    wait_for_preview(qtbot, tab)

    # Edit the other text in place: the term is selected, type over it, save.
    nowak_card = tab.attribution.card_for("Marek Nowak")
    assert nowak_card is not None and nowak_card.edit_button is not None
    qtbot.mouseClick(nowak_card.edit_button, Qt.MouseButton.LeftButton)
    editor = nowak_card.editor
    assert editor is not None and editor.isVisible() and editor.hasFocus()
    assert editor.textCursor().selectedText() == "Marek Nowak"
    qtbot.keyClicks(editor, "One provider")
    qtbot.keyClick(editor, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    wait_for_preview(qtbot, tab)
    assert tab.attribution.card_for("Marek Nowak") is None
    assert [c.hit.term for c in tab.attribution.cards] == ["Ann Webb"]
    assert all(b.isEnabled() for b in panel.buttons.values())
    assert tab.views.tabText(0) == "Chec&k: clear"
    assert "One provider told us nobody calls back" in tab.text_preview.text()

    # What is stored survives a lock and a reopen through the library.
    stored_id = notebook.id
    window.lock()
    with library.open(stored_id) as reopened:
        assert FindingStore(reopened).get(nowak).detail == (
            "One provider told us nobody calls back")
        assert len(accepted_keys(reopened)) == 1


def fill_save_dialog(qtbot: QtBot, folder: Path, seen_names: list[str]) -> object:
    """Note the name the dialog offers, go to ``folder`` and press Save, as a person would."""
    def action(dialog: object) -> None:
        assert isinstance(dialog, QFileDialog)
        try:
            assert dialog.testOption(QFileDialog.Option.DontUseNativeDialog)
            name_edit = dialog.findChild(QLineEdit, "fileNameEdit")
            box = dialog.findChild(QDialogButtonBox, "buttonBox")
            assert name_edit is not None and box is not None
            seen_names.append(name_edit.text())
            dialog.setDirectory(str(folder))
            save = box.button(QDialogButtonBox.StandardButton.Save)
            qtbot.waitUntil(lambda: save.text().replace("&", "") == "Save"
                            and save.isEnabled(), timeout=30_000)
            assert name_edit.text() == seen_names[0]
            qtbot.mouseClick(save, Qt.MouseButton.LeftButton)
        finally:
            if dialog.isVisible():   # never leave the test waiting on an open dialog
                seen_names.append(f"still open, showing {dialog.selectedFiles()}")
                dialog.reject()
    return action


def test_export_pdf_through_the_save_dialog(qtbot: QtBot, window: MainWindow,
                                            tmp_path: Path) -> None:
    need_tools("pdftotext")
    notebook = notebook_of(window)
    fx = summary_fixture.build(notebook)
    tab = open_summary(qtbot, window)
    out = tmp_path / "out"
    out.mkdir()
    names: list[str] = []
    seen = on_next_dialog(fill_save_dialog(qtbot, out, names))
    qtbot.mouseClick(tab.export_panel.buttons["pdf"], Qt.MouseButton.LeftButton)
    assert seen == ["Save the summary as a PDF"]
    assert names == ["peer-summary-2026-03-03.pdf"]   # nothing personal in the name
    qtbot.waitUntil(lambda: tab.export_task is None, timeout=WAIT_MS)
    target = out / "peer-summary-2026-03-03.pdf"
    assert target.exists() and target.stat().st_mode & 0o777 == 0o600
    message = window.messages.text()
    assert str(target) in message and "register of copies" in message

    pages = []
    for page in range(1, 20):
        result = subprocess.run(["pdftotext", "-f", str(page), "-l", str(page), str(target),
                                 "-"], capture_output=True, text=True)
        if result.returncode != 0:
            break
        pages.append(result.stdout)
    text = " ".join(" ".join(pages).split())
    for headline in fx.chosen_headlines:
        assert " ".join(headline.split()) in text
    for _chart_id, title in fx.charts:
        assert title in text
    # The peer's own name on the cover only; nobody else's anywhere.
    assert "Alex Morgan" in pages[0]
    assert all("Alex Morgan" not in p for p in pages[1:])
    for name in summary_fixture.every_name(notebook):
        assert name not in text

    # The register lists it, with the file's own SHA-256.
    digest = hashlib.sha256(target.read_bytes()).hexdigest()
    assert [r.sha256 for r in list_exports(notebook)] == [digest]
    rows = tab.register.row_texts()
    assert len(rows) == 1
    path_text, kind, size, _when, short, on_disk = rows[0]
    assert (path_text, kind, short, on_disk) == (str(target), "Summary (PDF)", digest[:12],
                                                 "Yes")
    assert size.endswith("KB")
    assert tab.register.table.item(0, 4).toolTip() == f"SHA-256: {digest}"
    target.unlink()
    tab.refresh()
    assert tab.register.row_texts()[0][5] == "No"


def test_export_refused_with_a_hit_shows_why(qtbot: QtBot, window: MainWindow,
                                             tmp_path: Path) -> None:
    notebook = notebook_of(window)
    fx = summary_fixture.build(notebook)
    summary_fixture.add_finding(notebook, fx.charts[0][0], "Ring 07700 900123 for details")
    tab = open_summary(qtbot, window)
    assert not tab.export_panel.buttons["docx"].isEnabled()
    target = tmp_path / "summary.docx"
    tab.export("docx", target)     # as if invoked some other way
    qtbot.waitUntil(lambda: tab.export_task is None, timeout=WAIT_MS)
    assert window.messages.kind == "error"
    assert "Nothing was saved" in window.messages.text()
    assert not target.exists() and list_exports(notebook) == []
    assert tab.register.row_texts() == []


def test_stop_the_export(qtbot: QtBot, window: MainWindow, tmp_path: Path) -> None:
    notebook = notebook_of(window)
    summary_fixture.build(notebook)
    tab = open_summary(qtbot, window)
    target = tmp_path / "summary.pdf"
    with notebook.write():   # something else holds the notebook: the export has to wait
        tab.export("pdf", target)
        assert tab.export_panel.cancel_button.isVisible()
        assert not tab.export_panel.buttons["pdf"].isEnabled()
        qtbot.mouseClick(tab.export_panel.cancel_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: tab.export_task is None, timeout=WAIT_MS)
    assert window.messages.text() == "Note: The export was stopped. Nothing was saved."
    assert not target.exists() and list_exports(notebook) == []
    assert not tab.export_panel.cancel_button.isVisible()
    assert tab.export_panel.buttons["pdf"].isEnabled()


def test_choose_and_order_findings(qtbot: QtBot, window: MainWindow) -> None:
    notebook = notebook_of(window)
    fx = summary_fixture.build(notebook)
    tab = open_summary(qtbot, window)
    tree = tab.choice.tree
    first = fx.findings["Population health data is not yet shared across partners"]
    second = fx.findings["Partners tell one story about the system’s three priorities"]
    item = tab.choice.item_for(second)
    assert item is not None
    tree.setFocus()
    tree.setCurrentItem(item)
    qtbot.keyClick(tree, Qt.Key.Key_Up, Qt.KeyboardModifier.ControlModifier)
    wait_for_preview(qtbot, tab)
    text = tab.text_preview.text()
    assert text.index("Partners tell one story") < text.index("Population health data")
    assert [f.id for f in FindingStore(notebook).summary()][:2] == [second, first]
    assert not tab.choice.up_button.isEnabled() and tab.choice.down_button.isEnabled()

    # Space unticks a finding: it leaves the summary and the count says so.
    item = tab.choice.item_for(first)
    assert item is not None
    tree.setCurrentItem(item)
    qtbot.keyClick(tree, Qt.Key.Key_Space)
    wait_for_preview(qtbot, tab)
    assert FindingStore(notebook).get(first).in_summary is False
    assert "Population health data" not in tab.text_preview.text()
    assert tab.choice.count_label.text() == "4 of 7 findings included"
    # And the emerging idea goes in with a tick.
    idea = tab.choice.item_for(fx.findings["An emerging idea that is not agreed yet"])
    assert idea is not None
    tree.setCurrentItem(idea)
    qtbot.keyClick(tree, Qt.Key.Key_Space)
    wait_for_preview(qtbot, tab)
    assert "An emerging idea that is not agreed yet" in tab.text_preview.text()


def test_signposting_add_edit_delete(qtbot: QtBot, window: MainWindow) -> None:
    notebook = notebook_of(window)
    summary_fixture.build(notebook)
    tab = open_summary(qtbot, window)
    panel = tab.signposting

    def fill(text: str, kind_index: int) -> object:
        def action(dialog: object) -> None:
            from peerdesk.gui.summary.signposting_panel import SignpostDialog

            assert isinstance(dialog, SignpostDialog)
            dialog.kind_box.setCurrentIndex(kind_index)
            dialog.text_edit.selectAll()
            qtbot.keyClicks(dialog.text_edit, text)
            dialog.accept()
        return action

    seen = on_next_dialog(fill("Ask Ann Webb about the data", 1))
    qtbot.mouseClick(panel.add_button, Qt.MouseButton.LeftButton)
    assert seen == ["Add a suggestion"]
    wait_for_preview(qtbot, tab)
    added = [s for s in signposting.list_signposts(notebook) if s.kind == "person"]
    assert [s.text for s in added] == [
        "A population health analyst network could help set up shared data",
        "Ask Ann Webb about the data"]
    # The name is caught by the check, in the signposting text.
    card = tab.attribution.card_for("Ann Webb")
    assert card is not None and f"Signposting {added[1].id}: text" in card.title.text()

    panel.select(added[1].id)
    seen = on_next_dialog(fill("Ask the public health team about the data", 1))
    qtbot.mouseClick(panel.edit_button, Qt.MouseButton.LeftButton)
    assert seen == ["Change the suggestion"]
    wait_for_preview(qtbot, tab)
    assert signposting.get(notebook, added[1].id).text == (
        "Ask the public health team about the data")
    assert tab.attribution.cards == []
    assert "Ask the public health team about the data" in tab.text_preview.text()

    panel.select(added[1].id)

    def say_yes(box: object) -> None:
        from PySide6.QtWidgets import QMessageBox

        assert isinstance(box, QMessageBox)
        box.button(QMessageBox.StandardButton.Yes).click()

    seen = on_next_dialog(say_yes)
    window.activateWindow()   # the offscreen platform does not do it when a dialog closes
    qtbot.waitUntil(window.isActiveWindow)
    panel.tree.setFocus()
    assert panel.tree.hasFocus()
    qtbot.keyClick(panel.tree, Qt.Key.Key_Delete)
    assert seen == ["Delete the suggestion"]
    wait_for_preview(qtbot, tab)
    assert [s.id for s in signposting.list_signposts(notebook)
            if s.id == added[1].id] == []
    assert "public health team" not in tab.text_preview.text()


def test_copy_text_for_an_email(qtbot: QtBot, window: MainWindow) -> None:
    notebook = notebook_of(window)
    fx = summary_fixture.build(notebook)
    tab = open_summary(qtbot, window)
    qtbot.mouseClick(tab.export_panel.copy_button, Qt.MouseButton.LeftButton)
    copied = QApplication.clipboard().text()
    assert fx.chosen_headlines[0] in copied
    assert "clipboard is outside peerdesk" in window.messages.text()
    assert list_exports(notebook) == []
    QApplication.clipboard().clear()


def test_lock_lets_go_of_the_summary(qtbot: QtBot, window: MainWindow) -> None:
    summary_fixture.build(notebook_of(window))
    tab = open_summary(qtbot, window)
    tab.schedule_check(0)           # work in hand when the lock comes
    window.lock()
    assert tab.notebook is None and tab.latest is None and tab.rendering is None
    assert tab.text_preview.text() == ""
    assert tab.pdf_preview.page_count() == 0


def test_keyboard_letters_do_not_clash(qtbot: QtBot, window: MainWindow) -> None:
    """Every Alt+letter visible with the Summary tab open leads to one place only."""
    import re

    from PySide6.QtWidgets import QAbstractButton, QLabel, QTabWidget

    summary_fixture.build(notebook_of(window))
    open_summary(qtbot, window)
    assert window.page is not None
    letters: list[tuple[str, str]] = []
    for widget in window.page.findChildren(QWidget):
        if not widget.isVisible():
            continue
        texts: list[str] = []
        labelled = isinstance(widget, QLabel) and widget.buddy() is not None
        if isinstance(widget, QAbstractButton) or labelled:
            texts = [widget.text()]  # type: ignore[attr-defined]
        elif isinstance(widget, QTabWidget):
            texts = [widget.tabText(i) for i in range(widget.count())]
        for text in texts:
            found = re.search(r"&([^&\s])", text)
            if found:
                letters.append((found.group(1).lower(), text))
    seen: dict[str, str] = {}
    clashes = []
    for letter, text in letters:
        if letter in seen and seen[letter] != text:
            clashes.append((seen[letter], text))
        seen.setdefault(letter, text)
    assert clashes == []
    assert {"u", "k", "v", "x", "r", "p", "w", "f", "c", "n", "g", "a", "h"} <= set(seen)
