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
    ("copies_deleted", "Other copies I emailed or downloaded outside peerdesk have been "
                       "deleted."),
    ("originals_deleted", "The files I imported from that peerdesk left in my folders have "
                          "been deleted by me."),
)
LEFT_ONLY = ("originals_deleted",)
"""Confirmations asked for only when peerdesk left an imported file in its folder."""

MEMORY_RESTARTS = (
    "In memory: peerdesk closed the notebook and overwrote the key it held before deleting "
    "anything. When the destruction window is closed, the program that had the notebook open "
    "ends and peerdesk starts again as a fresh program, so that nothing of the engagement "
    "stays in the memory of a running peerdesk.")
MEMORY_ENDS = (
    "In memory: peerdesk-cli closed the notebook and overwrote the key it held before "
    "deleting anything, and it ends as soon as this certificate is written.")
MEMORY_NOT_OPENED = (
    "In memory: the program that finished this destruction never opened the notebook; the "
    "one that had it open had already ended.")
MEMORY_OPEN_HERE = (
    "In memory: the program that ran this destruction had the notebook open. It overwrote "
    "the key it held when it closed the notebook; this certificate does not say that "
    "nothing else of the engagement stays in that program's memory until it ends.")
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
    originals_deleted: bool = False

    def items(self, files_left: bool = False) -> list[tuple[str, bool]]:
        """The confirmations and whether each is ticked; the one about imported files only
        when peerdesk left one in its folder (or the peer ticked it anyway)."""
        return [(text, bool(getattr(self, name))) for name, text in ATTESTATION_TEXTS
                if name not in LEFT_ONLY or files_left or getattr(self, name)]

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
    kind: str = ""   # "credential", "file", "export", "original" or "settings"
    key: str = ""    # the step's key ("keyfile", "notebook", "export-3", ...)

    @property
    def overwritten(self) -> bool:
        return self.state == "done" and self.outcome.startswith("Overwritten")

    @property
    def only_deleted(self) -> bool:
        return self.state == "done" and self.outcome.startswith("Deleted")

    @property
    def already_gone(self) -> bool:
        return self.state == "done" and self.outcome.startswith("Already gone")

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
    memory: str = MEMORY_OPEN_HERE

    def originals(self) -> dict[str, int]:
        """The files imported from: how many deleted, left in their folders, already gone."""
        lines = [a for a in self.artefacts if a.kind == "original"]
        return {"deleted": sum(a.state == "done" and not a.already_gone for a in lines),
                "left": sum(a.state == "kept" for a in lines),
                "gone": sum(a.already_gone for a in lines),
                "failed": sum(not a.ok for a in lines)}

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
    asked = record.attestations.items(files_left=record.originals()["left"] > 0)
    attest = [f"[{'x' if ticked else ' '}] {text}" for text, ticked in asked]
    if not all(ticked for _, ticked in asked):
        attest.append("An unticked box means the peer did not confirm that item.")
    done = what_was_done(record)
    return [
        ("Details", details),
        ("What was destroyed", artefacts),
        ("Checks run after destruction", checks),
        ("Copies kept", kept),
        ("The peer's own confirmations", attest),
        ("Limits", [done if record.ok else done + LIMITS_EXCEPT, record.memory,
                    LIMITS_NOT_COVERED]),
    ]


def _files(count: int) -> str:
    return plural(count, "file")


def what_was_done(record: CertificateRecord) -> str:
    """What peerdesk did, counted from the lines above: it claims for each file only what
    was done to it (overwritten, only deleted, already gone, kept)."""
    lines = record.artefacts
    store = next((a for a in lines if a.kind == "credential"), None)
    keyfile = next((a for a in lines if a.key == "keyfile"), None)
    gone = [a for a in (store, keyfile) if a is not None and a.state == "done"]
    if len(gone) == 2:
        key = ("What peerdesk did: it deleted both stored copies of the notebook's key, the "
               "one in this computer's credential store and the passphrase-protected key "
               "file. The notebook was encrypted with that key, so any copy of the encrypted "
               "notebook that still exists somewhere cannot be read without it.")
    elif gone:
        key = (f"What peerdesk did: it deleted {gone[0].label[0].lower()}{gone[0].label[1:]}; "
               "the other stored copy of the key is marked FAILED above, so copies of the "
               "encrypted notebook can still be read with it until that is put right.")
    else:
        key = ("What peerdesk did: neither stored copy of the notebook's key is marked done "
               "above, so copies of the encrypted notebook can still be read.")
    files = [a for a in lines if a.kind in ("file", "export", "original")]
    parts = []
    overwritten = sum(a.overwritten for a in files)
    if overwritten:
        parts.append(f"it wrote random data over {_files(overwritten)} before deleting "
                     "them (marked \"Overwritten\")")
    deleted = sum(a.only_deleted for a in files)
    if deleted:
        parts.append(f"{_files(deleted)} {'was' if deleted == 1 else 'were'} deleted without "
                     "being overwritten, each for the reason given (marked \"Deleted\")")
    already = sum(a.already_gone for a in files)
    if already:
        parts.append(f"{_files(already)} had already gone when their step ran")
    kept = sum(a.state == "kept" for a in files)
    if kept:
        parts.append(f"{_files(kept)} {'was' if kept == 1 else 'were'} kept, with the reason "
                     "given above")
    if not parts:
        return key
    return (f"{key} Of the files listed, " + "; ".join(parts)
            + ". Each file deleted was then checked to be gone.")


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
