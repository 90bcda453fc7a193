""""Email the manager": the default mail client through a mailto: link, and an .eml draft
with the certificate attached (a mailto: link cannot carry an attachment). Both work
offline: the mail program sends when the computer is next online.

The link holds the engagement's title and the manager's name and address, so it is never
written to any log, and it is only handed on when a mail program will take it. On Linux,
Qt passes it to ``xdg-open`` (on that program's command line, which other programs of the
same user can read while it runs, and which then hands it to the mail program on its own
command line); with no mail program set up, ``xdg-open`` prints the whole link to the
error output. So peerdesk first asks ``xdg-mime query default x-scheme-handler/mailto``
which program would take it, and with none says so and offers the draft and the text.
Windows and macOS hand the link over through their own calls, not a command line.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QUrl
from PySide6.QtGui import QDesktopServices, QGuiApplication

from peerdesk.destruction.email import Confirmation, mailto_url, save_draft
from peerdesk.gui.widgets.clipboard_guard import private_text
from peerdesk.vault.errors import PeerdeskError


@dataclass(frozen=True)
class EmailOutcome:
    opened: bool
    draft: Path | None
    message: str
    text: str = ""   # the email as text, for the peer to copy when no mail program opened

    @property
    def ok(self) -> bool:
        return self.opened or self.draft is not None


def mail_program(platform: str = sys.platform) -> str | None:
    """The program that would open a mailto: link, or None when there is none (Linux and
    the BSDs; elsewhere the system answers for itself)."""
    if platform in ("win32", "darwin"):
        return "the system's mail program"
    finder = shutil.which("xdg-mime")
    if finder is None:
        return None
    try:
        found = subprocess.run([finder, "query", "default", "x-scheme-handler/mailto"],
                               capture_output=True, text=True, timeout=20)
    except (OSError, subprocess.SubprocessError):
        return None
    name = found.stdout.strip()
    return name or None


def email_text(mail: Confirmation) -> str:
    """The email as a person would copy it into a new message."""
    to = f"{mail.to_name} <{mail.to}>" if mail.to_name and mail.to else mail.to
    return f"To: {to or '(the manager)'}\nSubject: {mail.subject}\n\n{mail.body}"


def email_manager(mail: Confirmation, certificate_pdf: Path) -> EmailOutcome:
    """Open the mail client (when there is one) and save the draft beside the certificate;
    say what happened."""
    program = mail_program()
    opened = program is not None and QDesktopServices.openUrl(QUrl(mailto_url(mail)))
    draft: Path | None = None
    problem = ""
    try:
        draft = save_draft(mail, certificate_pdf)
    except (OSError, PeerdeskError) as exc:
        problem = getattr(exc, "message", None) or str(exc)
    who = f"{mail.to_name} <{mail.to}>" if mail.to_name and mail.to else mail.to
    parts = []
    if opened:
        parts.append(f"Your mail program should now show an email to {who}, ready to send."
                     if who else "Your mail program should now show the email. No manager's "
                     "address is recorded, so add it before sending.")
        parts.append("It cannot carry the certificate itself.")
    elif program is None:
        parts.append("No mail program is set up on this computer, so none was opened.")
    else:
        parts.append("No mail program opened on this computer.")
    if draft is not None:
        parts.append(f"A draft with the certificate attached is saved as {draft}. Double-click "
                     "it to open it in Outlook (or another mail program) as an unsent email "
                     "you can edit and send.")
    else:
        parts.append(f"The draft with the certificate could not be saved: {problem} "
                     f"Attach the certificate yourself: {certificate_pdf}.")
    if not opened:
        parts.append("You can also copy the email's text into a new message in any mail "
                     "program or webmail.")
    parts.append("Both work offline: the email goes when you are next online." if opened
                 else "It works offline: the email goes when you are next online.")
    return EmailOutcome(opened, draft, " ".join(parts), "" if opened else email_text(mail))


COPIED = ("The email's text is on the clipboard: paste it into a new message. peerdesk "
          "empties the clipboard when it locks or closes, if it still holds this text.")


def copy_email(text: str) -> str:
    """Put the email's text on the clipboard (marked private); returns what to tell the peer."""
    QGuiApplication.clipboard().setMimeData(private_text(text))
    return COPIED
