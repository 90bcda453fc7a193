"""The post-its made in this session, under the notes; each can be changed or moved (the
post-it bar, Enter), or deleted (Delete), and a deletion undone (Ctrl+Z)."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeyEvent, QKeySequence
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from peerdesk.capture.postits import DeletedPostit, Postit, PostitStore
from peerdesk.vault.domain import FlipChart
from peerdesk.vault.errors import PeerdeskError


def postit_line(postit: Postit, charts: dict[int, FlipChart], numbers: dict[int, int]) -> str:
    chart = charts.get(postit.flip_chart_id)
    where = chart.title if chart else "a flip chart no longer in use"
    if postit.flip_chart_id in numbers:
        where = f"{numbers[postit.flip_chart_id]} {where}"
    initials = f" ({postit.initials})" if postit.initials else ""
    return f"{postit.kind_label} · on {where}: {postit.text}{initials}"


class _List(QListWidget):
    """Enter or F2 changes the post-it, Delete deletes it, Ctrl+Z puts it back."""

    edit_requested = Signal()
    delete_requested = Signal()
    undo_requested = Signal()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter, Qt.Key.Key_F2):
            self.edit_requested.emit()
            return
        if event.key() in (Qt.Key.Key_Delete, Qt.Key.Key_Backspace) and not event.modifiers():
            self.delete_requested.emit()
            return
        if event.matches(QKeySequence.StandardKey.Undo):
            self.undo_requested.emit()
            return
        super().keyPressEvent(event)


class SessionPostits(QWidget):
    edit_requested = Signal(object)  # the Postit to change
    notice = Signal(str)  # what a deletion or its undoing did, in words

    def __init__(self, store: PostitStore, report_error: Callable[[str], None],
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.store = store
        self._report_error = report_error
        self.postits: list[Postit] = []
        self.charts: list[FlipChart] = []
        self.deleted: list[DeletedPostit] = []
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        top = QHBoxLayout()
        self.heading = QLabel(self)
        self.heading.setWordWrap(True)
        self.heading.setAccessibleName("Post-its from this session")
        top.addWidget(self.heading, 1)
        self.edit_button = QPushButton("Change or move (Enter)", self)
        self.edit_button.setAccessibleName("Change or move the selected post-it")
        self.edit_button.setToolTip("Opens the post-it bar with the selected post-it: change "
                                    "its text, press a number for another chart or a letter "
                                    "for another kind, then Enter.")
        self.edit_button.clicked.connect(self._edit)
        top.addWidget(self.edit_button)
        self.delete_button = QPushButton("Delete (Del)", self)
        self.delete_button.setAccessibleName("Delete the selected post-it")
        self.delete_button.setToolTip("Takes the post-it off its flip chart; Ctrl+Z in the list "
                                      "puts it back.")
        self.delete_button.clicked.connect(self._delete)
        top.addWidget(self.delete_button)
        self.undo_button = QPushButton("Undo (Ctrl+Z)", self)
        self.undo_button.setAccessibleName("Put back the post-it just deleted")
        self.undo_button.clicked.connect(self.undo_delete)
        self.undo_button.setEnabled(False)
        top.addWidget(self.undo_button)
        for button in (self.edit_button, self.delete_button, self.undo_button):
            button.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # the list's keys do the same
        layout.addLayout(top)
        self.list = _List(self)
        self.list.setAccessibleName("Post-its from this session")
        self.list.setAccessibleDescription("Enter changes or moves the selected post-it, "
                                           "Delete deletes it, Ctrl+Z puts it back, Esc "
                                           "returns to the notes.")
        self.list.setWordWrap(True)
        self.list.edit_requested.connect(self._edit)
        self.list.delete_requested.connect(self._delete)
        self.list.undo_requested.connect(self.undo_delete)
        self.list.itemDoubleClicked.connect(lambda _item: self._edit())
        self.heading.setBuddy(self.list)
        layout.addWidget(self.list, 1)
        self.show_postits([], [])

    def show_postits(self, postits: list[Postit], charts: list[FlipChart],
                     select_id: int | None = None) -> None:
        self.postits = list(postits)
        self.charts = list(charts)
        by_id = {c.id: c for c in charts}
        numbers = {c.id: n for n, c in enumerate(charts, start=1)}
        self.list.clear()
        for postit in self.postits:
            item = QListWidgetItem(postit_line(postit, by_id, numbers))
            item.setData(Qt.ItemDataRole.UserRole, postit.id)
            self.list.addItem(item)
            if postit.id == select_id:
                self.list.setCurrentItem(item)
                self.list.scrollToItem(item)
        count = len(self.postits)
        self.heading.setText(f"&Post-its from this session: {count}" if count else
                             "&Post-its from this session: none yet (Ctrl+K)")
        self.edit_button.setEnabled(bool(self.postits))
        self.delete_button.setEnabled(bool(self.postits))

    def chart_title(self, postit: Postit) -> str:
        chart = next((c for c in self.charts if c.id == postit.flip_chart_id), None)
        return chart.title if chart else "its flip chart"

    def _reload(self, session_id: int | None, select_id: int | None = None) -> None:
        if session_id is None:
            return
        try:
            postits = self.store.list_for_session(session_id)
        except PeerdeskError as exc:
            self._report_error(exc.message)
            return
        self.show_postits(postits, self.charts, select_id)
        self.list.setFocus(Qt.FocusReason.OtherFocusReason)

    def delete(self, postit: Postit) -> None:
        """Off its chart, the board and this list; Ctrl+Z puts it back."""
        try:
            deleted = self.store.delete(postit.id)
        except PeerdeskError as exc:
            self._report_error(exc.message)
            return
        if deleted is not None:
            self.deleted.append(deleted)
        self.undo_button.setEnabled(bool(self.deleted))
        self.notice.emit(f"Deleted: {postit.kind_label} on {self.chart_title(postit)}. "
                         "Ctrl+Z in the list puts it back.")
        self._reload(postit.session_id)

    def undo_delete(self) -> None:
        if not self.deleted:
            return
        try:
            postit = self.store.restore(self.deleted[-1])
        except PeerdeskError as exc:
            self._report_error(exc.message)
            return
        self.deleted.pop()
        self.undo_button.setEnabled(bool(self.deleted))
        self.notice.emit(f"Put back: {postit.kind_label} on {self.chart_title(postit)}.")
        self._reload(postit.session_id, postit.id)

    def forget_deleted(self) -> None:
        """Another session opens (or the notebook locks): nothing left to undo here."""
        self.deleted = []
        self.undo_button.setEnabled(False)

    def selected(self) -> Postit | None:
        item = self.list.currentItem()
        if item is None:
            return None
        wanted = item.data(Qt.ItemDataRole.UserRole)
        return next((p for p in self.postits if p.id == wanted), None)

    def _edit(self) -> None:
        postit = self.selected()
        if postit is not None:
            self.edit_requested.emit(postit)

    def _delete(self) -> None:
        postit = self.selected()
        if postit is not None:
            self.delete(postit)

    def clear(self) -> None:
        self.show_postits([], [])
        self.forget_deleted()
