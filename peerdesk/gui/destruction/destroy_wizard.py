"""The destruction wizard: inventory, the peer's confirmations, typing the title, then the
destruction itself off the UI thread with progress, and the result with the certificate.

It also finishes an interrupted destruction (``journal=``): then it starts at the last page.
Never used during a live session: it is started from the Overview or the message bar.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Signal
from PySide6.QtGui import QCloseEvent
from PySide6.QtWidgets import (
    QDialog,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from peerdesk.gui.destruction.destroy_pages import AttestationPage, ConfirmPage, InventoryPage
from peerdesk.gui.destruction.progress import RunPage
from peerdesk.gui.widgets.background_task import ReportingTask
from peerdesk.vault.errors import PeerdeskError

if TYPE_CHECKING:
    from peerdesk.destruction.destroy import DestructionResult
    from peerdesk.destruction.inventory import Inventory
    from peerdesk.destruction.journal import Journal
    from peerdesk.vault.library import Library
    from peerdesk.vault.notebook import Notebook

LOCKED_MEANWHILE = ("The notebook was locked or closed while this was open, so nothing was "
                    "destroyed. Open the engagement again and start again.")


def explain(exc: BaseException) -> str:
    if isinstance(exc, PeerdeskError):
        return exc.message
    return f"Something unexpected went wrong ({type(exc).__name__}: {exc})."


class DestroyWizard(QDialog):
    """``release()`` is called just before destroying: the window drops the engagement's
    views and hands over the still-open notebook (the core closes it itself)."""

    destruction_done = Signal(object)  # the DestructionResult, or None when it stopped

    def __init__(self, library: Library, parent: QWidget | None = None, *,
                 notebook: Notebook | None = None, journal: Journal | None = None,
                 release: Callable[[], Notebook | None] | None = None,
                 memory: str | None = None) -> None:
        super().__init__(parent)
        from peerdesk.destruction.certificate import MEMORY_NOT_OPENED, MEMORY_OPEN_HERE

        self.memory = memory or (MEMORY_OPEN_HERE if journal is None else MEMORY_NOT_OPENED)
        self.library = library
        self.notebook = notebook
        self.journal = journal
        self.release = release
        self.outcome: DestructionResult | None = None
        self.worker: ReportingTask | None = None
        self.planner: ReportingTask | None = None
        self.chosen: Inventory | None = None
        self.setWindowTitle("Finish destruction" if journal else "Destroy the notebook")
        self.setAccessibleName(self.windowTitle())
        self.resize(940, 680)
        layout = QVBoxLayout(self)
        self.stack = QStackedWidget(self)
        self.inventory_page = InventoryPage(self)
        self.attestation_page = AttestationPage(self)
        self.confirm_page = ConfirmPage(self)
        self.run_page = RunPage(self)
        for page in (self.inventory_page, self.attestation_page, self.confirm_page,
                     self.run_page):
            self.stack.addWidget(page)
        layout.addWidget(self.stack, 1)
        self.problem = QLabel(self)
        self.problem.setWordWrap(True)
        self.problem.setAccessibleName("Problem")
        layout.addWidget(self.problem)
        row = QHBoxLayout()
        self.back_button = self._button("< &Back", "Back", self.back)
        self.next_button = self._button("&Next >", "Next", self.next)
        self.destroy_button = self._button("&Destroy the notebook", "Destroy the notebook",
                                           self.destroy_now)
        self.destroy_button.setToolTip("Enabled once the title you typed matches (Alt+D)")
        self.cancel_button = self._button("Cancel", "Cancel", self.reject)
        row.addStretch(1)
        for button in (self.back_button, self.next_button, self.destroy_button,
                       self.cancel_button):
            row.addWidget(button)
        layout.addLayout(row)
        self.inventory_page.changed.connect(self._update_buttons)
        self.confirm_page.matches.connect(lambda _ok: self._update_buttons())
        self.run_page.certificate_requested.connect(self.show_certificate)
        self.run_page.email_requested.connect(self.email)
        self.run_page.forget_requested.connect(self.forget)
        self.run_page.folder_requested.connect(self.open_folder)
        if journal is not None:
            self._go(3)
            self.run_page.prefill(journal.steps)
            self._start(lambda progress: self._resume(journal, progress))
        else:
            self._go(0)
            self._plan()

    def _button(self, text: str, name: str, slot: Callable[[], Any]) -> QPushButton:
        button = QPushButton(text, self)
        button.setAccessibleName(name)
        button.setAutoDefault(False)
        button.clicked.connect(slot)
        return button

    # -- pages ------------------------------------------------------------------------

    @property
    def page(self) -> int:
        return self.stack.currentIndex()

    def _go(self, index: int) -> None:
        self.problem.clear()
        self.stack.setCurrentIndex(index)
        if index == 1:
            next(iter(self.attestation_page.boxes.values())).setFocus()
        if index == 2:
            self.confirm_page.title_edit.setFocus()
        self._update_buttons()

    def _update_buttons(self) -> None:
        page = self.page
        running = self.worker is not None and self.worker.running
        self.back_button.setVisible(page in (1, 2))
        self.next_button.setVisible(page in (0, 1))
        self.destroy_button.setVisible(page == 2)
        if page == 0:
            why = self.inventory_page.problem()
            self.next_button.setEnabled(not why)
            self.next_button.setToolTip(why)
        else:
            self.next_button.setEnabled(True)
        inventory = self.confirm_page.inventory
        self.destroy_button.setEnabled(page == 2 and inventory is not None
                                       and inventory.title_matches(self.confirm_page.typed()))
        self.destroy_button.setDefault(page == 2)
        self.next_button.setDefault(page in (0, 1))
        self.cancel_button.setText("&Close" if page == 3 else "Cancel")
        self.cancel_button.setAccessibleName(self.cancel_button.text().replace("&", ""))
        self.cancel_button.setEnabled(not running)

    def back(self) -> None:
        if self.page in (1, 2):
            self._go(self.page - 1)

    def next(self) -> None:
        if self.page == 0:
            try:
                inventory = self.inventory_page.chosen()
            except PeerdeskError as exc:
                self.problem.setText(exc.message)
                return
            self.chosen = inventory
            self.attestation_page.set_inventory(inventory)
            self._go(1)
        elif self.page == 1 and self.chosen is not None:
            self.confirm_page.set_inventory(self.chosen, self.attestation_page.attestations(),
                                            self.attestation_page.asked())
            self._go(2)

    # -- the work -----------------------------------------------------------------------

    def _plan(self) -> None:
        from peerdesk.destruction import destroy as destruction

        library, notebook = self.library, self.notebook
        assert notebook is not None
        self.planner = ReportingTask(lambda _p: destruction.plan(library, notebook), self,
                                     "peerdesk-destruction-plan")
        self.planner.finished.connect(self._planned)
        self.planner.failed.connect(lambda exc: self.inventory_page.show_problem(explain(exc)))
        self.planner.start()

    def _planned(self, inventory: Inventory) -> None:
        self.inventory_page.set_inventory(inventory)
        self._update_buttons()

    def destroy_now(self) -> None:
        inventory = self.confirm_page.inventory
        typed = self.confirm_page.typed()
        if inventory is None or not inventory.title_matches(typed):
            self.problem.setText("Type the engagement's title exactly as it is shown.")
            return
        notebook = self.notebook
        if notebook is None or notebook.closed:  # locked (idle lock) while this was open
            self.problem.setText(LOCKED_MEANWHILE)
            return
        if self.release is not None and self.release() is not notebook:
            self.problem.setText(LOCKED_MEANWHILE)
            return
        attestations = self.attestation_page.attestations()
        self.run_page.prefill([_kept(a) for a in inventory.artefacts if a.keep_reason
                               and a.action.value == "keep"])
        self._go(3)
        library = self.library

        def work(progress: Callable[[Any], None]) -> DestructionResult:
            from peerdesk.destruction import destroy as destruction

            return destruction.run(library, inventory, notebook, confirm_title=typed,
                                   attestations=attestations, progress=progress,
                                   memory=self.memory)

        self._start(work)

    def _resume(self, journal: Journal, progress: Callable[[Any], None]) -> DestructionResult:
        from peerdesk.destruction import destroy as destruction

        return destruction.resume(self.library, journal, progress=progress, memory=self.memory)

    def _start(self, work: Callable[[Callable[[Any], None]], Any]) -> None:
        self.worker = ReportingTask(work, self, "peerdesk-destruction")
        self.worker.progress.connect(self.run_page.show_progress)
        self.worker.finished.connect(self._finished)
        self.worker.failed.connect(self._failed)
        self.worker.start()
        self._update_buttons()

    def _finished(self, result: DestructionResult) -> None:
        self.outcome = result
        self.worker_wait()
        self.run_page.show_result(result, resumed=self.journal is not None)
        self._update_buttons()
        self.destruction_done.emit(result)

    def _failed(self, exc: BaseException) -> None:
        self.worker_wait()
        self.run_page.show_failure(
            f"{explain(exc)} Anything already done is recorded, and peerdesk offers to "
            "finish the destruction each time it starts.")
        self._update_buttons()
        self.destruction_done.emit(None)

    def worker_wait(self) -> None:
        if self.worker is not None:
            self.worker.wait(5)
        self._update_buttons()

    # -- after ------------------------------------------------------------------------

    def show_certificate(self, pdf: bool = False) -> None:
        from peerdesk.gui.destruction.certificate_view import CertificateDialog

        if self.outcome is None or self.outcome.files is None:
            return
        dialog = CertificateDialog(self.outcome.files, self._mail, self, show_pdf=pdf)
        self.certificate_dialog = dialog
        dialog.open()

    def _mail(self) -> Any:
        from peerdesk.destruction.email import for_record

        assert self.outcome is not None
        return for_record(self.outcome.record)

    def email(self) -> None:
        from peerdesk.gui.destruction.manager_email import email_manager

        if self.outcome is None or self.outcome.files is None:
            return
        outcome = email_manager(self._mail(), self.outcome.files.pdf)
        self.run_page.show_email(outcome.message, outcome.text)

    def open_folder(self) -> None:
        from PySide6.QtCore import QUrl
        from PySide6.QtGui import QDesktopServices

        if self.outcome is not None and self.outcome.files is not None:
            QDesktopServices.openUrl(QUrl.fromLocalFile(str(self.outcome.files.pdf.parent)))

    def forget(self) -> None:
        from peerdesk.destruction import destroy as destruction

        if self.journal is not None and destruction.discard(self.journal):
            self.run_page.forget_button.hide()
            self.run_page.show_email("peerdesk will no longer offer to finish this destruction. "
                                     "The certificate is kept and says what was not done.")

    def reject(self) -> None:
        if self.worker is not None and self.worker.running:
            return  # never leave a destruction half shown; it finishes in moments
        super().reject()

    def closeEvent(self, event: QCloseEvent) -> None:
        if self.worker is not None and self.worker.running:
            event.ignore()
            return
        super().closeEvent(event)


def _kept(artefact: Any) -> Any:
    from peerdesk.destruction.journal import StepEntry, StepState

    return StepEntry(artefact.key, artefact.kind.value, artefact.label, artefact.action.value,
                     artefact.size, artefact.keep_reason, StepState.KEPT)
