"""Post-its taken from a background document: the row that makes them and the list of them."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from peerdesk.capture.postits import KIND_LABELS, PostitStore
from peerdesk.vault.errors import PeerdeskError
from peerdesk.vault.notebook import Notebook


class DocumentPostits(QWidget):
    """Selected text (or a typed line) → chart and kind → a post-it sourced to the document.

    ``problem`` and ``done`` carry texts for the window's message bar."""

    problem = Signal(str)
    done = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.notebook: Notebook | None = None
        self.document_id: int | None = None
        self._auto_text = True
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        row = QHBoxLayout()
        self.text_edit = QLineEdit(self)
        self.text_edit.setAccessibleName("Post-it text")
        self.text_edit.setPlaceholderText("One finding: select text above, or type it here")
        self.text_edit.textEdited.connect(self._typed)
        self.text_edit.returnPressed.connect(self.make_postit)
        self.chart_combo = QComboBox(self)
        self.chart_combo.setAccessibleName("Flip chart for the post-it")
        self.kind_combo = QComboBox(self)
        self.kind_combo.setAccessibleName("Kind of post-it")
        for key, label in KIND_LABELS.items():
            self.kind_combo.addItem(label, key)
        self.make_button = QPushButton("Ma&ke post-it", self)
        self.make_button.setAccessibleName("Make post-it")
        self.make_button.setToolTip("File the post-it on the chosen flip chart, with this "
                                    "document as its source (Enter in the text)")
        self.make_button.setAutoDefault(False)
        self.make_button.clicked.connect(self.make_postit)
        text_label = QLabel("Post-it te&xt:", self)
        text_label.setBuddy(self.text_edit)
        chart_label = QLabel("On c&hart:", self)
        chart_label.setBuddy(self.chart_combo)
        kind_label = QLabel("&as", self)
        kind_label.setBuddy(self.kind_combo)
        row.addWidget(text_label)
        row.addWidget(self.text_edit, 1)
        layout.addLayout(row)
        choices = QHBoxLayout()
        for widget in (chart_label, self.chart_combo, kind_label, self.kind_combo):
            choices.addWidget(widget)
        choices.setStretch(1, 2)
        choices.setStretch(3, 1)
        choices.addWidget(self.make_button)
        layout.addLayout(choices)
        self.list = QListWidget(self)
        self.list.setAccessibleName("Post-its from this document")
        self.list.setMaximumHeight(64)
        list_label = QLabel("Post-its from this document:", self)
        list_label.setBuddy(self.list)
        layout.addWidget(list_label)
        layout.addWidget(self.list)

    def _typed(self, _: str) -> None:
        self._auto_text = False

    def set_charts(self, notebook: Notebook) -> None:
        chosen = self.chart_combo.currentData()
        self.chart_combo.clear()
        for number, chart in enumerate(notebook.flip_charts(), start=1):
            self.chart_combo.addItem(f"{number}. {chart.title}", chart.id)
        self.chart_combo.setCurrentIndex(max(0, self.chart_combo.findData(chosen)))

    def show_document(self, notebook: Notebook | None, document_id: int | None) -> None:
        self.notebook = notebook
        self.document_id = document_id
        self.text_edit.clear()
        self._auto_text = True
        for widget in (self.text_edit, self.make_button):
            widget.setEnabled(document_id is not None)
        self.list.clear()
        if notebook is None or document_id is None:
            return
        charts = {c.id: c.title for c in notebook.flip_charts(include_retired=True)}
        for postit in PostitStore(notebook).list_for_document(document_id):
            chart = charts.get(postit.flip_chart_id, "")
            self.list.addItem(f"{postit.kind_label} · {chart}: {postit.text}")

    def take_selection(self, text: str) -> None:
        """The document's selected text becomes the post-it's, unless the peer typed one."""
        if text and (self._auto_text or not self.text_edit.text()):
            self.text_edit.setText(" ".join(text.split()))
            self._auto_text = True

    def make_postit(self) -> None:
        if self.notebook is None or self.document_id is None:
            return
        text = self.text_edit.text().strip()
        chart_id = self.chart_combo.currentData()
        if not text:
            self.problem.emit("Select some text in the document, or type the finding, to "
                              "make a post-it.")
            self.text_edit.setFocus()
            return
        if chart_id is None:
            self.problem.emit("There is no flip chart in use to put the post-it on.")
            return
        try:
            PostitStore(self.notebook).add(int(chart_id), text, str(self.kind_combo.currentData()),
                                           document_id=self.document_id)
        except PeerdeskError as exc:
            self.problem.emit(exc.message)
            return
        self.done.emit(f"Post-it filed on “{self.chart_combo.currentText()}”.")
        self.show_document(self.notebook, self.document_id)
        self.text_edit.setFocus()
