"""What colleagues' bundles left to decide: their later edits of post-its changed here
(take theirs or keep yours), and their sessions that match none here (link one)."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QComboBox,
    QGridLayout,
    QGroupBox,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QWidget,
)

from peerdesk.capture.sessions import SessionStore
from peerdesk.gui.widgets.context import GuiContext
from peerdesk.synthesis.board import BoardReader
from peerdesk.team import links, suggestions
from peerdesk.vault.errors import PeerdeskError
from peerdesk.vault.notebook import Notebook


def day_text(day: str | None) -> str:
    return f"{day[8:10]}/{day[5:7]}/{day[:4]}" if day and len(day) == 10 else "no day"


def _wrapped(text: str, parent: QWidget) -> QLabel:
    label = QLabel(text, parent)
    label.setWordWrap(True)
    return label


class ReviewPanel(QGroupBox):
    changed = Signal()

    def __init__(self, context: GuiContext, parent: QWidget | None = None) -> None:
        super().__init__("Colleagues' changes and sessions", parent)
        self.context = context
        self.setAccessibleName("Colleagues' changes and sessions")
        grid = QGridLayout(self)
        grid.addWidget(_wrapped("Suggested changes (your own version is kept until you "
                                "choose):", self), 0, 0, 1, 3)
        self.offers = QListWidget(self)
        self.offers.setAccessibleName("Suggested changes from colleagues")
        self.offers.setWordWrap(True)
        self.offers.setMaximumHeight(120)
        grid.addWidget(self.offers, 1, 0, 1, 3)
        self.take_button = QPushButton("Take t&heirs", self)
        self.take_button.setAccessibleName("Take the colleague's version")
        self.take_button.clicked.connect(lambda: self._settle(suggestions.accept))
        self.keep_button = QPushButton("&Keep mine", self)
        self.keep_button.setAccessibleName("Keep your own version")
        self.keep_button.clicked.connect(lambda: self._settle(suggestions.dismiss))
        grid.addWidget(self.take_button, 2, 0)
        grid.addWidget(self.keep_button, 2, 1)
        grid.addWidget(_wrapped("Colleagues' sessions not matched to one of yours (link one "
                                "when it is the same meeting):", self), 3, 0, 1, 3)
        self.sources = QListWidget(self)
        self.sources.setAccessibleName("Colleagues' sessions to link")
        self.sources.setMaximumHeight(120)
        grid.addWidget(self.sources, 4, 0, 1, 3)
        self.session = QComboBox(self)
        self.session.setAccessibleName("Your session of the same meeting")
        self.session.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.session.setMinimumContentsLength(20)
        self.link_button = QPushButton("Link to m&y session", self)
        self.link_button.setAccessibleName("Link the colleague's session to yours")
        self.link_button.clicked.connect(self.link)
        grid.addWidget(self.session, 5, 0, 1, 2)
        grid.addWidget(self.link_button, 5, 2)
        self.status = QLabel(self)
        self.status.setWordWrap(True)
        self.status.setAccessibleName("Colleagues' changes: what happened")
        grid.addWidget(self.status, 6, 0, 1, 3)

    def reload(self) -> None:
        notebook = self.context.notebook
        self.offers.clear()
        for offer in suggestions.suggestions(notebook):
            item = QListWidgetItem(f"{offer.initials} suggests: “{offer.text}” (yours: "
                                   f"“{offer.current_text}”)", self.offers)
            item.setData(256, offer.postit_id)
        self.sources.clear()
        names = BoardReader(notebook).source_texts()
        for source in links.unlinked(notebook):
            kind = names.get(source.kind, source.kind)
            note = "" if source.counts else " · relays evidence, not a source"
            item = QListWidgetItem(f"{kind} on {day_text(source.day)} · {source.postits} "
                                   f"post-its from {', '.join(source.initials)}{note}",
                                   self.sources)
            item.setData(256, source.ref)
        self.session.clear()
        for session in SessionStore(notebook).list_all():
            self.session.addItem(f"{session.when_text()} · {session.title}", session.id)

    def _settle(self, action: Callable[[Notebook, int], None]) -> None:
        item = self.offers.currentItem()
        if item is None:
            self.status.setText("Choose a suggested change first.")
            return
        try:
            action(self.context.notebook, int(item.data(256)))
        except PeerdeskError as exc:
            self.status.setText(exc.message)
            return
        self.status.setText("Done.")
        self.reload()
        self.changed.emit()

    def link(self) -> None:
        item = self.sources.currentItem()
        session_id = self.session.currentData()
        if item is None or session_id is None:
            self.status.setText("Choose the colleague's session and yours first.")
            return
        try:
            moved = links.link_session(self.context.notebook, str(item.data(256)),
                                       int(session_id))
        except PeerdeskError as exc:
            self.status.setText(exc.message)
            return
        self.status.setText(f"Linked: one source now, and {moved} post-its belong to your "
                            "session.")
        self.reload()
        self.changed.emit()
