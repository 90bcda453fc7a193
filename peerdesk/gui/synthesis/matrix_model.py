"""Findings against source kinds: a table model, and a proxy that sorts by number and can
keep only the triangulated findings (as shown on feedback day)."""

from __future__ import annotations

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
)

from peerdesk.gui.synthesis.finding_labels import (
    CHALLENGE_COLOUR,
    LABEL_COLOURS,
    label_icon,
    sources_text,
    status_text,
)
from peerdesk.gui.widgets.colours import readable
from peerdesk.synthesis.findings import KIND_TEXTS, MatrixRow
from peerdesk.synthesis.triangulation import SOURCE_KIND_LABELS, Label

SORT_ROLE = Qt.ItemDataRole.UserRole + 1
ID_ROLE = Qt.ItemDataRole.UserRole + 2
LABEL_ORDER = {Label.NO_EVIDENCE: 0, Label.SINGLE_SOURCE: 1, Label.CORROBORATED: 2,
               Label.TRIANGULATED: 3}
LEADING = ("Finding", "Flip chart", "Triangulation", "Sources")
TRAILING = ("Challenged by", "Status")

AnyIndex = QModelIndex | QPersistentModelIndex


class MatrixModel(QAbstractTableModel):
    def __init__(self) -> None:
        super().__init__()
        self.rows: list[MatrixRow] = []
        self.kinds: list[str] = []
        self.chart_titles: dict[int, str] = {}
        self.kind_labels: dict[str, str] = dict(SOURCE_KIND_LABELS)

    def set_rows(self, rows: list[MatrixRow], kinds: list[str],
                 chart_titles: dict[int, str], labels: dict[str, str] | None = None) -> None:
        self.beginResetModel()
        self.rows = rows
        self.kinds = kinds
        if labels is not None:
            self.kind_labels = labels
        self.chart_titles = chart_titles
        self.endResetModel()

    def headers(self) -> list[str]:
        return [*LEADING, *(self.kind_labels.get(k, k) for k in self.kinds), *TRAILING]

    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(LEADING) + len(self.kinds) + len(TRAILING)

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if orientation == Qt.Orientation.Horizontal and role in (
                Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            headers = self.headers()
            return headers[section] if 0 <= section < len(headers) else None
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.ToolTipRole:
            return "Click to sort by this column; click again to reverse."
        return None

    def _value(self, row: MatrixRow, column: int) -> tuple[str, object]:
        """What a cell shows, and the value it sorts by."""
        n_kinds = len(self.kinds)
        if column == 0:
            return row.headline, row.headline.casefold()
        if column == 1:
            title = self.chart_titles.get(row.flip_chart_id, "")
            return title, title.casefold()
        if column == 2:
            return row.label.text, (LABEL_ORDER[row.label], row.sources)
        if column == 3:
            return str(row.sources), row.sources
        if column < len(LEADING) + n_kinds:
            n = row.counts.get(self.kinds[column - len(LEADING)], 0)
            return (str(n) if n else "–"), n
        if column == len(LEADING) + n_kinds:
            return (str(row.challenges) if row.challenges else "–"), row.challenges
        return status_text(row.status), row.status

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid() or not 0 <= index.row() < len(self.rows):
            return None
        row = self.rows[index.row()]
        column = index.column()
        if role == ID_ROLE:
            return row.finding_id
        text, key = self._value(row, column)
        if role == Qt.ItemDataRole.DisplayRole:
            return text
        if role == SORT_ROLE:
            return key
        if role == Qt.ItemDataRole.AccessibleTextRole:
            return f"{self.headers()[column]}: {text}"
        if role == Qt.ItemDataRole.ToolTipRole:  # the whole headline, from any cell
            chart = self.chart_titles.get(row.flip_chart_id, "")
            return (f"{row.headline}\n{KIND_TEXTS.get(row.kind, row.kind)} · {chart}\n"
                    f"{row.label.text}: {sources_text(row.sources, row.kinds)}")
        if role == Qt.ItemDataRole.DecorationRole and column == 2:
            return label_icon(row.label)
        if role == Qt.ItemDataRole.ForegroundRole:
            if column == 2:
                return readable(LABEL_COLOURS[row.label])
            if column == len(LEADING) + len(self.kinds) and row.challenges:
                return readable(CHALLENGE_COLOUR)
        if role == Qt.ItemDataRole.TextAlignmentRole and column >= 3 and \
                column < len(LEADING) + len(self.kinds) + 1:
            return int(Qt.AlignmentFlag.AlignCenter)
        return None


class MatrixFilter(QSortFilterProxyModel):
    """Sorts by each cell's number or text; optionally keeps triangulated findings only."""

    def __init__(self) -> None:
        super().__init__()
        self.setSortRole(SORT_ROLE)
        self.triangulated_only = False

    def set_triangulated_only(self, on: bool) -> None:
        self.beginFilterChange()
        self.triangulated_only = on
        self.endFilterChange(QSortFilterProxyModel.Direction.Rows)

    def filterAcceptsRow(self, source_row: int, source_parent: AnyIndex) -> bool:
        if not self.triangulated_only:
            return True
        model = self.sourceModel()
        assert isinstance(model, MatrixModel)
        return model.rows[source_row].label is Label.TRIANGULATED

    def lessThan(self, left: AnyIndex, right: AnyIndex) -> bool:
        a, b = left.data(SORT_ROLE), right.data(SORT_ROLE)
        try:
            return bool(a < b)
        except TypeError:
            return str(a) < str(b)
