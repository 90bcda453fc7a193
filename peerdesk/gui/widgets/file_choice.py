"""Choosing files without leaving a trail.

Every file dialog peerdesk shows is Qt's own, never the system's: the system dialogs keep
lists of recent files and folders that peerdesk cannot clear (GTK's, used on a GNOME
desktop, writes each chosen file's full path to ``~/.local/share/recently-used.xbel``;
Windows' and macOS's keep their own recent lists). Every dialog is made by ``_dialog``.

Qt's file dialog writes the folders it visited to its own settings file when it closes
(``QtProject.conf`` on Linux, the registry on Windows). A folder's name can say which
engagement it belongs to, so these helpers point the dialog back at the home folder and
clear its history before it is destroyed: the trail then says nothing.
"""

from __future__ import annotations

from pathlib import Path

import shiboken6
from PySide6.QtCore import QDir
from PySide6.QtWidgets import QDialog, QFileDialog, QLineEdit, QWidget


def _finish(dialog: QFileDialog) -> list[Path]:
    accepted = dialog.exec() == QDialog.DialogCode.Accepted
    chosen = [Path(name) for name in dialog.selectedFiles()] if accepted else []
    dialog.setHistory([])
    dialog.setDirectory(QDir.homePath())
    shiboken6.delete(dialog)  # the settings are written now, while they are clean
    return chosen


def _dialog(parent: QWidget | None, caption: str) -> QFileDialog:
    """Qt's own file dialog, starting in the home folder."""
    dialog = QFileDialog(parent, caption, QDir.homePath())
    dialog.setOption(QFileDialog.Option.DontUseNativeDialog, True)
    dialog.setAccessibleName(caption)
    return dialog


def choose_files(parent: QWidget | None, caption: str, name_filters: list[str],
                 multiple: bool = True) -> list[Path]:
    """Existing files to read (an empty list when the peer cancels)."""
    dialog = _dialog(parent, caption)
    dialog.setAcceptMode(QFileDialog.AcceptMode.AcceptOpen)
    dialog.setFileMode(QFileDialog.FileMode.ExistingFiles if multiple
                       else QFileDialog.FileMode.ExistingFile)
    dialog.setNameFilters(name_filters)
    return _finish(dialog)


def choose_save_path(parent: QWidget | None, caption: str, suggested_name: str,
                     name_filter: str = "", default_suffix: str = "") -> Path | None:
    """Where to write a file (None when the peer cancels); the dialog asks before replacing."""
    dialog = _dialog(parent, caption)
    dialog.setAcceptMode(QFileDialog.AcceptMode.AcceptSave)
    dialog.setFileMode(QFileDialog.FileMode.AnyFile)
    if name_filter:
        dialog.setNameFilter(name_filter)
    if default_suffix:
        dialog.setDefaultSuffix(default_suffix)
    dialog.selectFile(suggested_name)
    chosen = _finish(dialog)
    return chosen[0] if chosen else None


def pick_in_dialog(dialog: QFileDialog, *paths: Path) -> None:
    """For tests and scripted use: choose ``paths`` (all in one folder) in an open file
    dialog and accept it."""
    dialog.setDirectory(str(paths[0].parent))
    name_edit = dialog.findChild(QLineEdit, "fileNameEdit")
    if name_edit is None:
        dialog.selectFile(str(paths[0]))
    elif len(paths) == 1:
        name_edit.setText(paths[0].name)  # as if typed: the listing may still be loading
    else:
        name_edit.setText(" ".join(f'"{p.name}"' for p in paths))
    dialog.accept()
