"""What the peer sets for the presentation besides the findings: the next steps that close
it, and the slide template (peerdesk's plain one, or the programme's own)."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from peerdesk.feedback.next_steps import next_steps_text, set_next_steps, stored_next_steps
from peerdesk.feedback.template import (
    notebook_template,
    use_shipped_template,
    use_template_file,
)
from peerdesk.gui.widgets.file_choice import choose_files
from peerdesk.vault.errors import PeerdeskError
from peerdesk.vault.notebook import Notebook

SAVE_DELAY_MS = 600


class DeckOptions(QWidget):
    changed = Signal()        # the next steps or the template were stored
    problem = Signal(str)
    told = Signal(str)        # a plain message that is not a problem

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAccessibleName("Next steps and slide template")
        self.notebook: Notebook | None = None
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 6, 0, 0)
        label = QLabel("N&ext steps, one a line (the last slide):", self)
        layout.addWidget(label)
        self.editor = QPlainTextEdit(self)
        self.editor.setAccessibleName("Next steps, one a line")
        self.editor.setTabChangesFocus(True)
        self.editor.setFixedHeight(84)
        label.setBuddy(self.editor)
        layout.addWidget(self.editor)
        row = QHBoxLayout()
        self.standard_button = QPushButton("Standard wordin&g", self)
        self.standard_button.setAccessibleName("Use the standard wording for the next steps")
        self.standard_button.setToolTip("Put back peerdesk's own wording of the next steps")
        self.standard_button.clicked.connect(self.use_standard_steps)
        row.addWidget(self.standard_button)
        row.addStretch(1)
        layout.addLayout(row)
        self.template_label = QLabel(self)
        self.template_label.setWordWrap(True)
        self.template_label.setAccessibleName("Slide template in use")
        layout.addWidget(self.template_label)
        row = QHBoxLayout()
        self.choose_button = QPushButton("Use a programme's templ&ate…", self)
        self.choose_button.setAccessibleName("Use a programme's slide template")
        self.choose_button.setToolTip("Choose a PowerPoint .pptx or .potx: its layouts and "
                                      "styles are used, its own slides are not")
        self.choose_button.clicked.connect(self.choose_template)
        self.plain_button = QPushButton("Use the plain template", self)
        self.plain_button.setAccessibleName("Use peerdesk's plain slide template")
        self.plain_button.clicked.connect(self.use_plain_template)
        row.addWidget(self.choose_button)
        row.addWidget(self.plain_button)
        row.addStretch(1)
        layout.addLayout(row)
        self._save = QTimer(self)
        self._save.setSingleShot(True)
        self._save.setInterval(SAVE_DELAY_MS)
        self._save.timeout.connect(self.save_steps)
        self.editor.textChanged.connect(self._save.start)

    def load(self, notebook: Notebook) -> None:
        self.notebook = notebook
        if not self.editor.hasFocus() and not self._save.isActive():
            self.editor.blockSignals(True)
            self.editor.setPlainText(next_steps_text(notebook))
            self.editor.blockSignals(False)
        self.standard_button.setEnabled(stored_next_steps(notebook) is not None)
        self.show_template()

    def show_template(self) -> None:
        if self.notebook is None:
            return
        template = notebook_template(self.notebook)
        if template.shipped:
            self.template_label.setText("Slide template: peerdesk's plain one (16:9, large "
                                        "type, black on white, no logo).")
        else:
            self.template_label.setText(f"Slide template: {template.name}, kept in this "
                                        "notebook (its layouts and styles are used).")
        self.plain_button.setEnabled(not template.shipped)

    def save_steps(self) -> None:
        self._save.stop()
        if self.notebook is None:
            return
        try:
            set_next_steps(self.notebook, self.editor.toPlainText())
        except PeerdeskError as exc:
            self.problem.emit(exc.message)
            return
        self.standard_button.setEnabled(stored_next_steps(self.notebook) is not None)
        self.changed.emit()

    def use_standard_steps(self) -> None:
        if self.notebook is None:
            return
        self._save.stop()
        set_next_steps(self.notebook, None)
        self.editor.blockSignals(True)
        self.editor.setPlainText(next_steps_text(self.notebook))
        self.editor.blockSignals(False)
        self.standard_button.setEnabled(False)
        self.editor.setFocus()
        self.changed.emit()

    def choose_template(self) -> None:
        if self.notebook is None:
            return
        chosen = choose_files(self, "Choose a slide template",
                              ["PowerPoint files (*.pptx *.potx)", "All files (*)"])
        if chosen:
            self.use_file(chosen[0])

    def use_file(self, path: Path) -> None:
        if self.notebook is None:
            return
        QGuiApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        try:
            template = use_template_file(self.notebook, path)
        except PeerdeskError as exc:
            self.problem.emit(exc.message)
            return
        finally:
            QGuiApplication.restoreOverrideCursor()
        self.show_template()
        self.told.emit(f"The slides now use {template.name}, kept in this notebook.")
        self.changed.emit()

    def use_plain_template(self) -> None:
        if self.notebook is None:
            return
        use_shipped_template(self.notebook)
        self.show_template()
        self.choose_button.setFocus()
        self.changed.emit()

    def flush(self) -> None:
        """Keep what was typed but not yet saved (the tab is closing)."""
        if self._save.isActive():
            self.save_steps()

    def clear(self) -> None:
        self._save.stop()
        self.notebook = None
        self.editor.blockSignals(True)
        self.editor.clear()
        self.editor.blockSignals(False)
        self.template_label.clear()
