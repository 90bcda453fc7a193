"""Starting peerdesk again as a fresh program, after a destruction.

The program that had a notebook open may still hold pieces of it in memory however
carefully it let go of them (Python and Qt keep no promise about every copy). The one way
to be sure none is left is to end that program: peerdesk starts itself anew, detached,
and the old one quits, taking its memory with it.
"""

from __future__ import annotations

import sys
from pathlib import Path

from PySide6.QtCore import QProcess

AFTER_DESTRUCTION = "--after-destruction"


def fresh_command(data_root: Path | None) -> list[str]:
    """The desktop app's own command line (never that of whatever started this one)."""
    program = [sys.executable] if getattr(sys, "frozen", False) else [
        sys.executable, "-m", "peerdesk"]
    folder = ["--data-dir", str(data_root)] if data_root is not None else []
    return [*program, *folder, AFTER_DESTRUCTION]


def start_fresh_process(data_root: Path | None = None) -> bool:
    """Start the fresh peerdesk, detached; True when it started."""
    command = fresh_command(data_root)
    started, _pid = QProcess.startDetached(command[0], command[1:])
    return bool(started)
