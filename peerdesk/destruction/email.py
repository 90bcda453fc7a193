"""The confirmation to the peer challenge manager: a ``mailto:`` link for the default mail
client (no attachment is possible that way) and an ``.eml`` draft with the certificate PDF
attached, which mail programs open as an unsent, editable message. Both work offline."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from email import policy
from email.message import EmailMessage
from email.utils import format_datetime, formataddr
from pathlib import Path
from urllib.parse import quote

from peerdesk.destruction.certificate import Attestations, CertificateRecord, when
from peerdesk.destruction.certificates import DestroyedEngagement
from peerdesk.vault.files import atomic_write


@dataclass(frozen=True)
class Confirmation:
    to: str
    to_name: str
    subject: str
    body: str            # for the draft, which carries the certificate
    body_no_attachment: str  # for mailto, which cannot


_CONFIRMS = (
    ("notes_shredded", "I have shredded my handwritten notes."),
    ("printed_disposed", "I have disposed of the printed background documents as confidential "
                         "waste."),
    ("copies_deleted", "I have deleted the other copies I emailed or downloaded outside "
                       "peerdesk."),
)
_NOT_YET = {
    "notes_shredded": "shredding my handwritten notes",
    "printed_disposed": "disposing of the printed background documents",
    "copies_deleted": "deleting other copies I emailed or downloaded",
}


def originals_sentence(originals: dict[str, int], deleted_myself: bool = False) -> str:
    """What became of the files the peer imported from, in the peer's own words."""
    deleted, left = originals.get("deleted", 0), originals.get("left", 0)
    gone, failed = originals.get("gone", 0), originals.get("failed", 0)

    def files(n: int) -> str:
        return "1 file" if n == 1 else f"{n} files"

    sentences = []
    if deleted:
        sentences.append(f"peerdesk also deleted {files(deleted)} I had imported into it from "
                         "my own folders, and checked that "
                         + ("it is gone." if deleted == 1 else "they are gone."))
    if gone:
        sentences.append(f"{files(gone)} I had imported from "
                         + ("was" if gone == 1 else "were") + " already gone from my folders.")
    if left and deleted_myself:
        sentences.append(f"I have deleted myself the {files(left)} I imported into peerdesk "
                         "that it left in my folders.")
    elif left:
        sentences.append(f"{files(left)} I imported into peerdesk from my own folders "
                         + ("is still there, outside peerdesk; I will delete it myself."
                            if left == 1 else
                            "are still there, outside peerdesk; I will delete them myself."))
    if failed:
        sentences.append(f"peerdesk could not delete {files(failed)} I had imported from.")
    return " ".join(sentences)


def confirmation(title: str, peer_name: str, manager_name: str, manager_email: str,
                 finished_at: datetime, complete: bool,
                 attestations: Attestations,
                 originals: dict[str, int] | None = None) -> Confirmation:
    greeting = f"Dear {manager_name.split()[0]}," if manager_name.strip() else "Hello,"
    if complete:
        subject = f"Notes destroyed: {title}"
        first = (f"I have destroyed my peerdesk notebook for the peer challenge \"{title}\". "
                 f"peerdesk finished on {when(finished_at)}, and every check it ran "
                 "afterwards passed.")
    else:
        subject = f"Destruction not yet complete: {title}"
        first = (f"I have started destroying my peerdesk notebook for the peer challenge "
                 f"\"{title}\". peerdesk stopped on {when(finished_at)} with some checks "
                 "failed, so it is not complete yet. I will put that right and confirm again.")
    ticked = attestations.to_json()
    paper = [text for name, text in _CONFIRMS if ticked[name]]
    missing = [_NOT_YET[name] for name, _ in _CONFIRMS if not ticked[name]]
    if missing:
        paper.append("I have not yet confirmed " + ", ".join(missing) + ".")
    imported = originals_sentence(originals or {}, attestations.originals_deleted)
    if imported:
        paper.append(imported)
    sign = peer_name.strip() or "(your name)"
    middle = "\n\n".join([first, " ".join(paper)])
    attached = ("The destruction certificate from peerdesk is attached. It holds no notes "
                "from the engagement.")
    not_attached = ("peerdesk has kept the destruction certificate (it holds no notes from "
                    "the engagement); I can send it to you.")
    def body(line: str) -> str:
        return f"{greeting}\n\n{middle}\n\n{line}\n\nBest wishes,\n{sign}\n"
    return Confirmation(manager_email.strip(), manager_name.strip(), subject, body(attached),
                        body(not_attached))


def for_record(record: CertificateRecord) -> Confirmation:
    return confirmation(record.title, record.peer_name, record.manager_name,
                        record.manager_email, record.finished_at, record.ok,
                        record.attestations, record.originals())


def for_destroyed(entry: DestroyedEngagement, peer_name: str = "") -> Confirmation:
    return confirmation(entry.title, peer_name, entry.manager_name, entry.manager_email,
                        entry.destroyed_at, entry.complete, entry.attestations,
                        entry.originals)


def mailto_url(mail: Confirmation) -> str:
    """A ``mailto:`` URL (RFC 6068) for QDesktopServices.openUrl; line ends are CRLF."""
    address = quote(mail.to, safe="@.+-_")
    body = mail.body_no_attachment.replace("\r\n", "\n").replace("\n", "\r\n")
    return (f"mailto:{address}?subject={quote(mail.subject, safe='')}"
            f"&body={quote(body, safe='')}")


def build_draft(mail: Confirmation, pdf: bytes, pdf_name: str,
                now: datetime | None = None) -> bytes:
    """An unsent email (``X-Unsent: 1``) to the manager with the certificate attached."""
    message = EmailMessage(policy=policy.SMTP)
    if mail.to:
        message["To"] = formataddr((mail.to_name, mail.to)) if mail.to_name else mail.to
    message["Subject"] = mail.subject
    if now is not None:
        message["Date"] = format_datetime(now)
    message["X-Unsent"] = "1"
    message.set_content(mail.body)
    message.add_attachment(pdf, maintype="application", subtype="pdf", filename=pdf_name)
    return message.as_bytes()


def save_draft(mail: Confirmation, pdf_path: Path, draft_path: Path | None = None,
               now: datetime | None = None) -> Path:
    """Write the .eml beside the certificate (atomic, 0600) and return its path."""
    target = draft_path or pdf_path.with_name(pdf_path.stem + "-email.eml")
    atomic_write(target, build_draft(mail, pdf_path.read_bytes(), pdf_path.name, now))
    return target
