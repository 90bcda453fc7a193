"""File dialogs record no recent files: the real app on a GNOME desktop (where Qt would use
GTK's dialog, which writes each chosen file's path to ``recently-used.xbel``) opens
Documents › Import, a file is chosen by typing its path, and the list is untouched."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import need_system, need_tools
from tests.locations import ROOT

pytestmark = [pytest.mark.system]


def test_importing_a_document_on_a_gnome_desktop_records_no_recent_file(
        tmp_path: Path) -> None:
    need_system(bool(os.environ.get("DISPLAY")), "an X display (Xvfb)")
    need_tools("xdotool")
    home = tmp_path / "user"
    recent = home / ".local" / "share" / "recently-used.xbel"
    recent.parent.mkdir(parents=True)
    before = ('<?xml version="1.0" encoding="UTF-8"?>\n<xbel version="1.0" '
              'xmlns:bookmark="http://www.freedesktop.org/standards/desktop-bookmarks"/>\n')
    recent.write_text(before)
    statement = tmp_path / "papers" / "position statement Zqx.txt"
    statement.parent.mkdir()
    statement.write_text("The position statement.\n")
    env = {k: v for k, v in os.environ.items() if not k.startswith("XDG_")}
    env.update({"HOME": str(home), "XDG_CURRENT_DESKTOP": "GNOME", "QT_QPA_PLATFORM": "xcb",
                "PEERDESK_HOME": str(tmp_path / "peerdesk"),
                "PYTHON_KEYRING_BACKEND": "keyring.backends.null.Keyring"})
    app = subprocess.Popen([sys.executable, str(ROOT / "tests" / "dialog_driver.py")],
                           env=env, stdout=subprocess.PIPE, text=True)
    try:
        assert app.stdout is not None
        first = app.stdout.readline().strip()
        assert first == "dialog", f"the import dialog is not Qt's own ({first!r})"
        window = subprocess.run(
            ["xdotool", "search", "--sync", "--name", "Choose documents to import"],
            capture_output=True, text=True, timeout=60, check=True).stdout.split()[0]
        subprocess.run(["xdotool", "windowfocus", "--sync", window], check=True, timeout=60)
        subprocess.run(["xdotool", "type", "--delay", "20", str(statement)], check=True,
                       timeout=120)
        subprocess.run(["xdotool", "key", "Return"], check=True, timeout=60)
        assert app.stdout.readline().strip() == "imported 1"
        assert app.wait(timeout=60) == 0
    finally:
        if app.poll() is None:
            app.kill()
            app.wait()
    assert recent.read_text() == before
    assert "Zqx" not in "".join(p.read_text(errors="replace") for p in home.rglob("*")
                                if p.is_file())
    assert shutil.which("xdotool")
