"""The retention clock on the engagement: the report's sign-off date, how long destruction
has been due, a hold with its reason, and the way to destroy the notebook at any stage."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QDate
from PySide6.QtWidgets import (
    QDateEdit,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from peerdesk.destruction import retention
from peerdesk.gui.widgets.context import GuiContext
from peerdesk.vault.domain import Stage
from peerdesk.vault.errors import PeerdeskError

NOT_DUE_YET = ("The report is not signed off yet. When the challenge manager tells you it "
               "is, record the date here: destruction is then due, and peerdesk reminds you "
               "each time it starts.")


def _qdate(day: date) -> QDate:
    return QDate(day.year, day.month, day.day)


class RetentionPanel(QGroupBox):
    """A box for the Overview tab. ``status`` says what the reminder says, in words."""

    def __init__(self, context: GuiContext, parent: QWidget | None = None) -> None:
        super().__init__("After the report: destroying the notes", parent)
        self.context = context
        self.setAccessibleName("After the report: destroying the notes")
        layout = QVBoxLayout(self)
        self.status = QLabel(self)
        self.status.setWordWrap(True)
        self.status.setAccessibleName("Retention")
        layout.addWidget(self.status)

        signoff = QHBoxLayout()
        date_label = QLabel("Report si&gned off on:", self)
        self.date_edit = QDateEdit(self)
        self.date_edit.setDisplayFormat("dd/MM/yyyy")
        self.date_edit.setCalendarPopup(True)
        self.date_edit.setAccessibleName("Date the report was signed off")
        self.date_edit.setAccessibleDescription("Day, month and year; it cannot be in the "
                                                "future.")
        date_label.setBuddy(self.date_edit)
        self.record_button = QPushButton("&Record the sign-off date", self)
        self.record_button.setAccessibleName("Record the sign-off date")
        self.record_button.setToolTip("Destruction is due from this date (Alt+R)")
        self.record_button.clicked.connect(self.record_signoff)
        for widget in (date_label, self.date_edit, self.record_button):
            signoff.addWidget(widget)
        signoff.addStretch(1)
        layout.addLayout(signoff)

        self.hold_row = QWidget(self)
        hold = QHBoxLayout(self.hold_row)
        hold.setContentsMargins(0, 0, 0, 0)
        reason_label = QLabel("Re&ason to wait:", self.hold_row)
        self.reason_edit = QLineEdit(self.hold_row)
        self.reason_edit.setPlaceholderText("for example: pending information request")
        self.reason_edit.setMaxLength(retention.MAX_REASON_LENGTH)
        self.reason_edit.setAccessibleName("Reason to put destruction on hold")
        reason_label.setBuddy(self.reason_edit)
        self.reason_edit.returnPressed.connect(self.put_on_hold)
        self.hold_button = QPushButton("Put on &hold", self.hold_row)
        self.hold_button.setAccessibleName("Put destruction on hold")
        self.hold_button.setToolTip("Only while something requires the notes to be kept, "
                                    "such as an information request or a complaint (Alt+H)")
        self.hold_button.clicked.connect(self.put_on_hold)
        for part in (reason_label, self.reason_edit, self.hold_button):
            hold.addWidget(part)
        layout.addWidget(self.hold_row)

        actions = QHBoxLayout()
        self.lift_button = QPushButton("Li&ft the hold", self)
        self.lift_button.setAccessibleName("Lift the hold")
        self.lift_button.setToolTip("Destruction becomes due again (Alt+F)")
        self.lift_button.clicked.connect(self.lift_hold)
        self.destroy_button = QPushButton("Destroy no&w…", self)
        self.destroy_button.setAccessibleName("Destroy this engagement's notebook now")
        self.destroy_button.setAccessibleDescription(
            "Opens the destruction steps: first a list of what will be destroyed. Nothing is "
            "destroyed until you type the engagement's title.")
        self.destroy_button.setToolTip("List what will be destroyed, then confirm (Alt+W)")
        self.destroy_button.clicked.connect(self.destroy_now)
        actions.addWidget(self.lift_button)
        actions.addWidget(self.destroy_button)
        actions.addStretch(1)
        layout.addLayout(actions)
        self.refresh()

    def today(self) -> date:
        return self.context.clock.now().date()

    def refresh(self) -> None:
        try:
            state = retention.state(self.context.notebook)
        except PeerdeskError as exc:
            self.status.setText(exc.message)
            return
        today = self.today()
        self.date_edit.setMaximumDate(_qdate(today))
        self.date_edit.setDate(_qdate(state.signed_off_on or today))
        signed = state.stage is Stage.SIGNED_OFF
        sentence = retention.reminder(state, today)
        if state.on_hold:
            text = (f"{sentence} The reminder is paused until you lift the hold; you can still "
                    "destroy the notebook at any time.")
        elif sentence:
            text = (f"{sentence} Destroy the notebook, then email the certificate to the "
                    "manager.")
        else:
            text = NOT_DUE_YET
        self.status.setText(text)
        self.status.setAccessibleDescription(text)
        self.record_button.setToolTip(
            "Record a corrected date; destruction stays due (Alt+R)" if signed
            else "Destruction is due from this date (Alt+R)")
        self.hold_row.setVisible(signed and not state.on_hold)
        self.lift_button.setVisible(state.on_hold)

    def _done(self, what: str) -> None:
        self.context.messages.info(what)
        self.refresh()
        self.context.window.refresh_header()

    def record_signoff(self) -> None:
        chosen = self.date_edit.date()
        day = date(chosen.year(), chosen.month(), chosen.day())
        try:
            retention.record_signoff(self.context.notebook, day)
        except PeerdeskError as exc:
            self.context.messages.error(exc.message)
            return
        self._done(f"Sign-off date recorded: {retention.en_gb(day)}. Destruction is now due.")

    def put_on_hold(self) -> None:
        try:
            retention.hold(self.context.notebook, self.reason_edit.text(), self.today())
        except PeerdeskError as exc:
            self.context.messages.error(exc.message)
            self.reason_edit.setFocus()
            return
        self.reason_edit.clear()
        self._done("Destruction is on hold. The reminder shows the hold until you lift it.")
        self.lift_button.setFocus()

    def lift_hold(self) -> None:
        try:
            retention.lift_hold(self.context.notebook)
        except PeerdeskError as exc:
            self.context.messages.error(exc.message)
            return
        self._done("The hold is lifted: destruction is due again.")
        self.destroy_button.setFocus()

    def destroy_now(self) -> None:
        flow = getattr(self.context.window, "destruction", None)
        if flow is not None:
            flow.start_wizard()
