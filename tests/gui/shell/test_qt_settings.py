"""Qt's own widgets remember things (the file dialog: the folders visited) in a settings
store of Qt's. peerdesk sends that store into its own private cache folder, so nothing
about an engagement lands in the user's general configuration."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

SCRIPT = """
import sys
from pathlib import Path
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QFileDialog
from peerdesk.gui.shell.application import create_application, keep_qt_settings_inside
from peerdesk.vault.paths import AppPaths
home = Path(sys.argv[1])
keep_qt_settings_inside(AppPaths.under(home / "peerdesk"))
app = create_application(["peerdesk"])
dialog = QFileDialog(None, "Choose", str(home))
dialog.setOption(QFileDialog.Option.DontUseNativeDialog, True)
dialog.setDirectory(str(home / "Northvale review papers"))
QTimer.singleShot(300, dialog.reject)
dialog.exec()
"""


def files_naming(folder: Path, needle: str) -> list[Path]:
    return [p for p in folder.rglob("*") if p.is_file() and needle.encode() in p.read_bytes()]


def test_file_dialog_memory_stays_in_peerdesks_folder(tmp_path: Path) -> None:
    (tmp_path / "Northvale review papers").mkdir()
    env = {**os.environ, "HOME": str(tmp_path), "XDG_CONFIG_HOME": str(tmp_path / ".config"),
           "QT_QPA_PLATFORM": "offscreen"}
    result = subprocess.run([sys.executable, "-c", SCRIPT, str(tmp_path)], env=env,
                            capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr[-2000:]
    found = files_naming(tmp_path, "Northvale")
    assert found, "the file dialog remembered nothing: the test proves nothing"
    assert all(p.is_relative_to(tmp_path / "peerdesk" / "cache") for p in found), found
    assert not (tmp_path / ".config" / "QtProject.conf").exists()
