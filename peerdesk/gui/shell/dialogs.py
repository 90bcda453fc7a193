"""The small dialogs of the foundation: new engagement, unlock, passphrase, settings.

Each is a Designer form from ui/ (compiled into peerdesk/gui/forms/) plus its logic.
None of them is used during a live session.
"""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QLineEdit,
    QTableWidgetItem,
    QWidget,
)

from peerdesk.gui.forms.ui_change_passphrase import Ui_ChangePassphraseDialog
from peerdesk.gui.forms.ui_new_engagement import Ui_NewEngagementDialog
from peerdesk.gui.forms.ui_settings import Ui_SettingsDialog
from peerdesk.gui.forms.ui_unlock import Ui_UnlockDialog
from peerdesk.gui.widgets.colours import problem_style
from peerdesk.gui.widgets.passphrase_fields import add_show_toggle
from peerdesk.vault.domain import EngagementDetails, TeamMember
from peerdesk.vault.keys.strength import assess
from peerdesk.vault.settings import CLIPBOARD_CHOICES, IDLE_CHOICES, Settings

_NOT_SET = QDate(2000, 1, 1)
_STRENGTH_WORDS = ("Too short", "Weak", "Fair", "Good", "Strong")


def _to_date(edit_value: QDate) -> date | None:
    if edit_value == _NOT_SET:
        return None
    return date(edit_value.year(), edit_value.month(), edit_value.day())


def _to_qdate(value: date | None) -> QDate:
    return QDate(value.year, value.month, value.day) if value else _NOT_SET


CAPTURE_HINT = ("Windows 10 (2004) and later honour this, and it keeps the window out of "
                "Recall too. macOS and Linux offer no way for an app to ask it; there, "
                "peerdesk's window can be captured like any other.")


def clipboard_choice(seconds: int) -> str:
    if not seconds:
        return "on lock and when peerdesk closes"
    when = f"{seconds // 60} minute{'s' if seconds >= 120 else ''}" if seconds >= 60 \
        else f"{seconds} seconds"
    return f"{when} after a copy, and on lock"


def forget(dialog: QDialog) -> None:
    """Once a dialog is done with for good: empty its text fields (each field's old text is
    freed, its undo history with it) and delete it, so that no passphrase or detail typed
    into it stays in memory with the window that parented it."""
    for field in dialog.findChildren(QLineEdit):
        field.setText("")
    dialog.deleteLater()


def strength_text(passphrase: str, related: list[str] | None = None) -> str:
    """A bar of four (its score, with the word that says it) and the estimator's hint."""
    if not passphrase:
        return ""
    strength = assess(passphrase, related or [])
    bar = "■" * strength.score + "□" * (4 - strength.score)
    return f"{bar}  {strength.hint}"


