"""The engagement's details, its team, the passphrase and the notebook check."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from peerdesk.gui.destruction.retention_panel import RetentionPanel
from peerdesk.gui.widgets.context import GuiContext
from peerdesk.vault.domain import Stage, stage_from_dates
from peerdesk.vault.errors import PeerdeskError

CHOOSABLE = (Stage.PREPARING, Stage.ON_SITE, Stage.FEEDBACK_GIVEN, Stage.SIGNED_OFF)


def _day(value: object) -> str:
    return value.strftime("%d/%m/%Y") if hasattr(value, "strftime") else "not set"


class OverviewTab(QWidget):
    tab_title = "&Overview"

    def __init__(self, context: GuiContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.setAccessibleName("Overview")
        layout = QVBoxLayout(self)
        details = QGroupBox("The engagement", self)
        details.setAccessibleName("The engagement")
        self.form = QFormLayout(details)
        self.values: dict[str, QLabel] = {}
        for key, label in (("client", "Client system"), ("dates", "On site"),
                           ("me", "You"), ("manager", "Challenge manager"),
                           ("team", "Peer team"), ("rule", "Triangulation rule")):
            value = QLabel(details)
            value.setWordWrap(True)
            value.setAccessibleName(label)
            self.form.addRow(f"{label}:", value)
            self.values[key] = value
        self.stage_choice = QComboBox(details)
        self.stage_choice.setAccessibleName("Stage")
        self.stage_choice.setAccessibleDescription("The stage follows the on-site and sign-off "
                                                   "dates, unless you choose one here.")
        self.stage_choice.activated.connect(self._stage_chosen)
        stage_label = QLabel("Stage &now:", details)
        stage_label.setBuddy(self.stage_choice)
        self.form.addRow(stage_label, self.stage_choice)
        layout.addWidget(details)
        buttons = QHBoxLayout()
        self.edit_button = QPushButton("&Edit details…", self)
        self.edit_button.setAccessibleName("Edit the engagement's details")
        self.edit_button.clicked.connect(self.edit_details)
        self.passphrase_button = QPushButton("Change &passphrase…", self)
        self.passphrase_button.setAccessibleName("Change the notebook's passphrase")
        self.passphrase_button.clicked.connect(self.change_passphrase)
        self.check_button = QPushButton("&Check the notebook", self)
        self.check_button.setAccessibleName("Check the notebook's encryption and structure")
        self.check_button.clicked.connect(self.check_notebook)
        for button in (self.edit_button, self.passphrase_button, self.check_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        layout.addLayout(buttons)
        self.check_result = QLabel(self)
        self.check_result.setWordWrap(True)
        self.check_result.setAccessibleName("Result of the notebook check")
        layout.addWidget(self.check_result)
        self.retention = RetentionPanel(context, self)
        layout.addWidget(self.retention)
        layout.addStretch(1)
        self.refresh()

    def refresh(self) -> None:
        e = self.context.notebook.engagement()
        self.values["client"].setText(e.client_system or "not set")
        if e.onsite_start or e.onsite_end:
            dates = f"{_day(e.onsite_start)} to {_day(e.onsite_end)}"
        else:
            dates = "not set"
        self.values["dates"].setText(dates)
        me = ", ".join(p for p in (e.my_name, e.my_role) if p)
        self.values["me"].setText(f"{me} ({e.my_initials})" if e.my_initials else me or "not set")
        manager = " · ".join(p for p in (e.manager_name, e.manager_email) if p)
        self.values["manager"].setText(manager or "not set")
        team = [f"{m.name} ({m.initials}), {m.role}" if m.role else m.name for m in e.team]
        self.values["team"].setText("\n".join(team) or "nobody added yet")
        self.values["rule"].setText(f"A finding is triangulated with at least "
                                    f"{e.rule_min_sources} sources of at least "
                                    f"{e.rule_min_kinds} kinds.")
        by_dates = stage_from_dates(self.context.notebook.today(), e.onsite_start, e.onsite_end,
                                    e.signed_off_on)
        self.stage_choice.clear()
        self.stage_choice.addItem(f"{by_dates.label} (from the dates)", None)
        for stage in CHOOSABLE:
            self.stage_choice.addItem(f"{stage.label} (set by hand)", stage.value)
        chosen = self.stage_choice.findData(e.stage.value) if e.stage_by_hand else 0
        self.stage_choice.setCurrentIndex(max(chosen, 0))
        self.stage_choice.setEnabled(e.stage is not Stage.DESTROYED)
        self.retention.refresh()

    def _stage_chosen(self, index: int) -> None:
        value = self.stage_choice.itemData(index)
        try:
            self.context.notebook.set_stage(Stage(value) if value else None)
        except PeerdeskError as exc:
            self.context.messages.error(exc.message)
            return
        self.refresh()
        self.context.window.refresh_header()

    def edit_details(self) -> None:
        from peerdesk.gui.shell.dialogs import NewEngagementDialog

        dialog = NewEngagementDialog(self, self.context.notebook.engagement())
        while dialog.exec() == QDialog.DialogCode.Accepted:
            try:
                self.context.notebook.update_details(dialog.details())
            except PeerdeskError as exc:
                dialog.show_problem(exc.message)
                continue
            self.context.messages.info("The engagement's details are saved.")
            self.refresh()
            self.context.window.refresh_header()
            break

    def change_passphrase(self) -> None:
        from peerdesk.gui.shell.dialogs import ChangePassphraseDialog, forget
        from peerdesk.vault.keys.secret import wipe_str

        dialog = ChangePassphraseDialog(self)
        while dialog.exec() == QDialog.DialogCode.Accepted:
            current, new = dialog.values()
            try:
                self.context.library.change_passphrase(self.context.notebook.id, current, new,
                                                       open_here=self.context.notebook)
            except PeerdeskError as exc:
                dialog.show_problem(exc.message)
                continue
            finally:
                wipe_str(current)
                wipe_str(new)
                del current, new
            self.context.messages.info("The passphrase is changed. Use the new one from now on.")
            break
        forget(dialog)   # the passphrases typed leave memory with it

    def check_notebook(self) -> None:
        report = self.context.notebook.integrity()
        if report.ok:
            text = ("Passed: every page's encryption check and the database check are good.")
            self.context.messages.info("The notebook check passed.")
        else:
            problems = "; ".join(report.cipher_problems + report.sqlite_problems)[:500]
            text = f"FAILED: {problems}. Keep a copy of the notebook file and ask for help."
            self.context.messages.error("The notebook check found problems.")
        self.check_result.setText(text)
        self.check_result.setAccessibleDescription(text)
