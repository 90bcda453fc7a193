"""Help > Keyboard shortcuts: every key, by where it works, on a sheet beside the window.

A separate window that never blocks the one behind it (no modal dialog in a live session):
Esc or Close puts it away.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QLabel,
    QPushButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from peerdesk.gui.capture.live.keys import KEYS as CAPTURE_KEYS

WINDOW_KEYS = (
    ("F1", "This sheet"),
    ("Ctrl+L", "Lock the notebook now (the passphrase brings back where you were)"),
    ("Ctrl+F", "Search the notebook"),
    ("Ctrl+Tab, Ctrl+Shift+Tab", "The next or previous part of the engagement"),
    ("Alt+underlined letter", "The tab, button or field with that letter"),
    ("Ctrl+N", "New engagement"),
    ("Ctrl+,", "Settings"),
)
TIMETABLE_KEYS = (
    ("Enter", "Start the selected session"),
    ("Ctrl+Shift+N", "New session"),
    ("F2", "Edit the selected session"),
    ("Delete", "Delete the selected session"),
)
DOCUMENT_KEYS = (
    ("Alt+P", "Import documents into the notebook"),
    ("Alt+V", "Your notes on the document (saved as you type)"),
    ("Alt+X", "The post-it's text (the selected passage)"),
    ("Alt+H / Alt+A", "The post-it's flip chart / its kind"),
    ("Alt+K", "Make the post-it"),
    ("Ctrl++ / Ctrl+-", "Larger or smaller pages"),
)
BOARD_KEYS = (
    ("Ctrl+← / Ctrl+→", "Move the selected cards to the previous or next chart"),
    ("Ctrl+↑ / Ctrl+↓", "Move the selected cards up or down"),
    ("Enter", "Open where the card came from"),
    ("Ctrl+G", "Group the selected cards into a finding"),
    ("Ctrl+E / Ctrl+Shift+E", "Add them to the chosen finding / as challenging it"),
    ("Ctrl+Shift+N", "New finding"),
)
SECTIONS = (("Anywhere", WINDOW_KEYS), ("In a session", CAPTURE_KEYS),
            ("Timetable", TIMETABLE_KEYS), ("Documents", DOCUMENT_KEYS), ("Board", BOARD_KEYS))


class ShortcutsSheet(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent, Qt.WindowType.Tool)
        self.setWindowTitle("Keyboard shortcuts")
        self.setAccessibleName("Keyboard shortcuts")
        self.setWindowModality(Qt.WindowModality.NonModal)
        layout = QVBoxLayout(self)
        intro = QLabel("Every key of peerdesk, by where it works. Esc closes this sheet.", self)
        intro.setWordWrap(True)
        layout.addWidget(intro)
        self.tree = QTreeWidget(self)
        self.tree.setAccessibleName("Keys and what they do")
        self.tree.setColumnCount(2)
        self.tree.setHeaderLabels(["Key", "What it does"])
        self.tree.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.tree.setWordWrap(True)
        self.tree.setTextElideMode(Qt.TextElideMode.ElideNone)
        for title, keys in SECTIONS:
            section = QTreeWidgetItem(self.tree, [title])
            section.setFirstColumnSpanned(True)
            font = section.font(0)
            font.setBold(True)
            section.setFont(0, font)
            for key, meaning in keys:
                item = QTreeWidgetItem(section, [key, meaning])
                item.setData(0, Qt.ItemDataRole.AccessibleTextRole, f"{key}: {meaning}")
        self.tree.expandAll()
        self.tree.header().setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        self.tree.header().setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        layout.addWidget(self.tree, 1)
        close = QPushButton("Close", self)
        close.setAccessibleName("Close the keyboard shortcuts")
        close.clicked.connect(self.close)
        layout.addWidget(close, 0, Qt.AlignmentFlag.AlignRight)
        if parent is not None:
            room = parent.size()
            self.resize(min(640, room.width()), min(560, room.height()))
        self.setFocusProxy(self.tree)

    def lines(self) -> list[str]:
        """Every key and its meaning, as the sheet lists them."""
        out = []
        for s in range(self.tree.topLevelItemCount()):
            section = self.tree.topLevelItem(s)
            assert section is not None
            for i in range(section.childCount()):
                item = section.child(i)
                if item is not None:
                    out.append(f"{item.text(0)}: {item.text(1)}")
        return out

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() == Qt.Key.Key_Escape:
            self.close()
            return
        super().keyPressEvent(event)
