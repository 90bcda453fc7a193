"""A column of the board: a flip chart's title and its cards in a list view.

Keys in a column: Ctrl+Left/Right move the selected cards to the neighbouring chart,
Ctrl+Up/Down move them up or down, Left/Right go to the neighbouring column, Enter
opens the card's source.
"""

from __future__ import annotations

from PySide6.QtCore import QItemSelectionModel, Qt, Signal
from PySide6.QtGui import QFontMetrics, QKeyEvent, QMouseEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QLabel,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from peerdesk.gui.synthesis.board_model import ID_ROLE, ChartModel
from peerdesk.gui.synthesis.postit_delegate import (
    COMPACT_LINES,
    TEXT_LINES,
    PostitDelegate,
    card_height,
)
from peerdesk.vault.domain import FlipChart

COLUMN_WIDTH = 250
MIN_COMPACT_WIDTH = 150


class CardView(QTableView):
    """A one-column table rather than a list view: with fixed row heights it lays out
    50,000 rows without asking the model about each one (a list view walks every row)."""

    move_requested = Signal(int, int)   # columns right (+) or left (-), rows down or up
    step_requested = Signal(int)        # go to the column on the right (+1) or left (-1)
    clicked_alone = Signal()            # a plain click: other columns drop their selection

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        rows = self.verticalHeader()
        rows.hide()
        rows.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        rows.setDefaultSectionSize(card_height(QFontMetrics(self.font())))
        columns = self.horizontalHeader()
        columns.hide()
        columns.setStretchLastSection(True)
        self.setShowGrid(False)
        self.setWordWrap(False)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.setDragDropMode(QAbstractItemView.DragDropMode.DragDrop)
        self.setDefaultDropAction(Qt.DropAction.MoveAction)
        self.setDragDropOverwriteMode(False)
        self.setDropIndicatorShown(True)
        self.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.delegate = PostitDelegate(self)
        self.setItemDelegate(self.delegate)

    def set_lines(self, lines: int) -> None:
        """Lines of text per card (fewer when the whole board is shown at once)."""
        self.delegate.lines = lines
        self.verticalHeader().setDefaultSectionSize(card_height(QFontMetrics(self.font()),
                                                                lines))
        self.viewport().update()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        key = event.key()
        ctrl = bool(event.modifiers() & Qt.KeyboardModifier.ControlModifier)
        moves: dict[int, tuple[int, int]] = {Qt.Key.Key_Left: (-1, 0), Qt.Key.Key_Right: (1, 0),
                 Qt.Key.Key_Up: (0, -1), Qt.Key.Key_Down: (0, 1)}
        if ctrl and key in moves:
            self.move_requested.emit(*moves[key])
            event.accept()
            return
        if not ctrl and key in (Qt.Key.Key_Left, Qt.Key.Key_Right) and \
                not event.modifiers() & Qt.KeyboardModifier.ShiftModifier:
            self.step_requested.emit(-1 if key == Qt.Key.Key_Left else 1)
            event.accept()
            return
        super().keyPressEvent(event)

    def mousePressEvent(self, event: QMouseEvent) -> None:
        keep = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier
        if not event.modifiers() & keep:
            self.clicked_alone.emit()
        super().mousePressEvent(event)

    def selected_ids(self) -> list[int]:
        rows = sorted(i.row() for i in self.selectionModel().selectedIndexes())
        model = self.model()
        return [int(model.index(r, 0).data(ID_ROLE)) for r in rows
                if model.index(r, 0).data(ID_ROLE) is not None]

    def select_rows(self, rows: list[int], current: int | None = None) -> None:
        model = self.model()
        selection = self.selectionModel()
        selection.clearSelection()
        for row in rows:
            selection.select(model.index(row, 0), QItemSelectionModel.SelectionFlag.Select)
        if current is not None and 0 <= current < model.rowCount():
            index = model.index(current, 0)
            selection.setCurrentIndex(index, QItemSelectionModel.SelectionFlag.NoUpdate)
            self.scrollTo(index, QAbstractItemView.ScrollHint.EnsureVisible)


class ChartColumn(QWidget):
    def __init__(self, chart: FlipChart, model: ChartModel, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.chart = chart
        self.model = model
        self.setFixedWidth(COLUMN_WIDTH)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(2, 0, 2, 0)
        layout.setSpacing(2)
        self.header = QLabel(self)
        self.header.setWordWrap(True)
        self.header.setTextFormat(Qt.TextFormat.PlainText)
        self.header.setAccessibleName(f"Flip chart {chart.title}")
        font = self.header.font()
        font.setBold(True)
        self.header.setFont(font)
        self.header.setMinimumHeight(self.header.fontMetrics().lineSpacing() * 2 + 4)
        self.header.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignBottom)
        layout.addWidget(self.header)
        self.view = CardView(self)
        self.view.setModel(model)
        self.view.setAccessibleName(f"Post-its on {chart.title}")
        self.view.setAccessibleDescription(
            "Ctrl+Left or Ctrl+Right moves the selected post-its to the next flip chart; "
            "Ctrl+Up or Ctrl+Down moves them up or down; Enter opens where they came from.")
        self.header.setBuddy(self.view)
        layout.addWidget(self.view, 1)
        self.update_header()

    def set_compact(self, width: int | None) -> None:
        """Narrow, with one line per card (``width``), or as usual (None)."""
        self.setFixedWidth(width or COLUMN_WIDTH)
        self.view.set_lines(COMPACT_LINES if width else TEXT_LINES)

    def update_header(self) -> None:
        shown = self.model.rowCount()
        total = self.model.total
        count = f"{total:,}" if shown == total else f"{shown:,} of {total:,}"
        noun = "post-it" if total == 1 else "post-its"
        self.header.setText(f"{self.chart.title}\n{count} {noun}")
