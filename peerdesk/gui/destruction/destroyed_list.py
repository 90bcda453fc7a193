"""Engagements already destroyed, on the first screen: each "destroyed on dd/mm/yyyy",
with its certificate (which holds no notes) to show or email to the manager again."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Signal, SignalInstance
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

if TYPE_CHECKING:
    from peerdesk.destruction.certificates import DestroyedEngagement


class DestroyedList(QWidget):
    """``show_requested`` / ``email_requested`` carry the chosen ``DestroyedEngagement``."""

    show_requested = Signal(object)
    email_requested = Signal(object)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAccessibleName("Destroyed engagements")
        self.entries: list[DestroyedEngagement] = []
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 8, 0, 0)
        self.heading = QLabel("Destroyed engagemen&ts", self)
        self.heading.setAccessibleName("Destroyed engagements")
        font = self.heading.font()
        font.setBold(True)
        self.heading.setFont(font)
        layout.addWidget(self.heading)
        self.list = QListWidget(self)
        self.list.setAccessibleName("Destroyed engagements")
        self.list.setAccessibleDescription("Each keeps its destruction certificate, which holds "
                                           "no notes. Press Enter to show it.")
        self.list.setMaximumHeight(130)
        self.heading.setBuddy(self.list)
        self.list.itemActivated.connect(lambda _item: self._emit(self.show_requested))
        self.list.currentItemChanged.connect(self._selection_changed)
        layout.addWidget(self.list)
        buttons = QHBoxLayout()
        self.show_button = QPushButton("Show the &certificate", self)
        self.show_button.setAccessibleName("Show the certificate")
        self.show_button.clicked.connect(lambda: self._emit(self.show_requested))
        self.email_button = QPushButton("E&mail the manager again", self)
        self.email_button.setAccessibleName("Email the manager again")
        self.email_button.setToolTip("Opens your mail program and saves a draft with the "
                                     "certificate attached (Alt+M)")
        self.email_button.clicked.connect(lambda: self._emit(self.email_requested))
        buttons.addWidget(self.show_button)
        buttons.addWidget(self.email_button)
        buttons.addStretch(1)
        layout.addLayout(buttons)
        self.set_entries([])

    def set_entries(self, entries: list[DestroyedEngagement]) -> None:
        self.entries = list(entries)
        self.list.clear()
        for index, entry in enumerate(self.entries):
            text = f"{entry.title}: {entry.label}"
            item = QListWidgetItem(text)
            item.setData(Qt.ItemDataRole.UserRole, index)
            item.setData(Qt.ItemDataRole.AccessibleTextRole, text)
            self.list.addItem(item)
        if self.entries:
            self.list.setCurrentRow(0)
        self.setVisible(bool(self.entries))
        self._selection_changed()

    def current(self) -> DestroyedEngagement | None:
        item = self.list.currentItem()
        return None if item is None else self.entries[int(item.data(Qt.ItemDataRole.UserRole))]

    def _emit(self, signal: SignalInstance) -> None:
        entry = self.current()
        if entry is not None:
            signal.emit(entry)

    def _selection_changed(self, *args: object) -> None:
        on = self.current() is not None
        self.show_button.setEnabled(on)
        self.email_button.setEnabled(on)
