"""The destruction journal: a small JSON file that makes an interrupted destruction finishable.

It is written (atomically, 0600, in the data folder) before anything is destroyed, and
rewritten after every step, so that after a crash or power cut peerdesk knows exactly
what is done and what is not. It holds NO notes. It holds the few details the
certificate needs once the notebook is gone: the engagement's title, the peer's name and
the manager's name and email (the same details the kept certificate shows).

The notebook's id, the files' paths and the copies' hashes are stored *masked* (XORed
with a random pad kept beside them). That is not secrecy: it keeps the id and hashes out
of the file as text, so the final check that no file under peerdesk's folders still
holds them stays meaningful while the journal exists. The journal is overwritten and
deleted once every check has passed.
"""

from __future__ import annotations

import base64
import json
import secrets
from dataclasses import asdict, dataclass, field
from datetime import datetime
from enum import StrEnum
from pathlib import Path
from typing import Any

from peerdesk.destruction.certificate import Attestations
from peerdesk.vault.errors import PeerdeskError
from peerdesk.vault.files import atomic_write
from peerdesk.vault.paths import AppPaths

FORMAT = "peerdesk-destruction-journal"
VERSION = 1
PREFIX = "destruction-journal-"


class DestructionJournalDamagedError(PeerdeskError):
    default_message = (
        "peerdesk found the record of an unfinished destruction but cannot read it. "
        "Nothing more was deleted. Check the notebooks folder by hand.")


class StepState(StrEnum):
    PENDING = "pending"
    DONE = "done"
    FAILED = "failed"
    KEPT = "kept"


class Phase(StrEnum):
    DESTROYING = "destroying"
    VERIFIED = "verified"
    CERTIFIED = "certified"


@dataclass
class StepEntry:
    key: str
    kind: str
    label: str
    action: str
    size: int | None = None
    keep_reason: str | None = None
    state: StepState = StepState.PENDING
    outcome: str = ""
    advice: str = ""


@dataclass
class CheckEntry:
    key: str
    label: str
    passed: bool
    detail: str
    advice: str = ""


@dataclass
class Secret:
    """The identifying parts, kept masked on disk."""

    notebook_id: str
    paths: dict[str, str] = field(default_factory=dict)
    hashes: dict[str, str] = field(default_factory=dict)


def _b64(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")


def mask(secret: Secret) -> dict[str, str]:
    plain = json.dumps(asdict(secret)).encode("utf-8")
    pad = secrets.token_bytes(len(plain))
    return {"pad": _b64(pad), "data": _b64(bytes(a ^ b for a, b in zip(plain, pad,
                                                                       strict=True)))}


def unmask(doc: dict[str, str]) -> Secret:
    pad = base64.b64decode(doc["pad"])
    data = base64.b64decode(doc["data"])
    raw = json.loads(bytes(a ^ b for a, b in zip(data, pad, strict=True)).decode("utf-8"))
    return Secret(str(raw["notebook_id"]), dict(raw["paths"]), dict(raw["hashes"]))


@dataclass
class Journal:
    path: Path
    token: str
    started_at: datetime
    app_version: str
    title: str
    peer_name: str
    manager_name: str
    manager_email: str
    attestations: Attestations
    secret: Secret
    steps: list[StepEntry]
    checks: list[CheckEntry] = field(default_factory=list)
    phase: Phase = Phase.DESTROYING
    finished_at: datetime | None = None
    certificate_stem: str | None = None

    @staticmethod
    def path_for(paths: AppPaths, token: str) -> Path:
        return paths.data / f"{PREFIX}{token}.json"

    def step(self, key: str) -> StepEntry:
        for entry in self.steps:
            if entry.key == key:
                return entry
        raise KeyError(key)

    @property
    def unfinished(self) -> bool:
        """True while a step or a check is not done, or the certificate is not written."""
        return (self.phase is not Phase.CERTIFIED
                or any(s.state in (StepState.PENDING, StepState.FAILED) for s in self.steps)
                or not all(c.passed for c in self.checks))

    def to_bytes(self) -> bytes:
        doc: dict[str, Any] = {
            "format": FORMAT, "version": VERSION, "token": self.token,
            "started_at": self.started_at.isoformat(timespec="seconds"),
            "app_version": self.app_version, "phase": self.phase.value,
            "engagement": {"title": self.title, "peer_name": self.peer_name,
                           "manager_name": self.manager_name,
                           "manager_email": self.manager_email},
            "attestations": self.attestations.to_json(),
            "masked": mask(self.secret),
            "steps": [asdict(s) | {"state": s.state.value} for s in self.steps],
            "checks": [asdict(c) for c in self.checks],
            "finished_at": self.finished_at.isoformat(timespec="seconds")
            if self.finished_at else None,
            "certificate_stem": self.certificate_stem,
        }
        return (json.dumps(doc, indent=1) + "\n").encode("utf-8")

    def save(self) -> None:
        atomic_write(self.path, self.to_bytes())

    @classmethod
    def load(cls, path: Path) -> Journal:
        try:
            doc = json.loads(path.read_text("utf-8"))
            if doc.get("format") != FORMAT or int(doc.get("version", 0)) != VERSION:
                raise ValueError("not a destruction journal")
            engagement = doc["engagement"]
            return cls(
                path=path, token=str(doc["token"]),
                started_at=datetime.fromisoformat(doc["started_at"]),
                app_version=str(doc["app_version"]), title=str(engagement["title"]),
                peer_name=str(engagement["peer_name"]),
                manager_name=str(engagement["manager_name"]),
                manager_email=str(engagement["manager_email"]),
                attestations=Attestations.from_json(doc["attestations"]),
                secret=unmask(doc["masked"]),
                steps=[StepEntry(**(s | {"state": StepState(s["state"])})) for s in doc["steps"]],
                checks=[CheckEntry(**c) for c in doc["checks"]],
                phase=Phase(doc["phase"]),
                finished_at=datetime.fromisoformat(doc["finished_at"])
                if doc.get("finished_at") else None,
                certificate_stem=doc.get("certificate_stem"),
            )
        except (OSError, ValueError, KeyError, TypeError) as exc:
            raise DestructionJournalDamagedError() from exc


def journal_files(paths: AppPaths) -> list[Path]:
    if not paths.data.is_dir():
        return []
    return sorted(paths.data.glob(f"{PREFIX}*.json"))


def pending(paths: AppPaths) -> list[Journal]:
    """Destructions that were started and not finished (to offer at every start).

    A journal that cannot be read raises ``DestructionJournalDamagedError``: an
    unfinished destruction is never silently forgotten.
    """
    journals = [Journal.load(path) for path in journal_files(paths)]
    return sorted(journals, key=lambda j: j.started_at)