class NewEngagementDialog(QDialog):
    """Make an engagement, or edit its details (``editing=True`` hides the passphrase)."""

    def __init__(self, parent: QWidget | None = None,
                 details: EngagementDetails | None = None) -> None:
        super().__init__(parent)
        self.ui = Ui_NewEngagementDialog()
        self.ui.setupUi(self)
        self.editing = details is not None
        self.ok_button = self.ui.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok_button.setText("Save details" if self.editing else "Create engagement")
        self.ok_button.setAccessibleName(self.ok_button.text())
        cancel = self.ui.buttons.button(QDialogButtonBox.StandardButton.Cancel)
        cancel.setAccessibleName("Cancel")
        self.ui.buttons.accepted.connect(self._accept)
        self.ui.buttons.rejected.connect(self.reject)
        self.ui.addPeerButton.clicked.connect(self.add_peer_row)
        self.ui.removePeerButton.clicked.connect(self._remove_peer_row)
        self.ui.passphraseEdit.textChanged.connect(self._update_strength)
        self.show_box = add_show_toggle(self.ui.passForm, self.ui.passphraseEdit,
                                        self.ui.confirmEdit)
        self.ui.errorLabel.setStyleSheet(problem_style())
        self.ui.teamTable.horizontalHeader().setStretchLastSection(True)
        self.ui.teamTable.setColumnWidth(0, 180)
        self.ui.teamTable.setColumnWidth(1, 260)
        self.ui.teamTable.setTabKeyNavigation(False)
        for edit in (self.ui.onsiteStartEdit, self.ui.onsiteEndEdit):
            edit.setMinimumDate(_NOT_SET)
            edit.setDate(_NOT_SET)
        if details is not None:
            self.setWindowTitle("Engagement details")
            self.setAccessibleName("Engagement details")
            self.ui.passGroup.hide()
            self._load(details)
        self.ui.titleEdit.setFocus()
        self._team_ids: list[int | None] = []

    def _load(self, d: EngagementDetails) -> None:
        ui = self.ui
        ui.titleEdit.setText(d.title)
        ui.clientEdit.setText(d.client_system)
        ui.onsiteStartEdit.setDate(_to_qdate(d.onsite_start))
        ui.onsiteEndEdit.setDate(_to_qdate(d.onsite_end))
        ui.myNameEdit.setText(d.my_name)
        ui.myInitialsEdit.setText(d.my_initials)
        ui.myRoleEdit.setText(d.my_role)
        ui.managerNameEdit.setText(d.manager_name)
        ui.managerEmailEdit.setText(d.manager_email)
        for member in d.team:
            self.add_peer_row(member)

    def add_peer_row(self, member: TeamMember | None = None) -> None:
        table = self.ui.teamTable
        row = table.rowCount()
        table.insertRow(row)
        values = (member.name, member.role, member.initials) if isinstance(member, TeamMember) \
            else ("", "", "")
        for column, value in enumerate(values):
            item = QTableWidgetItem(value)
            if column == 0 and isinstance(member, TeamMember):
                item.setData(Qt.ItemDataRole.UserRole, member.id)
            table.setItem(row, column, item)
        table.setCurrentCell(row, 0)
        first = table.item(row, 0)
        if not isinstance(member, TeamMember) and first is not None:
            table.editItem(first)

    def _remove_peer_row(self) -> None:
        row = self.ui.teamTable.currentRow()
        if row >= 0:
            self.ui.teamTable.removeRow(row)

    def team(self) -> list[TeamMember]:
        table = self.ui.teamTable
        members = []
        for row in range(table.rowCount()):
            cells = [table.item(row, c) for c in range(3)]
            name, role, initials = ((c.text().strip() if c else "") for c in cells)
            if not (name or role or initials):
                continue
            member_id = cells[0].data(Qt.ItemDataRole.UserRole) if cells[0] else None
            members.append(TeamMember(name=name, role=role, initials=initials,
                                      id=int(member_id) if member_id else None))
        return members

    def details(self) -> EngagementDetails:
        ui = self.ui
        return EngagementDetails(
            title=ui.titleEdit.text().strip(), client_system=ui.clientEdit.text().strip(),
            onsite_start=_to_date(ui.onsiteStartEdit.date()),
            onsite_end=_to_date(ui.onsiteEndEdit.date()),
            my_name=ui.myNameEdit.text().strip(), my_initials=ui.myInitialsEdit.text().strip(),
            my_role=ui.myRoleEdit.text().strip(), manager_name=ui.managerNameEdit.text().strip(),
            manager_email=ui.managerEmailEdit.text().strip(), team=self.team(),
        )

    def passphrase(self) -> str:
        return self.ui.passphraseEdit.text()

    def related(self) -> list[str]:
        """Words a passphrase should not lean on: this engagement's title and names."""
        d = self.details()
        return [d.title, d.client_system, d.my_name, d.manager_name, d.manager_email]

    def problems(self) -> list[str]:
        problems = self.details().problems()
        if not self.editing:
            strength = assess(self.passphrase(), self.related())
            if not strength.acceptable:
                problems.append(f"Choose a stronger passphrase. {strength.hint}")
            elif self.passphrase() != self.ui.confirmEdit.text():
                problems.append("The two passphrases are not the same.")
        return problems

    def _accept(self) -> None:
        problems = self.problems()
        if problems:
            self.show_problem(" ".join(problems))
            return
        self.accept()

    def show_problem(self, text: str) -> None:
        self.ui.errorLabel.setText(text)
        self.ui.errorLabel.setAccessibleDescription(text)

    def _update_strength(self, text: str) -> None:
        shown = strength_text(text, self.related())
        self.ui.strengthLabel.setText(shown)
        self.ui.strengthLabel.setAccessibleDescription(shown)


