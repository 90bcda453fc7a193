"""The findings list beside the board: one row per finding with its label and support.
Post-its dropped on a row support that finding."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import (
    QAbstractListModel,
    QMimeData,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
)

from peerdesk.gui.synthesis.board_model import MIME_TYPE, decode_ids
from peerdesk.gui.synthesis.finding_labels import (
    challenge_text,
    label_icon,
    sources_text,
    status_text,
    support_text,
)
from peerdesk.synthesis.findings import KIND_TEXTS, MatrixRow

ROW_ROLE = Qt.ItemDataRole.UserRole + 1
ID_ROLE = Qt.ItemDataRole.UserRole + 2

AnyIndex = QModelIndex | QPersistentModelIndex
EvidenceDrop = Callable[[int, list[int]], bool]
HeadlineEdit = Callable[[int, str], bool]


def finding_lines(row: MatrixRow, chart_title: str) -> tuple[str, str]:
    """The finding's headline and a second line saying how well it is supported."""
    parts = [f"{row.label.text} ({sources_text(row.sources, row.kinds)})"]
    if row.challenges:
        parts.append("⚠ " + challenge_text(row.challenges))
    parts.append(status_text(row.status))
    parts.append(f"{KIND_TEXTS.get(row.kind, row.kind)} · {chart_title}")
    return row.headline, " · ".join(parts)


class FindingsModel(QAbstractListModel):
    def __init__(self, on_drop: EvidenceDrop, on_edit: HeadlineEdit | None = None) -> None:
        super().__init__()
        self.rows: list[MatrixRow] = []
        self.chart_titles: dict[int, str] = {}
        self.kind_labels: dict[str, str] = {}
        """The engagement's kinds of source with their headings (its template's too)."""
        self._on_drop = on_drop
        self._on_edit = on_edit

    def set_rows(self, rows: list[MatrixRow], chart_titles: dict[int, str]) -> None:
        self.beginResetModel()
        self.rows = rows
        self.chart_titles = chart_titles
        self.endResetModel()

    def row_of(self, finding_id: int) -> int:
        return next((i for i, r in enumerate(self.rows) if r.finding_id == finding_id), -1)

    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.rows)

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid() or not 0 <= index.row() < len(self.rows):
            return None
        row = self.rows[index.row()]
        if role == ROW_ROLE:
            return row
        if role == ID_ROLE:
            return row.finding_id
        headline, second = finding_lines(row, self.chart_titles.get(row.flip_chart_id, ""))
        if role == Qt.ItemDataRole.DisplayRole:
            return f"{headline}\n{second}"
        if role == Qt.ItemDataRole.EditRole:
            return headline
        if role == Qt.ItemDataRole.ToolTipRole:
            return f"{headline}\n{second}\nSupport: {support_text(row.counts, self.kind_labels)}"
        if role == Qt.ItemDataRole.AccessibleTextRole:
            return f"{headline}. {second}. Support: {support_text(row.counts, self.kind_labels)}."
        if role == Qt.ItemDataRole.DecorationRole:
            return label_icon(row.label)
        return None

    def flags(self, index: AnyIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.ItemIsEnabled
        flags = (Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
                 | Qt.ItemFlag.ItemIsDropEnabled)
        return flags | Qt.ItemFlag.ItemIsEditable if self._on_edit else flags

    def setData(self, index: AnyIndex, value: object,
                role: int = Qt.ItemDataRole.EditRole) -> bool:
        """A headline typed on the board (F2 or a double-click)."""
        if role != Qt.ItemDataRole.EditRole or self._on_edit is None or not index.isValid():
            return False
        text = " ".join(str(value).split())
        row = self.rows[index.row()]
        if not text or text == row.headline:
            return False
        return self._on_edit(row.finding_id, text)

    def supportedDropActions(self) -> Qt.DropAction:
        return Qt.DropAction.MoveAction | Qt.DropAction.CopyAction | Qt.DropAction.LinkAction

    def mimeTypes(self) -> list[str]:
        return [MIME_TYPE]

    def canDropMimeData(self, data: QMimeData, action: Qt.DropAction, row: int, column: int,
                        parent: AnyIndex) -> bool:
        return data.hasFormat(MIME_TYPE) and parent.isValid() and row < 0

    def dropMimeData(self, data: QMimeData, action: Qt.DropAction, row: int, column: int,
                     parent: AnyIndex) -> bool:
        ids = decode_ids(data)
        if not ids or not parent.isValid() or row >= 0:
            return False
        finding_id = self.rows[parent.row()].finding_id
        self._on_drop(finding_id, ids)
        return False  # the post-its stay on their charts: nothing to remove at the source
