"""The main window: the engagement list, an open engagement, locking and idle lock."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtGui import QAction, QCloseEvent, QIcon, QKeySequence
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QMainWindow,
    QStackedWidget,
    QToolBar,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from peerdesk.gui.destruction.flow import DestructionFlow
from peerdesk.gui.shell.library_page import LibraryPage
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

    from peerdesk.gui.shell.dialogs import NewEngagementDialog, UnlockDialog
    from peerdesk.gui.shell.engagement_page import EngagementPage
    from peerdesk.vault.library import Library
    from peerdesk.vault.notebook import Notebook

APP_TITLE = "peerdesk"
_ACTIVITY = {QEvent.Type.KeyPress, QEvent.Type.MouseButtonPress, QEvent.Type.Wheel,
             QEvent.Type.MouseMove, QEvent.Type.TouchBegin}


class MainWindow(QMainWindow):
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
        self.idle = IdleLock(settings.idle_lock_minutes, clock.monotonic())
        self.setWindowTitle(APP_TITLE)
        self.setAccessibleName("peerdesk")
        self.resize(1180, 760)

        central = QWidget(self)
        layout = QVBoxLayout(central)
        layout.setContentsMargins(0, 0, 0, 0)
        self.messages = MessageBar(central)
        layout.addWidget(self.messages)
        self.stack = QStackedWidget(central)
        self.stack.setAccessibleName("Main area")
        layout.addWidget(self.stack, 1)
        self.setCentralWidget(central)
        self.library_page = LibraryPage(self.stack)
        self.library_page.open_requested.connect(self.open_notebook)
        self.library_page.new_requested.connect(self.new_engagement)
        self.library_page.sample_requested.connect(self.try_sample)
        self.stack.addWidget(self.library_page)
        self._build_actions()
        self.destruction = DestructionFlow(self)
        self.clipboard_guard = ClipboardGuard(self, settings.clipboard_clear_seconds)
        self.statusBar().setAccessibleName("Status")

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
    def library(self) -> Library:
        """The notebooks' library, made on first use: the core loads after the first paint."""
        if callable(self._library):
            self._library = self._library()
        return self._library

    # -- actions --------------------------------------------------------------------

    def _build_actions(self) -> None:
        toolbar = QToolBar("Main tools", self)
        toolbar.setObjectName("mainToolbar")
        toolbar.setAccessibleName("Main tools")
        toolbar.setMovable(False)
        self.addToolBar(toolbar)
        self.new_action = QAction(QIcon(":/peerdesk/icons/new.svg"), "&New engagement…", self)
        self.new_action.setShortcut(QKeySequence.StandardKey.New)
        self.new_action.triggered.connect(self.new_engagement)
        self.lock_action = QAction(QIcon(":/peerdesk/icons/lock.svg"), "&Lock", self)
        self.lock_action.setShortcut(QKeySequence("Ctrl+L"))
        self.lock_action.setToolTip("Lock the notebook now (Ctrl+L)")
        self.lock_action.triggered.connect(self.lock)
        self.lock_action.setEnabled(False)
        self.settings_action = QAction(QIcon(":/peerdesk/icons/settings.svg"), "&Settings…", self)
        self.settings_action.setShortcut(QKeySequence("Ctrl+,"))
        self.settings_action.triggered.connect(self.edit_settings)
        # Ctrl+F: the notebook's search, from anywhere in an open engagement.
        self.find_action = QAction("&Find in the notebook", self)
        self.find_action.setShortcut(QKeySequence.StandardKey.Find)
        self.find_action.triggered.connect(self.find_in_notebook)
        self.addAction(self.find_action)
        for action in (self.new_action, self.lock_action, self.settings_action):
            toolbar.addAction(action)
            widget = toolbar.widgetForAction(action)
            if widget is not None:
                widget.setAccessibleName(action.text().replace("&", "").rstrip("…"))
            self.addAction(action)
        toolbar.setToolButtonStyle(toolbar.toolButtonStyle().ToolButtonTextBesideIcon)
        more = toolbar.findChild(QToolButton, "qt_toolbar_ext_button")
        if more is not None:  # shown when the window is too narrow for every tool
            more.setAccessibleName("More tools")

    # -- listing ----------------------------------------------------------------------

    def refresh_library(self) -> None:
        locked = bool(self.locked_this_run)
        try:
            entries = self.library.entries(unlock_titles=not locked)
        except PeerdeskError as exc:
            self.messages.error(exc.message)
            entries = []
        self.library_page.set_entries(entries, locked)
        self.library_page.sample_button.show()  # first start, and any time after
        if not entries:
            self.library_page.sample_button.setFocus()
        self.destruction.library_shown(entries)

    # -- open, create, lock -------------------------------------------------------------

    def open_notebook(self, notebook_id: str) -> bool:
        if self.notebook is not None:
            self.lock()
        reason: str | None = None
        if notebook_id in self.locked_this_run:
            reason = "This notebook was locked. Type its passphrase to unlock it."
        else:
            try:
                return self._show(self.library.open(notebook_id))
            except (KeyMissingError, CredentialStoreUnavailableError) as exc:
                reason = exc.message
            except Exception as exc:  # a plain error; unforeseen ones too, as a last resort
                self.messages.error(exc.message if isinstance(exc, PeerdeskError) else
                                    UnexpectedError.about(exc, "open the notebook").message)
                return False
        return self._ask_passphrase(notebook_id, reason)

    def _ask_passphrase(self, notebook_id: str, reason: str) -> bool:
        from peerdesk.gui.shell.dialogs import UnlockDialog, forget

        dialog = UnlockDialog(reason, self)
        try:
            return self._unlock_with(dialog, notebook_id)
        finally:
            forget(dialog)

    def _unlock_with(self, dialog: UnlockDialog, notebook_id: str) -> bool:
        while dialog.exec() == QDialog.DialogCode.Accepted:
            passphrase = dialog.passphrase()
            try:
                notebook = self.library.open(notebook_id, passphrase)
            except WrongPassphraseError as exc:
                dialog.show_problem(exc.message)
                continue
            except Exception as exc:  # a plain error; unforeseen ones too, as a last resort
                problem = exc if isinstance(exc, PeerdeskError) else \
                    UnexpectedError.about(exc, "open the notebook")
                if self.library_page.remember_damage(notebook_id, problem):
                    self.refresh_library()  # the list shows what the passphrase revealed
                self.messages.error(problem.message)
                return False
            finally:
                wipe_str(passphrase)
            self.locked_this_run.discard(notebook_id)
            return self._show(notebook, via_passphrase=True)
        return False

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
        if via_passphrase and notebook.keyring_holds_key:
            self.messages.info("Unlocked. The key is back in this computer's credential store, "
                               "so the passphrase will not be needed next time.")
        elif via_passphrase:
            self.messages.warning("Unlocked with the passphrase. This computer's credential "
                                  "store cannot be used, so peerdesk will ask again next time.")
        else:
            self.messages.clear()
        if notebook.key_file_problem:
            self.messages.warning(notebook.key_file_problem)
        self.destruction.notebook_opened(notebook)
        return True

    def lock(self) -> None:
        """Close the notebook, drop the key, clear every view and hide the engagement."""
        # A dialog left open over the engagement (editing a session, say) goes too: its
        # data would otherwise stay on screen, and its notebook is about to close.
        for widget in QApplication.topLevelWidgets():
            if isinstance(widget, QDialog) and widget.isVisible():
                widget.reject()
        # So do its messages (a destruction reminder with its button, say); anything the
        # closing itself reports comes after.
        self.messages.clear()
        notebook = self.release_notebook()
        if notebook is not None:
            self.locked_this_run.add(notebook.id)
            notebook.close()
        self.refresh_library()

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

    def find_in_notebook(self) -> None:
        if self.page is None:
            return
        panel = self.page.show_tab("Search")
        field = getattr(panel, "field", None)
        if field is not None:
            field.setFocus()
            field.selectAll()

    def refresh_header(self) -> None:
        if self.page is not None:
            self.page.refresh_header()

    def new_engagement(self) -> None:
        from peerdesk.gui.shell.dialogs import NewEngagementDialog, forget

        dialog = NewEngagementDialog(self)
        try:
            self._create_with(dialog)
        finally:
            forget(dialog)

    def _create_with(self, dialog: NewEngagementDialog) -> None:
        while dialog.exec() == QDialog.DialogCode.Accepted:
            if self.notebook is not None:
                self.lock()
            passphrase = dialog.passphrase()
            try:
                notebook = self.library.create(dialog.details(), passphrase)
            except PeerdeskError as exc:
                dialog.show_problem(exc.message)
                continue
            finally:
                wipe_str(passphrase)
            self._show(notebook)
            if not notebook.keyring_holds_key:
                self.messages.warning("This computer's credential store cannot be used, so the "
                                      "notebook will ask for its passphrase each time.")
            else:
                self.messages.info("The engagement is made. Its key is in this computer's "
                                   "credential store; keep the passphrase somewhere safe.")
            return

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

    def note_activity(self) -> None:
        self.idle.touch(self.clock.monotonic())

    def keeps_awake(self) -> bool:
        """True while a screen is doing something timed for the peer, such as a running
        focus-group exercise: the room is talking, nobody types, and that is not idleness."""
        if self.page is None:
            return False
        for index in range(self.page.tabs.count()):
            busy = getattr(self.page.slot(index).content, "busy", None)
            if callable(busy) and busy():
                return True
        return False

    def check_idle(self) -> None:
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
