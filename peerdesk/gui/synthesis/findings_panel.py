"""The findings beside the board: the engagement's rule, every finding with its label, and
the chosen finding's support, challenges, status and post-its.

It sits in the board tab (not a tab of its own) so that post-its can be dragged from a
chart straight onto a finding, and the selected cards added with one key.
"""

from __future__ import annotations

from PySide6.QtCore import QItemSelectionModel, Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QHBoxLayout,
    QLabel,
    QListView,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QSpinBox,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from peerdesk.capture.postits import KIND_LABELS, PostitStore
from peerdesk.gui.synthesis.finding_dialog import KIND_FROM_POSTIT, FindingDialog
from peerdesk.gui.synthesis.finding_labels import (
    CHALLENGE_COLOUR,
    LABEL_COLOURS,
    challenge_text,
    sources_text,
    status_text,
    support_text,
)
from peerdesk.gui.synthesis.findings_model import ID_ROLE, ROW_ROLE, FindingsModel
from peerdesk.gui.widgets.colours import text_style
from peerdesk.gui.widgets.context import GuiContext
from peerdesk.synthesis.findings import STATUSES, FindingStore, MatrixRow
from peerdesk.synthesis.triangulation import SOURCE_KIND_LABELS, Rule
from peerdesk.vault.domain import FlipChart
from peerdesk.vault.errors import PeerdeskError


