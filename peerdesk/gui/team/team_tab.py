"""The Team tab: the base room's exchange. Codes once; then bundles sent and received as
files (USB stick, email attachment, shared drive): peerdesk opens no connection."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QGridLayout, QLabel, QScrollArea, QVBoxLayout, QWidget

from peerdesk.gui.team.codes_panel import CodesPanel
from peerdesk.gui.team.exchange_panels import ReceivePanel, SendPanel
from peerdesk.gui.team.review_panel import ReviewPanel
from peerdesk.gui.widgets.context import GuiContext
from peerdesk.vault.errors import PeerdeskError

INTRO = ("Swap team codes once, at the first team meeting. Then send your new post-its to the "
         "team (or the lead peer) after each team session, hand a session's notes to your "
         "partner, and receive theirs. Bundles are encrypted files: move them however the "
         "team likes.")


class TeamTab(QWidget):
    tab_title = "Team"  # every letter of it is taken by another tab or its controls

    def __init__(self, context: GuiContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.setAccessibleName("The team")
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 4, 0, 0)
        scroll = QScrollArea(self)
        scroll.setWidgetResizable(True)
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        outer.addWidget(scroll)
        inner = QWidget(scroll)
        scroll.setWidget(inner)
        grid = QGridLayout(inner)
        intro = QLabel(INTRO, inner)
        intro.setWordWrap(True)
        grid.addWidget(intro, 0, 0, 1, 2)
        self.codes = CodesPanel(context, inner)
        self.send = SendPanel(context, inner)
        self.receive = ReceivePanel(context, inner)
        self.review = ReviewPanel(context, inner)
        grid.addWidget(self.codes, 1, 0)
        grid.addWidget(self.send, 1, 1)
        grid.addWidget(self.receive, 2, 0)
        grid.addWidget(self.review, 2, 1)
        grid.setColumnStretch(0, 1)
        grid.setColumnStretch(1, 1)
        grid.setRowStretch(3, 1)
        self.codes.changed.connect(self.send.reload)
        self.receive.received.connect(self.review.reload)
        self.refresh()

    def refresh(self) -> None:
        try:
            self.codes.reload()
            self.send.reload()
            self.review.reload()
        except PeerdeskError as exc:
            self.context.messages.error(exc.message)

    def teardown(self) -> None:
        self.receive.drop()
        self.send.passphrase.clear()
        self.receive.passphrase.clear()
