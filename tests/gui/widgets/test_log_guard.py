"""peerdesk's error output holds no confidential text: Qt's messages are redacted and
uncaught errors are written without what they said."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap

from PySide6.QtCore import QtMsgType

from peerdesk.gui.widgets.log_guard import HIDDEN, qt_line, redact, uncaught_lines

LINK = ("mailto:priya.shah@example.org?subject=Notes%20destroyed%3A%20Northvale%20ICS"
        "&body=Dear%20Priya")


def test_links_addresses_paths_and_quoted_text_are_taken_out() -> None:
    text = redact(f"Unable to detect a launcher for '{LINK}'")
    assert "priya" not in text.lower() and "Northvale" not in text and HIDDEN in text
    assert redact(f"Could not open {LINK} now") == f"Could not open {HIDDEN} now"
    assert redact("wrote alex.morgan@nhs.example.uk") == f"wrote {HIDDEN}"
    assert redact("cannot read /home/alex/Northvale position statement.pdf") \
        == f"cannot read {HIDDEN}"
    assert "Northvale" not in redact('setWindowTitle: "Northvale: day two"')
    assert redact(r"missing: C:\Users\alex\Documents\x.pdf") == f"missing: {HIDDEN}"
    assert redact("This plugin does not support propagateSizeHints()") == \
        "This plugin does not support propagateSizeHints()"


def test_debug_and_information_messages_are_dropped() -> None:
    assert qt_line(QtMsgType.QtDebugMsg, "qt.qpa.services", f"launch {LINK}") is None
    assert qt_line(QtMsgType.QtInfoMsg, "default", LINK) is None
    line = qt_line(QtMsgType.QtWarningMsg, "qt.qpa.services", f"Launch failed ({LINK})")
    assert line == f"peerdesk: Qt warning (qt.qpa.services): Launch failed ({HIDDEN}"


def test_an_uncaught_error_is_written_without_its_message() -> None:
    try:
        raise KeyError("Northvale finding text")
    except KeyError as exc:
        lines = uncaught_lines(type(exc), exc.__traceback__)
    assert lines[0].startswith("peerdesk: unexpected error (KeyError)")
    assert "Northvale" not in "\n".join(lines)
    assert "test_an_uncaught_error_is_written_without_its_message" in lines[-1]


def test_in_a_running_app_a_qt_warning_with_a_link_reaches_stderr_redacted() -> None:
    code = textwrap.dedent(f"""
        from PySide6.QtCore import qWarning
        from peerdesk.gui.widgets import log_guard
        log_guard.install()
        from PySide6.QtWidgets import QApplication
        app = QApplication([])
        qWarning("Unable to detect a launcher for '{LINK}'")
        raise ValueError("Northvale note text")
    """)
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    result = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True,
                            text=True, timeout=60)
    assert "Unable to detect a launcher for" in result.stderr
    assert "priya" not in result.stderr.lower() and "Northvale" not in result.stderr
    assert "unexpected error (ValueError)" in result.stderr
