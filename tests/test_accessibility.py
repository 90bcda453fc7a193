"""Through AT-SPI, as a screen reader sees it: every interactive control on every main
screen has a name, and buttons pressed through AT-SPI do what they say."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.cli_helpers import run_cli
from tests.conftest import need_system

PASS = "screen reader passphrase"
SYSTEM_PYTHON = "/usr/bin/python3"


def _pyatspi_available() -> bool:
    if not Path(SYSTEM_PYTHON).exists():
        return False
    return subprocess.run([SYSTEM_PYTHON, "-c", "import pyatspi"],
                          capture_output=True).returncode == 0


@pytest.mark.system
def test_every_control_has_a_name_and_buttons_work(tmp_path: Path) -> None:
    need_system(bool(os.environ.get("DISPLAY")), "an X display (Xvfb)")
    need_system(bool(os.environ.get("DBUS_SESSION_BUS_ADDRESS")), "a D-Bus session")
    need_system(_pyatspi_available(), "pyatspi for /usr/bin/python3 (python3-pyatspi)")
    home = tmp_path / "home"
    made = run_cli(home, "new", "--title", "Accessible engagement", "--my-name", "Alex Morgan",
                   "--passphrase-stdin", stdin=f"{PASS}\n{PASS}\n")
    assert made.returncode == 0, made.stderr
    help_text = run_cli(home, "--help").stdout
    if " demo" in help_text:
        run_cli(home, "demo", "Sample engagement", "--passphrase-stdin", stdin=f"{PASS}\n" * 2)
    env = {**os.environ, "QT_QPA_PLATFORM": "xcb", "QT_LINUX_ACCESSIBILITY_ALWAYS_ON": "1",
           "QT_ACCESSIBILITY": "1",
           "PYTHON_KEYRING_BACKEND": "keyring.backends.null.Keyring"}
    app = subprocess.Popen([sys.executable, "-m", "peerdesk", "--data-dir", str(home)], env=env,
                           stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        walk = subprocess.run([SYSTEM_PYTHON, str(Path(__file__).with_name("atspi_walk.py")),
                               PASS], capture_output=True, text=True, timeout=240)
    finally:
        app.terminate()
        _, app_errors = app.communicate(timeout=30)
    assert walk.returncode == 0, walk.stdout + walk.stderr[-3000:] + app_errors[-3000:]
    report = json.loads(walk.stdout.strip().splitlines()[-1])
    assert report["opened_by_atspi_press"] and report["locked_by_atspi_press"]
    screens = report["screens"]
    assert "Engagement list" in screens and "Overview" in screens
    assert {name: found for name, found in screens.items() if found} == {}
