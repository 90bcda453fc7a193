""""Try a sample engagement": a wholly fictional peer challenge to explore peerdesk with.

The sample is a real encrypted notebook like any other, so it gets its own passphrase.
It is written off the UI thread while a progress window shows that work is going on.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QProgressDialog,
    QWidget,
)

from peerdesk.gui.shell.dialogs import strength_text
from peerdesk.gui.widgets.background_task import BackgroundTask
from peerdesk.gui.widgets.colours import problem_style
from peerdesk.gui.widgets.passphrase_fields import add_show_toggle
from peerdesk.vault.errors import PeerdeskError
from peerdesk.vault.keys.strength import assess
from peerdesk.vault.library import Library
from peerdesk.vault.notebook import Notebook


class SampleDialog(QDialog):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Try a sample engagement")
        self.setAccessibleName("Try a sample engagement")
        form = QFormLayout(self)
        intro = QLabel(
            "peerdesk will make a made-up peer challenge: a fictional partnership, team, "
            "four-day timetable, notes, post-its and findings. Nothing in it is real.\n\n"
            "It is kept like a real engagement, encrypted on this computer, so choose a "
            "passphrase for it. You can destroy it like any other engagement when you have "
            "finished exploring.", self)
        intro.setWordWrap(True)
        intro.setMinimumWidth(440)
        form.addRow(intro)
        self.passphrase = QLineEdit(self)
        self.passphrase.setEchoMode(QLineEdit.EchoMode.Password)
        self.passphrase.setAccessibleName("Passphrase for the sample")
        form.addRow("&Passphrase:", self.passphrase)
        self.confirm = QLineEdit(self)
        self.confirm.setEchoMode(QLineEdit.EchoMode.Password)
        self.confirm.setAccessibleName("Passphrase again")
        form.addRow("&Again:", self.confirm)
        self.strength = QLabel(self)
        self.strength.setAccessibleName("Passphrase strength")
        form.addRow(self.strength)
        self.strength.setWordWrap(True)
        self.passphrase.textChanged.connect(lambda t: self.strength.setText(strength_text(t)))
        add_show_toggle(form, self.passphrase, self.confirm)
        self.problem = QLabel(self)
        self.problem.setWordWrap(True)
        self.problem.setAccessibleName("Problem")
        self.problem.setStyleSheet(problem_style())
        form.addRow(self.problem)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                   | QDialogButtonBox.StandardButton.Cancel, self)
        self.ok_button = buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok_button.setText("Make the sample")
        self.ok_button.setAccessibleName("Make the sample")
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setAccessibleName("Cancel")
        buttons.accepted.connect(self._accept)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)
        self.passphrase.setFocus()

    def _accept(self) -> None:
        strength = assess(self.passphrase.text())
        if not strength.acceptable:
            self.problem.setText(f"Choose a stronger passphrase. {strength.hint}")
        elif self.passphrase.text() != self.confirm.text():
            self.problem.setText("The two passphrases are not the same.")
        else:
            self.accept()


class SampleMaker:
    """Asks for a passphrase, writes the sample in the background, then hands it over."""

    def __init__(self, parent: QWidget, library: Library, opened: Callable[[Notebook], object],
                 report: Callable[[str], None]) -> None:
        self.parent = parent
        self.library = library
        self.opened = opened
        self.report = report
        self.task: BackgroundTask | None = None
        self.progress: QProgressDialog | None = None

    def start(self) -> bool:
        dialog = SampleDialog(self.parent)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return False
        passphrase = dialog.passphrase.text()

        def work() -> Notebook:
            from peerdesk.sample.generator import create_demo

            return create_demo(self.library, passphrase)

        self.progress = QProgressDialog("Making the sample engagement…", "", 0, 0, self.parent)
        self.progress.setWindowTitle("Sample engagement")
        self.progress.setAccessibleName("Making the sample engagement")
        self.progress.setCancelButton(None)
        self.progress.setWindowModality(Qt.WindowModality.WindowModal)
        self.progress.setMinimumDuration(0)
        self.progress.show()
        self.task = BackgroundTask(work, self.parent)
        self.task.finished.connect(self._made)
        self.task.failed.connect(self._failed)
        self.task.start()
        return True

    def _close_progress(self) -> None:
        if self.progress is not None:
            self.progress.close()
            self.progress.deleteLater()
            self.progress = None

    def _made(self, notebook: object) -> None:
        self._close_progress()
        if isinstance(notebook, Notebook):
            self.opened(notebook)

    def _failed(self, exc: object) -> None:
        self._close_progress()
        if isinstance(exc, PeerdeskError):
            self.report(exc.message)
        else:
            self.report("The sample engagement could not be made.")
            raise exc if isinstance(exc, BaseException) else RuntimeError(str(exc))
