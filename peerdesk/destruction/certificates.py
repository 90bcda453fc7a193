"""The kept certificates: written to ``<data>/certificates`` (they hold no notes) so they can
be shown or sent again, and a small JSON sidecar that keeps each destroyed engagement listed
as "destroyed on ..."."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path

from peerdesk.destruction.certificate import (
    FILE_PREFIX,
    FORMAT,
    VERSION,
    Attestations,
    CertificateFiles,
    CertificateRecord,
    render_text,
)
from peerdesk.destruction.certificate_pdf import render_pdf
from peerdesk.vault.files import atomic_write, make_private_dir
from peerdesk.vault.paths import AppPaths


def certificates_dir(paths: AppPaths) -> Path:
    return paths.data / "certificates"


def write_certificate(paths: AppPaths, record: CertificateRecord, stem: str) -> CertificateFiles:
    """Write the text, the PDF and the sidecar (each atomic, 0600); the same stem overwrites."""
    folder = make_private_dir(certificates_dir(paths))
    files = CertificateFiles(folder / f"{stem}.txt", folder / f"{stem}.pdf",
                             folder / f"{stem}.json")
    atomic_write(files.text, render_text(record).encode("utf-8"))
    atomic_write(files.pdf, render_pdf(record))
    sidecar = {
        "format": FORMAT, "version": VERSION, "title": record.title,
        "destroyed_at": record.finished_at.isoformat(timespec="seconds"),
        "complete": record.ok, "manager_name": record.manager_name,
        "manager_email": record.manager_email,
        "attestations": record.attestations.to_json(),
        "originals": record.originals(),
        "text": files.text.name, "pdf": files.pdf.name,
    }
    atomic_write(files.sidecar, (json.dumps(sidecar, indent=2) + "\n").encode("utf-8"))
    return files


@dataclass(frozen=True)
class DestroyedEngagement:
    """An engagement that is gone, as the list still shows it."""

    title: str
    destroyed_at: datetime
    complete: bool
    manager_name: str
    manager_email: str
    files: CertificateFiles
    attestations: Attestations = field(default_factory=Attestations)
    originals: dict[str, int] = field(default_factory=dict)

    @property
    def destroyed_on(self) -> date:
        return self.destroyed_at.date()

    @property
    def label(self) -> str:
        text = f"destroyed on {self.destroyed_on.strftime('%d/%m/%Y')}"
        return text if self.complete else text + " (some checks failed)"


def destroyed_engagements(paths: AppPaths) -> list[DestroyedEngagement]:
    """Every kept certificate, newest first. A damaged sidecar is skipped, not fatal."""
    folder = certificates_dir(paths)
    out = []
    for sidecar in sorted(folder.glob(f"{FILE_PREFIX}*.json")) if folder.is_dir() else []:
        try:
            doc = json.loads(sidecar.read_text("utf-8"))
            if doc.get("format") != FORMAT:
                continue
            draft = sidecar.with_name(sidecar.stem + "-email.eml")
            out.append(DestroyedEngagement(
                title=str(doc["title"]), destroyed_at=datetime.fromisoformat(doc["destroyed_at"]),
                complete=bool(doc["complete"]), manager_name=str(doc.get("manager_name", "")),
                manager_email=str(doc.get("manager_email", "")),
                files=CertificateFiles(folder / str(doc["text"]), folder / str(doc["pdf"]),
                                       sidecar, draft if draft.exists() else None),
                attestations=Attestations.from_json(dict(doc.get("attestations") or {})),
                originals={str(k): int(v) for k, v in dict(doc.get("originals") or {}).items()}))
        except (OSError, ValueError, KeyError, TypeError):
            continue
    return sorted(out, key=lambda e: e.destroyed_at, reverse=True)
