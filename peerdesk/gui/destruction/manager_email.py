""""Email the manager": the default mail client through a mailto: link, and an .eml draft
with the certificate attached (a mailto: link cannot carry an attachment). Both work
offline: the mail program sends when the computer is next online."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QUrl
from PySide6.QtGui import QDesktopServices

from peerdesk.destruction.email import Confirmation, mailto_url, save_draft
from peerdesk.vault.errors import PeerdeskError


@dataclass(frozen=True)
class EmailOutcome:
    opened: bool
    draft: Path | None
    message: str

    @property
    def ok(self) -> bool:
        return self.opened or self.draft is not None


def email_manager(mail: Confirmation, certificate_pdf: Path) -> EmailOutcome:
    """Open the mail client and save the draft beside the certificate; say what happened."""
    opened = QDesktopServices.openUrl(QUrl(mailto_url(mail)))
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
    else:
        parts.append("No mail program opened on this computer.")
    if draft is not None:
        parts.append(f"A draft with the certificate attached is saved as {draft}. Double-click "
                     "it to open it in Outlook (or another mail program) as an unsent email "
                     "you can edit and send.")
    else:
        parts.append(f"The draft with the certificate could not be saved: {problem} "
                     f"Attach the certificate yourself: {certificate_pdf}.")
    parts.append("Both work offline: the email goes when you are next online." if opened
                 else "It works offline: the email goes when you are next online.")
    return EmailOutcome(opened, draft, " ".join(parts))
