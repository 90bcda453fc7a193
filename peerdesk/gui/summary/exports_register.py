"""The register of copies: every file peerdesk has written out of the notebook, and
whether it is still on disk. Destruction works through the same list."""

from __future__ import annotations

from datetime import datetime

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QLabel,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from peerdesk.vault.exports import ExportRecord, list_exports
from peerdesk.vault.notebook import Notebook

KIND_TEXTS = {
    "summary_pdf": "Summary (PDF)",
    "summary_docx": "Summary (Word)",
    "summary_txt": "Summary (plain text)",
    "document_copy": "Copy of a document",
    "team_bundle": "Team bundle sent",
    "team_bundle_received": "Team bundle received",
    "other": "Other file",
}
COLUMNS = ("File", "Kind", "Size", "Written", "SHA-256 (start)", "Still on disk")
SHORT_HASH = 12


def size_text(size: int) -> str:
    if size < 1024:
        return f"{size} bytes"
    if size < 1024 * 1024:
        return f"{size / 1024:.1f} KB"
    return f"{size / (1024 * 1024):.1f} MB"


def when_text(created_at: str) -> str:
    """dd/mm/yyyy hh:mm in the computer's time zone, or the stored text if it is odd."""
    try:
        moment = datetime.fromisoformat(created_at)
    except ValueError:
        return created_at
    if moment.tzinfo is not None:
        moment = moment.astimezone()
    return moment.strftime("%d/%m/%Y %H:%M")


class ExportsRegister(QWidget):
    """A read-only table of the register, newest last, refreshed on demand."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAccessibleName("Register of copies")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.note = QLabel(
            "Every file written out of this notebook is listed here. When the engagement "
            "ends, destruction uses this list to find and remove each copy.", self)
        self.note.setWordWrap(True)
        layout.addWidget(self.note)
        self.table = QTableWidget(0, len(COLUMNS), self)
        self.table.setHorizontalHeaderLabels(COLUMNS)
        self.table.setAccessibleName("Copies written out of the notebook")
        self.table.setAccessibleDescription(
            "One row per file: where it is, what it is, its size, when it was written, the "
            "start of its SHA-256 fingerprint and whether it is still on disk.")
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setTabKeyNavigation(False)
        self.table.setWordWrap(False)
        self.table.setTextElideMode(Qt.TextElideMode.ElideMiddle)   # keep the file's name
        self.table.verticalHeader().setVisible(False)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        for column in range(1, len(COLUMNS)):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        layout.addWidget(self.table, 1)
        self.count_label = QLabel(self)
        self.count_label.setAccessibleName("Number of copies")
        layout.addWidget(self.count_label)
        self.records: list[ExportRecord] = []

    def refresh(self, notebook: Notebook) -> None:
        self.show_records(list_exports(notebook))

    def show_records(self, records: list[ExportRecord]) -> None:
        self.records = records
        self.table.setRowCount(len(records))
        for row, record in enumerate(records):
            on_disk = record.on_disk
            cells = (str(record.path), KIND_TEXTS.get(record.kind, record.kind),
                     size_text(record.size), when_text(record.created_at),
                     record.sha256[:SHORT_HASH], "Yes" if on_disk else "No")
            for column, text in enumerate(cells):
                item = QTableWidgetItem(text)
                if column == 4:
                    item.setToolTip(f"SHA-256: {record.sha256}")
                elif column == 0:
                    item.setToolTip(text)
                elif column == 2:
                    item.setTextAlignment(Qt.AlignmentFlag.AlignRight
                                          | Qt.AlignmentFlag.AlignVCenter)
                self.table.setItem(row, column, item)
        gone = sum(1 for r in records if not r.on_disk)
        if not records:
            text = "No copies have been written out of this notebook yet."
        else:
            files = "copy" if len(records) == 1 else "copies"
            text = f"{len(records)} {files} recorded"
            text += f"; {gone} no longer on disk." if gone else "; all still on disk."
        self.count_label.setText(text)

    def row_texts(self) -> list[list[str]]:
        """What each row shows, for tests and scripted checks."""
        out = []
        for row in range(self.table.rowCount()):
            cells = [self.table.item(row, c) for c in range(self.table.columnCount())]
            out.append([c.text() if c is not None else "" for c in cells])
        return out

    def clear(self) -> None:
        self.records = []
        self.table.setRowCount(0)
        self.count_label.clear()
