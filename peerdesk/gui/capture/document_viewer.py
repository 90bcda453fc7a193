"""Shows a background document FROM MEMORY: PDFs with Qt PDF, text, images, DOCX as text.

Nothing is written to disk: a PDF is read from a QBuffer holding the bytes from the
notebook, an image from the bytes, text from the text the notebook extracted.

Lifetimes (Qt PDF reads its device lazily, and its view keeps pointers to the document):
the one QPdfDocument is a child of the QPdfView, so it outlives the view's own parts;
the one QBuffer is a child of the document and is emptied only after the document is
closed. The view's document is set once and never unset (``setDocument(None)`` makes Qt
warn "invalid nullptr parameter" and leaves the link model pointing at nothing).
"""

from __future__ import annotations

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QPointF, Qt, Signal
from PySide6.QtGui import QKeySequence, QPixmap
from PySide6.QtPdf import QPdfDocument
from PySide6.QtPdfWidgets import QPdfView
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QSpinBox,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from peerdesk.capture.documents import Document

_ZOOM_STEP = 1.25
_TYPE_NAMES = {
    "application/pdf": "PDF", "image/png": "PNG image", "image/jpeg": "JPEG image",
    "image/gif": "GIF image", "image/bmp": "bitmap image", "image/webp": "WebP image",
    "text/plain": "text", "text/markdown": "text (Markdown)", "text/csv": "CSV text",
    "application/msword": "Word 97–2003 document", "application/rtf": "rich text (RTF)",
    "application/vnd.ms-excel": "Excel 97–2003 workbook",
    "application/vnd.ms-powerpoint": "PowerPoint 97–2003 presentation",
    "application/vnd.oasis.opendocument.text": "OpenDocument text",
    "application/zip": "ZIP archive",
}


def type_name(media_type: str) -> str:
    if media_type.endswith("wordprocessingml.document"):
        return "Word document"
    if media_type.endswith("spreadsheetml.sheet"):
        return "Excel workbook"
    if media_type.endswith("presentationml.presentation"):
        return "PowerPoint presentation"
    return _TYPE_NAMES.get(media_type, "file of an unknown kind")


