"""The main window's toolbar and window-wide keys, its Help menu, and its size on screen."""

from __future__ import annotations

from typing import Any

from PySide6.QtGui import QAction, QGuiApplication, QIcon, QKeySequence
from PySide6.QtWidgets import QDialog, QMenu, QToolBar, QToolButton, QWidget

from peerdesk.vault.errors import PeerdeskError


def build_actions(self: Any) -> None:
    """The toolbar and the keys that work anywhere in the window (``self`` is the
    MainWindow)."""
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
    self.find_action.triggered.connect(lambda: find_in_notebook(self))
    self.addAction(self.find_action)
    for action in (self.new_action, self.lock_action, self.settings_action):
        toolbar.addAction(action)
        widget = toolbar.widgetForAction(action)
        if widget is not None:
            widget.setAccessibleName(action.text().replace("&", "").rstrip("…"))
        self.addAction(action)
    self.shortcuts_action = QAction("&Keyboard shortcuts", self)
    self.shortcuts_action.setShortcut(QKeySequence(QKeySequence.StandardKey.HelpContents))
    self.shortcuts_action.setToolTip("Every key of peerdesk, on a sheet beside the window (F1)")
    self.shortcuts_action.triggered.connect(lambda: show_shortcuts(self))
    self.addAction(self.shortcuts_action)
    help_menu = QMenu("&Help", self)
    help_menu.setAccessibleName("Help")
    help_menu.addAction(self.shortcuts_action)
    help_button = QToolButton(toolbar)
    # No Alt letter: H belongs to the screens (Check a text, Hold, Hand over...); F1 opens
    # the shortcuts sheet, the one thing in this menu.
    help_button.setText("Help")
    help_button.setAccessibleName("Help")
    help_button.setMenu(help_menu)
    help_button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
    toolbar.addWidget(help_button)
    toolbar.setToolButtonStyle(toolbar.toolButtonStyle().ToolButtonTextBesideIcon)
    more = toolbar.findChild(QToolButton, "qt_toolbar_ext_button")
    if more is not None:  # shown when the window is too narrow for every tool
        more.setAccessibleName("More tools")


def show_shortcuts(window: Any) -> None:
    """Help > Keyboard shortcuts: a sheet beside the window, never a modal dialog."""
    from peerdesk.gui.shell.shortcuts_sheet import ShortcutsSheet

    if window.shortcuts_sheet is None:
        window.shortcuts_sheet = ShortcutsSheet(window)
    window.shortcuts_sheet.show()
    window.shortcuts_sheet.raise_()
    window.shortcuts_sheet.activateWindow()  # Esc closes it; the keyboard comes back then


def find_in_notebook(window: Any) -> None:
    """Ctrl+F: the notebook's search, from anywhere in an open engagement."""
    if window.page is None:
        return
    panel = window.page.show_tab("Search")
    field = getattr(panel, "field", None)
    if field is not None:
        field.setFocus()
        field.selectAll()


def fit_to_screen(self: QWidget, size: tuple[int, int]) -> None:
    """The usual size, but never larger than the screen (large text, small screens)."""
    screen = self.screen() or QGuiApplication.primaryScreen()
    width, height = size
    if screen is not None:
        room = screen.availableGeometry()
        frame = 40  # the title bar and borders the window manager adds
        width = min(width, room.width() - 1)  # a fractional scale rounds up a pixel
        height = min(height, room.height() - frame)
        self.move(room.x() + (room.width() - width) // 2,
                  room.y() + max(0, (room.height() - frame - height) // 2))
    self.resize(width, height)


def new_engagement(window: Any) -> None:
    """New engagement: the dialog until it makes one (or is cancelled), then the engagement
    open; the dialog's fields are emptied and the passphrase overwritten either way."""
    from peerdesk.gui.shell.dialogs import NewEngagementDialog, forget
    from peerdesk.vault.keys.secret import wipe_str

    dialog = NewEngagementDialog(window)
    try:
        while dialog.exec() == QDialog.DialogCode.Accepted:
            if window.notebook is not None:
                window.lock()
            passphrase = dialog.passphrase()
            try:
                notebook = window.library.create(dialog.details(), passphrase)
            except PeerdeskError as exc:
                dialog.show_problem(exc.message)
                continue
            finally:
                wipe_str(passphrase)
            window._show(notebook)
            if not notebook.keyring_holds_key:
                window.messages.warning("This computer's credential store cannot be used, so "
                                        "the notebook will ask for its passphrase each time.")
            else:
                window.messages.info("The engagement is made. Its key is in this computer's "
                                     "credential store; keep the passphrase somewhere safe.")
            return
    finally:
        forget(dialog)
