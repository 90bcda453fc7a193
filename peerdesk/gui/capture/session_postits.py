"""The post-its made in this session, under the notes; each can be changed or moved."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from peerdesk.capture.postits import Postit
from peerdesk.vault.domain import FlipChart


def postit_line(postit: Postit, charts: dict[int, FlipChart], numbers: dict[int, int]) -> str:
    chart = charts.get(postit.flip_chart_id)
    where = chart.title if chart else "a flip chart no longer in use"
    if postit.flip_chart_id in numbers:
        where = f"{numbers[postit.flip_chart_id]} {where}"
    initials = f" ({postit.initials})" if postit.initials else ""
    return f"{postit.kind_label} · on {where}: {postit.text}{initials}"


class _List(QListWidget):
    edit_requested = Signal()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter, Qt.Key.Key_F2):
            self.edit_requested.emit()
            return
        super().keyPressEvent(event)


class SessionPostits(QWidget):
    edit_requested = Signal(object)  # the Postit to change

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.postits: list[Postit] = []
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        top = QHBoxLayout()
        self.heading = QLabel(self)
        self.heading.setAccessibleName("Post-its from this session")
        top.addWidget(self.heading, 1)
        self.edit_button = QPushButton("Change or move… (Enter)", self)
        self.edit_button.setAccessibleName("Change or move the selected post-it")
        self.edit_button.setToolTip("Opens the post-it bar with the selected post-it: change "
                                    "its text, press a number for another chart or a letter "
                                    "for another kind, then Enter.")
        self.edit_button.clicked.connect(self._edit)
        top.addWidget(self.edit_button)
        layout.addLayout(top)
        self.list = _List(self)
        self.list.setAccessibleName("Post-its from this session")
        self.list.setWordWrap(True)
        self.list.edit_requested.connect(self._edit)
        self.list.itemDoubleClicked.connect(lambda _item: self._edit())
        self.heading.setBuddy(self.list)
        layout.addWidget(self.list, 1)
        self.show_postits([], [])

    def show_postits(self, postits: list[Postit], charts: list[FlipChart],
                     select_id: int | None = None) -> None:
        self.postits = list(postits)
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
                             "&Post-its from this session: none yet (Ctrl+K makes one)")
        self.edit_button.setEnabled(bool(self.postits))

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

    def clear(self) -> None:
        self.show_postits([], [])
