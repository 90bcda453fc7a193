"""The destruction certificate, as text and as its PDF (drawn in the app with Qt PDF),
with the way to email the manager. It holds no notes, so it can be shown at any time."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QUrl
from PySide6.QtGui import QDesktopServices, QKeySequence, QShortcut
from PySide6.QtPdf import QPdfDocument
from PySide6.QtPdfWidgets import QPdfView
from PySide6.QtWidgets import (
    QDialog,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from peerdesk.destruction.certificate import CertificateFiles
from peerdesk.destruction.email import Confirmation
from peerdesk.gui.destruction.manager_email import EmailOutcome, copy_email, email_manager


class CertificateDialog(QDialog):
    """Text and PDF tabs; ``mail()`` makes the email to the manager when asked."""

    def __init__(self, files: CertificateFiles, mail: Callable[[], Confirmation],
                 parent: QWidget | None = None, show_pdf: bool = False) -> None:
        super().__init__(parent)
        self.files = files
        self.mail = mail
        self.last_email: EmailOutcome | None = None
        self.setWindowTitle("Destruction certificate")
        self.setAccessibleName("Destruction certificate")
        self.resize(820, 700)
        layout = QVBoxLayout(self)
        self.tabs = QTabWidget(self)
        self.tabs.setAccessibleName("Certificate views")
        self.text_view = QPlainTextEdit(self)
        self.text_view.setReadOnly(True)
        self.text_view.setAccessibleName("Certificate text")
        try:
            self.text_view.setPlainText(files.text.read_text("utf-8"))
        except OSError:
            self.text_view.setPlainText(f"The certificate's text could not be read from "
                                        f"{files.text}.")
        self.pdf_view = QPdfView(self)
        self.document = QPdfDocument(self.pdf_view)  # outlives the view's own parts
        self.pdf_view.setAccessibleName("Certificate PDF")
        self.pdf_view.setPageMode(QPdfView.PageMode.MultiPage)
        self.pdf_view.setZoomMode(QPdfView.ZoomMode.FitToWidth)
        self.pdf_view.setDocument(self.document)
        self.tabs.addTab(self.text_view, "&Text")
        self.tabs.addTab(self.pdf_view, "&PDF")
        layout.addWidget(self.tabs, 1)
        self.where = QLabel(f"Kept in {files.pdf.parent} (it holds no notes).", self)
        self.where.setWordWrap(True)
        self.where.setAccessibleName("Where the certificate is kept")
        layout.addWidget(self.where)
        self.email_result = QLabel(self)
        self.email_result.setWordWrap(True)
        self.email_result.setAccessibleName("What happened to the email")
        self.email_result.hide()
        layout.addWidget(self.email_result)
        self.copy_email_button = QPushButton("Cop&y the email's text", self)
        self.copy_email_button.setAccessibleName("Copy the email's text")
        self.copy_email_button.clicked.connect(self._copy_email)
        self.copy_email_button.hide()
        copy_row = QHBoxLayout()
        copy_row.addWidget(self.copy_email_button)
        copy_row.addStretch(1)
        layout.addLayout(copy_row)
        buttons = QHBoxLayout()
        self.email_button = QPushButton("&Email the manager", self)
        self.email_button.setAccessibleName("Email the manager")
        self.email_button.setToolTip("Opens your mail program and saves a draft with the "
                                     "certificate attached (Alt+E)")
        self.email_button.clicked.connect(self.email)
        self.folder_button = QPushButton("Open the &folder", self)
        self.folder_button.setAccessibleName("Open the folder holding the certificate")
        self.folder_button.clicked.connect(self.open_folder)
        self.close_button = QPushButton("&Close", self)
        self.close_button.setAccessibleName("Close")
        self.close_button.clicked.connect(self.accept)
        for button in (self.email_button, self.folder_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        buttons.addWidget(self.close_button)
        layout.addLayout(buttons)
        QShortcut(QKeySequence.StandardKey.ZoomIn, self, lambda: self._zoom(1.25))
        QShortcut(QKeySequence.StandardKey.ZoomOut, self, lambda: self._zoom(0.8))
        self.tabs.currentChanged.connect(self._tab_changed)
        if show_pdf:
            self.tabs.setCurrentIndex(1)
        self.close_button.setDefault(True)

    def _tab_changed(self, index: int) -> None:
        if index == 1:
            self.load_pdf()

    def load_pdf(self) -> bool:
        """Read the saved PDF (once). True when Qt PDF could open it."""
        if self.document.status() != QPdfDocument.Status.Ready:
            error = self.document.load(str(self.files.pdf))
            if error != QPdfDocument.Error.None_:
                self.where.setText(f"The PDF could not be shown ({error.name}). It is saved as "
                                   f"{self.files.pdf}.")
                return False
        return self.document.pageCount() > 0

    def _zoom(self, factor: float) -> None:
        self.pdf_view.setZoomMode(QPdfView.ZoomMode.Custom)
        self.pdf_view.setZoomFactor(max(0.25, min(4.0, self.pdf_view.zoomFactor() * factor)))

    def email(self) -> None:
        self.last_email = email_manager(self.mail(), self.files.pdf)
        self.email_result.setText(self.last_email.message)
        self.email_result.setAccessibleDescription(self.last_email.message)
        self.email_result.show()
        self.copy_email_button.setVisible(bool(self.last_email.text))

    def _copy_email(self) -> None:
        if self.last_email is not None and self.last_email.text:
            self.email_result.setText(copy_email(self.last_email.text))

    def open_folder(self) -> None:
        QDesktopServices.openUrl(QUrl.fromLocalFile(str(self.files.pdf.parent)))

    def done(self, result: int) -> None:
        self.document.close()  # the view keeps its document: unsetting it makes Qt warn
        super().done(result)
