"""A meeting typed on a real keyboard (Xvfb and xdotool): from launch the current session
starts with two keys, notes and three post-its go in, a quiet spell longer than the idle
time passes without a lock, and no keystroke lands anywhere but where it was meant; once
the session is marked done the idle lock comes back."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from datetime import datetime, timedelta
from pathlib import Path

import pytest

from peerdesk.capture.postits import PostitStore
from peerdesk.capture.sessions import SessionDetails, SessionStore
from peerdesk.vault.domain import EngagementDetails, TeamMember
from peerdesk.vault.keys.keyfile import KdfParams
from peerdesk.vault.keys.keystore import KeyStore
from peerdesk.vault.library import Library
from peerdesk.vault.paths import AppPaths
from peerdesk.vault.settings import Settings
from tests.conftest import PASSPHRASE, need_tools
from tests.destruction_helpers import KEYRING_FILE_ENV
from tests.locations import ROOT
from tests.real_keyboard import Keyboard, wait_for, xvfb

IDLE_MINUTES = 1  # the shortest idle time Settings offers
CHECK_SECONDS = 5  # how often the window looks at the idle time (main_window)
OPEN_TITLE = "peerdesk (engagement open)"  # X adds " — peerdesk", the app's name
LINES = (("Chair: three priorities shared by all partners", "1", "s"),
         ("Governance not yet tested by a hard decision", "4", "a"),
         ("Recommend one budget line for prevention", "6", "g"))
AFTER_THE_QUIET = "Still listening after a quiet spell"


def _notebook(paths: AppPaths) -> tuple[str, int]:
    """An on-site day today, with a meeting under way now."""
    library = Library(paths, KeyStore(), KdfParams.fast_for_tests())
    now = datetime.now().astimezone().replace(microsecond=0)
    details = EngagementDetails(
        title="Westmoor health and care peer challenge", onsite_start=now.date(),
        onsite_end=now.date() + timedelta(days=3), my_name="Alex Morgan", my_initials="AM",
        team=[TeamMember("Jordan Lee", "Lead peer", "JL")])
    with library.create(details, PASSPHRASE) as notebook:
        session = SessionStore(notebook).add(SessionDetails(
            "Leader of the council", "meeting", now - timedelta(minutes=5),
            now + timedelta(minutes=55), place="Room 2"))
        return notebook.id, session.id


@pytest.mark.system
@pytest.mark.slow
def test_a_meeting_on_a_real_keyboard(tmp_path: Path, file_keyring: Path) -> None:
    need_tools("Xvfb", "xdotool", "import")
    paths = AppPaths.under(tmp_path / "home").ensure()
    notebook_id, session_id = _notebook(paths)
    Settings(idle_lock_minutes=IDLE_MINUTES).save(paths)
    with xvfb() as display:
        env = {**os.environ, "DISPLAY": display, "QT_QPA_PLATFORM": "xcb",
               "PYTHON_KEYRING_BACKEND": "tests.destruction_helpers.FileKeyring",
               KEYRING_FILE_ENV: str(file_keyring),
               "PYTHONPATH": str(ROOT) + os.pathsep + os.environ.get("PYTHONPATH", "")}
        app = subprocess.Popen([sys.executable, "-m", "peerdesk", "--data-dir",
                                str(paths.data.parent)], env=env, cwd=ROOT,
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        keyboard = Keyboard(display)
        try:
            window = keyboard.window()
            keyboard.focus(window)
            keyboard.keys("Return", "Return")  # open the engagement, start today's session
            wait_for(lambda: keyboard.title(window).startswith(OPEN_TITLE), 60, "the engagement")
            for number, (line, chart, kind) in enumerate(LINES):
                if number:
                    keyboard.keys("Return")
                keyboard.type(line)
                keyboard.keys("ctrl+k", chart, kind, "Return")  # a post-it in four keys
            keyboard.screenshot(tmp_path / "before-the-quiet.png")
            # the quiet spell: the idle time, and the next look at it (an idle lock would
            # have come by then; it is watched for below, once the session is done)
            time.sleep(IDLE_MINUTES * 60 + CHECK_SECONDS + 1)
            assert keyboard.title(window).startswith(OPEN_TITLE), "locked mid-meeting"
            keyboard.keys("Return")
            keyboard.type(AFTER_THE_QUIET)  # lands in the notes, not in a passphrase field
            keyboard.keys("ctrl+shift+d")  # the meeting is over: the idle lock is back
            wait_for(lambda: not keyboard.title(window).startswith(OPEN_TITLE),
                     IDLE_MINUTES * 60 + 60, "the idle lock once the session is done")
        finally:
            app.terminate()
            _, errors = app.communicate(timeout=60)
    assert "Traceback" not in errors, errors[-3000:]
    library = Library(paths, KeyStore(), KdfParams.fast_for_tests())
    with library.open(notebook_id, PASSPHRASE) as notebook:
        store = SessionStore(notebook)
        session = store.get(session_id)
        charts = notebook.flip_charts()
        postits = PostitStore(notebook).list_for_session(session_id)
        assert session.notes == "\n".join([line for line, _, _ in LINES] + [AFTER_THE_QUIET])
        assert session.status == "done"
        assert [(p.text, p.flip_chart_id, p.kind) for p in postits] == [
            (LINES[0][0], charts[0].id, "strength"),
            (LINES[1][0], charts[3].id, "area_to_explore"),
            (LINES[2][0], charts[5].id, "suggestion")]
        assert store.participants(session_id) == []  # nothing typed landed elsewhere
        assert store.ticks(session_id) == {}
