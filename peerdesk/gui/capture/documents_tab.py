"""Background documents: import INTO the notebook, read them from memory, note them, make
post-its from them, and (only on request, with a warning) save a copy outside."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QSplitter,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from peerdesk.capture import documents as docs
from peerdesk.gui.capture.document_postits import DocumentPostits
from peerdesk.gui.capture.document_viewer import DocumentViewer, type_name
from peerdesk.gui.widgets.background_task import BackgroundTask
from peerdesk.gui.widgets.colours import problem_style
from peerdesk.gui.widgets.context import GuiContext
from peerdesk.gui.widgets.file_choice import choose_files, choose_save_path
from peerdesk.vault.errors import PeerdeskError, StorageError

DOC_ID = Qt.ItemDataRole.UserRole + 1
NOTES_DELAY_MS = 1000
RETRY_MS = 3000
"""How often what the disk refused (an import, notes) is offered to it again."""
FILE_FILTERS = ["Documents (*.pdf *.docx *.txt *.md *.csv *.png *.jpg *.jpeg *.gif *.bmp)",
                "All files (*)"]


class DocumentsTab(QWidget):
    tab_title = "&Documents"

    def __init__(self, context: GuiContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.setAccessibleName("Documents")
        self.current: docs.Document | None = None
        self.import_task: BackgroundTask | None = None
        self.notes_task: BackgroundTask | None = None
        self._stop_import = False
        self._notes_dirty = False
        self.unsaved: list[Path] = []
        """Documents the disk refused (full, read-only): shown, and imported again by
        themselves until they are saved."""
        layout = QVBoxLayout(self)

        tools = QHBoxLayout()
        self.import_button = self._button("Im&port documents…", "Take pre-reading files into "
                                          "the encrypted notebook", self.import_documents, tools)
        self.copy_button = self._button("Save a &copy outside peerdesk…", "Write an "
                                        "unencrypted copy of the selected document where you "
                                        "choose", self.save_copy, tools)
        self.delete_button = self._button("De&lete document…", "Remove the selected document "
                                          "from the notebook", self.delete_selected, tools)
        tools.addStretch(1)
        layout.addLayout(tools)
        self.unsaved_label = QLabel(self)
        self.unsaved_label.setWordWrap(True)
        self.unsaved_label.setAccessibleName("Documents not saved yet")
        self.unsaved_label.hide()
        layout.addWidget(self.unsaved_label)
        self.retry_timer = QTimer(self)
        self.retry_timer.setSingleShot(True)
        self.retry_timer.setInterval(RETRY_MS)
        self.retry_timer.timeout.connect(self._retry_unsaved)

        splitter = QSplitter(Qt.Orientation.Horizontal, self)
        self.list = QTreeWidget(splitter)
        self.list.setAccessibleName("Documents in the notebook")
        self.list.setHeaderLabels(["Title", "Type", "Size", "Imported"])
        self.list.setRootIsDecorated(False)
        self.list.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.list.setAlternatingRowColors(True)
        self.list.currentItemChanged.connect(self._current_changed)
        right = QSplitter(Qt.Orientation.Vertical, splitter)
        right.setChildrenCollapsible(False)
        self.viewer = DocumentViewer(right)
        below = QWidget(right)
        below_layout = QVBoxLayout(below)
        below_layout.setContentsMargins(0, 0, 0, 0)
        self.notes = QPlainTextEdit(below)
        self.notes.setAccessibleName("Your notes on this document")
        self.notes.setAccessibleDescription("Saved as you type")
        self.notes.setPlaceholderText("Your notes on this document (saved as you type)")
        self.notes.setMinimumHeight(48)
        self.notes.textChanged.connect(self._notes_changed)
        notes_label = QLabel("Notes on this document (sa&ved as you type):", below)
        notes_label.setBuddy(self.notes)
        below_layout.addWidget(notes_label)
        below_layout.addWidget(self.notes, 1)
        self.postits = DocumentPostits(below)
        self.postits.problem.connect(self.context.messages.warning)
        self.postits.done.connect(self.context.messages.info)
        self.viewer.selection_changed.connect(self.postits.take_selection)
        below_layout.addWidget(self.postits)
        right.addWidget(self.viewer)
        right.addWidget(below)
        right.setStretchFactor(0, 3)
        right.setStretchFactor(1, 1)
        right.setSizes([660, 190])
        splitter.addWidget(self.list)
        splitter.addWidget(right)
        splitter.setStretchFactor(0, 1)
        splitter.setStretchFactor(1, 3)
        splitter.setSizes([420, 800])
        layout.addWidget(splitter, 1)

        self.notes_timer = QTimer(self)
        self.notes_timer.setSingleShot(True)
        self.notes_timer.setInterval(NOTES_DELAY_MS)
        self.notes_timer.timeout.connect(self._save_notes_in_background)
        self.refresh()

    def _button(self, text: str, tip: str, slot: object, row: QHBoxLayout) -> QPushButton:
        button = QPushButton(text, self)
        button.setAccessibleName(text.replace("&", "").rstrip("…"))
        button.setToolTip(tip)
        button.clicked.connect(slot)
        row.addWidget(button)
        return button

    # -- the list -------------------------------------------------------------------------

    def refresh(self, select: int | None = None) -> None:
        if self.context.notebook.closed:
            return
        keep = select if select is not None else (self.current.id if self.current else None)
        self.postits.set_charts(self.context.notebook)
        self.list.blockSignals(True)
        self.list.clear()
        target: QTreeWidgetItem | None = None
        for document in docs.list_documents(self.context.notebook):
            item = QTreeWidgetItem(self.list, [
                document.title, type_name(document.media_type), document.size_text,
                document.imported_at.astimezone().strftime("%d/%m/%Y")])
            item.setData(0, DOC_ID, document.id)
            item.setToolTip(0, document.file_name)
            item.setToolTip(3, document.imported_at.astimezone().strftime("%d/%m/%Y %H:%M"))
            if document.id == keep:
                target = item
        self.list.blockSignals(False)
        for column in range(4):
            self.list.resizeColumnToContents(column)
        if target is None and self.list.topLevelItemCount():
            target = self.list.topLevelItem(0)
        if target is not None:
            self.list.setCurrentItem(target)
            self._current_changed(target, None)
        else:
            self._show(None)

    def items(self) -> list[QTreeWidgetItem]:
        found = (self.list.topLevelItem(i) for i in range(self.list.topLevelItemCount()))
        return [item for item in found if item is not None]

    def titles(self) -> list[str]:
        return [item.text(0) for item in self.items()]

    def select(self, document_id: int) -> None:
        for item in self.items():
            if item.data(0, DOC_ID) == document_id:
                self.list.setCurrentItem(item)

    def _current_changed(self, item: QTreeWidgetItem | None, _: object) -> None:
        document_id = item.data(0, DOC_ID) if item is not None else None
        if self.current is not None and self.current.id == document_id:
            return
        self.save_notes()
        try:
            self._show(docs.get_document(self.context.notebook, int(document_id))
                       if document_id is not None else None)
        except PeerdeskError as exc:
            self.context.messages.error(exc.message)

    def _show(self, document: docs.Document | None) -> None:
        self.current = document
        for widget in (self.copy_button, self.delete_button, self.notes):
            widget.setEnabled(document is not None)
        self.notes.blockSignals(True)
        self.notes.setPlainText(document.notes if document else "")
        self.notes.blockSignals(False)
        self._notes_dirty = False
        self.postits.show_document(self.context.notebook if document else None,
                                   document.id if document else None)
        if document is None:
            self.viewer.clear("No documents yet. Use “Import documents…” to take the "
                              "pre-reading into the notebook." if not self.titles()
                              else "Choose a document in the list to read it here.")
            return
        notebook = self.context.notebook
        self.viewer.show_document(document, docs.document_bytes(notebook, document.id),
                                  docs.document_text(notebook, document.id))

    # -- notes ----------------------------------------------------------------------------

    def _notes_changed(self) -> None:
        self._notes_dirty = True
        self.notes_timer.start()

    def _save_notes_in_background(self) -> None:
        if not self._notes_dirty or self.current is None:
            return
        if self.notes_task is not None and self.notes_task.running:
            self.notes_timer.start()  # one save at a time, so they land in order
            return
        notebook, document_id = self.context.notebook, self.current.id
        text = self.notes.toPlainText()
        self._notes_dirty = False
        task = BackgroundTask(lambda: docs.set_document_notes(notebook, document_id, text))
        task.failed.connect(self._notes_failed)
        self.notes_task = task
        task.start()

    def _notes_failed(self, exc: object) -> None:
        self._notes_dirty = True
        message = exc.message if isinstance(exc, PeerdeskError) else type(exc).__name__
        self.context.messages.error(f"Your notes on the document are not saved yet: {message} "
                                    "peerdesk tries again by itself.")
        self.notes_timer.start(RETRY_MS)

    def save_notes(self) -> None:
        """Save now (on leaving the document or the tab, and before locking)."""
        self.notes_timer.stop()
        if self.notes_task is not None:
            self.notes_task.wait()
        if self._notes_dirty and self.current is not None and not self.context.notebook.closed:
            try:
                docs.set_document_notes(self.context.notebook, self.current.id,
                                        self.notes.toPlainText())
                self._notes_dirty = False
            except PeerdeskError as exc:
                self.context.messages.error(exc.message)

    def hideEvent(self, event: object) -> None:
        self.save_notes()
        super().hideEvent(event)  # type: ignore[arg-type]

    # -- import, copy, delete ---------------------------------------------------------

    def import_documents(self) -> None:
        paths = choose_files(self, "Choose documents to import", FILE_FILTERS)
        if paths:
            self.import_paths(paths)

    def import_paths(self, paths: list[Path], quietly: bool = False) -> None:
        """Import in the background; the list shows them when done."""
        notebook = self.context.notebook
        self._stop_import = False
        self.import_button.setEnabled(False)
        count = len(paths)
        if not quietly:
            self.context.messages.info(f"Importing {count} document"
                                       f"{'s' if count != 1 else ''} into the notebook…", 0)

        def work() -> tuple[list[int], list[str], list[Path], str]:
            added: list[int] = []
            refused: list[str] = []
            unsaved: list[Path] = []
            why = ""
            for path in paths:
                if self._stop_import:  # the notebook is being locked
                    break
                try:
                    added.append(docs.import_file(notebook, path).id)
                except StorageError as exc:  # the disk, not the file: try again later
                    unsaved.append(path)
                    why = exc.while_retrying
                except PeerdeskError as exc:
                    refused.append(exc.message)
            return added, refused, unsaved, why

        self.import_task = BackgroundTask(work)
        self.import_task.finished.connect(self._imported)
        self.import_task.failed.connect(self._import_failed)
        self.import_task.start()

    def _imported(self, result: object) -> None:
        self.import_button.setEnabled(True)
        if self.context.notebook.closed:
            return
        added, refused, unsaved, why = result if isinstance(result, tuple) else ([], [], [], "")
        self._show_unsaved(unsaved, why)
        if added:
            self.refresh(select=added[0])
        done = f"{len(added)} document{'s' if len(added) != 1 else ''} imported."
        if unsaved:
            self.context.messages.error(
                f"{done} Not saved yet: {len(unsaved)} document(s). {why} They are listed "
                "above the documents; peerdesk tries again by itself.")
        elif refused:
            self.context.messages.error(f"{done} Not imported: " + " ".join(refused))
        else:
            self.context.messages.info(done + " They are stored encrypted in the notebook.")

    def _show_unsaved(self, unsaved: list[Path], why: str) -> None:
        self.unsaved = list(unsaved)
        if not unsaved:
            self.unsaved_label.hide()
            self.retry_timer.stop()
            return
        names = ", ".join(p.name for p in unsaved)
        self.unsaved_label.setText(f"Not saved yet: {names}. {why} peerdesk tries again by "
                                   "itself.")
        self.unsaved_label.setStyleSheet(problem_style(bold=False))
        self.unsaved_label.show()
        self.retry_timer.start()

    def _retry_unsaved(self) -> None:
        if self.unsaved and not self.context.notebook.closed and self.import_button.isEnabled():
            self.import_paths(self.unsaved, quietly=True)

    def _import_failed(self, exc: object) -> None:
        self.import_button.setEnabled(True)
        self.context.messages.error(exc.message if isinstance(exc, PeerdeskError)
                                    else f"The import failed: {exc}")

    def save_copy(self) -> None:
        document = self.current
        if document is None:
            return
        box = QMessageBox(QMessageBox.Icon.Warning, "Save an unencrypted copy",
                          docs.OUTSIDE_WARNING, QMessageBox.StandardButton.Cancel, self)
        go = box.addButton("Save a copy…", QMessageBox.ButtonRole.AcceptRole)
        box.setDefaultButton(QMessageBox.StandardButton.Cancel)
        box.exec()
        if box.clickedButton() is not go:
            return
        path = choose_save_path(self, "Save an unencrypted copy", document.file_name)
        if path is None:
            return
        try:
            record = docs.save_copy_outside(self.context.notebook, document.id, path)
        except (PeerdeskError, OSError) as exc:
            text = exc.message if isinstance(exc, PeerdeskError) else str(exc.strerror)
            self.context.messages.error(f"The copy was not saved: {text}")
            return
        self.context.messages.warning(f"An unencrypted copy is at {record.path}. It is listed "
                                      "in the register of copies and removed at destruction.")

    def delete_selected(self) -> None:
        document = self.current
        if document is None:
            return
        answer = QMessageBox.question(
            self, "Delete document",
            f"Delete “{document.title}” from the notebook?\n\nYour notes on it go too. "
            "Post-its made from it stay on their flip charts, without their source.",
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            QMessageBox.StandardButton.No)
        if answer == QMessageBox.StandardButton.Yes:
            self._notes_dirty = False
            docs.delete_document(self.context.notebook, document.id)
            self.current = None
            self.refresh()
            self.context.messages.info("The document is deleted from the notebook.")

    def teardown(self) -> None:
        self.retry_timer.stop()
        self._stop_import = True
        if self.import_task is not None:
            self.import_task.wait()  # the file being taken in finishes; the rest wait
        self.save_notes()
        self.notes_timer.stop()
        self.current = None
        self.viewer.clear()
        self.notes.blockSignals(True)
        self.notes.clear()
        self.list.clear()
        self.postits.show_document(None, None)