class DocumentViewer(QWidget):
    """One document at a time; ``selected_text()`` feeds the post-it row."""

    selection_changed = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAccessibleName("Document viewer")
        self.mode = "empty"
        self._text = ""
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)

        self.pdf_bar = QWidget(self)
        bar = QHBoxLayout(self.pdf_bar)
        bar.setContentsMargins(0, 0, 0, 0)
        self.previous_button = self._tool("◀ P&revious page", "Previous page (Alt+R)",
                                          lambda: self.go_to_page(self.current_page() - 1), bar)
        self.page_spin = QSpinBox(self.pdf_bar)
        self.page_spin.setAccessibleName("Page number")
        self.page_spin.setMinimum(1)
        self.page_spin.editingFinished.connect(
            lambda: self.go_to_page(self.page_spin.value() - 1))
        page_label = QLabel("Pa&ge", self.pdf_bar)
        page_label.setBuddy(self.page_spin)
        bar.addWidget(page_label)
        bar.addWidget(self.page_spin)
        self.page_count_label = QLabel(self.pdf_bar)
        self.page_count_label.setAccessibleName("Number of pages")
        bar.addWidget(self.page_count_label)
        self.next_button = self._tool("&Next page ▶", "Next page (Alt+N)",
                                      lambda: self.go_to_page(self.current_page() + 1), bar)
        bar.addSpacing(12)
        self.zoom_out_button = self._tool("Zoom out", "Smaller (Ctrl+-)",
                                          lambda: self.zoom(1 / _ZOOM_STEP), bar)
        self.zoom_out_button.setShortcut(QKeySequence.StandardKey.ZoomOut)
        self.zoom_in_button = self._tool("Zoom in", "Larger (Ctrl++)",
                                         lambda: self.zoom(_ZOOM_STEP), bar)
        self.zoom_in_button.setShortcut(QKeySequence.StandardKey.ZoomIn)
        self.fit_button = self._tool("&Fit width", "Fit the page to the width of the view",
                                     self.fit_width, bar)
        self.zoom_label = QLabel(self.pdf_bar)
        self.zoom_label.setAccessibleName("Zoom")
        bar.addWidget(self.zoom_label)
        bar.addStretch(1)
        self.as_text_button = self._tool("Show as t&ext", "Show the PDF's text, to select "
                                         "some for a post-it or read it aloud", None, bar)
        self.as_text_button.setCheckable(True)
        self.as_text_button.toggled.connect(self._as_text)
        layout.addWidget(self.pdf_bar)

        self.stack = QStackedWidget(self)
        layout.addWidget(self.stack, 1)
        self.pdf_view = QPdfView(self.stack)
        self.pdf_document = QPdfDocument(self.pdf_view)
        self._buffer = QBuffer(self.pdf_document)
        self.pdf_view.setAccessibleName("PDF page")
        self.pdf_view.setPageMode(QPdfView.PageMode.MultiPage)
        self.pdf_view.setZoomMode(QPdfView.ZoomMode.FitToWidth)
        self.pdf_view.setDocument(self.pdf_document)
        self.pdf_view.pageNavigator().currentPageChanged.connect(self._page_changed)
        self.text_view = QPlainTextEdit(self.stack)
        self.text_view.setReadOnly(True)
        self.text_view.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse
                                               | Qt.TextInteractionFlag.TextSelectableByKeyboard)
        self.text_view.setAccessibleName("Document text")
        self.text_view.selectionChanged.connect(
            lambda: self.selection_changed.emit(self.selected_text()))
        self.image_label = QLabel(self.stack)
        self.image_label.setAccessibleName("Image")
        self.image_label.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
        self.image_area = QScrollArea(self.stack)
        self.image_area.setAccessibleName("Image, scrollable")
        self.image_area.setWidget(self.image_label)
        self.message_label = QLabel(self.stack)
        self.message_label.setAccessibleName("About this document")
        self.message_label.setWordWrap(True)
        self.message_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.message_label.setMargin(24)
        for widget in (self.pdf_view, self.text_view, self.image_area, self.message_label):
            self.stack.addWidget(widget)
        self.clear()

    def _tool(self, text: str, tip: str, slot: object, row: QHBoxLayout) -> QPushButton:
        button = QPushButton(text, self.pdf_bar)
        button.setAccessibleName(text.replace("&", "").strip("◀▶ "))
        button.setToolTip(tip)
        button.setAutoDefault(False)
        if slot is not None:
            button.clicked.connect(slot)
        row.addWidget(button)
        return button

    # -- showing ------------------------------------------------------------------------

    def clear(self, message: str = "Choose a document in the list to read it here.") -> None:
        self.pdf_document.close()  # first: it may still read from the buffer
        self._buffer.close()
        self._buffer.setData(QByteArray())  # the document's bytes leave memory
        self._text = ""
        self.text_view.clear()
        self.image_label.clear()
        self.pdf_bar.hide()
        self._show_message(message)
        self.mode = "empty"

    def _show_message(self, text: str) -> None:
        self.message_label.setText(text)
        self.message_label.setAccessibleDescription(text)
        self.stack.setCurrentWidget(self.message_label)

    def show_document(self, document: Document, data: bytes, text: str) -> None:
        self.clear()
        self._text = text
        kind = document.view_kind
        if kind == "pdf":
            self._show_pdf(document, data)
        elif kind == "image":
            pixmap = QPixmap()
            if pixmap.loadFromData(data):
                self.image_label.setPixmap(pixmap)
                self.image_label.resize(pixmap.size())
                self.image_label.setAccessibleDescription(
                    f"{document.title}: {pixmap.width()} by {pixmap.height()} pixels")
                self.stack.setCurrentWidget(self.image_area)
                self.mode = "image"
            else:
                self._cannot_show(document, "the image is damaged or of a kind peerdesk "
                                            "cannot read")
        elif kind == "text":
            self.text_view.setPlainText(text or "(This document holds no text.)")
            self.stack.setCurrentWidget(self.text_view)
            self.mode = "text"
        else:
            self._cannot_show(document, f"peerdesk cannot show a {type_name(document.media_type)}")

    def _show_pdf(self, document: Document, data: bytes) -> None:
        self._buffer.setData(QByteArray(data))
        self._buffer.open(QIODevice.OpenModeFlag.ReadOnly)
        self.pdf_document.load(self._buffer)
        if self.pdf_document.status() != QPdfDocument.Status.Ready:
            error = self.pdf_document.error()
            why = ("the PDF is protected by a password"
                   if error == QPdfDocument.Error.IncorrectPassword
                   else "the PDF is damaged or cannot be read")
            self._cannot_show(document, why)
            return
        count = self.pdf_document.pageCount()
        self.page_spin.setMaximum(max(1, count))
        self.page_spin.setValue(1)
        self.page_count_label.setText(f"of {count}")
        self.pdf_bar.show()
        self.as_text_button.setChecked(False)
        self.fit_width()
        self.pdf_view.pageNavigator().jump(0, QPointF(), 0)
        self.stack.setCurrentWidget(self.pdf_view)
        self.pdf_view.setAccessibleDescription(f"{document.title}, {count} pages. Use Show as "
                                               "text to read its text.")
        self.mode = "pdf"
        self._page_changed(0)

    def _cannot_show(self, document: Document, why: str) -> None:
        self._show_message(
            f"{document.title} ({document.file_name}): {why} inside the app.\n\n"
            "It is kept safe, encrypted, in the notebook. To open it in another program, "
            "use “Save a copy outside peerdesk…”: that copy is not encrypted.")
        self.mode = "none"

    # -- PDF navigation -------------------------------------------------------------------

    def page_count(self) -> int:
        return self.pdf_document.pageCount() if self.mode == "pdf" else 0

    def current_page(self) -> int:
        return int(self.pdf_view.pageNavigator().currentPage())

    def go_to_page(self, page: int) -> None:
        if self.mode != "pdf":
            return
        page = max(0, min(page, self.page_count() - 1))
        self.pdf_view.pageNavigator().jump(page, QPointF(), 0)
        self._page_changed(page)

    def _page_changed(self, page: int) -> None:
        self.page_spin.setValue(page + 1)
        self.previous_button.setEnabled(page > 0)
        self.next_button.setEnabled(page + 1 < self.page_count())

    def zoom(self, factor: float) -> None:
        current = self.pdf_view.zoomFactor()
        self.pdf_view.setZoomMode(QPdfView.ZoomMode.Custom)
        self.pdf_view.setZoomFactor(max(0.25, min(current * factor, 6.0)))
        self.zoom_label.setText(f"Zoom: {self.pdf_view.zoomFactor():.0%}")

    def fit_width(self) -> None:
        self.pdf_view.setZoomMode(QPdfView.ZoomMode.FitToWidth)
        self.zoom_label.setText("Zoom: fit to width")

    def _as_text(self, on: bool) -> None:
        if self.mode not in ("pdf", "pdf-text"):
            return
        if on:
            self.text_view.setPlainText(self._text or "(No text could be taken from this PDF: "
                                                      "it may be scanned pages.)")
            self.stack.setCurrentWidget(self.text_view)
            self.mode = "pdf-text"
        else:
            self.stack.setCurrentWidget(self.pdf_view)
            self.mode = "pdf"

    def selected_text(self) -> str:
        if self.stack.currentWidget() is self.text_view:
            return self.text_view.textCursor().selectedText().replace("\u2029", "\n").strip()
        return ""
