"""Check a text: paste anything before it leaves (an email to the manager, comments on
the draft report) and see, in context, whatever could identify someone and why.

The text is only held in this panel's memory: it is never stored in the notebook or on
disk, and it is cleared when the notebook locks.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from peerdesk.gui.summary.attribution_panel import context_html, escape
from peerdesk.gui.summary.export_task import ProgressTask, TaskHandle
from peerdesk.summary.attribution import CLEAR_TEXT, Hit, check_text
from peerdesk.vault.errors import PeerdeskError
from peerdesk.vault.notebook import Notebook

INTRO = ("Paste a text before it leaves the notebook (an email to the manager, your "
         "comments on the draft report), then Check (Ctrl+Return). It is not saved "
         "anywhere; change it here or where you wrote it.")


def line_of(text: str, offset: int) -> int:
    return text.count("\n", 0, offset) + 1


class CheckTextPanel(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAccessibleName("Check a text")
        self.notebook: Notebook | None = None
        self.task: ProgressTask | None = None
        self.hits: list[Hit] = []
        self._checked_text: str | None = None
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        intro = QLabel(INTRO, self)
        intro.setWordWrap(True)
        layout.addWidget(intro)
        splitter = QSplitter(Qt.Orientation.Vertical, self)
        splitter.setChildrenCollapsible(False)
        self.editor = QPlainTextEdit(splitter)
        self.editor.setAccessibleName("Text to check")
        self.editor.setPlaceholderText("Paste or type the text here")
        self.editor.setTabChangesFocus(True)
        intro.setBuddy(self.editor)
        results = QWidget(splitter)
        results_layout = QVBoxLayout(results)
        results_layout.setContentsMargins(0, 4, 0, 0)
        row = QHBoxLayout()
        self.check_button = QPushButton("Check", results)
        self.check_button.setAccessibleName("Check the text")
        self.check_button.setToolTip("Look for names, roles, numbers and addresses "
                                     "(Ctrl+Return)")
        self.check_button.clicked.connect(self.run_check)
        self.clear_button = QPushButton("Clear", results)
        self.clear_button.setAccessibleName("Clear the text and the results")
        self.clear_button.clicked.connect(self.clear_text)
        row.addWidget(self.check_button)
        row.addWidget(self.clear_button)
        row.addStretch(1)
        results_layout.addLayout(row)
        self.status_label = QLabel("", results)
        self.status_label.setWordWrap(True)
        self.status_label.setAccessibleName("Result of the check")
        results_layout.addWidget(self.status_label)
        self.scroll_area = QScrollArea(results)
        self.scroll_area.setWidgetResizable(True)
        self.scroll_area.setAccessibleName("What was found in the text")
        self.list_host = QWidget(self.scroll_area)
        self.list_layout = QVBoxLayout(self.list_host)
        self.list_layout.setContentsMargins(0, 0, 4, 0)
        self.list_layout.addStretch(1)
        self.scroll_area.setWidget(self.list_host)
        results_layout.addWidget(self.scroll_area, 1)
        splitter.addWidget(self.editor)
        splitter.addWidget(results)
        splitter.setSizes([220, 260])
        layout.addWidget(splitter, 1)
        shortcut = QShortcut(QKeySequence("Ctrl+Return"), self)
        shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        shortcut.activated.connect(self.run_check)
        self.editor.textChanged.connect(self._text_changed)
        self._show_idle()

    # -- checking ---------------------------------------------------------------------

    def _show_idle(self) -> None:
        self.status_label.setText("Nothing checked yet.")

    def _text_changed(self) -> None:
        if self._checked_text is not None and self.editor.toPlainText() != self._checked_text:
            self.status_label.setText("The text has changed since it was checked: check it "
                                      "again.")

    def run_check(self) -> None:
        notebook = self.notebook
        text = self.editor.toPlainText()
        if notebook is None:
            return
        if not text.strip():
            self.status_label.setText("Paste or type a text first.")
            return
        if self.task is not None and self.task.running:
            self.task.cancel()
        self.status_label.setText("Checking…")
        task = ProgressTask(lambda handle: self._work(notebook, text, handle), self)
        task.finished.connect(lambda hits, t=task, s=text: self._done(t, s, hits))
        task.failed.connect(lambda exc, t=task: self._failed(t, exc))
        task.stopped.connect(lambda t=task: self._ended(t))
        self.task = task
        task.start()

    @staticmethod
    def _work(notebook: Notebook, text: str, handle: TaskHandle) -> list[Hit]:
        hits = check_text(notebook, text)
        handle.check()
        return hits

    def _ended(self, task: ProgressTask) -> None:
        if task is self.task:
            self.task = None
        task.deleteLater()

    def _failed(self, task: ProgressTask, exc: object) -> None:
        current = task is self.task
        self._ended(task)
        if not current:
            return
        if isinstance(exc, PeerdeskError):
            self.status_label.setText(exc.message)
            return
        raise exc if isinstance(exc, BaseException) else RuntimeError(exc)

    def _done(self, task: ProgressTask, text: str, hits: list[Hit]) -> None:
        current = task is self.task
        self._ended(task)
        if current and self.notebook is not None:
            self.show_hits(text, hits)

    def show_hits(self, text: str, hits: list[Hit]) -> None:
        self.hits = hits
        self._checked_text = text
        self._clear_list()
        if not hits:
            self.status_label.setText(CLEAR_TEXT)
            return
        count = len(hits)
        self.status_label.setText(
            f"{count} thing{'s' if count != 1 else ''} in this text could identify someone. "
            "Each is shown in its context, with why it was flagged.")
        for at, hit in enumerate(hits):
            self.list_layout.insertWidget(at, self._card(text, hit))

    def _card(self, text: str, hit: Hit) -> QFrame:
        card = QFrame(self.list_host)
        card.setFrameShape(QFrame.Shape.StyledPanel)
        card.setFocusPolicy(Qt.FocusPolicy.TabFocus)
        where = f"line {line_of(text, hit.start)}"
        card.setAccessibleName(f"{hit.category.text} on {where}")
        card.setAccessibleDescription(f"“{hit.term}”: {hit.reason}. In: {hit.context}")
        layout = QVBoxLayout(card)
        layout.setContentsMargins(8, 6, 8, 6)
        title = QLabel(f"<b>{escape(hit.category.text)}</b> · {escape(where)} · "
                       f"{escape(hit.reason)}", card)
        title.setWordWrap(True)
        layout.addWidget(title)
        context = QLabel(context_html(hit), card)
        context.setTextFormat(Qt.TextFormat.RichText)
        context.setWordWrap(True)
        context.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout.addWidget(context)
        card.show()
        return card

    def _clear_list(self) -> None:
        while self.list_layout.count() > 1:
            item = self.list_layout.takeAt(0)
            widget = item.widget() if item is not None else None
            if widget is not None:
                widget.hide()
                widget.deleteLater()

    def clear_text(self) -> None:
        self.editor.clear()
        self._checked_text = None
        self.hits = []
        self._clear_list()
        self._show_idle()
        self.editor.setFocus()

    def clear(self) -> None:
        """Let go of the text and the notebook (on lock)."""
        if self.task is not None:
            self.task.cancel()
            self.task.wait(15.0)
            self.task = None
        self.notebook = None
        self.clear_text()   # QPlainTextEdit.clear also drops the undo history
