"""The PDF viewer's parts live and die in the right order: one document and one buffer for
the viewer's whole life, the document outliving the view's own parts, the bytes dropped
when the viewer is cleared, and never a Qt warning (once "QObject::connect(QPdfDocument,
QPdfLinkModel): invalid nullptr parameter" on every import)."""

from __future__ import annotations

from datetime import datetime

from PySide6.QtCore import QBuffer, QCoreApplication, QEvent
from PySide6.QtPdf import QPdfDocument
from pytestqt.qtbot import QtBot

from peerdesk.capture.documents import Document
from peerdesk.gui.capture.document_viewer import DocumentViewer
from tests.gui.capture.test_documents_tab import pdf_bytes


def as_document(number: int, data: bytes) -> Document:
    return Document(number, f"Statement {number}", f"statement-{number}.pdf",
                    "application/pdf", len(data), "x", datetime(2026, 3, 3))


def test_one_document_and_one_buffer_for_every_pdf_shown(qtbot: QtBot, qtlog: object) -> None:
    viewer = DocumentViewer()
    qtbot.addWidget(viewer)
    viewer.show()
    data = pdf_bytes()
    for number in range(5):
        viewer.show_document(as_document(number, data), data, "text")
        qtbot.waitUntil(lambda: viewer.pdf_document.status() == QPdfDocument.Status.Ready,
                        timeout=30_000)
        assert viewer.page_count() == 2
    assert len(viewer.findChildren(QBuffer)) == 1
    assert len(viewer.findChildren(QPdfDocument)) == 1
    assert viewer.pdf_view.document() is viewer.pdf_document
    viewer.clear()
    buffer = viewer.findChildren(QBuffer)[0]
    assert buffer.data().size() == 0 and not buffer.isOpen()   # the bytes are gone
    assert viewer.pdf_document.status() == QPdfDocument.Status.Null
    viewer.deleteLater()
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    warnings = [r.message for r in qtlog.records  # type: ignore[attr-defined]
                if "propagateSizeHints" not in r.message]
    assert warnings == []