class UnlockDialog(QDialog):
    def __init__(self, reason: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ui = Ui_UnlockDialog()
        self.ui.setupUi(self)
        self.ui.promptLabel.setText(reason)
        self.ui.promptLabel.setAccessibleDescription(reason)
        ok = self.ui.buttons.button(QDialogButtonBox.StandardButton.Ok)
        ok.setText("Unlock")
        ok.setAccessibleName("Unlock")
        self.ui.buttons.button(QDialogButtonBox.StandardButton.Cancel).setAccessibleName("Cancel")
        self.ui.buttons.accepted.connect(self.accept)
        self.ui.buttons.rejected.connect(self.reject)
        self.ui.errorLabel.setStyleSheet(problem_style())
        self.show_box = add_show_toggle(self.ui.unlockForm, self.ui.passphraseEdit)
        self.ui.passphraseEdit.setFocus()

    def passphrase(self) -> str:
        return self.ui.passphraseEdit.text()

    def show_problem(self, text: str) -> None:
        self.ui.errorLabel.setText(text)
        self.ui.errorLabel.setAccessibleDescription(text)
        self.ui.passphraseEdit.selectAll()
        self.ui.passphraseEdit.setFocus()


class ChangePassphraseDialog(QDialog):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ui = Ui_ChangePassphraseDialog()
        self.ui.setupUi(self)
        ok = self.ui.buttons.button(QDialogButtonBox.StandardButton.Ok)
        ok.setText("Change passphrase")
        ok.setAccessibleName("Change passphrase")
        self.ui.buttons.button(QDialogButtonBox.StandardButton.Cancel).setAccessibleName("Cancel")
        self.ui.buttons.accepted.connect(self._accept)
        self.ui.buttons.rejected.connect(self.reject)
        self.ui.newEdit.textChanged.connect(
            lambda text: self.ui.strengthLabel.setText(strength_text(text)))
        self.ui.errorLabel.setStyleSheet(problem_style())
        self.show_box = add_show_toggle(self.ui.passForm, self.ui.currentEdit, self.ui.newEdit,
                                        self.ui.confirmEdit, text="Sho&w the passphrases as I "
                                        "type")

    def values(self) -> tuple[str, str]:
        return self.ui.currentEdit.text(), self.ui.newEdit.text()

    def _accept(self) -> None:
        strength = assess(self.ui.newEdit.text())
        if not strength.acceptable:
            self.show_problem(f"Choose a stronger new passphrase. {strength.hint}")
        elif self.ui.newEdit.text() != self.ui.confirmEdit.text():
            self.show_problem("The two new passphrases are not the same.")
        else:
            self.accept()

    def show_problem(self, text: str) -> None:
        self.ui.errorLabel.setText(text)
        self.ui.errorLabel.setAccessibleDescription(text)


class SettingsDialog(QDialog):
    def __init__(self, settings: Settings, store_description: str,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ui = Ui_SettingsDialog()
        self.ui.setupUi(self)
        for minutes in IDLE_CHOICES:
            self.ui.idleCombo.addItem(f"{minutes} minute{'s' if minutes != 1 else ''} "
                                      "without use", minutes)
        index = self.ui.idleCombo.findData(settings.idle_lock_minutes)
        self.ui.idleCombo.setCurrentIndex(index if index >= 0 else IDLE_CHOICES.index(10))
        self.ui.textScaleSpin.setValue(settings.text_scale_percent)
        self.clipboard_combo = QComboBox(self)
        self.clipboard_combo.setAccessibleName("Empty the clipboard after a copy")
        for seconds in CLIPBOARD_CHOICES:
            self.clipboard_combo.addItem(clipboard_choice(seconds), seconds)
        index = self.clipboard_combo.findData(settings.clipboard_clear_seconds)
        self.clipboard_combo.setCurrentIndex(max(index, 0))
        label = QLabel("Empty the &clipboard", self)
        label.setBuddy(self.clipboard_combo)
        self.ui.settingsForm.addRow(label, self.clipboard_combo)
        self.capture_box = QCheckBox("Keep peerdesk out of screenshots, screen sharing and "
                                     "recordings while an engagement is open", self)
        self.capture_box.setAccessibleName(self.capture_box.text())
        self.capture_box.setChecked(settings.exclude_from_capture)
        self.capture_box.setToolTip(CAPTURE_HINT)
        self.capture_box.setAccessibleDescription(CAPTURE_HINT)
        self.ui.settingsForm.addRow(self.capture_box)
        self.ui.storeLabel.setText(f"Credential store: {store_description}")
        self.ui.buttons.button(QDialogButtonBox.StandardButton.Ok).setAccessibleName("Save")
        self.ui.buttons.button(QDialogButtonBox.StandardButton.Cancel).setAccessibleName("Cancel")
        self.ui.buttons.accepted.connect(self.accept)
        self.ui.buttons.rejected.connect(self.reject)

    def apply_to(self, settings: Settings) -> None:
        settings.idle_lock_minutes = int(self.ui.idleCombo.currentData())
        settings.text_scale_percent = int(self.ui.textScaleSpin.value())
        settings.clipboard_clear_seconds = int(self.clipboard_combo.currentData())
        settings.exclude_from_capture = self.capture_box.isChecked()
