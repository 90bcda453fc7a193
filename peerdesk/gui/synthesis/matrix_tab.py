"""The findings matrix: every finding against the kinds of source behind it, sortable by
any column, with "triangulated only" for what can go into the feedback on the last day.
Enter on a row shows the finding on the board."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from peerdesk.gui.synthesis.matrix_model import ID_ROLE, MatrixFilter, MatrixModel
from peerdesk.gui.widgets.context import GuiContext
from peerdesk.synthesis.findings import FindingStore
from peerdesk.vault.errors import PeerdeskError

HEADLINE_LINES = 3
CHART_WIDTH = 130
"""The flip chart's column is narrow (its full title is in the tooltip), so that the
headline, which stretches, has the room."""


class MatrixTab(QWidget):
    tab_title = "&Matrix"

    def __init__(self, context: GuiContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.store = FindingStore(context.notebook)
        self.setAccessibleName("Findings matrix")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 4, 0, 0)
        row = QHBoxLayout()
        self.rule_label = QLabel(self)
        self.rule_label.setAccessibleName("Triangulation rule")
        row.addWidget(self.rule_label, 1)
        self.only = QCheckBox("&Triangulated only (for the feedback)", self)
        self.only.setAccessibleName("Show triangulated findings only")
        self.only.setToolTip("Keep only the findings that meet the engagement's rule")
        self.only.toggled.connect(self._only_toggled)
        row.addWidget(self.only)
        layout.addLayout(row)
        self.model = MatrixModel()
        self.proxy = MatrixFilter()
        self.proxy.setSourceModel(self.model)
        self.table = QTableView(self)
        self.table.setModel(self.proxy)
        self.table.setAccessibleName("Findings against kinds of source")
        self.table.setAccessibleDescription(
            "Click a column heading to sort by it. Enter shows the finding on the board.")
        self.table.setSortingEnabled(True)
        self.table.sortByColumn(-1, Qt.SortOrder.AscendingOrder)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setAlternatingRowColors(True)
        self.table.setWordWrap(True)  # three lines of each headline, every row the same height
        self.table.setTextElideMode(Qt.TextElideMode.ElideRight)
        rows = self.table.verticalHeader()
        rows.hide()
        rows.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        rows.setDefaultSectionSize(self.fontMetrics().lineSpacing() * HEADLINE_LINES + 10)
        self.table.setTabKeyNavigation(False)
        self.table.activated.connect(self._activated)
        header = self.table.horizontalHeader()
        header.setSectionsClickable(True)
        header.setHighlightSections(False)
        layout.addWidget(self.table, 1)
        self.count_label = QLabel(self)
        self.count_label.setAccessibleName("Findings shown")
        layout.addWidget(self.count_label)
        self.refresh()

    def refresh(self) -> None:
        try:
            rule = self.store.rule()
            rows = self.store.matrix()
            kinds = self.store.source_kinds()
            labels = self.store.kind_labels()
            titles = {c.id: c.title
                      for c in self.context.notebook.flip_charts(include_retired=True)}
        except PeerdeskError as exc:
            self.context.messages.error(exc.message)
            return
        self.rule_label.setText(f"Triangulated means {rule.text}. Change the rule beside "
                                "the board.")
        self.model.set_rows(rows, kinds, titles, labels)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Interactive)
        header.resizeSection(1, CHART_WIDTH)
        for column in range(2, self.model.columnCount()):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        header.setMinimumSectionSize(40)
        self._count()

    def _only_toggled(self, on: bool) -> None:
        self.proxy.set_triangulated_only(on)
        self._count()

    def _count(self) -> None:
        shown, total = self.proxy.rowCount(), self.model.rowCount()
        self.count_label.setText(f"Showing {shown:,} of {total:,} findings" if shown != total
                                 else f"{total:,} finding{'s' if total != 1 else ''}")

    def visible_headlines(self) -> list[str]:
        return [str(self.proxy.index(r, 0).data()) for r in range(self.proxy.rowCount())]

    def _activated(self, index: QModelIndex) -> None:
        finding_id = index.data(ID_ROLE)
        page = self.context.window.page
        if finding_id is None or page is None:
            return
        board = page.show_tab("Board")
        select = getattr(board, "select_finding", None)
        if callable(select):
            select(int(finding_id))

    def teardown(self) -> None:
        self.model.set_rows([], [], {})
