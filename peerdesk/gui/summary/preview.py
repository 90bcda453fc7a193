"""The summary as it would go out, shown inside the app before anything is written.

The PDF is rendered to bytes off the UI thread and shown from memory (a QBuffer): no
temporary file is ever made. The plain-text version sits in its own read-only view.
"""

from __future__ import annotations

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QPointF, Qt
from PySide6.QtGui import QFontDatabase, QKeySequence, QShortcut
from PySide6.QtPdf import QPdfDocument
from PySide6.QtPdfWidgets import QPdfView
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)


class PdfPreview(QWidget):
    """A PDF held in memory, one page after another, with page navigation."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAccessibleName("Preview of the PDF")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        bar = QHBoxLayout()
        self.previous_button = QPushButton("Previous page", self)
        self.previous_button.setAccessibleName("Previous page")
        self.previous_button.setToolTip("Previous page (Page Up)")
        self.previous_button.clicked.connect(lambda: self.go_to(self.current_page() - 1))
        self.page_label = QLabel("Page:", self)
        self.page_box = QSpinBox(self)
        self.page_box.setAccessibleName("Page number")
        self.page_box.setMinimum(1)
        self.page_box.setMaximum(1)
        self.page_box.setKeyboardTracking(False)
        self.page_label.setBuddy(self.page_box)
        self.page_box.valueChanged.connect(lambda n: self.go_to(n - 1))
        self.count_label = QLabel(self)
        self.count_label.setAccessibleName("Number of pages")
        self.next_button = QPushButton("Next page", self)
        self.next_button.setAccessibleName("Next page")
        self.next_button.setToolTip("Next page (Page Down)")
        self.next_button.clicked.connect(lambda: self.go_to(self.current_page() + 1))
        self.status_label = QLabel(self)
        self.status_label.setAccessibleName("Preview status")
        for widget in (self.previous_button, self.page_label, self.page_box,
                       self.count_label, self.next_button):
            bar.addWidget(widget)
        bar.addStretch(1)
        bar.addWidget(self.status_label)
        layout.addLayout(bar)

        self.view = QPdfView(self)
        self.document = QPdfDocument(self.view)  # outlives the view's own parts
        self.view.setAccessibleName("Summary pages")
        self.view.setAccessibleDescription(
            "The summary as the PDF will look. Page Up and Page Down move between pages.")
        self.view.setPageMode(QPdfView.PageMode.MultiPage)
        self.view.setZoomMode(QPdfView.ZoomMode.FitToWidth)
        self.view.setDocument(self.document)
        self.view.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        layout.addWidget(self.view, 1)
        self.view.pageNavigator().currentPageChanged.connect(self._page_changed)
        for key, step in ((QKeySequence.StandardKey.MoveToPreviousPage, -1),
                          (QKeySequence.StandardKey.MoveToNextPage, 1)):
            shortcut = QShortcut(key, self)
            shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            shortcut.activated.connect(lambda s=step: self.go_to(self.current_page() + s))
        self._buffer = QBuffer(self.document)  # one, emptied after the document closes
        self._data = QByteArray()
        self._update_controls()

    # -- showing a PDF ------------------------------------------------------------------

    def show_pdf(self, data: bytes) -> None:
        """Show these bytes (a whole PDF), keeping the page the peer was on if it still
        exists."""
        page = self.current_page()
        self.document.close()
        self._buffer.close()
        self._data = QByteArray(data)
        self._buffer.setData(self._data)
        self._buffer.open(QIODevice.OpenModeFlag.ReadOnly)
        self.document.load(self._buffer)
        self.status_label.setText("")
        self._update_controls()
        if self.page_count():
            self.go_to(min(page, self.page_count() - 1))

    def show_status(self, text: str) -> None:
        self.status_label.setText(text)

    def clear(self) -> None:
        self.document.close()
        self._buffer.close()
        self._buffer.setData(QByteArray())
        self._data = QByteArray()
        self.status_label.setText("")
        self._update_controls()

    # -- pages --------------------------------------------------------------------------

    def page_count(self) -> int:
        if self.document.status() != QPdfDocument.Status.Ready:
            return 0
        return int(self.document.pageCount())

    def current_page(self) -> int:
        return int(self.view.pageNavigator().currentPage())

    def go_to(self, page: int) -> None:
        count = self.page_count()
        if not count:
            return
        page = max(0, min(page, count - 1))
        navigator = self.view.pageNavigator()
        navigator.jump(page, QPointF(), navigator.currentZoom())
        self._update_controls()

    def _page_changed(self, _page: int) -> None:
        self._update_controls()

    def _update_controls(self) -> None:
        count = self.page_count()
        page = self.current_page() if count else 0
        self.page_box.blockSignals(True)
        self.page_box.setMaximum(max(1, count))
        self.page_box.setValue(page + 1)
        self.page_box.blockSignals(False)
        self.page_box.setEnabled(count > 1)
        self.count_label.setText(f"of {count}" if count else "no pages yet")
        self.previous_button.setEnabled(count > 0 and page > 0)
        self.next_button.setEnabled(count > 0 and page < count - 1)


class TextPreview(QWidget):
    """The plain-text version, as it would go into an email."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAccessibleName("Preview of the plain text")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.editor = QPlainTextEdit(self)
        self.editor.setReadOnly(True)
        self.editor.setAccessibleName("The summary as plain text")
        self.editor.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByKeyboard
                                            | Qt.TextInteractionFlag.TextSelectableByMouse)
        self.editor.setLineWrapMode(QPlainTextEdit.LineWrapMode.WidgetWidth)
        self.editor.setFont(QFontDatabase.systemFont(QFontDatabase.SystemFont.GeneralFont))
        layout.addWidget(self.editor, 1)

    def show_text(self, text: str) -> None:
        bar = self.editor.verticalScrollBar()
        at = bar.value()
        self.editor.setPlainText(text)
        bar.setValue(at)

    def text(self) -> str:
        return self.editor.toPlainText()

    def clear(self) -> None:
        self.editor.clear()
