"""Sending a bundle (post-its pooled, or a session handed over) and receiving one, with a
preview of what it adds before anything changes. No dialog but the file chooser."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QComboBox,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QRadioButton,
    QWidget,
)

from peerdesk.capture.sessions import SessionStore
from peerdesk.gui.widgets.colours import problem_style
from peerdesk.gui.widgets.context import GuiContext
from peerdesk.gui.widgets.file_choice import choose_files, choose_save_path
from peerdesk.team import codes, receive, send
from peerdesk.team.bundle import PassphraseNeededError
from peerdesk.vault.errors import PeerdeskError

BUNDLE_FILTER = "Team bundles (*.age)"


def _session_choices(box: QComboBox, context: GuiContext, none_text: str | None) -> None:
    box.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
    box.setMinimumContentsLength(24)
    box.clear()
    if none_text is not None:
        box.addItem(none_text, None)
    for session in SessionStore(context.notebook).list_all():
        box.addItem(f"{session.when_text()} · {session.title}", session.id)


class SendPanel(QGroupBox):
    def __init__(self, context: GuiContext, parent: QWidget | None = None) -> None:
        super().__init__("Send a bundle", parent)
        self.context = context
        self.setAccessibleName("Send a bundle")
        grid = QGridLayout(self)
        grid.addWidget(QLabel("For:", self), 0, 0)
        self.recipients_row = QHBoxLayout()
        grid.addLayout(self.recipients_row, 0, 1, 1, 2)
        self.nobody = QLabel("No colleague's team code yet: add one, or lock the bundle with "
                             "a passphrase.", self)
        self.nobody.setWordWrap(True)
        self.recipients_row.addWidget(self.nobody)
        self.recipients_row.addStretch(1)
        self.boxes: list[QCheckBox] = []
        self.postits = QRadioButton("New post-its since the last send", self)
        self.postits.setChecked(True)
        self.handover = QRadioButton("Hand over the session:", self)
        what = QButtonGroup(self)
        what.addButton(self.postits)
        what.addButton(self.handover)
        grid.addWidget(self.postits, 1, 1, 1, 2)
        grid.addWidget(self.handover, 2, 1)
        self.session = QComboBox(self)
        self.session.setAccessibleName("Session to hand over")
        grid.addWidget(self.session, 2, 2)
        self.names = QCheckBox("Include participants' names", self)
        self.names.setAccessibleName("Include participants' names in the hand-over")
        self.names_warning = QLabel(send.NAMES_WARNING, self)
        self.names_warning.setWordWrap(True)
        self.names_warning.setStyleSheet(problem_style(bold=False))
        self.names_warning.setVisible(False)
        self.names.toggled.connect(self.names_warning.setVisible)
        grid.addWidget(self.names, 3, 2)
        grid.addWidget(self.names_warning, 4, 1, 1, 2)
        self.with_passphrase = QCheckBox("Lock with a passphrase instead:", self)
        self.with_passphrase.setToolTip("When team codes were not swapped: tell the "
                                        "passphrase to the colleague in person")
        self.passphrase = QLineEdit(self)
        self.passphrase.setEchoMode(QLineEdit.EchoMode.Password)
        self.passphrase.setAccessibleName("Passphrase for the bundle")
        grid.addWidget(self.with_passphrase, 5, 1)
        grid.addWidget(self.passphrase, 5, 2)
        self.write_button = QPushButton("&Write the bundle…", self)
        self.write_button.setAccessibleName("Write the bundle to a file")
        self.write_button.clicked.connect(self.write)
        grid.addWidget(self.write_button, 6, 1)
        self.status = QLabel(self)
        self.status.setWordWrap(True)
        self.status.setAccessibleName("Sending: what happened")
        grid.addWidget(self.status, 7, 0, 1, 3)
        grid.setColumnStretch(2, 1)
        grid.setRowStretch(8, 1)

    def reload(self) -> None:
        for box in self.boxes:
            self.recipients_row.removeWidget(box)
            box.deleteLater()
        self.boxes = []
        for number, peer in enumerate(codes.peers(self.context.notebook)):
            box = QCheckBox(peer.initials, self)
            box.setChecked(True)
            box.setAccessibleName(f"Send to {peer.initials}")
            self.recipients_row.insertWidget(number, box)
            self.boxes.append(box)
        self.nobody.setVisible(not self.boxes)
        _session_choices(self.session, self.context, None)

    def chosen(self) -> list[str]:
        return [box.text() for box in self.boxes if box.isChecked()]

    def write(self, _checked: bool = False, path: Path | None = None) -> Path | None:
        notebook = self.context.notebook
        try:
            peers = send.recipients(notebook, self.chosen()) if self.chosen() else []
            passphrase = self.passphrase.text() if self.with_passphrase.isChecked() else None
            if self.handover.isChecked():
                session_id = self.session.currentData()
                if session_id is None:
                    self.status.setText("Choose the session to hand over.")
                    return None
                bundle = send.handover(notebook, int(session_id), self.names.isChecked())
                name = "handover"
            else:
                bundle = send.pool(notebook, peers)
                name = "postits"
            if not bundle.postits and bundle.session is None:
                self.status.setText("Nothing new to send: every post-it has been sent to "
                                    "them already.")
                return None
            initials = notebook.engagement().my_initials or "me"
            target = path or choose_save_path(self, "Write the team bundle",
                                              f"{initials}-{name}.age", BUNDLE_FILTER, "age")
            if target is None:
                return None
            sent = send.write(notebook, bundle, target, peers, passphrase)
        except PeerdeskError as exc:
            self.status.setText(exc.message)
            return None
        self.passphrase.clear()
        who = ", ".join(sent.recipients) or "whoever has the passphrase"
        self.status.setText(f"Wrote {sent.record.path.name} ({sent.postits} post-its) for "
                            f"{who}. Move it to them however the team likes; it is in the "
                            "register of copies.")
        return target


class ReceivePanel(QGroupBox):
    received = Signal()

    def __init__(self, context: GuiContext, parent: QWidget | None = None) -> None:
        super().__init__("Receive a bundle", parent)
        self.context = context
        self.incoming: receive.Incoming | None = None
        self.path: Path | None = None
        self.setAccessibleName("Receive a bundle")
        grid = QGridLayout(self)
        self.open_button = QPushButton("O&pen a bundle…", self)
        self.open_button.setAccessibleName("Open a team bundle file")
        self.open_button.clicked.connect(lambda: self.open())
        grid.addWidget(self.open_button, 0, 0)
        self.passphrase = QLineEdit(self)
        self.passphrase.setEchoMode(QLineEdit.EchoMode.Password)
        self.passphrase.setAccessibleName("The bundle's passphrase")
        self.passphrase.setPlaceholderText("The bundle's passphrase")
        self.passphrase.returnPressed.connect(lambda: self.open(self.path))
        grid.addWidget(self.passphrase, 0, 1)
        self.preview = QLabel(self)
        self.preview.setWordWrap(True)
        self.preview.setAccessibleName("What the bundle adds")
        grid.addWidget(self.preview, 1, 0, 1, 3)
        self.into_label = QLabel("Into the session:", self)
        self.into = QComboBox(self)
        self.into.setAccessibleName("The session the hand-over goes into")
        self.into_label.setBuddy(self.into)
        self.into.activated.connect(lambda _: self.open(self.path))
        grid.addWidget(self.into_label, 2, 0)
        grid.addWidget(self.into, 2, 1, 1, 2)
        self.accept_button = QPushButton("&Receive it", self)
        self.accept_button.setAccessibleName("Receive the bundle")
        self.accept_button.clicked.connect(self.accept)
        self.drop_button = QPushButton("Do &not receive", self)
        self.drop_button.setAccessibleName("Do not receive the bundle")
        self.drop_button.clicked.connect(self.drop)
        grid.addWidget(self.accept_button, 3, 0)
        grid.addWidget(self.drop_button, 3, 1)
        grid.setColumnStretch(2, 1)
        grid.setRowStretch(4, 1)
        self.preview.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
        self.drop()

    def open(self, path: Path | None = None) -> None:
        if path is None:
            chosen = choose_files(self, "Open a team bundle", [BUNDLE_FILTER, "All files (*)"],
                                  multiple=False)
            if not chosen:
                return
            path = chosen[0]
            self.passphrase.clear()
        self.path = path
        into = self.into.currentData() if self.into.isVisible() else None
        try:
            self.incoming = receive.read(self.context.notebook, path,
                                         self.passphrase.text() or None, into)
        except PassphraseNeededError as exc:
            self._show(exc.message, passphrase=True)
            return
        except PeerdeskError as exc:
            self._show(exc.message, passphrase=bool(self.passphrase.text()))
            self.incoming = None
            return
        handover = self.incoming.bundle.session is not None
        if handover and not self.into.isVisible():
            _session_choices(self.into, self.context, "A new session")
            target = self.incoming.notes.session_id if self.incoming.notes else None
            self.into.setCurrentIndex(max(0, self.into.findData(target)))
        self._show("\n".join(self.incoming.preview_lines()), ready=True, handover=handover)

    def _show(self, text: str, *, ready: bool = False, passphrase: bool = False,
              handover: bool = False) -> None:
        self.preview.setText(text)
        self.passphrase.setVisible(passphrase)
        if passphrase:
            self.passphrase.setFocus()
        self.accept_button.setVisible(ready)
        self.drop_button.setVisible(ready or passphrase)
        self.into_label.setVisible(handover)
        self.into.setVisible(handover)
        if ready:
            self.accept_button.setFocus()

    def accept(self) -> None:
        if self.incoming is None:
            return
        try:
            done = receive.accept(self.context.notebook, self.incoming)
        except PeerdeskError as exc:
            self._show(exc.message)
            return
        sender = self.incoming.sender
        self.drop()
        self.preview.setText(f"Received from {sender}: {done.sentence()} The file is in the "
                             "register of copies.")
        self.received.emit()

    def drop(self) -> None:
        self.incoming = None
        self._show("")
