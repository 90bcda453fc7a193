"""Who was in the session: role and organisation, a name only if the peer wants one.

A name is personal data: the panel says so beside the field and on every line that has
one, and it never leaves the notebook.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from peerdesk.capture.sessions import PERSONAL_NAME_NOTE, Participant, SessionStore
from peerdesk.vault.errors import PeerdeskError


def participant_line(p: Participant) -> str:
    extra = [x for x in (p.tenure.strip(), p.relationship.strip()) if x]
    text = p.label() + (f" ({'; '.join(extra)})" if extra else "")
    if p.personal and p.name:
        text += f" · name: {p.name} [personal data]"
    return text


class ParticipantsPanel(QWidget):
    def __init__(self, store: SessionStore, report_error: Callable[[str], None],
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.store = store
        self._report_error = report_error
        self.session_id: int | None = None
        self.expected: int | None = None
        self.setAccessibleName("Participants")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        self.summary = QLabel(self)
        self.summary.setAccessibleName("How many participants")
        layout.addWidget(self.summary)
        self.list = QListWidget(self)
        self.list.setAccessibleName("Participants by role and organisation")
        self.list.setWordWrap(True)
        layout.addWidget(self.list, 1)
        self.remove_button = QPushButton("Remove the selected participant", self)
        self.remove_button.setAccessibleName("Remove the selected participant")
        self.remove_button.clicked.connect(self.remove_selected)
        layout.addWidget(self.remove_button)

        form = QFormLayout()
        self.role_edit = QLineEdit(self)
        self.role_edit.setAccessibleName("Role")
        self.role_edit.setPlaceholderText("e.g. Director of nursing")
        self.org_edit = QLineEdit(self)
        self.org_edit.setAccessibleName("Organisation")
        self.org_edit.setPlaceholderText("e.g. the community trust")
        self.tenure_edit = QLineEdit(self)
        self.tenure_edit.setAccessibleName("How long with the client, or how they work with it")
        self.tenure_edit.setPlaceholderText("Focus groups: years with the client, or the link")
        self.name_edit = QLineEdit(self)
        self.name_edit.setAccessibleName("Name (optional, personal data)")
        self.name_edit.setAccessibleDescription(PERSONAL_NAME_NOTE)
        self.name_edit.setPlaceholderText("Optional")
        self.name_edit.setToolTip(PERSONAL_NAME_NOTE)
        for text, edit in (("&Role:", self.role_edit), ("Or&ganisation:", self.org_edit),
                           ("Tenure or lin&k:", self.tenure_edit),
                           ("Na&me (personal):", self.name_edit)):
            label = QLabel(text, self)
            label.setBuddy(edit)
            form.addRow(label, edit)
            edit.returnPressed.connect(self.add)
        note = QLabel(PERSONAL_NAME_NOTE, self)
        note.setWordWrap(True)
        note.setAccessibleName("About names")
        form.addRow(note)
        layout.addLayout(form)
        buttons = QHBoxLayout()
        self.add_button = QPushButton("Add participant (Enter)", self)
        self.add_button.setAccessibleName("Add the participant")
        self.add_button.clicked.connect(self.add)
        buttons.addWidget(self.add_button)
        buttons.addStretch(1)
        layout.addLayout(buttons)
        self.setTabOrder(self.role_edit, self.org_edit)
        self.setTabOrder(self.org_edit, self.tenure_edit)
        self.setTabOrder(self.tenure_edit, self.name_edit)
        self.setTabOrder(self.name_edit, self.add_button)
        self.setTabOrder(self.add_button, self.list)
        self.setTabOrder(self.list, self.remove_button)

    def load(self, session_id: int, expected: int | None = None) -> None:
        self.session_id = session_id
        self.expected = expected
        self._show()

    def _show(self) -> None:
        self.list.clear()
        people = self.store.participants(self.session_id) if self.session_id else []
        for p in people:
            item = QListWidgetItem(participant_line(p))
            item.setData(Qt.ItemDataRole.UserRole, p.id)
            self.list.addItem(item)
        named = sum(1 for p in people if p.personal)
        count = f"{len(people)} participant{'s' if len(people) != 1 else ''} recorded"
        if self.expected:
            count += f" of about {self.expected} expected"
        self.summary.setText(count + (f", {named} with a name (personal data)" if named else ""))
        self.remove_button.setEnabled(bool(people))

    def add(self) -> None:
        if self.session_id is None:
            return
        p = Participant(role=self.role_edit.text(), organisation=self.org_edit.text(),
                        name=self.name_edit.text() or None, tenure=self.tenure_edit.text())
        if not (p.role.strip() or p.organisation.strip()):
            self._report_error("Type the participant's role or organisation first.")
            self.role_edit.setFocus()
            return
        try:
            self.store.add_participant(self.session_id, p)
        except PeerdeskError as exc:
            self._report_error(exc.message)
            return
        for edit in (self.role_edit, self.tenure_edit, self.name_edit):
            edit.clear()
        self.role_edit.setFocus()
        self._show()

    def remove_selected(self) -> None:
        item = self.list.currentItem()
        if item is None:
            return
        try:
            self.store.delete_participant(int(item.data(Qt.ItemDataRole.UserRole)))
        except PeerdeskError as exc:
            self._report_error(exc.message)
            return
        self._show()

    def clear(self) -> None:
        self.session_id = None
        self.list.clear()
        self.summary.clear()
        for edit in (self.role_edit, self.org_edit, self.tenure_edit, self.name_edit):
            edit.clear()
