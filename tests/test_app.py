"""The desktop app's entry point, before any window: what it says without a display."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

from peerdesk.app import NO_DISPLAY, display_missing


@pytest.mark.parametrize(("environ", "missing"), [
    ({}, True),
    ({"DISPLAY": ":0"}, False),
    ({"WAYLAND_DISPLAY": "wayland-0"}, False),
    ({"QT_QPA_PLATFORM": "offscreen"}, False),
    ({"QT_QPA_PLATFORM": "xcb"}, True),
    ({"QT_QPA_PLATFORM": "wayland;xcb"}, True),
])
def test_a_display_is_looked_for_only_where_qt_needs_one(environ: dict[str, str],
                                                          missing: bool) -> None:
    assert display_missing(environ, "linux") is missing
    assert display_missing(environ, "win32") is False
    assert display_missing(environ, "darwin") is False


def test_without_a_display_it_says_so_in_plain_words(tmp_path: object) -> None:
    env = {k: v for k, v in os.environ.items()
           if k not in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM")}
    env["PEERDESK_HOME"] = str(tmp_path)
    result = subprocess.run([sys.executable, "-m", "peerdesk"], env=env,
                            capture_output=True, text=True, timeout=60)
    assert result.returncode == 1
    assert result.stderr.strip() == f"peerdesk: {NO_DISPLAY}"
    assert "xcb" not in result.stderr and "Traceback" not in result.stderr
