"""Import a timetable from a CSV or calendar (.ics) file: preview, map columns, then all or
nothing. Reading and importing run off the UI thread."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QListWidget,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from peerdesk.capture.session_kinds import KIND_LABELS
from peerdesk.capture.sessions import local
from peerdesk.capture.timetable.importer import (
    FIELD_LABELS,
    ImportProblem,
    PlannedSession,
    TimetablePreview,
    import_preview,
    peers_of,
    read_timetable,
)
from peerdesk.gui.widgets.background_task import BackgroundTask
from peerdesk.gui.widgets.file_choice import choose_files
from peerdesk.vault.errors import PeerdeskError
from peerdesk.vault.notebook import Notebook

PREVIEW_COLUMNS = ("From", "Date", "Time", "Title", "Kind", "Place", "With", "Peers")
_PARTS = {"lead": "you lead", "notes": "you take notes"}
NOT_USED = "Not used"


def _when(p: PlannedSession) -> tuple[str, str]:
    start = local(p.starts_at)
    if p.all_day:
        return start.strftime("%a %d/%m/%Y"), "All day"
    end = f"–{local(p.ends_at).strftime('%H:%M')}" if p.ends_at else ""
    return start.strftime("%a %d/%m/%Y"), start.strftime("%H:%M") + end


class TimetableImportDialog(QDialog):
    def __init__(self, notebook: Notebook, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.notebook = notebook
        self.path: Path | None = None
        self.preview: TimetablePreview | None = None
        self.imported: list[int] = []
        self.mapping: dict[str, str | None] = {}
        self.task: BackgroundTask | None = None
        self._generation = 0
        self._combos: dict[str, tuple[QLabel, QComboBox]] = {}
        self.setWindowTitle("Import a timetable")
        self.setAccessibleName("Import a timetable")
        self.resize(920, 620)
        layout = QVBoxLayout(self)

        intro = QLabel("Choose a CSV file (as Excel saves it) or a calendar file (.ics, as "
                       "Outlook exports it). You see what would be added before anything is "
                       "imported, and either all of it is imported or none.", self)
        intro.setWordWrap(True)
        layout.addWidget(intro)
        file_row = QHBoxLayout()
        self.choose_button = QPushButton("&Choose file…", self)
        self.choose_button.setAccessibleName("Choose file")
        self.choose_button.setToolTip("Choose the timetable file to read")
        self.choose_button.clicked.connect(self.choose_file)
        self.file_label = QLabel("No file chosen yet.", self)
        self.file_label.setAccessibleName("Chosen file")
        file_row.addWidget(self.choose_button)
        file_row.addWidget(self.file_label, 1)
        layout.addLayout(file_row)

        self.columns_box = QGroupBox("Columns: what each column of the file holds", self)
        self.columns_box.setAccessibleName("Columns of the file")
        self.columns_grid = QGridLayout(self.columns_box)
        self.columns_box.hide()
        layout.addWidget(self.columns_box)

        self.table = QTableWidget(0, len(PREVIEW_COLUMNS), self)
        self.table.setHorizontalHeaderLabels(list(PREVIEW_COLUMNS))
        self.table.setAccessibleName("Sessions that would be imported")
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setSectionResizeMode(3, QHeaderView.ResizeMode.Stretch)
        table_label = QLabel("&Sessions that would be imported:", self)
        table_label.setBuddy(self.table)
        layout.addWidget(table_label)
        layout.addWidget(self.table, 3)

        self.problems_label = QLabel("&Problems:", self)
        self.problems = QListWidget(self)
        self.problems.setAccessibleName("Problems found in the file")
        self.problems_label.setBuddy(self.problems)
        layout.addWidget(self.problems_label)
        layout.addWidget(self.problems, 1)
        self.status_label = QLabel(self)
        self.status_label.setWordWrap(True)
        self.status_label.setAccessibleName("Import status")
        layout.addWidget(self.status_label)

        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel, self)
        self.import_button = QPushButton("&Import", self)
        self.import_button.setAccessibleName("Import the sessions")
        self.import_button.setEnabled(False)
        self.buttons.addButton(self.import_button, QDialogButtonBox.ButtonRole.AcceptRole)
        cancel = self.buttons.button(QDialogButtonBox.StandardButton.Cancel)
        cancel.setAccessibleName("Cancel")
        self.buttons.accepted.connect(self.run_import)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)
        self._show_problems([])
        self.choose_button.setFocus()

    # -- reading ------------------------------------------------------------------------

    def choose_file(self) -> None:
        chosen = choose_files(self, "Choose a timetable file",
                              ["Timetables (*.csv *.ics *.ical *.txt)", "All files (*)"],
                              multiple=False)
        if chosen:
            self.load(chosen[0])

    def load(self, path: Path) -> None:
        self.path = path
        self.mapping = {}
        self._build_columns(())
        self.file_label.setText(path.name)
        self._run(lambda: read_timetable(self.notebook, path), "Reading the file…")

    def _remap(self, column: str, combo: QComboBox) -> None:
        if self.preview is None:
            return
        self.mapping[column] = combo.currentData()
        preview, mapping = self.preview, dict(self.mapping)
        self._run(lambda: preview.with_mapping(mapping), "Reading the file again…")

    def _run(self, work: Callable[[], Any], what: str) -> None:
        """Read in the background; only the latest reading is shown (the peer may change
        several columns before the first reading comes back)."""
        self.import_button.setEnabled(False)
        self.choose_button.setEnabled(False)
        self.status_label.setText(what)
        self._generation += 1
        generation = self._generation
        self.task = BackgroundTask(work)
        self.task.finished.connect(lambda result: self._latest(generation, result))
        self.task.failed.connect(lambda exc: self._failed(exc) if generation == self._generation
                                 else None)
        self.task.start()

    @property
    def busy(self) -> bool:
        return self.task is not None and self.task.running

    def _latest(self, generation: int, result: object) -> None:
        if generation == self._generation:
            self._show_preview(result)

    def _failed(self, exc: object) -> None:
        self.choose_button.setEnabled(True)
        if isinstance(exc, ImportProblem):
            self._show_problems([str(p) for p in exc.problems])
            self.status_label.setText("Nothing was imported. Put the file right and choose it "
                                      "again.")
        elif isinstance(exc, PeerdeskError):
            self._show_problems([exc.message])
            self.status_label.setText("Nothing was imported.")
        else:
            raise exc if isinstance(exc, BaseException) else RuntimeError(str(exc))

    def _show_preview(self, result: object) -> None:
        self.choose_button.setEnabled(True)
        if not isinstance(result, TimetablePreview):
            return
        self.preview = result
        self._show_columns(result)
        self.table.setRowCount(0)
        me, team = peers_of(self.notebook)
        for p in result.sessions:
            day, hours = _when(p)
            part = p.details(me, team).my_part
            peers = "/".join(p.peers) + (f" ({_PARTS[part]})" if part else "")
            cells = (p.source, day, hours, p.title, KIND_LABELS.get(p.kind, p.kind), p.place,
                     "; ".join(p.with_people), peers)
            row = self.table.rowCount()
            self.table.insertRow(row)
            for column, text in enumerate(cells):
                self.table.setItem(row, column, QTableWidgetItem(text))
        self.table.resizeColumnsToContents()
        self.table.horizontalHeader().setSectionResizeMode(3, QHeaderView.ResizeMode.Stretch)
        self._show_problems([str(p) for p in result.problems])
        count = len(result.sessions)
        notices = " ".join(result.notices)
        if result.ok:
            self.import_button.setText(f"&Import {count} session{'s' if count != 1 else ''}")
            self.status_label.setText(f"Ready: {count} session{'s' if count != 1 else ''} "
                                      f"would be added. {notices}".strip())
        elif result.problems:
            self.import_button.setText("&Import")
            self.status_label.setText("Nothing can be imported until the problems above are "
                                      f"put right in the file (or the columns chosen). {notices}")
        else:
            self.status_label.setText(f"The file holds no sessions to import. {notices}")
        self.import_button.setEnabled(result.ok)
        self.import_button.setAccessibleName(self.import_button.text().replace("&", ""))

    def _show_columns(self, preview: TimetablePreview) -> None:
        """One choice per column; the same widgets stay while the peer maps columns, so the
        keyboard focus is not lost between readings."""
        self.columns_box.setVisible(bool(preview.columns))
        if tuple(self._combos) != preview.columns:
            self._build_columns(preview.columns)
        for column, (heading, combo) in self._combos.items():
            if self.mapping.get(column) is not None and column in preview.mapping:
                state = "chosen"
            else:
                state = "recognised" if column in preview.mapping else "not used"
            heading.setText(f"“{column}” ({state}):")
            combo.blockSignals(True)
            combo.setCurrentIndex(max(0, combo.findData(preview.mapping.get(column))))
            combo.blockSignals(False)

    def _build_columns(self, columns: tuple[str, ...]) -> None:
        while self.columns_grid.count():
            item = self.columns_grid.takeAt(0)
            widget = item.widget() if item is not None else None
            if widget is not None:
                widget.deleteLater()
        self._combos = {}
        per_row = 3
        for number, column in enumerate(columns):
            combo = QComboBox(self.columns_box)
            combo.addItem(NOT_USED, None)
            for key, label in FIELD_LABELS.items():
                combo.addItem(label, key)
            combo.setAccessibleName(f"Column {column!r} holds")
            heading = QLabel(self.columns_box)
            heading.setBuddy(combo)
            combo.activated.connect(lambda _=0, c=column, box=combo: self._remap(c, box))
            row, col = divmod(number, per_row)
            self.columns_grid.addWidget(heading, row, col * 2, Qt.AlignmentFlag.AlignRight)
            self.columns_grid.addWidget(combo, row, col * 2 + 1)
            self._combos[column] = (heading, combo)

    def _show_problems(self, problems: list[str]) -> None:
        self.problems.clear()
        self.problems.addItems(problems)
        self.problems_label.setText(f"&Problems ({len(problems)}):" if problems
                                    else "&Problems: none found.")
        self.problems.setVisible(bool(problems))

    # -- importing --------------------------------------------------------------------

    def run_import(self) -> None:
        preview = self.preview
        if preview is None or not preview.ok:
            return
        self.import_button.setEnabled(False)
        self.choose_button.setEnabled(False)
        self.status_label.setText("Importing…")
        self.task = BackgroundTask(lambda: import_preview(self.notebook, preview))
        self.task.finished.connect(self._imported)
        self.task.failed.connect(self._failed)
        self.task.start()

    def _imported(self, ids: object) -> None:
        self.imported = [int(i) for i in ids] if isinstance(ids, list) else []
        self.accept()

    def reject(self) -> None:
        if self.task is not None and self.task.running:
            self.task.wait()
        super().reject()
