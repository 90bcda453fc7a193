"""What was shared in a peer team session (and which findings the team agreed or
changed), or the emerging messages given at a client catch-up: informal, and not yet
fully evidenced. Shown beside the notes of those sessions; never opens a dialog."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from peerdesk.capture.sessions import SessionStore
from peerdesk.gui.widgets.context import GuiContext
from peerdesk.synthesis.findings import FindingStore
from peerdesk.synthesis.team_log import OUTCOME_TEXTS, TEAM_OUTCOMES, SharedMessage, TeamLog
from peerdesk.vault.errors import PeerdeskError

KINDS = ("team_session", "client_catch_up")
INFORMAL_MARK = "Informal · not yet fully evidenced"


def message_text(message: SharedMessage) -> str:
    if message.informal:
        return f"{INFORMAL_MARK}: {message.text}"
    return f"{OUTCOME_TEXTS[message.outcome]}: {message.text}"


class TeamLogView(QWidget):
    """What was shared at a team session or a client catch-up; a side panel of the live
    view (see live_session_tab.SessionPanel)."""

    kinds = KINDS
    panel_title = "Team log"

    def __init__(self, context: GuiContext, session_id: int | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.log = TeamLog(context.notebook)
        self.session_id: int | None = None
        self.kind = ""
        self.setAccessibleName("Team log")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        self.intro = QLabel(self)
        self.intro.setWordWrap(True)
        self.intro.setAccessibleName("About this log")
        layout.addWidget(self.intro)
        self.messages = QListWidget(self)
        self.messages.setWordWrap(True)
        self.messages.setAccessibleName("Messages recorded")
        layout.addWidget(self.messages, 1)
        finding_label = QLabel("&Finding:", self)
        self.finding = QComboBox(self)
        self.finding.setAccessibleName("Finding the message is about")
        self.finding.setMinimumContentsLength(12)
        self.finding.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        finding_label.setBuddy(self.finding)
        layout.addWidget(finding_label)
        layout.addWidget(self.finding)
        text_label = QLabel("&What was said:", self)
        self.text = QLineEdit(self)
        self.text.setAccessibleName("What was said")
        self.text.setPlaceholderText("Leave empty to use the finding's headline")
        self.text.returnPressed.connect(self.add)
        text_label.setBuddy(self.text)
        layout.addWidget(text_label)
        layout.addWidget(self.text)
        row = QHBoxLayout()
        self.outcome = QComboBox(self)
        self.outcome.setAccessibleName("What the team did with it")
        for key in TEAM_OUTCOMES:
            self.outcome.addItem(OUTCOME_TEXTS[key], key)
        self.outcome_label = QLabel("&Outcome:", self)
        self.outcome_label.setBuddy(self.outcome)
        row.addWidget(self.outcome_label)
        row.addWidget(self.outcome, 1)
        layout.addLayout(row)
        row = QHBoxLayout()  # the buttons on a line of their own: the panel fits narrow sides
        row.addStretch(1)
        self.add_button = QPushButton("&Record", self)
        self.add_button.setAccessibleName("Record the message")
        self.add_button.setToolTip("Record it (Enter in the text)")
        self.add_button.clicked.connect(self.add)
        row.addWidget(self.add_button)
        self.delete_button = QPushButton("Remove", self)
        self.delete_button.setAccessibleName("Remove the chosen message")
        self.delete_button.clicked.connect(self.remove)
        row.addWidget(self.delete_button)
        layout.addLayout(row)
        if session_id is not None:
            self.load(session_id)

    def load(self, session_id: int) -> None:
        try:
            kind = SessionStore(self.context.notebook).get(session_id).kind
            rows = FindingStore(self.context.notebook).matrix()
        except PeerdeskError as exc:
            self.context.messages.error(exc.message)
            return
        self.session_id = session_id
        self.kind = kind
        catch_up = kind == "client_catch_up"
        self.intro.setText(
            "Emerging messages given to the client. Each is informal and in confidence: "
            "not yet fully evidenced." if catch_up else
            "What you shared with the team, and which findings the team agreed or changed "
            "(agreeing or changing a finding sets its status on the board).")
        self.outcome.setVisible(not catch_up)
        self.outcome_label.setVisible(not catch_up)
        keep = self.finding.currentData() if self.session_id == session_id else None
        self.finding.clear()
        self.finding.addItem("None: a point in my own words", None)
        for row in rows:
            self.finding.addItem(f"{row.headline} ({row.label.text})", row.finding_id)
        self.finding.setCurrentIndex(max(0, self.finding.findData(keep)))
        self._show_messages()

    def _show_messages(self, select: int | None = None) -> None:
        self.messages.clear()
        if self.session_id is None:
            return
        try:
            messages = self.log.messages(self.session_id)
        except PeerdeskError as exc:
            self.context.messages.error(exc.message)
            return
        for message in messages:
            item = QListWidgetItem(message_text(message))
            item.setData(Qt.ItemDataRole.UserRole, message.id)
            self.messages.addItem(item)
            if message.id == select:
                self.messages.setCurrentItem(item)
        self.delete_button.setEnabled(bool(messages))

    def texts(self) -> list[str]:
        return [self.messages.item(i).text() for i in range(self.messages.count())]

    def add(self) -> None:
        if self.session_id is None:
            return
        data = self.finding.currentData()
        finding_id = None if data is None else int(data)
        try:
            if self.kind == "client_catch_up":
                new_id = self.log.record_informal(self.session_id, self.text.text(), finding_id)
            else:
                new_id = self.log.record(self.session_id, self.text.text(), finding_id,
                                         str(self.outcome.currentData()))
        except PeerdeskError as exc:
            self.context.messages.error(exc.message)
            return
        self.text.clear()
        self.finding.setCurrentIndex(0)
        self.outcome.setCurrentIndex(0)
        self.load(self.session_id)  # agreeing or changing a finding changes its label
        self._show_messages(new_id)
        self.text.setFocus()

    def remove(self) -> None:
        item = self.messages.currentItem()
        if item is None:
            return
        try:
            self.log.delete(int(item.data(Qt.ItemDataRole.UserRole)))
        except PeerdeskError as exc:
            self.context.messages.error(exc.message)
            return
        self._show_messages()

    def clear(self) -> None:
        self.session_id = None
        self.messages.clear()
        self.finding.clear()
        self.text.clear()