class FindingsPanel(QWidget):
    changed = Signal()   # evidence or findings changed: the board's cards may show it

    def __init__(self, context: GuiContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.store = FindingStore(context.notebook)
        self.charts: list[FlipChart] = []
        self.setAccessibleName("Findings")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 0, 0, 0)
        heading = QLabel("Findings", self)
        font = heading.font()
        font.setBold(True)
        heading.setFont(font)
        layout.addWidget(heading)
        layout.addLayout(self._rule_row())

        split = QSplitter(Qt.Orientation.Vertical, self)
        split.setChildrenCollapsible(False)
        self.model = FindingsModel(self._dropped, self._headline_typed)
        self.list = QListView(split)
        self.list.setModel(self.model)
        self.list.setAccessibleName("Findings")
        self.list.setAccessibleDescription(
            "Drop post-its on a finding to add them as support. On the board, Ctrl+E adds "
            "the selected post-its to the chosen finding, Ctrl+Shift+E marks them as "
            "challenging it.")
        self.list.setUniformItemSizes(True)
        self.list.setWordWrap(False)
        self.list.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.list.setDragDropMode(QAbstractItemView.DragDropMode.DropOnly)
        self.list.setDropIndicatorShown(True)
        self.list.setEditTriggers(QAbstractItemView.EditTrigger.EditKeyPressed
                                  | QAbstractItemView.EditTrigger.DoubleClicked)
        self.list.setToolTip("F2 or a double-click changes the headline")
        self.list.selectionModel().currentChanged.connect(lambda *_: self._show_detail())
        split.addWidget(self.list)
        split.addWidget(self._detail(split))
        split.setStretchFactor(0, 3)
        split.setStretchFactor(1, 2)
        layout.addWidget(split, 1)
        row = QHBoxLayout()
        self.new_button = QPushButton("&New finding…", self)
        self.new_button.setAccessibleName("New finding")
        self.new_button.setToolTip("Make a finding with no post-its yet (Ctrl+Shift+N)")
        self.new_button.clicked.connect(lambda: self.new_finding())
        row.addWidget(self.new_button)
        row.addStretch(1)
        layout.addLayout(row)

    # -- building ---------------------------------------------------------------------

    def _rule_row(self) -> QHBoxLayout:
        row = QHBoxLayout()
        row.addWidget(QLabel("Triangulated at", self))
        self.min_sources = QSpinBox(self)
        self.min_sources.setRange(1, 99)
        self.min_sources.setAccessibleName("Sources needed to triangulate")
        self.min_sources.setToolTip("How many distinct sessions or documents a finding needs")
        sources_label = QLabel("&sources of", self)
        sources_label.setBuddy(self.min_sources)
        self.min_kinds = QSpinBox(self)
        self.min_kinds.setRange(1, 99)
        self.min_kinds.setAccessibleName("Kinds of source needed to triangulate")
        self.min_kinds.setToolTip("How many kinds of source (meetings, focus groups, "
                                  "documents...) those sources must cover")
        kinds_label = QLabel("&kinds", self)
        kinds_label.setBuddy(self.min_kinds)
        row.addWidget(self.min_sources)
        row.addWidget(sources_label)
        row.addWidget(self.min_kinds)
        row.addWidget(kinds_label)
        row.addStretch(1)
        self.min_sources.valueChanged.connect(self._rule_changed)
        self.min_kinds.valueChanged.connect(self._rule_changed)
        return row

    def _detail(self, parent: QWidget) -> QWidget:
        box = QWidget(parent)
        layout = QVBoxLayout(box)
        layout.setContentsMargins(0, 4, 0, 0)
        self.headline = QLabel(box)
        self.headline.setWordWrap(True)
        self.headline.setAccessibleName("Chosen finding")
        font = self.headline.font()
        font.setBold(True)
        self.headline.setFont(font)
        self.label_line = QLabel(box)
        self.label_line.setAccessibleName("Triangulation")
        self.support_line = QLabel(box)
        self.support_line.setWordWrap(True)
        self.support_line.setAccessibleName("Support by source kind")
        self.challenge_line = QLabel(box)
        self.challenge_line.setAccessibleName("Challenges")
        self.challenge_line.setStyleSheet(text_style(CHALLENGE_COLOUR))
        for label in (self.headline, self.label_line, self.support_line, self.challenge_line):
            label.setTextFormat(Qt.TextFormat.PlainText)
            layout.addWidget(label)
        status_row = QHBoxLayout()
        self.status = QComboBox(box)
        self.status.setAccessibleName("Status of the finding")
        for key in STATUSES:
            self.status.addItem(status_text(key), key)
        self.status.activated.connect(self._status_chosen)
        status_label = QLabel("S&tatus:", box)
        status_label.setBuddy(self.status)
        status_row.addWidget(status_label)
        status_row.addWidget(self.status, 1)
        layout.addLayout(status_row)
        self.evidence = QListWidget(box)
        self.evidence.setAccessibleName("Post-its behind the finding")
        self.evidence.setWordWrap(True)
        layout.addWidget(self.evidence, 1)
        buttons = QHBoxLayout()
        self.toggle_button = QPushButton("Supports ⇄ challenges", box)
        self.toggle_button.setAccessibleName("Switch between supporting and challenging")
        self.toggle_button.clicked.connect(self._toggle_relation)
        self.remove_button = QPushButton("Take off", box)
        self.remove_button.setAccessibleName("Take the post-it off this finding")
        self.remove_button.clicked.connect(self._remove_evidence)
        buttons.addWidget(self.toggle_button)
        buttons.addWidget(self.remove_button)
        buttons.addStretch(1)
        layout.addLayout(buttons)
        self._show_detail()
        return box

    # -- reading ----------------------------------------------------------------------

    def reload(self, charts: list[FlipChart] | None = None, select: int | None = None) -> None:
        if charts is not None:
            self.charts = charts
        current = select if select is not None else self.current_id()
        try:
            rule = self.store.rule()
            rows = self.store.matrix()
            self.model.kind_labels = self.store.kind_labels()
        except PeerdeskError as exc:
            self.context.messages.error(exc.message)
            return
        for spin, value in ((self.min_sources, rule.min_sources),
                            (self.min_kinds, rule.min_kinds)):
            spin.blockSignals(True)
            spin.setValue(value)
            spin.blockSignals(False)
        titles = {c.id: c.title for c in self.context.notebook.flip_charts(include_retired=True)}
        self.model.set_rows(rows, titles)
        if (current is None or not self.select_finding(current)) and rows:
            # something to look at, rather than an empty panel
            self.list.selectionModel().setCurrentIndex(
                self.model.index(0, 0), QItemSelectionModel.SelectionFlag.ClearAndSelect)
        self._show_detail()

    def current_id(self) -> int | None:
        value = self.list.currentIndex().data(ID_ROLE)
        return None if value is None else int(value)

    def current_row(self) -> MatrixRow | None:
        row = self.list.currentIndex().data(ROW_ROLE)
        return row if isinstance(row, MatrixRow) else None

    def select_finding(self, finding_id: int) -> bool:
        row = self.model.row_of(finding_id)
        if row < 0:
            return False
        index = self.model.index(row, 0)
        self.list.selectionModel().setCurrentIndex(
            index, QItemSelectionModel.SelectionFlag.ClearAndSelect)
        self.list.scrollTo(index)
        return True

    def _show_detail(self) -> None:
        row = self.current_row()
        self.evidence.clear()
        for widget in (self.status, self.evidence, self.toggle_button, self.remove_button):
            widget.setEnabled(row is not None)
        if row is None:
            self.headline.setText("Choose a finding to see what supports it.")
            for label in (self.label_line, self.support_line, self.challenge_line):
                label.clear()
            return
        self.headline.setText(row.headline)
        self.label_line.setText(f"{row.label.text}: {sources_text(row.sources, row.kinds)}")
        self.label_line.setStyleSheet(text_style(LABEL_COLOURS[row.label]))
        self.support_line.setText("Support: " + support_text(row.counts, self.model.kind_labels))
        self.challenge_line.setText(("⚠ " + challenge_text(row.challenges))
                                    if row.challenges else "")
        self.status.setCurrentIndex(max(0, self.status.findData(row.status)))
        try:
            evidence = self.store.evidence(row.finding_id)
        except PeerdeskError as exc:
            self.context.messages.error(exc.message)
            return
        labels = self.model.kind_labels or SOURCE_KIND_LABELS
        for ev in evidence:
            source = labels.get(ev.source.kind, ev.source.kind) \
                if ev.source else "No source"
            verb = "Challenges" if ev.relation == "challenges" else "Supports"
            item = QListWidgetItem(f"{verb} · {KIND_LABELS.get(ev.kind, ev.kind)}: {ev.text}"
                                   f" ({source}{', ' + ev.initials if ev.initials else ''})")
            item.setData(Qt.ItemDataRole.UserRole, (ev.postit_id, ev.relation))
            if ev.relation == "challenges":
                item.setForeground(Qt.GlobalColor.darkRed)
            self.evidence.addItem(item)
        if self.evidence.count():
            self.evidence.setCurrentRow(0)

    # -- changing ---------------------------------------------------------------------

    def _rule_changed(self) -> None:
        sources = self.min_sources.value()
        kinds = min(self.min_kinds.value(), sources)
        try:
            self.store.set_rule(Rule(sources, kinds))
        except PeerdeskError as exc:
            self.context.messages.error(exc.message)
            return
        self.reload()

    def _status_chosen(self, index: int) -> None:
        finding_id = self.current_id()
        if finding_id is None:
            return
        try:
            self.store.set_status(finding_id, str(self.status.itemData(index)))
        except PeerdeskError as exc:
            self.context.messages.error(exc.message)
        self.reload()

    def _headline_typed(self, finding_id: int, headline: str) -> bool:
        try:
            self.store.update(finding_id, headline=headline)
        except PeerdeskError as exc:
            self.context.messages.error(exc.message)
            return False
        QTimer.singleShot(0, lambda: self.reload(select=finding_id))
        return True

    def _dropped(self, finding_id: int, postit_ids: list[int]) -> bool:
        self.select_finding(finding_id)
        return self.add_evidence(postit_ids, "supports", finding_id)

    def add_evidence(self, postit_ids: list[int], relation: str,
                     finding_id: int | None = None) -> bool:
        finding_id = finding_id if finding_id is not None else self.current_id()
        if finding_id is None:
            self.context.messages.error("Choose a finding first, then add the post-its to it.")
            return False
        if not postit_ids:
            self.context.messages.error("Select one or more post-its on the board first.")
            return False
        try:
            self.store.add_evidence_many(finding_id, postit_ids, relation)
        except PeerdeskError as exc:
            self.context.messages.error(exc.message)
            return False
        self.reload(select=finding_id)
        self.changed.emit()
        return True

    def group(self, postit_ids: list[int]) -> int | None:
        """Ask for a headline, then make a finding backed by these post-its."""
        if not postit_ids:
            self.context.messages.error("Select the post-its to group first (Ctrl+click "
                                        "or Shift+arrows choose several).")
            return None
        try:
            first = PostitStore(self.context.notebook).get(postit_ids[0])
        except PeerdeskError as exc:
            self.context.messages.error(exc.message)
            return None
        dialog = FindingDialog(self, None, first.text[:200],
                               KIND_FROM_POSTIT.get(first.kind, "strength"),
                               postits=len(postit_ids))
        while dialog.exec() == QDialog.DialogCode.Accepted:
            headline, kind, _ = dialog.values()
            try:
                finding_id = self.store.group(postit_ids, headline, kind)
            except PeerdeskError as exc:
                dialog.problem.setText(exc.message)
                continue
            self.reload(select=finding_id)
            self.changed.emit()
            self.context.messages.info(f"Finding made from {len(postit_ids)} "
                                       f"post-it{'s' if len(postit_ids) != 1 else ''}.")
            return finding_id
        return None

    def new_finding(self, chart_id: int | None = None) -> int | None:
        if not self.charts:
            try:
                self.charts = self.context.notebook.flip_charts()
            except PeerdeskError as exc:
                self.context.messages.error(exc.message)
                return None
        dialog = FindingDialog(self, self.charts, chart_id=chart_id)
        while dialog.exec() == QDialog.DialogCode.Accepted:
            headline, kind, chart = dialog.values()
            if chart is None:
                dialog.problem.setText("Add a flip chart first: findings sit on a chart.")
                continue
            try:
                finding_id = self.store.create(chart, headline, kind)
            except PeerdeskError as exc:
                dialog.problem.setText(exc.message)
                continue
            self.reload(select=finding_id)
            self.list.setFocus()
            return finding_id
        return None

    def _chosen_evidence(self) -> tuple[int, str] | None:
        item = self.evidence.currentItem()
        value = item.data(Qt.ItemDataRole.UserRole) if item is not None else None
        return (int(value[0]), str(value[1])) if value else None

    def _toggle_relation(self) -> None:
        chosen = self._chosen_evidence()
        if chosen is not None:
            flipped = "supports" if chosen[1] == "challenges" else "challenges"
            self.add_evidence([chosen[0]], flipped)

    def _remove_evidence(self) -> None:
        chosen, finding_id = self._chosen_evidence(), self.current_id()
        if chosen is None or finding_id is None:
            return
        try:
            self.store.remove_evidence(finding_id, chosen[0])
        except PeerdeskError as exc:
            self.context.messages.error(exc.message)
            return
        self.reload()
        self.changed.emit()

    def teardown(self) -> None:
        self.model.set_rows([], {})
        self.evidence.clear()
        self.headline.clear()
        self.charts = []
