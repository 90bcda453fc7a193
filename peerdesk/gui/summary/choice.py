"""Which findings go into the summary, and in what order, grouped by flip chart.

Ticked findings go in; the agreed ones are ticked until the peer says otherwise. Within
a flip chart the ticked ones come first, in the summary's order; Ctrl+Up and Ctrl+Down
(or the buttons) move the chosen one.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from peerdesk.synthesis.findings import KIND_TEXTS, STATUS_TEXTS, Finding, FindingStore
from peerdesk.vault.errors import PeerdeskError
from peerdesk.vault.notebook import Notebook

ID_ROLE = Qt.ItemDataRole.UserRole


class FindingsChoice(QWidget):
    """A tree of flip charts and their findings, each with a tick box. ``only`` shows just
    the findings it accepts (the feedback slides show the agreed ones); the choice and the
    order stay the summary's."""

    changed = Signal()          # the choice or the order was stored
    problem = Signal(str)       # a plain message for the message bar

    def __init__(self, parent: QWidget | None = None,
                 only: Callable[[Finding], bool] | None = None,
                 label: str = ("Fi&ndings to include (tick to include; the agreed ones are "
                               "ticked to start with):"),
                 empty_text: str = "No findings on this flip chart yet") -> None:
        super().__init__(parent)
        self.setAccessibleName("Findings to include")
        self.notebook: Notebook | None = None
        self.only = only
        self.empty_text = empty_text
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.label = QLabel(label, self)
        self.label.setWordWrap(True)
        layout.addWidget(self.label)
        self.tree = QTreeWidget(self)
        self.tree.setColumnCount(3)
        self.tree.setHeaderLabels(["Finding", "No.", "Kind · status"])
        self.tree.setAccessibleName("Findings to include, by flip chart")
        self.tree.setAccessibleDescription(
            "Space ticks or unticks a finding. Ctrl+Up and Ctrl+Down move a ticked finding "
            "within its flip chart.")
        self.tree.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.tree.setUniformRowHeights(True)
        self.tree.setWordWrap(False)
        header = self.tree.header()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Interactive)
        header.resizeSection(2, 160)
        self.tree.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.label.setBuddy(self.tree)
        layout.addWidget(self.tree, 1)
        buttons = QHBoxLayout()
        self.up_button = QPushButton("Move up", self)
        self.up_button.setAccessibleName("Move the finding up")
        self.up_button.setToolTip("Move the chosen finding up in the summary (Ctrl+Up)")
        self.down_button = QPushButton("Move down", self)
        self.down_button.setAccessibleName("Move the finding down")
        self.down_button.setToolTip("Move the chosen finding down in the summary (Ctrl+Down)")
        self.up_button.clicked.connect(lambda: self.move_finding(-1))
        self.down_button.clicked.connect(lambda: self.move_finding(1))
        self.count_label = QLabel(self)
        self.count_label.setAccessibleName("Number of findings included")
        buttons.addWidget(self.up_button)
        buttons.addWidget(self.down_button)
        buttons.addStretch(1)
        buttons.addWidget(self.count_label)
        layout.addLayout(buttons)
        for keys, step in (("Ctrl+Up", -1), ("Ctrl+Down", 1)):
            action = QAction(self.tree)
            action.setShortcut(QKeySequence(keys))
            action.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
            action.triggered.connect(lambda _=False, s=step: self.move_finding(s))
            self.tree.addAction(action)
        self.tree.itemChanged.connect(self._item_changed)
        self.tree.currentItemChanged.connect(lambda *_: self._update_buttons())
        self._findings: dict[int, Finding] = {}
        self._order: list[int] = []     # the summary's whole order, shown or not
        self._numbers: dict[int, str] = {}
        self._filling = False
        self._update_buttons()

    # -- filling ------------------------------------------------------------------------

    def load(self, notebook: Notebook) -> None:
        """Read the flip charts and findings again, keeping the current finding."""
        self.notebook = notebook
        store = FindingStore(notebook)
        current = self.current_finding_id()
        everything = store.findings()
        chosen = store.summary()
        self._order = [f.id for f in chosen]
        if self.only is not None:
            everything = [f for f in everything if self.only(f)]
            chosen = [f for f in chosen if self.only(f)]
        self._findings = {f.id: f for f in everything}
        charts = [c for c in notebook.flip_charts(include_retired=True)
                  if not c.retired or any(f.flip_chart_id == c.id for f in everything)]
        self._filling = True
        self.tree.clear()
        select: QTreeWidgetItem | None = None
        if self.only is not None:   # a chart with nothing to choose from is left out
            charts = [c for c in charts if any(f.flip_chart_id == c.id for f in everything)]
        for chart in charts:
            top = QTreeWidgetItem([chart.title + (" (retired)" if chart.retired else "")])
            top.setFlags(Qt.ItemFlag.ItemIsEnabled)
            font = top.font(0)
            font.setBold(True)
            top.setFont(0, font)
            self.tree.addTopLevelItem(top)
            top.setFirstColumnSpanned(True)
            ticked = [f for f in chosen if f.flip_chart_id == chart.id]
            unticked = [f for f in everything
                        if f.flip_chart_id == chart.id and not f.included]
            if not ticked and not unticked:
                empty = QTreeWidgetItem([self.empty_text])
                empty.setFlags(Qt.ItemFlag.ItemIsEnabled)
                top.addChild(empty)
                empty.setFirstColumnSpanned(True)
            for finding in ticked + unticked:
                item = self._item(finding)
                top.addChild(item)
                if finding.id == current:
                    select = item
            top.setExpanded(True)
        self._filling = False
        if select is not None:
            self.tree.setCurrentItem(select)
        self._show_numbers()
        self._update_buttons()

    def _item(self, finding: Finding) -> QTreeWidgetItem:
        status = STATUS_TEXTS.get(finding.status, finding.status)
        kind = KIND_TEXTS.get(finding.kind, finding.kind)
        state = "included" if finding.included else "left out"
        item = QTreeWidgetItem([finding.headline, "", f"{kind} · {finding.status}"])
        item.setToolTip(2, f"{kind}; {status}")
        item.setData(0, ID_ROLE, finding.id)
        item.setFlags(Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
                      | Qt.ItemFlag.ItemIsUserCheckable)
        item.setCheckState(0, Qt.CheckState.Checked if finding.included
                           else Qt.CheckState.Unchecked)
        item.setToolTip(0, f"{finding.headline} ({state})")
        return item

    def set_numbers(self, numbers: dict[int, str]) -> None:
        """The number each finding has in the summary ("1.2"), from the latest preview."""
        self._numbers = dict(numbers)
        self._show_numbers()

    def _show_numbers(self) -> None:
        self._filling = True
        for item in self._finding_items():
            fid = int(item.data(0, ID_ROLE))
            item.setText(1, self._numbers.get(fid, "") if item.checkState(0)
                         == Qt.CheckState.Checked else "out")
        self._filling = False
        count = sum(1 for f in self._findings.values() if f.included)
        self.count_label.setText(f"{count} of {len(self._findings)} findings included")

    def _finding_items(self) -> list[QTreeWidgetItem]:
        out: list[QTreeWidgetItem] = []
        for i in range(self.tree.topLevelItemCount()):
            top = self.tree.topLevelItem(i)
            if top is not None:
                out += [child for child in _children(top) if child.data(0, ID_ROLE) is not None]
        return out

    def item_for(self, finding_id: int) -> QTreeWidgetItem | None:
        for item in self._finding_items():
            if int(item.data(0, ID_ROLE)) == finding_id:
                return item
        return None

    def current_finding_id(self) -> int | None:
        item = self.tree.currentItem()
        value = item.data(0, ID_ROLE) if item is not None else None
        return int(value) if value is not None else None

    def included_ids(self) -> list[int]:
        """Ticked findings in the order shown (flip chart by flip chart)."""
        return [int(item.data(0, ID_ROLE)) for item in self._finding_items()
                if item.checkState(0) == Qt.CheckState.Checked]

    # -- changing -----------------------------------------------------------------------

    def _item_changed(self, item: QTreeWidgetItem, column: int) -> None:
        if self._filling or column != 0 or item.data(0, ID_ROLE) is None:
            return
        if self.notebook is None:
            return
        fid = int(item.data(0, ID_ROLE))
        include = item.checkState(0) == Qt.CheckState.Checked
        try:
            FindingStore(self.notebook).set_in_summary(fid, include)
        except PeerdeskError as exc:
            self.problem.emit(exc.message)
        self.changed.emit()
        # Rebuilt once Qt has finished with the item that changed.
        QTimer.singleShot(0, lambda: self._reload_after_change(fid))

    def _reload_after_change(self, finding_id: int) -> None:
        if self.notebook is None:
            return
        self.load(self.notebook)
        item = self.item_for(finding_id)
        if item is not None:
            self.tree.setCurrentItem(item)

    def move_finding(self, step: int) -> None:
        """Move the current (ticked) finding up or down among the ticked ones of its
        flip chart."""
        item = self.tree.currentItem()
        if self.notebook is None or item is None or not self._can_move(item, step):
            return
        parent = item.parent()
        neighbour = parent.child(parent.indexOfChild(item) + step) if parent else None
        if neighbour is None:
            return
        # Swapped within the summary's whole order, so findings not shown keep their places.
        order = list(dict.fromkeys(self._order + self.included_ids()))
        fid, other = int(item.data(0, ID_ROLE)), int(neighbour.data(0, ID_ROLE))
        a, b = order.index(fid), order.index(other)
        order[a], order[b] = order[b], order[a]
        try:
            FindingStore(self.notebook).reorder_summary(order)
        except PeerdeskError as exc:
            self.problem.emit(exc.message)
            return
        self.load(self.notebook)
        self.tree.setFocus()
        self.changed.emit()

    def _can_move(self, item: QTreeWidgetItem, step: int) -> bool:
        parent = item.parent()
        if parent is None or item.checkState(0) != Qt.CheckState.Checked:
            return False
        index = parent.indexOfChild(item) + step
        neighbour = parent.child(index) if 0 <= index < parent.childCount() else None
        return (neighbour is not None and neighbour.data(0, ID_ROLE) is not None
                and neighbour.checkState(0) == Qt.CheckState.Checked)

    def _update_buttons(self) -> None:
        item = self.tree.currentItem()
        self.up_button.setEnabled(item is not None and self._can_move(item, -1))
        self.down_button.setEnabled(item is not None and self._can_move(item, 1))

    def clear(self) -> None:
        self.notebook = None
        self._findings = {}
        self._numbers = {}
        self.tree.clear()
        self.count_label.clear()


def _children(item: QTreeWidgetItem) -> list[QTreeWidgetItem]:
    found = (item.child(j) for j in range(item.childCount()))
    return [child for child in found if child is not None]
