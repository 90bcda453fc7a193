"""Background documents as a peer uses them: import a PDF, a text file and an image INTO the
notebook, read them from memory, note them, make a post-it, save a copy on purpose, and
check that no plaintext reached the disk."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QImage
from PySide6.QtPdf import QPdfDocument
from PySide6.QtWidgets import QMessageBox
from pytestqt.qtbot import QtBot

from peerdesk.capture import documents as docs
from peerdesk.capture.postits import PostitStore
from peerdesk.gui.capture.documents_tab import DocumentsTab
from peerdesk.gui.shell.main_window import MainWindow
from peerdesk.gui.widgets.file_choice import pick_in_dialog
from peerdesk.vault.exports import list_exports
from peerdesk.vault.library import Library
from peerdesk.vault.paths import AppPaths
from tests.gui.engagement_window import mnemonic_clashes, notebook_id, page_of, window
from tests.gui.helpers import on_next_dialog
from tests.test_no_plaintext import files_containing

__all__ = ["notebook_id", "window"]  # fixtures used below
MARKER = "Qv8DocMarker"


def pdf_bytes() -> bytes:
    from reportlab.pdfgen import canvas

    out = io.BytesIO()
    pdf = canvas.Canvas(out)
    pdf.drawString(72, 760, f"Position statement {MARKER} page one")
    pdf.showPage()
    pdf.drawString(72, 760, "The second page")
    pdf.showPage()
    pdf.save()
    return out.getvalue()


def png_bytes() -> bytes:
    image = QImage(40, 30, QImage.Format.Format_RGB32)
    image.fill(QColor("teal"))
    from PySide6.QtCore import QBuffer, QIODevice

    buffer = QBuffer()
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    image.save(buffer, "PNG")  # type: ignore[call-overload]
    return bytes(buffer.data().data())


@pytest.fixture
def sources(tmp_path: Path) -> dict[str, Path]:
    """The peer's own files, outside peerdesk's folders."""
    folder = tmp_path / "from the file share"
    folder.mkdir()
    files = {
        "statement.pdf": pdf_bytes(),
        "briefing.txt": f"Briefing note\nThe partnership {MARKER} wants help.\n".encode(),
        "map.png": png_bytes(),
        "old.doc": b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(600),
    }
    for name, data in files.items():
        (folder / name).write_bytes(data)
    return {name: folder / name for name in files}


def documents_tab(window: MainWindow) -> DocumentsTab:
    tab = page_of(window).show_tab("Documents")
    assert isinstance(tab, DocumentsTab)
    return tab


def show(tab: DocumentsTab, title: str) -> docs.Document:
    item = next(i for i in tab.items() if i.text(0) == title)
    tab.list.setCurrentItem(item)
    assert tab.current is not None and tab.current.title == title
    return tab.current


def import_all(qtbot: QtBot, tab: DocumentsTab, sources: dict[str, Path]) -> None:
    seen = on_next_dialog(lambda dialog: pick_in_dialog(dialog, *sources.values()))
    qtbot.mouseClick(tab.import_button, Qt.MouseButton.LeftButton)
    assert seen == ["Choose documents to import"]
    qtbot.waitUntil(lambda: len(tab.titles()) == len(sources) and tab.import_button.isEnabled())


def test_documents_are_read_from_memory_and_nothing_plain_reaches_the_disk(
        qtbot: QtBot, window: MainWindow, sources: dict[str, Path], paths: AppPaths,
        library: Library, notebook_id: str, tmp_path: Path) -> None:
    tab = documents_tab(window)
    assert "No documents yet" in tab.viewer.message_label.text()
    import_all(qtbot, tab, sources)
    assert tab.titles() == ["briefing", "map", "old", "statement"]
    assert "4 documents imported" in window.messages.text()
    row = next(i for i in tab.items() if i.text(0) == "statement")
    imported = window.clock.now().astimezone().strftime("%d/%m/%Y")
    assert [row.text(1), row.text(3)] == ["PDF", imported]
    assert row.text(2).endswith(("bytes", "KB"))

    show(tab, "statement")
    assert mnemonic_clashes(window) == []
    viewer = tab.viewer
    assert viewer.mode == "pdf"
    assert viewer.stack.currentWidget() is viewer.pdf_view
    assert viewer.pdf_document.status() == QPdfDocument.Status.Ready
    assert viewer.page_count() == 2 and viewer.page_count_label.text() == "of 2"
    assert not viewer.previous_button.isEnabled()
    qtbot.mouseClick(viewer.next_button, Qt.MouseButton.LeftButton)
    assert viewer.current_page() == 1 and viewer.page_spin.value() == 2
    assert not viewer.next_button.isEnabled()
    qtbot.mouseClick(viewer.zoom_in_button, Qt.MouseButton.LeftButton)
    assert viewer.zoom_label.text().endswith("%")
    qtbot.mouseClick(viewer.as_text_button, Qt.MouseButton.LeftButton)
    assert MARKER in viewer.text_view.toPlainText()

    briefing = show(tab, "briefing")
    assert viewer.mode == "text" and viewer.stack.currentWidget() is viewer.text_view
    assert f"The partnership {MARKER} wants help." in viewer.text_view.toPlainText()
    cursor = viewer.text_view.document().find(f"The partnership {MARKER} wants help.")
    viewer.text_view.setTextCursor(cursor)  # as if selected with Shift and the arrows
    assert tab.postits.text_edit.text() == f"The partnership {MARKER} wants help."
    tab.postits.kind_combo.setCurrentIndex(tab.postits.kind_combo.findData("observation"))
    qtbot.keyClick(tab.postits.text_edit, Qt.Key.Key_Return)
    assert tab.postits.list.count() == 1
    assert tab.postits.list.item(0).text().startswith("Observation · Shared vision")
    qtbot.keyClicks(tab.notes, f"Read on the train {MARKER}")
    qtbot.waitUntil(lambda: docs.get_document(window.notebook, briefing.id).notes  # type: ignore[arg-type]
                    == f"Read on the train {MARKER}", timeout=30_000)

    show(tab, "map")
    assert viewer.mode == "image" and viewer.stack.currentWidget() is viewer.image_area
    assert (viewer.image_label.pixmap().width(), viewer.image_label.pixmap().height()) == (40, 30)

    show(tab, "old")
    assert viewer.mode == "none"
    assert "cannot show a Word 97–2003 document" in viewer.message_label.text()
    assert "Save a copy outside peerdesk" in viewer.message_label.text()

    show(tab, "statement")
    qtbot.keyClicks(tab.notes, f"Notes typed just before locking {MARKER}")
    window.lock()  # saved on leaving, not lost with the timer
    assert files_containing(paths, MARKER) == []
    assert [p for p in tmp_path.rglob("*") if p.is_file()
            and p.parent != sources["briefing.txt"].parent
            and MARKER.encode() in p.read_bytes()] == []

    with library.open(notebook_id) as notebook:
        stored = {d.title: d for d in docs.list_documents(notebook)}
        assert docs.document_bytes(notebook, stored["statement"].id) == \
            sources["statement.pdf"].read_bytes()
        [postit] = PostitStore(notebook).list_for_document(stored["briefing"].id)
        assert (postit.kind, postit.source_kind, postit.initials) == ("observation",
                                                                      "document", "AM")
        assert stored["briefing"].notes == f"Read on the train {MARKER}"
        assert stored["statement"].notes == f"Notes typed just before locking {MARKER}"
    assert files_containing(paths, MARKER) == []


def test_a_copy_outside_is_saved_only_after_a_warning_and_is_recorded(
        qtbot: QtBot, window: MainWindow, sources: dict[str, Path], tmp_path: Path) -> None:
    tab = documents_tab(window)
    import_all(qtbot, tab, {"statement.pdf": sources["statement.pdf"]})
    target = tmp_path / "outside" / "statement copy.pdf"
    target.parent.mkdir()
    warnings: list[str] = []

    def decline(box: QMessageBox) -> None:
        warnings.append(box.text())
        box.button(QMessageBox.StandardButton.Cancel).click()

    on_next_dialog(decline)
    qtbot.mouseClick(tab.copy_button, Qt.MouseButton.LeftButton)
    assert "unencrypted copy" in warnings[0]
    assert list_exports(window.notebook) == []  # type: ignore[arg-type]

    def agree(box: QMessageBox) -> None:
        on_next_dialog(lambda dialog: pick_in_dialog(dialog, target))
        save = next(b for b in box.buttons() if b.text() == "Save a copy…")
        save.click()

    on_next_dialog(agree)
    qtbot.mouseClick(tab.copy_button, Qt.MouseButton.LeftButton)
    assert target.read_bytes() == sources["statement.pdf"].read_bytes()
    assert oct(target.stat().st_mode & 0o777) == "0o600"
    [record] = list_exports(window.notebook)  # type: ignore[arg-type]
    assert (record.path, record.kind, record.opened_outside) == (target, "document_copy", True)
    assert "listed in the register of copies" in window.messages.text()
