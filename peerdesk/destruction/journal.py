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
deleted once every check has passed: first renamed (in one step) to a name no start-up
reads, so that a process killed while removing it never leaves a half-overwritten journal.

A journal that cannot be read, or that was not written for this peerdesk folder (copied
from elsewhere: it could name files that are not this notebook's), is set aside into the
``set-aside`` folder and reported; it never stops another notebook being destroyed.
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


REMOVING = ".removing"
SET_ASIDE = "set-aside"


class DestructionJournalDamagedError(PeerdeskError):
    default_message = (
        "peerdesk found the record of an unfinished destruction but cannot read it. "
        "Nothing more was deleted because of it.")


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
    home: str | None = None
    """The data folder it was written in; a journal found in another is not this one's."""

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
            "certificate_stem": self.certificate_stem, "home": self.home,
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
                home=doc.get("home"),
            )
        except (OSError, ValueError, KeyError, TypeError, AttributeError, RecursionError) \
                as exc:
            raise DestructionJournalDamagedError() from exc


def journal_files(paths: AppPaths) -> list[Path]:
    if not paths.data.is_dir():
        return []
    return sorted(paths.data.glob(f"{PREFIX}*.json"))


def belongs_here(journal: Journal, paths: AppPaths) -> bool:
    """True when the journal was written for this peerdesk folder: its name, its folder and
    every file it would delete that is not a copy written out are peerdesk's own."""
    if journal.path.name != f"{PREFIX}{journal.token}.json":
        return False
    if journal.home is not None and Path(journal.home) != paths.data:
        return False
    roots = [root.absolute() for root in paths.roots()]
    for step in journal.steps:
        where = journal.secret.paths.get(step.key)
        if step.kind == "file" and where is not None and \
                not any(Path(where).absolute().is_relative_to(root) for root in roots):
            return False
    return True


@dataclass
class Review:
    """What a start finds: destructions to finish, and journals set aside (with why)."""

    journals: list[Journal] = field(default_factory=list)
    set_aside: list[str] = field(default_factory=list)


def set_aside(paths: AppPaths, path: Path, why: str) -> str:
    """Move a journal that must not be used into ``<data>/set-aside`` and say so plainly."""
    from peerdesk.vault.files import make_private_dir

    folder = paths.data / SET_ASIDE
    try:
        make_private_dir(folder)
        target = folder / path.name
        if target.exists():
            target = folder / f"{path.stem}-{secrets.token_hex(3)}{path.suffix}"
        path.replace(target)
        where = f"It was moved to {target}"
    except (OSError, PeerdeskError):
        where = f"It could not be moved aside; it is still {path}"
    return (f"peerdesk found a record of an unfinished destruction in {paths.data} that "
            f"{why}. Nothing was deleted because of it. {where}. If a destruction was "
            f"interrupted, look in {paths.notebooks} for a notebook that should be gone and "
            "destroy it again.")


def review(paths: AppPaths) -> Review:
    """Destructions started and not finished, to offer at every start. A journal that
    cannot be read or is not this folder's is set aside and reported, never silently
    forgotten, and never in the way of the others."""
    found = Review()
    for path in journal_files(paths):
        try:
            journal = Journal.load(path)
        except DestructionJournalDamagedError:
            found.set_aside.append(set_aside(paths, path, "cannot be read (it is damaged)"))
            continue
        if not belongs_here(journal, paths):
            found.set_aside.append(set_aside(paths, path, "was not written for this "
                                                          "peerdesk folder"))
            continue
        found.journals.append(journal)
    for leftover in paths.data.glob(f".{PREFIX}*{REMOVING}") if paths.data.is_dir() else ():
        from peerdesk.vault.files import scrub

        scrub(leftover)  # a finished journal whose removal was cut short
    found.journals.sort(key=lambda j: j.started_at)
    return found


def pending(paths: AppPaths) -> list[Journal]:
    """The destructions to finish (damaged or foreign journals are set aside: see
    ``review`` for the report)."""
    return review(paths).journals


def remove(journal: Journal) -> bool:
    """Remove a finished journal: renamed first, in one step, to a name no start reads,
    then overwritten and deleted. True when it is gone."""
    from peerdesk.vault.files import fsync_dir, scrub

    hidden = journal.path.with_name(f".{journal.path.name}{REMOVING}")
    try:
        journal.path.replace(hidden)
        fsync_dir(hidden.parent)
    except FileNotFoundError:
        return True
    except OSError:
        return False
    return scrub(hidden)
