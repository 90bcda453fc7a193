"""What peerdesk writes to its error output (which often ends in the system journal).

Qt prints its warnings to standard error, and some carry what they were given: a link it
could not open (a ``mailto:`` link holds the engagement's title and the manager's name and
address), a file's path, a window's title. ``install`` replaces Qt's message handler with
one that drops debug and information messages and writes warnings with every link, email
address, path and quoted text taken out. An error nobody caught is written as its kind and
where it happened, never its message (which may quote a note).
"""

from __future__ import annotations

import re
import sys
import traceback
from types import TracebackType
from typing import Any, TextIO

from PySide6.QtCore import QMessageLogContext, QtMsgType, qInstallMessageHandler

HIDDEN = "[withheld]"
_SECRETS = (
    re.compile(r"(?i)\b(?:[a-z][a-z0-9+.-]*://|mailto:|file:|tel:|data:|sms:)\S*"),  # links
    re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+"),                                     # emails
    re.compile(r"\"[^\"]*\"|'[^']*'|“[^”]*”|‘[^’]*’|«[^»]*»"),                     # quoted
    # A path runs to the end of the line: a file's name may hold spaces.
    re.compile(r"(?<![\w:])(?:[A-Za-z]:\\|\\\\|~?/)\S.*"),
)
_KINDS = {QtMsgType.QtWarningMsg: "warning", QtMsgType.QtCriticalMsg: "error",
          QtMsgType.QtFatalMsg: "fatal error"}
MAX_LENGTH = 300


def redact(text: str) -> str:
    """``text`` with links, email addresses, quoted text and paths replaced."""
    for pattern in _SECRETS:
        text = pattern.sub(HIDDEN, text)
    text = " ".join(text.split())
    return text if len(text) <= MAX_LENGTH else text[:MAX_LENGTH] + "…"


def qt_line(kind: QtMsgType, category: str | None, message: str) -> str | None:
    """The line written for one Qt message, or None when it is dropped."""
    word = _KINDS.get(kind)
    if word is None:
        return None    # debug and information messages: never written
    where = f" ({category})" if category and category != "default" else ""
    return f"peerdesk: Qt {word}{where}: {redact(message)}"


def _qt_handler(kind: QtMsgType, context: QMessageLogContext, message: str) -> None:
    line = qt_line(kind, getattr(context, "category", None), message)
    if line is not None:
        _write(line)


def uncaught_lines(kind: type[BaseException], where: TracebackType | None) -> list[str]:
    """An uncaught error as its kind and the code it passed through, without its message."""
    lines = [f"peerdesk: unexpected error ({kind.__name__}); what it said is withheld, as it "
             "may quote the notebook. Where it happened:"]
    for frame in traceback.extract_tb(where):
        lines.append(f"  {frame.filename.rsplit('peerdesk', 1)[-1]}:{frame.lineno} "
                     f"in {frame.name}")
    return lines


def _excepthook(kind: type[BaseException], value: BaseException,
                where: TracebackType | None) -> None:
    for line in uncaught_lines(kind, where):
        _write(line)


def _write(line: str, stream: TextIO | None = None) -> None:
    out = stream or sys.stderr
    if out is None:   # a windowed program on Windows has no standard error
        return
    try:
        out.write(line + "\n")
        out.flush()
    except (OSError, ValueError):
        pass


def install() -> Any:
    """Use these handlers from now on (for Qt's messages and for uncaught errors)."""
    sys.excepthook = _excepthook
    return qInstallMessageHandler(_qt_handler)
