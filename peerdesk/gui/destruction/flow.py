"""Destruction as the main window sees it: the reminder at every start and when a notebook
opens, an unfinished destruction offered at start-up, the wizard, and what is left after
(the library lists the engagement as destroyed, with its certificate)."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, Any, Protocol

from PySide6.QtCore import QObject

from peerdesk.vault.errors import PeerdeskError

if TYPE_CHECKING:
    from collections.abc import Callable

    from PySide6.QtWidgets import QWidget

    from peerdesk.destruction.certificates import DestroyedEngagement
    from peerdesk.destruction.journal import Journal
    from peerdesk.destruction.retention import RetentionState
    from peerdesk.gui.destruction.destroy_wizard import DestroyWizard
    from peerdesk.gui.widgets.message_bar import MessageBar
    from peerdesk.vault.clock import Clock
    from peerdesk.vault.library import Library, NotebookEntry
    from peerdesk.vault.notebook import Notebook
    from peerdesk.vault.paths import AppPaths
    from peerdesk.vault.settings import Settings


AFRESH = ("The engagement is destroyed, and peerdesk has started again as a fresh program: "
          "the one that had the notebook open has ended, so nothing of it is left in "
          "peerdesk's memory. Its certificate stays listed under Destroyed engagements.")
NOT_AFRESH = ("peerdesk could not start itself again as a fresh program. Quit peerdesk and "
              "start it again, so that nothing of the destroyed engagement stays in its "
              "memory.")
"""Shown by the window when starting afresh failed."""


def peer_name_from(text: str) -> str:
    """The peer's name as the certificate's text gives it ("Peer: ..."), or ''."""
    for line in text.splitlines():
        if line.startswith("Peer: "):
            name = line[len("Peer: "):].strip()
            return "" if name == "not recorded" else name
    return ""


class DestructionHost(Protocol):
    """What the flow needs of the main window (which passes itself)."""

    @property
    def clock(self) -> Clock: ...
    @property
    def paths(self) -> AppPaths: ...
    @property
    def library(self) -> Library: ...
    @property
    def messages(self) -> MessageBar: ...
    @property
    def library_page(self) -> Any: ...
    @property
    def page(self) -> Any: ...
    @property
    def notebook(self) -> Notebook | None: ...

    settings: Settings
    locked_this_run: set[str]

    def widget(self) -> QWidget: ...

    def refresh_library(self) -> None: ...

    def open_notebook(self, notebook_id: str) -> bool: ...

    def release_notebook(self) -> Any: ...

    def lock(self) -> None: ...

    def close(self) -> bool: ...

    fresh_start: Callable[[], bool] | None
    restarted: bool


class DestructionFlow(QObject):
    def __init__(self, window: DestructionHost) -> None:
        super().__init__(window.widget())
        self.window = window
        self.started = False
        self.wizard: DestroyWizard | None = None
        self.certificate_dialog: QObject | None = None
        self.started_afresh = False   # this process was started by one that destroyed
        self.afresh_due = False       # this process had the destroyed notebook open
        destroyed = window.library_page.destroyed_list
        destroyed.show_requested.connect(self.show_certificate)
        destroyed.email_requested.connect(self.email_again)

    def today(self) -> date:
        return self.window.clock.now().date()

    # -- hooks the window calls ---------------------------------------------------------

    def library_shown(self, entries: list[NotebookEntry]) -> None:
        """After the list is refreshed; the first time is the start of the app."""
        from peerdesk.destruction.certificates import destroyed_engagements

        found = destroyed_engagements(self.window.paths)
        self.window.library_page.destroyed_list.set_entries(found)
        if not self.started:
            self.started = True
            if self.started_afresh:
                self.window.messages.info(AFRESH, 0)
                return
            self.startup_notices(entries)

    def notebook_opened(self, notebook: Notebook) -> None:
        """Remind on opening (after any warning already shown), unless there is an error."""
        from peerdesk.destruction import retention

        messages = self.window.messages
        if messages.kind == "error":
            return
        try:
            state = retention.state(notebook)
        except PeerdeskError:
            return
        text = retention.reminder(state, self.today())
        if text and not state.on_hold:
            earlier = messages.text().removeprefix("Attention: ") \
                if messages.kind == "warning" else ""
            messages.warning(f"{text} {earlier}".strip())
            messages.offer("Destroy no&w…", self.start_wizard,
                                       "Destroy this engagement's notebook now")

    # -- start-up -----------------------------------------------------------------------

    def startup_notices(self, entries: list[NotebookEntry]) -> None:
        from peerdesk.destruction import destroy as destruction

        messages = self.window.messages
        found = destruction.review(self.window.paths)
        journals = found.journals
        if found.set_aside and not journals:
            messages.error(" ".join(found.set_aside))
            return
        if journals:
            first = journals[0]
            more = f" ({len(journals) - 1} more after it)" if len(journals) > 1 else ""
            messages.warning(
                f"The destruction of “{first.title}” started on "
                f"{first.started_at.strftime('%d/%m/%Y at %H:%M')} did not finish{more}. "
                "What was done is recorded; finish it now so that nothing is left half done. "
                + " ".join(found.set_aside))
            messages.offer("&Finish destruction", lambda: self.finish(first),
                           "Finish the unfinished destruction")
            return
        due, held = self.reminders(entries)
        if due:
            lines = [f"“{title}”: {text}" for title, text, _ in due + held]
            first_id = due[0][2]
            if len(due) > 1:
                lines.append(f"Destroy now starts with “{due[0][0]}”.")
            messages.warning(" ".join(lines))
            messages.offer("Destroy no&w…", lambda: self.destroy_from_reminder(first_id),
                           f"Destroy {due[0][0]} now")
        elif held:
            messages.info(" ".join(f"“{title}”: {text}" for title, text, _ in held), 0)

    def reminders(self, entries: list[NotebookEntry]
                  ) -> tuple[list[tuple[str, str, str]], list[tuple[str, str, str]]]:
        """(title, sentence, id) for each signed-off engagement: due ones (longest first),
        then those on hold."""
        from peerdesk.destruction import retention
        from peerdesk.vault.domain import Stage

        due: list[tuple[int, str, str, str]] = []
        held: list[tuple[str, str, str]] = []
        for entry in entries:
            if entry.stage is not Stage.SIGNED_OFF:
                continue
            try:
                with self.window.library.open(entry.id) as notebook:
                    state: RetentionState = retention.state(notebook)
            except PeerdeskError:
                continue
            text = retention.reminder(state, self.today())
            if not text:
                continue
            if state.on_hold:
                held.append((entry.label, text, entry.id))
            else:
                due.append((-(state.days_due(self.today()) or 0), entry.label, text, entry.id))
        due.sort()
        return [(title, text, nid) for _, title, text, nid in due], held

    # -- destroying -----------------------------------------------------------------------

    def destroy_from_reminder(self, notebook_id: str) -> None:
        current = self.window.notebook
        if (current is not None and current.id == notebook_id) \
                or self.window.open_notebook(notebook_id):
            self.start_wizard()

    def start_wizard(self) -> None:
        from peerdesk.gui.destruction.destroy_wizard import DestroyWizard

        notebook = self.window.notebook
        if notebook is None:
            self.window.messages.info("Open the engagement first, then choose Destroy now.")
            return
        self.window.messages.clear()
        page = self.window.page
        if page is not None:
            page.show_tab("Overview")   # never over the live session view
        self.wizard = DestroyWizard(self.window.library, self.window.widget(), notebook=notebook,
                                    release=self.window.release_notebook,
                                    memory=self.memory_note(opened_here=True))
        self.wizard.destruction_done.connect(self.after_destruction)
        self.wizard.finished.connect(self.wizard_closed)
        self.wizard.open()

    def finish(self, journal: Journal) -> None:
        from peerdesk.gui.destruction.destroy_wizard import DestroyWizard

        if self.window.notebook is not None:
            self.window.lock()
        self.wizard = DestroyWizard(self.window.library, self.window.widget(), journal=journal,
                                    memory=self.memory_note(opened_here=self.afresh_due))
        self.wizard.finished.connect(self.wizard_closed)
        self.wizard.destruction_done.connect(self.after_destruction)
        self.wizard.open()

    def after_destruction(self, result: object) -> None:
        """The notebook is closed and gone (or partly): forget it everywhere in memory."""
        from peerdesk.destruction import destroy as destruction
        from peerdesk.vault.settings import Settings

        window = self.window
        window.settings = Settings.load(window.paths)   # never save the old copy back
        wizard = self.wizard
        if wizard is not None and wizard.notebook is not None and result is not None:
            self.afresh_due = True   # this process had the notebook open
        if wizard is not None:
            gone = wizard.journal.secret.notebook_id if wizard.journal is not None else (
                wizard.notebook.id if wizard.notebook is not None else "")
            window.locked_this_run.discard(gone)
        window.refresh_library()
        if bool(getattr(result, "ok", False)):
            window.messages.info("The engagement is destroyed. Its certificate stays listed "
                                 "under Destroyed engagements.", 0)
            return
        window.messages.warning("The destruction is not complete: the destruction window "
                                "says what failed and what to do.")
        journals = destruction.pending(window.paths)
        if journals:
            window.messages.offer("&Finish destruction", lambda: self.finish(journals[0]),
                                  "Finish the unfinished destruction")

    def memory_note(self, opened_here: bool) -> str:
        """What the certificate may truthfully say about this program's memory."""
        from peerdesk.destruction.certificate import (
            MEMORY_NOT_OPENED,
            MEMORY_OPEN_HERE,
            MEMORY_RESTARTS,
        )

        if not opened_here:
            return MEMORY_NOT_OPENED
        return MEMORY_RESTARTS if self.window.fresh_start is not None else MEMORY_OPEN_HERE

    def wizard_closed(self, _code: int) -> None:
        """Once the peer has read the result: start afresh if this process had the
        notebook open, so that nothing of it stays in memory."""
        if self.afresh_due:
            self.afresh_due = False
            self.start_afresh()

    def start_afresh(self) -> bool:
        """Start peerdesk anew as a fresh program and quit this one, so that nothing of the
        engagement stays in this program's memory. False when there is no way to here (a
        window inside a test), or the new one did not start: this one then carries on,
        and says what to do."""
        from PySide6.QtWidgets import QApplication

        window = self.window
        if window.fresh_start is None:
            return False
        if not window.fresh_start():
            window.messages.warning(NOT_AFRESH)
            return False
        window.restarted = True
        window.close()
        QApplication.quit()
        return True

    # -- destroyed engagements ------------------------------------------------------------

    def _mail_for(self, entry: DestroyedEngagement) -> object:
        from peerdesk.destruction.email import for_destroyed

        try:
            peer = peer_name_from(entry.files.text.read_text("utf-8"))
        except OSError:
            peer = ""
        return for_destroyed(entry, peer)

    def show_certificate(self, entry: DestroyedEngagement) -> None:
        from peerdesk.gui.destruction.certificate_view import CertificateDialog

        dialog = CertificateDialog(entry.files, lambda: self._mail_for(entry),  # type: ignore
                                   self.window.widget())
        self.certificate_dialog = dialog
        dialog.open()

    def email_again(self, entry: DestroyedEngagement) -> None:
        from peerdesk.gui.destruction.manager_email import copy_email, email_manager

        outcome = email_manager(self._mail_for(entry), entry.files.pdf)  # type: ignore[arg-type]
        messages = self.window.messages
        if outcome.ok:
            messages.info(outcome.message, 0)
        else:
            messages.error(outcome.message)
        if outcome.text:
            messages.offer("Cop&y the email's text",
                           lambda: messages.info(copy_email(outcome.text), 0))
