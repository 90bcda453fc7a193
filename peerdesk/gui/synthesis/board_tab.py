"""The flip-chart board: a column of post-it cards per flip chart, filters, and the
findings beside it.

Keys: Ctrl+Left/Right move the selected cards to the next chart, Ctrl+Up/Down move them
up or down, Enter opens where a card came from, Ctrl+G groups the selected cards into a
finding, Ctrl+E adds them to the chosen finding, Ctrl+Shift+E marks them as challenging
it, Ctrl+Shift+N makes an empty finding, Ctrl+Shift+W shows every flip chart at once (narrow
columns in two rows, one line per card) and back.
"""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, Qt, QTimer
from PySide6.QtGui import QKeySequence, QResizeEvent, QShortcut
from PySide6.QtWidgets import (
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from peerdesk.gui.synthesis.board_columns import MIN_COMPACT_WIDTH, ChartColumn
from peerdesk.gui.synthesis.board_filters import BoardFilters
from peerdesk.gui.synthesis.board_model import CARD_ROLE, ChartModel
from peerdesk.gui.synthesis.findings_panel import FindingsPanel
from peerdesk.gui.widgets.context import GuiContext
from peerdesk.synthesis.board import BoardFilter, BoardReader, Card
from peerdesk.vault.domain import FlipChart
from peerdesk.vault.errors import PeerdeskError

HINT = ("Drag cards, or Ctrl+←/→ to the next chart and Ctrl+↑/↓ up or down · Enter opens "
        "the source · Ctrl+G groups the selected cards into a finding · Ctrl+E adds them to "
        "the chosen finding · Ctrl+Shift+E marks them as challenging it · F2 changes a "
        "finding's headline")
WHOLE_BOARD = "All charts at once (Ctrl+Shift+W)"


class BoardTab(QWidget):
    tab_title = "&Board"

    def __init__(self, context: GuiContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.reader = BoardReader(context.notebook)
        self.columns: list[ChartColumn] = []
        self.filter = BoardFilter()
        self._fresh = True        # built just now: the first refresh() has nothing new
        self._torn_down = False
        self.setAccessibleName("Flip-chart board")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 4, 0, 0)
        self.filters = BoardFilters(self)
        self.filters.changed.connect(self._filter_chosen)
        self.filters.clear_button.clicked.connect(self.clear_filters)
        # the filter row's parts, by name, for the keyboard and tests
        (self.day_box, self.source_box, self.kind_box, self.session_box,
         self.peer_box) = self.filters.boxes()
        self.clear_button = self.filters.clear_button
        self.shown_label = self.filters.shown_label
        layout.addWidget(self.filters)
        split = QSplitter(Qt.Orientation.Horizontal, self)
        split.setChildrenCollapsible(False)
        self.charts_area = QScrollArea(split)
        self.charts_area.setAccessibleName("Flip charts")
        self.charts_area.setWidgetResizable(True)
        self.charts_area.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.strip = QWidget(self.charts_area)
        self.strip_layout = QGridLayout(self.strip)
        self.strip_layout.setContentsMargins(0, 0, 0, 0)
        self.strip_layout.setSpacing(4)
        self.whole_board = False
        self.charts_area.setWidget(self.strip)
        self.findings = FindingsPanel(context, split)
        self.findings.changed.connect(self.reload_cards)
        split.addWidget(self.charts_area)
        split.addWidget(self.findings)
        split.setStretchFactor(0, 3)
        split.setStretchFactor(1, 1)
        split.setSizes([780, 440])
        layout.addWidget(split, 1)
        foot = QHBoxLayout()
        self.hint = QLabel(HINT, self)
        self.hint.setWordWrap(True)
        self.hint.setAccessibleName("Keys for the board")
        foot.addWidget(self.hint, 1)
        self.whole_button = QPushButton(WHOLE_BOARD, self)
        self.whole_button.setCheckable(True)
        self.whole_button.setAccessibleName("Show every flip chart at once")
        self.whole_button.toggled.connect(self.show_whole_board)
        foot.addWidget(self.whole_button)
        layout.addLayout(foot)
        self._shortcuts()
        self.load()
        QTimer.singleShot(0, self._after_first_paint)

    # -- building -----------------------------------------------------------------------

    def _shortcuts(self) -> None:
        def add(keys: str, slot: object, anywhere: bool = False) -> None:
            shortcut = QShortcut(QKeySequence(keys), self)
            # Keys that need no chosen card work wherever the focus is while the board is
            # on screen (the tab just clicked, say); hidden, the board takes no keys.
            shortcut.setContext(Qt.ShortcutContext.WindowShortcut if anywhere
                                else Qt.ShortcutContext.WidgetWithChildrenShortcut)
            shortcut.activated.connect(slot)

        add("Ctrl+G", self.group_selected)
        add("Ctrl+E", lambda: self.findings.add_evidence(self.selected_ids(), "supports"))
        add("Ctrl+Shift+E", lambda: self.findings.add_evidence(self.selected_ids(),
                                                              "challenges"))
        add("Ctrl+Shift+N", self._new_finding, anywhere=True)
        add("Ctrl+Shift+W", self.whole_button.toggle, anywhere=True)

    def _after_first_paint(self) -> None:
        """The filters' choices and the findings come once the cards are on screen."""
        self._fresh = False
        if self._torn_down:
            return
        self.fill_filters()
        self.findings.reload(self.charts)

    def fill_filters(self) -> None:
        try:
            days = self.reader.days()
            sessions = self.reader.sessions()
            peers = self.reader.peers()
            sources = self.reader.source_texts()
        except PeerdeskError as exc:
            self.context.messages.error(exc.message)
            return
        self.filters.fill(days, sessions, self.filter, peers, sources)

    # -- loading ------------------------------------------------------------------------

    @property
    def charts(self) -> list[FlipChart]:
        return [c.chart for c in self.columns]

    def load(self) -> None:
        """Read the charts and how many cards each holds; the cards come as they are drawn."""
        try:
            charts = self.context.notebook.flip_charts()
        except PeerdeskError as exc:
            self.context.messages.error(exc.message)
            return
        if [(c.id, c.title) for c in charts] != [(c.id, c.title) for c in self.charts]:
            self._build_columns(charts)
        self.reload_cards()

    def _build_columns(self, charts: list[FlipChart]) -> None:
        for column in self.columns:
            column.model.forget()
            self.strip_layout.removeWidget(column)
            column.deleteLater()
        self.columns = []
        for i, chart in enumerate(charts):
            model = ChartModel(self.reader, chart.id, 0, self._dropped)
            column = ChartColumn(chart, model, self.strip)
            view = column.view
            view.move_requested.connect(lambda dx, dy, c=column: self.move_selected(c, dx, dy))
            view.step_requested.connect(lambda d, c=column: self._step(c, d))
            view.clicked_alone.connect(lambda c=column: self._clear_others(c))
            view.activated.connect(self.open_source)
            if i:
                QWidget.setTabOrder(self.columns[-1].view, view)
            self.columns.append(column)
        self._arrange()

    def show_whole_board(self, whole: bool) -> None:
        """Every flip chart at once (narrow columns that wrap into two rows), or as usual."""
        self.whole_board = whole
        if self.whole_button.isChecked() != whole:
            self.whole_button.setChecked(whole)
        self._arrange()

    def _arrange(self) -> None:
        grid = self.strip_layout
        for column in self.columns:
            grid.removeWidget(column)
        for i in range(grid.columnCount()):
            grid.setColumnStretch(i, 0)
        count = len(self.columns)
        rows = 2 if self.whole_board and count > 4 else 1
        per_row = max(1, -(-count // rows))
        width = None
        if self.whole_board:
            room = self.charts_area.viewport().width() - grid.spacing() * per_row
            width = max(MIN_COMPACT_WIDTH, room // per_row)
        for i, column in enumerate(self.columns):
            column.set_compact(width)
            grid.addWidget(column, i // per_row, i % per_row)
        grid.setColumnStretch(per_row, 1)
        self.charts_area.setVerticalScrollBarPolicy(
            Qt.ScrollBarPolicy.ScrollBarAsNeeded if rows > 1
            else Qt.ScrollBarPolicy.ScrollBarAlwaysOff)

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        if self.whole_board:
            QTimer.singleShot(0, self._arrange)

    def reload_cards(self, keep: list[int] | None = None) -> None:
        """Re-read every column (after a move, a filter or a change in the findings)."""
        keep = self.selected_ids() if keep is None else keep
        focus = next((c for c in self.columns if c.view.hasFocus()), None)
        try:
            counts = self.reader.counts()
            kept = self.reader.filtered_ids(self.filter) if self.filter.active else None
        except PeerdeskError as exc:
            self.context.messages.error(exc.message)
            return
        for column in self.columns:
            ids = None if kept is None else kept.get(column.chart.id, [])
            column.model.reload(counts.get(column.chart.id, 0), ids)
            column.update_header()
        total = sum(counts.values())
        shown = total if kept is None else sum(len(v) for v in kept.values())
        self.shown_label.setText(f"{total:,} post-its" if kept is None
                                 else f"Showing {shown:,} of {total:,} post-its")
        if keep:
            self.select_postits(keep, focus_view=focus is not None)

    def refresh(self) -> None:
        """Called when the tab is shown: post-its may have been made elsewhere."""
        if self._fresh or self._torn_down:
            return
        self.load()
        if self.filters.filled:
            self.fill_filters()
            self.findings.reload(self.charts)

    # -- selection ----------------------------------------------------------------------

    def selected_ids(self) -> list[int]:
        out: list[int] = []
        for column in self.columns:
            out += column.view.selected_ids()
        return out

    def _clear_others(self, keep: ChartColumn) -> None:
        for column in self.columns:
            if column is not keep:
                column.view.clearSelection()

    def select_postits(self, ids: list[int], focus_view: bool = True) -> bool:
        """Select these post-its (where shown) and bring the first into view."""
        try:
            cards = self.reader.cards_by_id(ids)
        except PeerdeskError:
            return False
        by_chart: dict[int, list[Card]] = {}
        for card in cards:
            by_chart.setdefault(card.flip_chart_id, []).append(card)
        first: ChartColumn | None = None
        for column in self.columns:
            mine = by_chart.get(column.chart.id, [])
            rows = [r for r in (self._row(column, c) for c in mine) if r >= 0]
            column.view.select_rows(rows, rows[0] if rows else None)
            if rows and first is None:
                first = column
        if first is not None:
            self.charts_area.ensureWidgetVisible(first, 20, 0)
            if focus_view:
                first.view.setFocus(Qt.FocusReason.OtherFocusReason)
        return first is not None

    @staticmethod
    def _row(column: ChartColumn, card: Card) -> int:
        model = column.model
        if model.rowCount() == model.total:  # unfiltered: the row is the position
            found = model.card(card.position)
            if found is not None and found.id == card.id:
                return card.position
        return model.row_of(card.id)

    def select_postit(self, postit_id: int) -> bool:
        """Show one post-it (clearing filters that hide it), as a search result asks."""
        if not self.select_postits([postit_id]) and self.filter.active:
            self.clear_filters()
            return self.select_postits([postit_id])
        return True

    def select_finding(self, finding_id: int) -> bool:
        if not self.findings.model.rows:
            self.findings.reload(self.charts)
        found = self.findings.select_finding(finding_id)
        if found:
            self.findings.list.setFocus()
        return found

    # -- moving ---------------------------------------------------------------------------

    def _dropped(self, ids: list[int], chart_id: int, position: int) -> bool:
        try:
            self.reader.move_cards(ids, chart_id, position)
        except PeerdeskError as exc:
            self.context.messages.error(exc.message)
            return False
        QTimer.singleShot(0, lambda: self.reload_cards(ids))
        return True

    def move_selected(self, column: ChartColumn, dx: int, dy: int) -> None:
        ids = column.view.selected_ids()
        if not ids:
            return
        try:
            if dx:
                index = self.columns.index(column) + dx
                if not 0 <= index < len(self.columns):
                    return
                target = self.columns[index]
                row = min(column.view.currentIndex().row(), target.model.rowCount())
                self.reader.move_cards(ids, target.chart.id, target.model.position_for_row(
                    max(row, 0)))
            else:
                # past the neighbouring card shown (a filter may hide some in between)
                rows = sorted(i.row() for i in column.view.selectionModel().selectedRows())
                row = rows[0] - 1 if dy < 0 else rows[-1] + 2
                if row < 0 or row > column.model.rowCount() + 1:
                    return
                self.reader.move_cards(ids, column.chart.id, column.model.position_for_row(
                    min(row, column.model.rowCount())))
        except PeerdeskError as exc:
            self.context.messages.error(exc.message)
            return
        self.reload_cards(ids)
        if dx:
            self.columns[self.columns.index(column) + dx].view.setFocus()

    def _step(self, column: ChartColumn, direction: int) -> None:
        index = self.columns.index(column) + direction
        if 0 <= index < len(self.columns):
            view = self.columns[index].view
            view.setFocus(Qt.FocusReason.TabFocusReason)
            if not view.currentIndex().isValid() and view.model().rowCount():
                view.setCurrentIndex(view.model().index(0, 0))
            self.charts_area.ensureWidgetVisible(self.columns[index], 20, 0)

    # -- filters ------------------------------------------------------------------------

    def _filter_chosen(self) -> None:
        self.filter = self.filters.value()
        self.reload_cards()

    def set_filter(self, flt: BoardFilter) -> None:
        self.filter = flt
        self.filters.show_filter(flt)
        self.reload_cards()

    def clear_filters(self) -> None:
        self.set_filter(BoardFilter())

    # -- findings -------------------------------------------------------------------------

    def group_selected(self) -> None:
        ids = self.selected_ids()
        focus = next((c for c in self.columns if c.view.hasFocus()), None)
        made = self.findings.group(ids)
        self.activateWindow()
        if made is not None:
            self.reload_cards(ids)
        if focus is not None:
            focus.view.setFocus(Qt.FocusReason.OtherFocusReason)

    def _new_finding(self) -> None:
        focus = next((c for c in self.columns if c.view.hasFocus()), None)
        self.findings.new_finding(focus.chart.id if focus else None)

    # -- opening the source ------------------------------------------------------------

    def open_source(self, index: QModelIndex) -> None:
        card = index.data(CARD_ROLE)
        if not isinstance(card, Card):
            return
        page = self.context.window.page
        if page is None:
            return
        if card.session_id is not None:
            page.start_session(card.session_id)
        elif card.document_id is not None:
            documents = page.show_tab("Documents")
            select = getattr(documents, "select", None)
            if callable(select):
                select(card.document_id)
        else:
            self.context.messages.info("This post-it has no source to open.")

    def teardown(self) -> None:
        self._torn_down = True
        for column in self.columns:
            column.model.forget()
        self.findings.teardown()
        self.filters.clear()
