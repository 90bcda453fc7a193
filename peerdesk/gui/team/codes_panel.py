"""This notebook's team code (text to copy, a QR code, a fingerprint to read aloud) and the
colleagues' codes, added against their initials."""

from __future__ import annotations

import io

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QGuiApplication, QPixmap
from PySide6.QtWidgets import (
    QAbstractItemView,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from peerdesk.gui.widgets.context import GuiContext
from peerdesk.team import codes
from peerdesk.vault.errors import PeerdeskError


def qr_pixmap(text: str, scale: int = 3) -> QPixmap:
    """The text as a QR code (segno), drawn dark on light."""
    import segno

    out = io.BytesIO()
    segno.make(text, error="m").save(out, kind="png", scale=scale, border=2)
    pixmap = QPixmap()
    pixmap.loadFromData(out.getvalue(), "PNG")
    return pixmap


class CodesPanel(QGroupBox):
    changed = Signal()  # the team list changed

    def __init__(self, context: GuiContext, parent: QWidget | None = None) -> None:
        super().__init__("Team codes", parent)
        self.context = context
        self.setAccessibleName("Team codes")
        grid = QGridLayout(self)
        mine = QLabel("Your team code (show it to each colleague once):", self)
        grid.addWidget(mine, 0, 0, 1, 2)
        self.code = QLineEdit(self)
        self.code.setReadOnly(True)
        self.code.setAccessibleName("Your team code")
        mine.setBuddy(self.code)
        grid.addWidget(self.code, 1, 0)
        self.copy_button = QPushButton("&Copy", self)
        self.copy_button.setAccessibleName("Copy your team code")
        self.copy_button.clicked.connect(self.copy_code)
        grid.addWidget(self.copy_button, 1, 1)
        self.fingerprint = QLabel(self)
        self.fingerprint.setAccessibleName("Fingerprint to read aloud")
        self.fingerprint.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        grid.addWidget(self.fingerprint, 2, 0, 1, 2)
        self.qr = QLabel(self)
        self.qr.setAccessibleName("Your team code as a QR code")
        grid.addWidget(self.qr, 0, 2, 4, 1, Qt.AlignmentFlag.AlignTop)

        team = QVBoxLayout()
        grid.addLayout(team, 4, 0, 1, 3)
        team.addWidget(QLabel("Colleagues' codes:", self))
        self.table = QTableWidget(0, 3, self)
        self.table.setAccessibleName("Colleagues' team codes")
        self.table.setHorizontalHeaderLabels(["Initials", "Fingerprint", "Team code"])
        self.table.verticalHeader().hide()
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.horizontalHeader().setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        self.table.setMaximumHeight(110)
        team.addWidget(self.table)
        row = QHBoxLayout()
        team.addLayout(row)
        initials_label = QLabel("Initia&ls:", self)
        self.initials = QLineEdit(self)
        self.initials.setMaxLength(4)
        self.initials.setFixedWidth(60)
        self.initials.setAccessibleName("Colleague's initials")
        initials_label.setBuddy(self.initials)
        code_label = QLabel("Their code (a&ge1…):", self)
        self.new_code = QLineEdit(self)
        self.new_code.setPlaceholderText("age1…")
        self.new_code.setAccessibleName("Colleague's team code")
        code_label.setBuddy(self.new_code)
        self.add_button = QPushButton("Add (Enter)", self)
        self.add_button.setAccessibleName("Add the colleague's team code")
        self.add_button.clicked.connect(self.add)
        self.new_code.returnPressed.connect(self.add)
        self.remove_button = QPushButton("Take o&ff the team", self)
        self.remove_button.setAccessibleName("Take the chosen colleague off the team")
        self.remove_button.clicked.connect(self.remove)
        for widget in (initials_label, self.initials, code_label, self.new_code,
                       self.add_button, self.remove_button):
            row.addWidget(widget, 1 if widget is self.new_code else 0)
        self.status = QLabel(self)
        self.status.setWordWrap(True)
        self.status.setAccessibleName("Team codes: what happened")
        team.addWidget(self.status)

    def reload(self) -> None:
        try:
            code = codes.my_code(self.context.notebook)
            peers = codes.peers(self.context.notebook)
        except PeerdeskError as exc:
            self.context.messages.error(exc.message)
            return
        self.code.setText(code)
        self.code.setCursorPosition(0)
        self.fingerprint.setText(f"Fingerprint to read aloud: {codes.fingerprint(code)}")
        if self.qr.pixmap().isNull():
            self.qr.setPixmap(qr_pixmap(code))
        self.table.setRowCount(len(peers))
        for number, peer in enumerate(peers):
            for column, text in enumerate((peer.initials, peer.fingerprint, peer.code)):
                self.table.setItem(number, column, QTableWidgetItem(text))
        self.table.resizeColumnToContents(0)
        self.table.resizeColumnToContents(1)

    def copy_code(self) -> None:
        QGuiApplication.clipboard().setText(self.code.text())
        self.status.setText("Your team code is copied: paste it where the colleague can "
                            "read it, and read the fingerprint aloud.")

    def add(self) -> None:
        try:
            peer = codes.add_peer(self.context.notebook, self.initials.text(),
                                  self.new_code.text())
        except PeerdeskError as exc:
            self.status.setText(exc.message)
            return
        self.initials.clear()
        self.new_code.clear()
        self.status.setText(f"Added {peer.initials}. Check that they read out the "
                            f"fingerprint {peer.fingerprint}.")
        self.reload()
        self.changed.emit()

    def remove(self) -> None:
        row = self.table.currentRow()
        item = self.table.item(row, 0) if row >= 0 else None
        if item is None:
            self.status.setText("Choose a colleague in the list first.")
            return
        initials = item.text()
        try:
            codes.remove_peer(self.context.notebook, initials)
        except PeerdeskError as exc:
            self.status.setText(exc.message)
            return
        self.status.setText(f"{initials} is off the team: nothing more is sent to them.")
        self.reload()
        self.changed.emit()
