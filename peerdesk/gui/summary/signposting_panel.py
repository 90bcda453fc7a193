"""The peer's signposting suggestions for the manager: add, change and remove them."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QAction, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from peerdesk.summary import signposting
from peerdesk.summary.signposting import SignpostItem
from peerdesk.summary.wording import SIGNPOST_TEXTS
from peerdesk.vault.domain import FlipChart
from peerdesk.vault.errors import PeerdeskError
from peerdesk.vault.notebook import Notebook

ID_ROLE = Qt.ItemDataRole.UserRole
SHORT_KINDS = {"good_practice": "Good practice", "person": "Who could help"}


class SignpostDialog(QDialog):
    """One suggestion: its kind, the line of enquiry it helps with, and its words."""

    def __init__(self, charts: list[FlipChart], item: SignpostItem | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Change the suggestion" if item else "Add a suggestion")
        self.setAccessibleName(self.windowTitle())
        layout = QVBoxLayout(self)
        form = QFormLayout()
        self.kind_box = QComboBox(self)
        self.kind_box.setAccessibleName("Kind of suggestion")
        for kind, text in SIGNPOST_TEXTS.items():
            self.kind_box.addItem(text, kind)
        self.chart_box = QComboBox(self)
        self.chart_box.setAccessibleName("Line of enquiry it helps with")
        self.chart_box.addItem("Any line of enquiry", None)
        for chart in charts:
            self.chart_box.addItem(chart.title, chart.id)
        self.text_edit = QPlainTextEdit(self)
        self.text_edit.setAccessibleName("The suggestion")
        self.text_edit.setTabChangesFocus(True)
        self.text_edit.setMinimumHeight(90)
        kind_label = QLabel("&Kind:", self)
        kind_label.setBuddy(self.kind_box)
        chart_label = QLabel("&Helps with:", self)
        chart_label.setBuddy(self.chart_box)
        text_label = QLabel("Sugges&tion:", self)
        text_label.setBuddy(self.text_edit)
        form.addRow(kind_label, self.kind_box)
        form.addRow(chart_label, self.chart_box)
        form.addRow(text_label, self.text_edit)
        layout.addLayout(form)
        hint = QLabel("Say where the good practice is, or what kind of person could help. "
                      "The check before export flags the name of anyone met during the "
                      "challenge.", self)
        hint.setWordWrap(True)
        layout.addWidget(hint)
        self.problem_label = QLabel(self)
        self.problem_label.setWordWrap(True)
        self.problem_label.setAccessibleName("Problem")
        self.problem_label.hide()
        layout.addWidget(self.problem_label)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save
                                   | QDialogButtonBox.StandardButton.Cancel, self)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        save = buttons.button(QDialogButtonBox.StandardButton.Save)
        save.setToolTip("Save the suggestion (Ctrl+Return)")
        shortcut = QShortcut(QKeySequence("Ctrl+Return"), self)
        shortcut.activated.connect(self.accept)
        layout.addWidget(buttons)
        if item is not None:
            self.kind_box.setCurrentIndex(max(0, self.kind_box.findData(item.kind)))
            index = self.chart_box.findData(item.flip_chart_id)
            self.chart_box.setCurrentIndex(max(0, index))
            self.text_edit.setPlainText(item.text)
        self.text_edit.setFocus()

    def values(self) -> tuple[str, str, int | None]:
        chart = self.chart_box.currentData()
        return (self.text_edit.toPlainText(), str(self.kind_box.currentData()),
                int(chart) if chart is not None else None)

    def show_problem(self, text: str) -> None:
        self.problem_label.setText(f"Problem: {text}")
        self.problem_label.show()


class SignpostingPanel(QWidget):
    """The list of suggestions with Add, Edit and Delete."""

    changed = Signal()
    problem = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAccessibleName("Signposting suggestions")
        self.notebook: Notebook | None = None
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.label = QLabel("Si&gnposting: good practice elsewhere and people who could "
                            "help", self)
        self.label.setWordWrap(True)
        layout.addWidget(self.label)
        self.tree = QTreeWidget(self)
        self.tree.setRootIsDecorated(False)
        self.tree.setColumnCount(3)
        self.tree.setHeaderLabels(["Suggestion", "Kind", "Helps with"])
        self.tree.setAccessibleName("Signposting suggestions")
        self.tree.setAccessibleDescription("Enter changes the chosen suggestion; Delete "
                                           "removes it.")
        self.tree.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        header = self.tree.header()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Interactive)
        header.resizeSection(2, 130)
        self.tree.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.label.setBuddy(self.tree)
        layout.addWidget(self.tree, 1)
        buttons = QHBoxLayout()
        self.add_button = QPushButton("&Add…", self)
        self.add_button.setAccessibleName("Add a signposting suggestion")
        self.edit_button = QPushButton("&Edit…", self)
        self.edit_button.setAccessibleName("Change the chosen suggestion")
        self.delete_button = QPushButton("De&lete", self)
        self.delete_button.setAccessibleName("Delete the chosen suggestion")
        self.add_button.clicked.connect(self.add)
        self.edit_button.clicked.connect(self.edit)
        self.delete_button.clicked.connect(self.delete)
        for button in (self.add_button, self.edit_button, self.delete_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        layout.addLayout(buttons)
        delete_action = QAction(self.tree)
        delete_action.setShortcut(QKeySequence(QKeySequence.StandardKey.Delete))
        delete_action.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
        delete_action.triggered.connect(self.delete)
        self.tree.addAction(delete_action)
        self.tree.itemActivated.connect(lambda *_: self.edit())
        self.tree.currentItemChanged.connect(lambda *_: self._update_buttons())
        self.items: list[SignpostItem] = []
        self._update_buttons()

    def load(self, notebook: Notebook) -> None:
        self.notebook = notebook
        current = self.current_id()
        self.items = signposting.list_signposts(notebook)
        self.tree.clear()
        for item in self.items:
            chart = item.chart_title or "Any line of enquiry"
            row = QTreeWidgetItem([item.text, SHORT_KINDS.get(item.kind, item.kind_text), chart])
            row.setData(0, ID_ROLE, item.id)
            row.setToolTip(0, item.text)
            row.setToolTip(2, chart)
            self.tree.addTopLevelItem(row)
            if item.id == current:
                self.tree.setCurrentItem(row)
        if not self.items:
            empty = QTreeWidgetItem(["No suggestions yet: add one.", "", ""])
            empty.setFlags(Qt.ItemFlag.ItemIsEnabled)
            self.tree.addTopLevelItem(empty)
        self._update_buttons()

    def current_id(self) -> int | None:
        row = self.tree.currentItem()
        value = row.data(0, ID_ROLE) if row is not None else None
        return int(value) if value is not None else None

    def select(self, signpost_id: int) -> None:
        for i in range(self.tree.topLevelItemCount()):
            row = self.tree.topLevelItem(i)
            if row is not None and row.data(0, ID_ROLE) == signpost_id:
                self.tree.setCurrentItem(row)

    def _charts(self) -> list[FlipChart]:
        return self.notebook.flip_charts() if self.notebook is not None else []

    def add(self) -> None:
        if self.notebook is None:
            return
        dialog = SignpostDialog(self._charts(), None, self)
        while dialog.exec() == QDialog.DialogCode.Accepted:
            text, kind, chart = dialog.values()
            try:
                new_id = signposting.add(self.notebook, text, kind, chart)
            except PeerdeskError as exc:
                dialog.show_problem(exc.message)
                continue
            self.load(self.notebook)
            self.select(new_id)
            self.changed.emit()
            break
        dialog.deleteLater()
        self.tree.setFocus()

    def edit(self) -> None:
        sid = self.current_id()
        if self.notebook is None or sid is None:
            return
        item = next((i for i in self.items if i.id == sid), None)
        dialog = SignpostDialog(self._charts(), item, self)
        while dialog.exec() == QDialog.DialogCode.Accepted:
            text, kind, chart = dialog.values()
            try:
                signposting.update(self.notebook, sid, text=text, kind=kind,
                                   flip_chart_id=chart)
            except PeerdeskError as exc:
                dialog.show_problem(exc.message)
                continue
            self.load(self.notebook)
            self.changed.emit()
            break
        dialog.deleteLater()
        self.tree.setFocus()

    def delete(self) -> None:
        sid = self.current_id()
        if self.notebook is None or sid is None:
            return
        answer = QMessageBox.question(
            self, "Delete the suggestion",
            "Delete this signposting suggestion? It will no longer be in the summary.",
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            QMessageBox.StandardButton.No)
        if answer != QMessageBox.StandardButton.Yes:
            return
        try:
            signposting.delete(self.notebook, sid)
        except PeerdeskError as exc:
            self.problem.emit(exc.message)
        self.load(self.notebook)
        self.changed.emit()
        self.tree.setFocus()

    def _update_buttons(self) -> None:
        chosen = self.current_id() is not None
        self.edit_button.setEnabled(chosen)
        self.delete_button.setEnabled(chosen)

    def clear(self) -> None:
        self.notebook = None
        self.items = []
        self.tree.clear()
