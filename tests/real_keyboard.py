"""A real X display and a real keyboard for the app: our own Xvfb, and xdotool typing into
the app's window (keys go through X and Qt's xcb platform as a person's would).

No window manager runs on Xvfb, so the window is given the keyboard with ``windowfocus``.
"""

from __future__ import annotations

import os
import subprocess
import tempfile
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path


def wait_for(condition: Callable[[], bool], timeout: float, what: str) -> None:
    """Poll ``condition`` until it holds; a loaded machine gets the whole ``timeout``."""
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        if condition():
            return
        time.sleep(0.1)
    raise AssertionError(f"waited {timeout:.0f} s for {what}")


@contextmanager
def xvfb(size: str = "1366x768x24") -> Iterator[str]:
    """An Xvfb of our own (the number it picks itself); yields its DISPLAY value."""
    with tempfile.TemporaryDirectory() as folder:
        chosen = Path(folder) / "display"
        with chosen.open("w") as out:
            server = subprocess.Popen(["Xvfb", "-displayfd", str(out.fileno()), "-screen", "0",
                                       size, "-nolisten", "tcp"], pass_fds=(out.fileno(),),
                                      stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        try:
            wait_for(lambda: chosen.read_text().strip() != "", 30, "Xvfb to start")
            display = f":{chosen.read_text().strip()}"
            wait_for(lambda: _answers(display), 30, f"Xvfb on {display} to take clients")
            yield display
        finally:
            server.terminate()
            server.wait(30)


def _answers(display: str) -> bool:
    return subprocess.run(["xdpyinfo", "-display", display], capture_output=True,
                          timeout=30).returncode == 0


class Keyboard:
    """xdotool on one display."""

    def __init__(self, display: str) -> None:
        self.env = {**os.environ, "DISPLAY": display}

    def _run(self, *args: str) -> str:
        return subprocess.run(["xdotool", *args], env=self.env, capture_output=True,
                              text=True, timeout=60).stdout.strip()

    def window(self, name: str = "peerdesk") -> str:
        """The app's mapped top-level window, once there is one."""
        found: list[str] = []

        def mapped() -> bool:
            found[:] = self._run("search", "--onlyvisible", "--name", name).split()
            return bool(found)

        wait_for(mapped, 90, "the peerdesk window")
        return found[0]

    def title(self, window: str) -> str:
        return self._run("getwindowname", window)

    def focus(self, window: str) -> None:
        self._run("windowfocus", "--sync", window)

    def keys(self, *names: str) -> None:
        self._run("key", "--delay", "40", *names)

    def type(self, text: str) -> None:
        self._run("type", "--delay", "25", text)

    def screenshot(self, path: Path) -> None:
        subprocess.run(["import", "-window", "root", str(path)], env=self.env, check=True,
                       timeout=60)
