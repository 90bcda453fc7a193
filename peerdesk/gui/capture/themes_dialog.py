"""The flip charts (themes): add, rename, reorder, retire and restore; load another template."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QGridLayout,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from peerdesk.capture import flip_charts
from peerdesk.gui.widgets.file_choice import choose_files
from peerdesk.vault.errors import PeerdeskError
from peerdesk.vault.notebook import Notebook

CHART_ID = Qt.ItemDataRole.UserRole + 1
RETIRED_MARK = " (retired)"


class ThemesDialog(QDialog):
    def __init__(self, notebook: Notebook, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.notebook = notebook
        self.setWindowTitle("Flip charts")
        self.setAccessibleName("Flip charts")
        self.resize(640, 520)
        layout = QVBoxLayout(self)
        intro = QLabel("The flip charts are the themes you explore: each post-it goes on one. "
                       "A retired chart leaves the board but keeps its post-its and findings, "
                       "and can be restored.", self)
        intro.setWordWrap(True)
        layout.addWidget(intro)

        self.list = QListWidget(self)
        self.list.setAccessibleName("Flip charts, in board order")
        self.list.setAccessibleDescription("Charts in use first, in the order of the board; "
                                           "retired ones after them. Alt+Up and Alt+Down move "
                                           "the selected chart.")
        list_label = QLabel("&Charts:", self)
        list_label.setBuddy(self.list)
        layout.addWidget(list_label)
        body = QHBoxLayout()
        body.addWidget(self.list, 1)
        side = QGridLayout()
        self.add_button = self._button("&Add theme…", "Add a flip chart for an extra theme",
                                       self.add_theme)
        self.rename_button = self._button("&Rename…", "Rename the selected chart (F2)",
                                          self.rename_selected)
        self.up_button = self._button("Move &up", "Move the selected chart up (Alt+Up)",
                                      lambda: self._move(flip_charts.move_up))
        self.down_button = self._button("Move do&wn", "Move the selected chart down (Alt+Down)",
                                        lambda: self._move(flip_charts.move_down))
        self.retire_button = self._button("R&etire", "Take the selected chart off the board, "
                                          "keeping its post-its", self.retire_or_restore)
        self.template_button = self._button("&Load another template…", "Add the flip charts "
                                            "of another programme's template file",
                                            self.load_template)
        for row, button in enumerate((self.add_button, self.rename_button, self.up_button,
                                      self.down_button, self.retire_button,
                                      self.template_button)):
            side.addWidget(button, row, 0)
        side.setRowStretch(6, 1)
        body.addLayout(side)
        layout.addLayout(body, 1)

        self.problem_label = QLabel(self)
        self.problem_label.setWordWrap(True)
        self.problem_label.setAccessibleName("Problem")
        self.problem_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout.addWidget(self.problem_label)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        close = buttons.button(QDialogButtonBox.StandardButton.Close)
        close.setAccessibleName("Close")
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)

        for keys, slot in (("F2", self.rename_selected),
                           ("Alt+Up", lambda: self._move(flip_charts.move_up)),
                           ("Alt+Down", lambda: self._move(flip_charts.move_down))):
            shortcut = QShortcut(QKeySequence(keys), self.list)
            shortcut.setContext(Qt.ShortcutContext.WidgetShortcut)
            shortcut.activated.connect(slot)
        self.list.currentRowChanged.connect(self._update_buttons)
        self.refresh()
        self.list.setFocus()

    def _button(self, text: str, tip: str, slot: Callable[[], None]) -> QPushButton:
        button = QPushButton(text, self)
        button.setAccessibleName(text.replace("&", "").rstrip("…"))
        button.setToolTip(tip)
        button.setAutoDefault(False)
        button.clicked.connect(slot)
        return button

    # -- list ---------------------------------------------------------------------------

    def refresh(self, select: int | None = None) -> None:
        select = select if select is not None else self.selected_id()
        self.list.clear()
        active = 0
        for chart in self.notebook.flip_charts(include_retired=True):
            if not chart.retired:
                active += 1
            text = (f"{chart.title}{RETIRED_MARK}" if chart.retired
                    else f"{active}. {chart.title}")
            item = QListWidgetItem(text, self.list)
            item.setData(CHART_ID, chart.id)
            item.setToolTip(chart.question or chart.title)
            if chart.retired:
                font = item.font()
                font.setItalic(True)
                item.setFont(font)
            if chart.id == select:
                self.list.setCurrentItem(item)
        if self.list.currentRow() < 0 and self.list.count():
            self.list.setCurrentRow(0)
        self._update_buttons()

    def titles(self) -> list[str]:
        """What the list shows, as a person reads it."""
        return [self.list.item(row).text() for row in range(self.list.count())]

    def selected_id(self) -> int | None:
        item = self.list.currentItem()
        return int(item.data(CHART_ID)) if item is not None else None

    def _selected_retired(self) -> bool:
        item = self.list.currentItem()
        return item is not None and item.text().endswith(RETIRED_MARK)

    def _update_buttons(self) -> None:
        has = self.selected_id() is not None
        retired = self._selected_retired()
        self.rename_button.setEnabled(has)
        self.up_button.setEnabled(has and not retired)
        self.down_button.setEnabled(has and not retired)
        self.retire_button.setEnabled(has)
        self.retire_button.setText("R&estore" if retired else "R&etire")
        self.retire_button.setAccessibleName("Restore" if retired else "Retire")
        self.retire_button.setToolTip("Put the selected chart back on the board" if retired
                                      else "Take the selected chart off the board, keeping "
                                           "its post-its")

    # -- changes --------------------------------------------------------------------------

    def _do(self, change: Callable[[], object], select: int | None = None,
            done: str = "") -> bool:
        try:
            change()
        except PeerdeskError as exc:
            self.show_problem(exc.message)
            return False
        self.problem_label.setText(done)
        self.problem_label.setAccessibleDescription(done)
        self.refresh(select)
        self.list.setFocus()  # the keyboard carries on in the list
        return True

    def show_problem(self, text: str) -> None:
        self.problem_label.setText(f"Problem: {text}")
        self.problem_label.setAccessibleDescription(f"Problem: {text}")

    def _ask_title(self, caption: str, current: str = "") -> str | None:
        dialog = QInputDialog(self)
        dialog.setWindowTitle(caption)
        dialog.setLabelText("&Title of the flip chart:")
        dialog.setTextValue(current)
        dialog.setAccessibleName(caption)
        edit = dialog.findChild(QLineEdit)
        if edit is not None:
            edit.setAccessibleName("Title of the flip chart")
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return None
        return dialog.textValue()

    def add_theme(self) -> None:
        title = self._ask_title("Add a theme")
        if title is None:
            return
        added: list[int] = []

        def change() -> None:
            added.append(flip_charts.add_theme(self.notebook, title).id)

        if self._do(change, done=f"Added “{' '.join(title.split())}”."):
            self.refresh(added[0])

    def rename_selected(self) -> None:
        chart_id = self.selected_id()
        item = self.list.currentItem()
        if chart_id is None or item is None:
            return
        current = next(c.title for c in self.notebook.flip_charts(include_retired=True)
                       if c.id == chart_id)
        title = self._ask_title("Rename the flip chart", current)
        if title is not None:
            self._do(lambda: flip_charts.rename(self.notebook, chart_id, title), chart_id,
                     "Renamed.")

    def _move(self, step: Callable[[Notebook, int], None]) -> None:
        chart_id = self.selected_id()
        if chart_id is not None and not self._selected_retired():
            self._do(lambda: step(self.notebook, chart_id), chart_id)

    def retire_or_restore(self) -> None:
        chart_id = self.selected_id()
        if chart_id is None:
            return
        if self._selected_retired():
            self._do(lambda: flip_charts.restore(self.notebook, chart_id), chart_id,
                     "Restored: the chart is back on the board, at the end.")
        else:
            self._do(lambda: flip_charts.retire(self.notebook, chart_id), chart_id,
                     "Retired: the chart is off the board; its post-its are kept.")

    def load_template(self) -> None:
        chosen = choose_files(self, "Choose a template file",
                              ["peerdesk templates (*.json)", "All files (*)"], multiple=False)
        if chosen:
            self.apply_template(chosen[0])

    def apply_template(self, path: Path) -> None:
        result: list[flip_charts.TemplateApplied] = []

        def change() -> None:
            result.append(flip_charts.apply_template_file(self.notebook, path))

        if not self._do(change):
            return
        applied = result[0]
        parts = [f"{len(applied.added)} flip chart{'s' if len(applied.added) != 1 else ''} "
                 "added"]
        if applied.skipped:
            parts.append(f"{len(applied.skipped)} already here, so left out: "
                         + ", ".join(applied.skipped))
        if applied.kinds:
            parts.append("new types of session, each a kind of source of its own: "
                         + ", ".join(k.session for k in applied.kinds))
        text = "; ".join(parts) + "."
        self.problem_label.setText(text)
        self.problem_label.setAccessibleDescription(text)
