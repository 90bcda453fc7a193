"""The main window: the engagement list, an open engagement, locking and idle lock."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtGui import QAction, QCloseEvent
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QMainWindow,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from peerdesk.gui.destruction.flow import DestructionFlow
from peerdesk.gui.shell.library_page import LibraryPage
from peerdesk.gui.shell.window_actions import build_actions, fit_to_screen
from peerdesk.gui.widgets.clipboard_guard import ClipboardGuard
from peerdesk.gui.widgets.message_bar import MessageBar
from peerdesk.gui.widgets.screen_capture import exclude_from_capture
from peerdesk.vault.clock import Clock
from peerdesk.vault.errors import (
    CredentialStoreUnavailableError,
    KeyMissingError,
    PeerdeskError,
    UnexpectedError,
    WrongPassphraseError,
)
from peerdesk.vault.keys.secret import wipe_str
from peerdesk.vault.paths import AppPaths
from peerdesk.vault.settings import IdleLock, Settings

if TYPE_CHECKING:
    from collections.abc import Callable

    from peerdesk.gui.shell.engagement_page import EngagementPage, ResumePoint
    from peerdesk.gui.shell.system_lock import SystemLockWatch
    from peerdesk.gui.shell.unlock_page import UnlockPage
    from peerdesk.vault.library import Library
    from peerdesk.vault.notebook import Notebook

APP_TITLE = "peerdesk"
DEFAULT_SIZE = (1180, 760)
_ACTIVITY = {QEvent.Type.KeyPress, QEvent.Type.MouseButtonPress, QEvent.Type.Wheel,
             QEvent.Type.MouseMove, QEvent.Type.TouchBegin}


class MainWindow(QMainWindow):
    # made by window_actions.build_actions
    new_action: QAction
    lock_action: QAction
    settings_action: QAction
    find_action: QAction
    shortcuts_action: QAction

    def __init__(self, paths: AppPaths, library: Library | Callable[[], Library],
                 settings: Settings, clock: Clock) -> None:
        super().__init__()
        self.paths = paths
        self._library = library
        self.settings = settings
        self.clock = clock
        self.notebook: Notebook | None = None
        self.page: EngagementPage | None = None
        self.locked_this_run: set[str] = set()
        self.fresh_start: Callable[[], bool] | None = None   # see DestructionFlow.start_afresh
        self.restarted = False
        # Where each locked notebook was (tab, session, cursor): in memory only, for unlocking.
        self.resume_points: dict[str, ResumePoint] = {}
        self.system_lock: SystemLockWatch | None = None
        self.idle = IdleLock(settings.idle_lock_minutes, clock.monotonic())
        self.shortcuts_sheet: QWidget | None = None
        self.setWindowTitle(APP_TITLE)
        self.setAccessibleName("peerdesk")
        fit_to_screen(self, DEFAULT_SIZE)

        central = QWidget(self)
        layout = QVBoxLayout(central)
        layout.setContentsMargins(0, 0, 0, 0)
        self.stack = QStackedWidget(central)
        self.stack.setAccessibleName("Main area")
        layout.addWidget(self.stack, 1)
        self.messages = MessageBar(central)  # over the page, never moving it
        self.setCentralWidget(central)
        self.library_page = LibraryPage(self.stack)
        self.library_page.open_requested.connect(self.open_notebook)
        self.library_page.new_requested.connect(self.new_engagement)
        self.library_page.sample_requested.connect(self.try_sample)
        self.stack.addWidget(self.library_page)
        self._unlock_page: UnlockPage | None = None  # made when first needed (start-up)
        build_actions(self)
        self.destruction = DestructionFlow(self)
        self.clipboard_guard = ClipboardGuard(self, settings.clipboard_clear_seconds)

        # Input is watched only while a notebook is open: with nothing open there is nothing
        # to lock, and an application-wide filter makes PySide6 build Python types for
        # every event and object it meets, which would delay the first window.
        self.activity = ActivityFilter(self)
        self.idle_timer = QTimer(self)
        self.idle_timer.setInterval(5000)
        self.idle_timer.timeout.connect(self.check_idle)
        self.idle_timer.start()

    def widget(self) -> QWidget:
        """The window as the parent of what its helpers open (see DestructionHost)."""
        return self

    @property
    def unlock_page(self) -> UnlockPage:
        """The passphrase field where the engagement was; made the first time it is needed,
        so that starting peerdesk does not load it."""
        if self._unlock_page is None:
            from peerdesk.gui.shell.unlock_page import UnlockPage

            self._unlock_page = UnlockPage(self.stack)
            self._unlock_page.unlock_requested.connect(self.unlock)
            self._unlock_page.leave_requested.connect(self.show_library)
            self.stack.addWidget(self._unlock_page)
        return self._unlock_page

    @property
    def library(self) -> Library:
        """The notebooks' library, made on first use: the core loads after the first paint."""
        if callable(self._library):
            self._library = self._library()
        return self._library

    # -- listing ----------------------------------------------------------------------

    def refresh_library(self) -> None:
        locked = bool(self.locked_this_run)
        try:
            entries = self.library.entries(unlock_titles=not locked)
        except PeerdeskError as exc:
            self.messages.error(exc.message)
            entries = []
        self.library_page.set_entries(entries, locked, self.settings.last_notebook)
        self.library_page.sample_button.show()  # first start, and any time after
        if not entries:
            self.library_page.sample_button.setFocus()
        elif self.stack.currentWidget() is self.library_page:
            self.library_page.list.setFocus()  # Enter opens the engagement opened last
        self.destruction.library_shown(entries)

    # -- open, create, lock -------------------------------------------------------------

    def open_notebook(self, notebook_id: str) -> bool:
        """Open from the list: through the credential store, else the passphrase is asked
        for in the window (then this returns False, and Enter there opens it)."""
        if self.notebook is not None:
            self.lock()
        if notebook_id in self.locked_this_run:
            self.ask_passphrase(notebook_id)
            return False
        try:
            return self._show(self.library.open(notebook_id))
        except (KeyMissingError, CredentialStoreUnavailableError) as exc:
            self.ask_passphrase(notebook_id, exc.message)
        except Exception as exc:  # a plain error; unforeseen ones too, as a last resort
            self.messages.error(exc.message if isinstance(exc, PeerdeskError) else
                                UnexpectedError.about(exc, "open the notebook").message)
        return False

    def ask_passphrase(self, notebook_id: str, reason: str = "") -> None:
        """The passphrase field, where the engagement was (or would be); without a reason,
        because peerdesk locked it."""
        label = next((e.label for e in self.library.entries(unlock_titles=False)
                      if e.id == notebook_id), "")
        if reason:
            self.unlock_page.ask(notebook_id, label, reason)
        else:
            self.unlock_page.ask(notebook_id, label)
        self.stack.setCurrentWidget(self.unlock_page)
        self.unlock_page.ui.passphraseEdit.setFocus()

    def unlock(self, passphrase: str) -> bool:
        notebook_id = self.unlock_page.notebook_id
        if notebook_id is None:
            return False
        try:
            notebook = self.library.open(notebook_id, passphrase)
        except WrongPassphraseError as exc:
            self.unlock_page.show_problem(exc.message)
            return False
        except Exception as exc:  # a plain error; unforeseen ones too, as a last resort
            problem = exc if isinstance(exc, PeerdeskError) else \
                UnexpectedError.about(exc, "open the notebook")
            if self.library_page.remember_damage(notebook_id, problem):
                self.refresh_library()  # the list shows what the passphrase revealed
            self.unlock_page.show_problem(problem.message)
            return False
        finally:
            wipe_str(passphrase)
        self.unlock_page.forget()
        self.locked_this_run.discard(notebook_id)
        return self._show(notebook, via_passphrase=True)

    def show_library(self) -> None:
        if self._unlock_page is not None:
            self._unlock_page.forget()
        self.stack.setCurrentWidget(self.library_page)
        self.library_page.list.setFocus()

    def _show(self, notebook: Notebook, via_passphrase: bool = False) -> bool:
        self.notebook = notebook
        if self.settings.last_notebook != notebook.id or \
                notebook.id not in self.settings.known_notebooks:
            self.settings.last_notebook = notebook.id
            if notebook.id not in self.settings.known_notebooks:
                self.settings.known_notebooks.append(notebook.id)
            self._save_settings()  # only when it changed: each save is a synced write
        from peerdesk.gui.shell.engagement_page import EngagementPage
        from peerdesk.gui.widgets.context import GuiContext

        context = GuiContext(self.paths, self.library, self.settings, self.clock, notebook,
                             self.messages, self)
        self.page = EngagementPage(context, self.stack)
        self.stack.addWidget(self.page)
        self.stack.setCurrentWidget(self.page)
        self.lock_action.setEnabled(True)
        exclude_from_capture(self, self.settings.exclude_from_capture)  # Windows only
        self.setWindowTitle(f"{APP_TITLE} (engagement open)")
        self.idle.touch(self.clock.monotonic())
        self._watch_activity(True)
        point = self.resume_points.pop(notebook.id, None)
        if point is not None:
            self.page.resume(point)
        else:
            self.page.open_where_the_peer_is()
        if point is not None:
            self.messages.info("Unlocked: back where you were.", timeout_ms=4000)
        elif via_passphrase and notebook.keyring_holds_key:
            self.messages.info("Unlocked. The key is back in this computer's credential store, "
                               "so the passphrase will not be needed next time.")
        elif via_passphrase:
            self.messages.show_message(  # it lies over the page: it goes by itself
                "Unlocked with the passphrase. This computer's credential store cannot be "
                "used, so peerdesk will ask again next time.", "warning", 15_000)
        else:
            self.messages.clear()
        if notebook.key_file_problem:
            self.messages.warning(notebook.key_file_problem)
        self.destruction.notebook_opened(notebook)
        return True

    def lock(self) -> None:
        """Close the notebook, drop the key, clear every view and hide the engagement; the
        passphrase field takes its place. Where the peer was is kept in memory only."""
        # A dialog left open over the engagement (editing a session, say) goes too: its
        # data would otherwise stay on screen, and its notebook is about to close.
        for widget in QApplication.topLevelWidgets():
            if isinstance(widget, QDialog) and widget.isVisible():
                widget.reject()
        # So do its messages (a destruction reminder with its button, say); anything the
        # closing itself reports comes after.
        self.messages.clear()
        point = self.page.resume_point() if self.page is not None else None
        notebook = self.release_notebook()
        if notebook is not None:
            self.locked_this_run.add(notebook.id)
            if point is not None:
                self.resume_points[notebook.id] = point
            notebook.close()
        self.refresh_library()
        if notebook is not None:
            self.ask_passphrase(notebook.id)

    def release_notebook(self) -> Notebook | None:
        """Drop the engagement's views and hand over its notebook still open: lock closes
        it, destruction closes it itself."""
        notebook, self.notebook = self.notebook, None
        self.clipboard_guard.clear_ours()
        self._watch_activity(False)
        if self.page is not None:
            self.page.teardown()
            self.stack.removeWidget(self.page)
            self.page.deleteLater()
            self.page = None
        self.lock_action.setEnabled(False)
        exclude_from_capture(self, False)
        self.setWindowTitle(APP_TITLE)
        self.stack.setCurrentWidget(self.library_page)
        return notebook

    def refresh_header(self) -> None:
        if self.page is not None:
            self.page.refresh_header()

    def new_engagement(self) -> None:
        from peerdesk.gui.shell.window_actions import new_engagement

        new_engagement(self)

    def try_sample(self) -> None:
        """A wholly fictional engagement to explore, made in the background, then opened."""
        from peerdesk.gui.shell.sample_engagement import SampleMaker

        if self.notebook is not None:
            self.lock()
        self.sample_maker = SampleMaker(self, self.library, self._show, self.messages.error)
        self.sample_maker.start()

    def edit_settings(self) -> None:
        from peerdesk.gui.shell.dialogs import SettingsDialog

        dialog = SettingsDialog(self.settings, self.library.keystore.describe(), self)
        if dialog.exec() == QDialog.DialogCode.Accepted:
            dialog.apply_to(self.settings)
            self.idle.minutes = self.settings.idle_lock_minutes
            self.clipboard_guard.clear_after_seconds = self.settings.clipboard_clear_seconds
            if self.notebook is not None:
                exclude_from_capture(self, self.settings.exclude_from_capture)
            self._save_settings()
            from peerdesk.gui.widgets.text_size import apply_text_scale

            apply_text_scale(self.settings.text_scale_percent)

    def _save_settings(self) -> None:
        try:
            self.settings.save(self.paths)
        except PeerdeskError as exc:
            self.messages.error(exc.message)

    # -- idle lock ----------------------------------------------------------------------

    def _watch_activity(self, on: bool) -> None:
        app = QApplication.instance()
        if app is None:
            return
        app.removeEventFilter(self.activity)  # never twice, whatever came before
        if on:
            app.installEventFilter(self.activity)
            QTimer.singleShot(1000, self._watch_the_system)  # once the engagement is shown

    def _watch_the_system(self) -> None:
        """From the first notebook opened on: the computer's screen lock and sleep."""
        if self.system_lock is not None:
            return
        from peerdesk.gui.shell.system_lock import SystemLockWatch

        self.system_lock = SystemLockWatch(self)
        self.system_lock.lock_requested.connect(self.system_locked)
        self.system_lock.watch_windows(int(self.winId()))

    def system_locked(self, reason: str) -> None:
        if self.notebook is None:
            return
        self.lock()
        self.messages.info(f"peerdesk locked the notebook because {reason}.")

    def note_activity(self) -> None:
        self.idle.touch(self.clock.monotonic())

    def keeps_awake(self) -> bool:
        """True while a screen says the peer is busy without typing: a live session is open
        (the room is talking and the peer listens), or a focus-group exercise is timed."""
        if self.page is None:
            return False
        for index in range(self.page.tabs.count()):
            busy = getattr(self.page.slot(index).content, "busy", None)
            if callable(busy) and busy():
                return True
        return False

    def check_idle(self) -> None:
        """Outside a live session, lock after the idle time; in one, never (the computer's
        own lock and sleep, and Ctrl+L, still lock it)."""
        if self.notebook is None:
            return
        if self.keeps_awake():
            self.idle.touch(self.clock.monotonic())
        elif self.idle.due(self.clock.monotonic()):
            self.lock()
            self.messages.info("peerdesk locked the notebook after "
                               f"{self.idle.minutes} minutes without use.")

    def closeEvent(self, event: QCloseEvent) -> None:
        if self.page is not None:
            self.page.teardown()
        if self.notebook is not None:
            self.notebook.close()
            self.notebook = None
        self._watch_activity(False)
        super().closeEvent(event)


class ActivityFilter(QObject):
    """Any key press or mouse use anywhere in the app postpones the idle lock."""

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.window = window

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() in _ACTIVITY:
            self.window.note_activity()
        return False
