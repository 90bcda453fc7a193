"""Unlocking inside the window: the passphrase field stands where the engagement was, and
Enter brings back exactly what was there. No dialog over the window.

The form is the Designer form ui/unlock.ui, so a change to the passphrase field there
(a show/hide toggle, say) reaches this page too.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QDialogButtonBox, QFrame, QHBoxLayout, QVBoxLayout, QWidget

from peerdesk.gui.forms.ui_unlock import Ui_UnlockDialog
from peerdesk.gui.widgets.colours import problem_style
from peerdesk.gui.widgets.passphrase_fields import add_show_toggle

LOCKED_TEXT = ("peerdesk locked it. Type the passphrase and press Enter to carry on exactly "
               "where you were.")


class UnlockPage(QWidget):
    """``unlock_requested(passphrase)`` on Enter; ``leave_requested`` for the engagement
    list (Esc, or the button)."""

    unlock_requested = Signal(str)
    leave_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.notebook_id: str | None = None
        self.setAccessibleName("Unlock notebook")
        outer = QVBoxLayout(self)
        outer.addStretch(1)
        row = QHBoxLayout()
        row.addStretch(1)
        self.form = QFrame(self)
        self.form.setObjectName("unlockForm")
        self.form.setFrameShape(QFrame.Shape.StyledPanel)
        self.form.setMaximumWidth(560)
        self.ui = Ui_UnlockDialog()
        self.ui.setupUi(self.form)
        self.form.setAccessibleName("Unlock notebook")
        row.addWidget(self.form, 3)
        row.addStretch(1)
        outer.addLayout(row)
        outer.addStretch(2)
        self.unlock_button = self.ui.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.unlock_button.setText("&Unlock")
        self.unlock_button.setAccessibleName("Unlock")
        self.unlock_button.setDefault(True)
        self.list_button = self.ui.buttons.button(QDialogButtonBox.StandardButton.Cancel)
        self.list_button.setText("All &engagements")
        self.list_button.setAccessibleName("Show all engagements")
        self.ui.buttons.accepted.connect(self._unlock)
        self.ui.buttons.rejected.connect(self.leave_requested)
        self.ui.passphraseEdit.returnPressed.connect(self._unlock)
        self.ui.errorLabel.setStyleSheet(problem_style())
        self.show_box = add_show_toggle(self.ui.unlockForm, self.ui.passphraseEdit)

    def ask(self, notebook_id: str, label: str, reason: str = LOCKED_TEXT) -> None:
        """Ready for the passphrase of ``notebook_id`` (``label`` never names it)."""
        self.notebook_id = notebook_id
        text = f"{label}. {reason}" if label else reason
        self.ui.promptLabel.setText(text)
        self.ui.promptLabel.setAccessibleDescription(text)
        self.ui.passphraseEdit.clear()
        self.show_problem("")
        self.ui.passphraseEdit.setFocus(Qt.FocusReason.OtherFocusReason)

    def passphrase(self) -> str:
        return self.ui.passphraseEdit.text()

    def _unlock(self) -> None:
        if self.notebook_id is not None:
            self.unlock_requested.emit(self.passphrase())

    def show_problem(self, text: str) -> None:
        self.ui.errorLabel.setText(text)
        self.ui.errorLabel.setAccessibleDescription(text)
        if text:
            self.ui.passphraseEdit.selectAll()
            self.ui.passphraseEdit.setFocus(Qt.FocusReason.OtherFocusReason)

    def forget(self) -> None:
        """After unlocking, or when leaving: the typed passphrase leaves the field (and its
        undo history), and it is hidden again."""
        self.ui.passphraseEdit.setText("")
        self.show_box.setChecked(False)
        self.show_problem("")
        self.notebook_id = None

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() == Qt.Key.Key_Escape:
            self.leave_requested.emit()
            return
        super().keyPressEvent(event)
