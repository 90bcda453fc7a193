"""The destruction certificate: what was destroyed, how, what was checked, and its limits.

This module holds its record and its words; ``certificate_pdf`` draws it and
``certificates`` keeps it. It names the engagement by its title, never by the notebook's
id: no certificate file holds the id, so the check that nothing under peerdesk's folders
still holds the id stays meaningful.
"""

from __future__ import annotations

import textwrap
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

from peerdesk.vault.files import size_text as size_text  # the certificate's own callers

FORMAT = "peerdesk-destruction-certificate"
VERSION = 1
FILE_PREFIX = "destruction-certificate-"

ATTESTATION_TEXTS = (
    ("notes_shredded", "My handwritten notes from this engagement have been shredded."),
    ("printed_disposed", "Printed background documents have been disposed of as "
                         "confidential waste."),
    ("copies_deleted", "Copies I emailed or downloaded outside peerdesk have been deleted."),
)

LIMITS_DONE = (
    "What peerdesk did: it deleted both copies of the notebook's key, the one in this "
    "computer's credential store and the passphrase-protected key file. The notebook was "
    "encrypted with that key, so any copy of the encrypted notebook that still exists "
    "somewhere cannot be read without it. peerdesk then wrote random data over each of its "
    "files listed here, deleted them, and checked that each one is no longer there."
)
LIMITS_EXCEPT = (
    " This is so only for the steps and checks marked done or passed above: where one is "
    "marked FAILED, it was not achieved."
)
LIMITS_NOT_COVERED = (
    "What this does not cover: copies made outside peerdesk (files saved elsewhere, email "
    "attachments, printouts), backups and snapshots made by the operating system or a cloud "
    "service, recycle bins, and the storage device itself. On solid-state drives and in "
    "folders kept in sync with a cloud service, writing over a file cannot be guaranteed to "
    "reach every physical copy of it; the deleted key is what keeps such copies unreadable."
)


@dataclass(frozen=True)
class Attestations:
    """What the peer confirms about paper and copies outside peerdesk, ticked in the app."""

    notes_shredded: bool = False
    printed_disposed: bool = False
    copies_deleted: bool = False

    def items(self) -> list[tuple[str, bool]]:
        return [(text, bool(getattr(self, name))) for name, text in ATTESTATION_TEXTS]

    def to_json(self) -> dict[str, bool]:
        return {name: bool(getattr(self, name)) for name, _ in ATTESTATION_TEXTS}

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Attestations:
        return cls(**{name: bool(data.get(name, False)) for name, _ in ATTESTATION_TEXTS})


@dataclass(frozen=True)
class CertificateLine:
    """One artefact: what it was, its size, and what was done to it."""

    label: str
    size: int | None
    outcome: str
    state: str  # "done", "kept", "failed" or "pending"
    advice: str = ""

    @property
    def ok(self) -> bool:
        return self.state in ("done", "kept")


@dataclass(frozen=True)
class CertificateCheck:
    label: str
    passed: bool
    detail: str
    advice: str = ""


@dataclass(frozen=True)
class CertificateRecord:
    title: str
    peer_name: str
    manager_name: str
    manager_email: str
    started_at: datetime
    finished_at: datetime
    app_version: str
    artefacts: tuple[CertificateLine, ...]
    checks: tuple[CertificateCheck, ...]
    kept: tuple[tuple[str, str], ...]
    attestations: Attestations = field(default_factory=Attestations)
    team_bundles: tuple[int, int] = (0, 0)
    """Team bundle files (sent, received) among the artefacts."""

    @property
    def ok(self) -> bool:
        return bool(self.checks) and all(c.passed for c in self.checks) and all(
            a.ok for a in self.artefacts)


@dataclass(frozen=True)
class CertificateFiles:
    text: Path
    pdf: Path
    sidecar: Path
    draft: Path | None = None


def when(moment: datetime) -> str:
    """en-GB date and time with the offset from UTC, e.g. ``13/04/2026 at 14:05 (UTC+01:00)``."""
    offset = moment.strftime("%z")
    zone = f"UTC{offset[:3]}:{offset[3:]}" if offset else "local time"
    return f"{moment.strftime('%d/%m/%Y')} at {moment.strftime('%H:%M')} ({zone})"


def plural(count: int, word: str, many: str | None = None) -> str:
    return f"{count} {word if count == 1 else (many or word + 's')}"


def headline(record: CertificateRecord) -> str:
    if record.ok:
        return ("Every step was carried out and every check passed.")
    failed = sum(not c.passed for c in record.checks)
    return (f"NOT COMPLETE: {failed} of {len(record.checks)} checks failed. "
            "What failed and what to do is written below.")


def sections(record: CertificateRecord) -> list[tuple[str, list[str]]]:
    """The certificate as headed lists of plain lines; the text and the PDF share them."""
    details = [
        f"Engagement: {record.title}",
        f"Peer: {record.peer_name or 'not recorded'}",
        f"Peer challenge manager: {record.manager_name or 'not recorded'}"
        + (f" <{record.manager_email}>" if record.manager_email else ""),
        f"Started: {when(record.started_at)}",
        f"Finished: {when(record.finished_at)}",
        f"peerdesk version: {record.app_version}",
        f"Result: {headline(record)}",
    ]
    marks = {"done": "[done]", "kept": "[kept]", "failed": "[FAILED]",
             "pending": "[FAILED: not carried out]"}
    artefacts = [f"{marks.get(a.state, '[FAILED]')} {a.label}"
                 + (f" ({size_text(a.size)})" if a.size is not None else "")
                 + f": {a.outcome}"
                 + (f" What to do: {a.advice}" if a.advice and not a.ok else "")
                 for a in record.artefacts]
    sent, received = record.team_bundles
    if sent or received:
        artefacts.append(f"Team bundles: {plural(sent, 'bundle')} sent and "
                         f"{plural(received, 'bundle')} received, each listed above.")
    checks = []
    for check in record.checks:
        line = f"{'[passed]' if check.passed else '[FAILED]'} {check.label}: {check.detail}"
        if not check.passed and check.advice:
            line += f" What to do: {check.advice}"
        checks.append(line)
    kept = [f"{label}: kept because {reason}" for label, reason in record.kept] or [
        "None: every copy peerdesk had recorded was deleted or was already gone."]
    attest = [f"[{'x' if ticked else ' '}] {text}" for text, ticked in
              record.attestations.items()]
    if not all(ticked for _, ticked in record.attestations.items()):
        attest.append("An unticked box means the peer did not confirm that item.")
    return [
        ("Details", details),
        ("What was destroyed", artefacts),
        ("Checks run after destruction", checks),
        ("Copies kept", kept),
        ("The peer's own confirmations", attest),
        ("Limits", [LIMITS_DONE if record.ok else LIMITS_DONE + LIMITS_EXCEPT,
                    LIMITS_NOT_COVERED]),
    ]


def render_text(record: CertificateRecord) -> str:
    out = ["peerdesk destruction certificate", "=" * 32, ""]
    for heading, lines in sections(record):
        out += [heading, "-" * len(heading)]
        for line in lines:
            out += textwrap.wrap(line, width=88, subsequent_indent="    ") or [""]
        out.append("")
    out.append("This certificate holds no notes from the engagement.")
    return "\n".join(out) + "\n"


def file_stem(started_at: datetime, token: str) -> str:
    """Certificate file names: the date and a random token, never the notebook's id."""
    return f"{FILE_PREFIX}{started_at.strftime('%Y-%m-%d')}-{token}"
