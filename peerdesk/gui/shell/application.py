"""Starting the desktop app: the QApplication, the window and the first screen."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QSettings, QTimer
from PySide6.QtGui import QFont, QGuiApplication, QIcon
from PySide6.QtWidgets import QApplication

from peerdesk import __version__
from peerdesk.gui import resources_rc  # noqa: F401  (registers the compiled icons)
from peerdesk.gui.shell.main_window import MainWindow
from peerdesk.gui.widgets.text_size import apply_text_scale
from peerdesk.vault.clock import Clock, SystemClock
from peerdesk.vault.paths import AppPaths
from peerdesk.vault.settings import Settings

if TYPE_CHECKING:
    from peerdesk.vault.library import Library

def keep_qt_settings_inside(paths: AppPaths) -> None:
    """Qt's own widgets remember things (the file dialog: recent folders, whose names can
    identify an engagement) in a "QtProject" settings store outside peerdesk's folders.
    Send all of it into peerdesk's private cache folder instead, where destruction finds it.
    (peerdesk itself keeps no settings through Qt.)"""
    folder = str(paths.cache / "qt")
    QSettings.setDefaultFormat(QSettings.Format.IniFormat)
    for kind in (QSettings.Format.IniFormat, QSettings.Format.NativeFormat):
        QSettings.setPath(kind, QSettings.Scope.UserScope, folder)


def create_application(argv: list[str]) -> QApplication:
    existing = QApplication.instance()
    if isinstance(existing, QApplication):
        return existing
    QGuiApplication.setApplicationName("peerdesk")
    QGuiApplication.setApplicationDisplayName("peerdesk")
    QGuiApplication.setOrganizationName("peerdesk")
    QGuiApplication.setDesktopFileName("org.peerdesk.Peerdesk")
    QGuiApplication.setApplicationVersion(__version__)
    app = QApplication(argv)
    app.setWindowIcon(QIcon(":/peerdesk/icons/peerdesk.svg"))
    return app


def sweep_leftovers(paths: AppPaths) -> None:
    """Overwrite and delete the temporary files of peerdesk processes that have gone."""
    from peerdesk.vault.files import sweep_temporary

    sweep_temporary(paths.roots())


def build_window(paths: AppPaths, clock: Clock | None = None,
                 library: Library | None = None,
                 fresh_start: Callable[[], bool] | None = None) -> MainWindow:
    """The main window. ``fresh_start`` starts a new peerdesk process (after a destruction
    the window then quits so that its memory goes with it); without it, it stays."""
    paths.ensure()
    settings = Settings.load(paths)
    used_clock = clock or SystemClock()
    apply_text_scale(settings.text_scale_percent, restyle=False)

    def make_library() -> Library:
        from peerdesk.vault.library import Library

        return Library(paths, clock=used_clock)

    window = MainWindow(paths, library or make_library, settings, used_clock)
    window.fresh_start = fresh_start
    from peerdesk.gui.shell.library_page import follow_folder

    follow_folder(  # a child of the window, which keeps it
        window, paths.notebooks,
        lambda: window.stack.currentWidget() is window.library_page, window.refresh_library)
    return window


def run(paths: AppPaths, smoke: bool = False, argv: list[str] | None = None,
        data_dir: str | None = None, after_destruction: bool = False) -> int:
    keep_qt_settings_inside(paths)  # before the QApplication exists, or Qt ignores it
    from peerdesk.gui.widgets import log_guard

    log_guard.install()   # before Qt says anything
    app = create_application(argv or ["peerdesk"])
    QFont.insertSubstitution("Sans", "DejaVu Sans")
    from peerdesk.gui.widgets.fresh_start import start_fresh_process

    window = build_window(paths, fresh_start=lambda: start_fresh_process(
        Path(data_dir) if data_dir else None))
    window.show()
    if after_destruction:
        window.destruction.started_afresh = True
    # The list is filled once the window is on screen: reading titles goes through the
    # credential store, which must not delay the first paint. Temporary files a killed
    # peerdesk left behind are swept first.
    QTimer.singleShot(0, lambda: sweep_leftovers(paths))
    QTimer.singleShot(0, window.refresh_library)
    if smoke:
        QTimer.singleShot(300, app.quit)
        app.exec()
        window.close()
        print(f"peerdesk {__version__}: smoke test passed (window shown, events processed)")
        return 0
    return app.exec()
