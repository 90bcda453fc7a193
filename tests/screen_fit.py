"""The live session on a real X display of a given size and Qt scale factor: the window's
place and size on the screen, and a screenshot.

    python tests/screen_fit.py docs/screenshots/fit   # every size and scale, for the docs
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from tests.real_keyboard import Keyboard, wait_for, xvfb  # noqa: E402

SCREENS = ("1280x720", "1366x768", "1920x1080")
SCALES = ("1", "1.5", "2")
NOTES = "Partners describe the same three priorities"


@dataclass(frozen=True)
class Placed:
    x: int
    y: int
    width: int
    height: int
    screen_width: int
    screen_height: int

    @property
    def inside(self) -> bool:
        return (self.x >= 0 and self.y >= 0 and self.x + self.width <= self.screen_width
                and self.y + self.height <= self.screen_height)


def _geometry(keyboard: Keyboard, window: str) -> tuple[int, int, int, int]:
    info = subprocess.run(["xwininfo", "-id", window], env=keyboard.env, capture_output=True,
                          text=True, timeout=60).stdout
    values = {k: int(v) for k, v in re.findall(
        r"(Absolute upper-left X|Absolute upper-left Y|Width|Height):\s+(-?\d+)", info)}
    return (values["Absolute upper-left X"], values["Absolute upper-left Y"], values["Width"],
            values["Height"])


class DisplayLost(RuntimeError):
    """The X server went away under the app (another job on this machine stopped it)."""


def live_session_at(screen: str, scale: str, home: Path, shot: Path | None) -> Placed:
    """``_live_session_at``, again on a fresh display if the X server went away."""
    for attempt in range(3):
        try:
            return _live_session_at(screen, scale, home, shot)
        except DisplayLost:
            if attempt == 2:
                raise
    raise AssertionError("unreachable")


def _live_session_at(screen: str, scale: str, home: Path, shot: Path | None) -> Placed:
    """Start peerdesk on a ``screen`` Xvfb at ``scale``, open today's session by keyboard,
    type a line and open the post-it bar; where the window is, and a screenshot."""
    width, height = (int(n) for n in screen.split("x"))
    with xvfb(f"{screen}x24") as display:
        env = {**os.environ, "DISPLAY": display, "QT_QPA_PLATFORM": "xcb",
               "QT_SCALE_FACTOR": scale,
               "PYTHON_KEYRING_BACKEND": "tests.destruction_helpers.FileKeyring",
               "PYTHONPATH": str(ROOT) + os.pathsep + os.environ.get("PYTHONPATH", "")}
        app = subprocess.Popen([sys.executable, "-m", "peerdesk", "--data-dir", str(home)],
                               env=env, cwd=ROOT, stdout=subprocess.DEVNULL,
                               stderr=subprocess.PIPE, text=True)
        keyboard = Keyboard(display)
        try:
            window = keyboard.window()
            keyboard.focus(window)
            keyboard.keys("Return", "Return")
            wait_for(lambda: keyboard.title(window).startswith("peerdesk (engagement open)"),
                     60, "the engagement")
            keyboard.type(NOTES)
            keyboard.keys("ctrl+k", "1")
            x, y, w, h = _geometry(keyboard, window)
            if shot is not None:
                keyboard.screenshot(shot)
        except AssertionError:
            app.terminate()
            errors = app.communicate(timeout=60)[1][-2000:]
            if "could not connect to display" in errors:
                raise DisplayLost(errors) from None
            raise AssertionError(errors) from None
        finally:
            if app.poll() is None:
                app.terminate()
                app.communicate(timeout=60)
    return Placed(x, y, w, h, width, height)


def make_home(home: Path, keyring_file: Path) -> None:
    """A notebook for an on-site day today, a meeting under way (the key in a file store)."""
    import keyring

    from peerdesk.capture.sessions import SessionDetails, SessionStore
    from peerdesk.vault.domain import EngagementDetails, TeamMember
    from peerdesk.vault.keys.keyfile import KdfParams
    from peerdesk.vault.keys.keystore import KeyStore
    from peerdesk.vault.library import Library
    from peerdesk.vault.paths import AppPaths
    from tests.destruction_helpers import KEYRING_FILE_ENV, FileKeyring

    os.environ[KEYRING_FILE_ENV] = str(keyring_file)
    previous = keyring.get_keyring()
    keyring.set_keyring(FileKeyring())
    try:
        library = Library(AppPaths.under(home).ensure(), KeyStore(), KdfParams.fast_for_tests())
        now = datetime.now().astimezone().replace(microsecond=0)
        details = EngagementDetails(
            title="Westmoor health and care peer challenge", client_system="Westmoor ICS",
            onsite_start=now.date(), onsite_end=now.date() + timedelta(days=3),
            my_name="Alex Morgan", my_initials="AM",
            team=[TeamMember("Jordan Lee", "Lead peer", "JL")])
        with library.create(details, "screen fit passphrase") as notebook:
            store = SessionStore(notebook)
            session = store.add(SessionDetails(
                "Leader of the council", "meeting", now - timedelta(minutes=15),
                now + timedelta(minutes=45), place="Room 2", my_part="notes"))
            store.set_themes(session.id, [c.id for c in notebook.flip_charts()[:2]])
    finally:
        keyring.set_keyring(previous)


def main(argv: list[str]) -> int:
    out = Path(argv[1])
    out.mkdir(parents=True, exist_ok=True)
    for screen in SCREENS:
        for scale in SCALES:
            with tempfile.TemporaryDirectory() as folder:  # the same notes in each picture
                home = Path(folder) / "home"
                make_home(home, Path(folder) / "keyring.json")
                name = f"live-session-{screen}-{scale.replace('.', '')}x.png"
                placed = live_session_at(screen, scale, home, out / name)
            print(f"{screen} at {scale}x: window {placed.width}x{placed.height} at "
                  f"{placed.x},{placed.y}: {'inside' if placed.inside else 'OUTSIDE'}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv))
