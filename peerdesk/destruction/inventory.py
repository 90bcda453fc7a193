"""Step one of destruction: find everything peerdesk holds for one engagement, and show it.

``plan`` runs while the notebook is unlocked (the copies written out of it are listed
in its register) and changes nothing. The peer may keep a copy the manager already
holds; that choice and its reason go on the certificate.
"""

from __future__ import annotations

import os
from collections.abc import Collection, Mapping
from dataclasses import dataclass, replace
from datetime import datetime
from enum import StrEnum
from pathlib import Path

from peerdesk.vault.errors import CredentialStoreUnavailableError, ValidationError
from peerdesk.vault.exports import list_exports, sha256_of
from peerdesk.vault.library import Library
from peerdesk.vault.notebook import Notebook
from peerdesk.vault.paths import AppPaths
from peerdesk.vault.settings import Settings

EXPORT_KIND_LABELS = {
    "summary_pdf": "Summary PDF exported",
    "summary_docx": "Summary for Word (DOCX) exported",
    "summary_txt": "Summary as text exported",
    "document_copy": "Copy of a background document saved",
    "team_bundle": "Team bundle sent",
    "team_bundle_received": "Team bundle received",
    "other": "File written out of the notebook",
}
"""A copy is named by its kind and the day it was written (``Summary PDF exported
06/03/2026``), never by its file name: the certificate goes to the manager, and a file's
name (which defaults to an imported document's) can be confidential."""
BUNDLE_KEYS = {"team_bundle": "bundle-sent-", "team_bundle_received": "bundle-received-"}
"""Team bundles' artefacts are named apart, so the certificate can count them."""
LEFT_OUTSIDE = "the peer chose to leave it in its own folder, outside peerdesk"


class Kind(StrEnum):
    CREDENTIAL = "credential"
    FILE = "file"
    EXPORT = "export"
    ORIGINAL = "original"   # a file the peer imported from, in their own folder
    SETTINGS = "settings"


class Action(StrEnum):
    DELETE_KEY = "delete_key"
    OVERWRITE_DELETE = "overwrite_delete"
    KEEP = "keep"
    CLEAR_ENTRIES = "clear_entries"

    @property
    def label(self) -> str:
        return {
            "delete_key": "will be deleted from the credential store",
            "overwrite_delete": "will be overwritten with random data, then deleted",
            "keep": "will be kept",
            "clear_entries": "the entries naming this notebook will be cleared",
        }[self.value]


SQLITE_REMOVES = ("closing the notebook writes it into the notebook file and SQLite then "
                  "deletes it; checked gone")
EMPTY = "will be deleted (it is empty, so there is nothing to overwrite)"


@dataclass(frozen=True)
class Artefact:
    """One thing destruction deals with. ``label`` never holds the notebook's id."""

    key: str
    kind: Kind
    label: str
    action: Action
    path: Path | None = None
    size: int | None = None
    present: bool | None = True   # None: could not be told (credential store unreachable)
    keep_reason: str | None = None
    export_id: int | None = None
    original_id: int | None = None
    sha256: str | None = None
    changed_since_written: bool = False
    note: str = ""

    @property
    def promise(self) -> str:
        """What will be done to it, as exactly as it can be said beforehand."""
        if self.action is Action.OVERWRITE_DELETE and self.key in ("wal", "shm"):
            return SQLITE_REMOVES
        if self.action is Action.OVERWRITE_DELETE and self.size == 0:
            return EMPTY
        return self.action.label

    @property
    def description(self) -> str:
        """A plain line for the inventory the peer sees."""
        where = "" if self.path is None or self.kind is Kind.CREDENTIAL else f" ({self.path})"
        if self.present is False:
            return f"{self.label}{where}: not there any more; will be checked absent"
        what = f"kept because {self.keep_reason}" if self.action is Action.KEEP \
            else self.promise
        extra = f" {self.note}" if self.note else ""
        return f"{self.label}{where}: {what}.{extra}"


@dataclass(frozen=True)
class Inventory:
    """Everything to destroy for one notebook, plus the few details the certificate needs."""

    notebook_id: str
    title: str
    peer_name: str
    manager_name: str
    manager_email: str
    artefacts: tuple[Artefact, ...]

    @property
    def overwritten(self) -> list[Artefact]:
        """The files that will be overwritten with random data, then deleted."""
        return [a for a in self.artefacts if a.action is Action.OVERWRITE_DELETE and a.present
                and a.promise == Action.OVERWRITE_DELETE.label]

    @property
    def deleted_only(self) -> list[Artefact]:
        """The files deleted without being overwritten (empty, or removed by SQLite)."""
        return [a for a in self.artefacts if a.action is Action.OVERWRITE_DELETE and a.present
                and a.promise != Action.OVERWRITE_DELETE.label]

    @property
    def total_bytes(self) -> int:
        return sum(a.size or 0 for a in self.overwritten)

    @property
    def exports(self) -> list[Artefact]:
        return [a for a in self.artefacts if a.kind is Kind.EXPORT]

    @property
    def originals(self) -> list[Artefact]:
        return [a for a in self.artefacts if a.kind is Kind.ORIGINAL]

    def choose_original(self, original_id: int, delete: bool) -> Inventory:
        """Delete an imported original (overwrite, delete, check) or leave it in its folder."""
        out = []
        found = False
        for artefact in self.artefacts:
            if artefact.original_id == original_id and artefact.present is not False:
                found = True
                artefact = replace(artefact, action=Action.OVERWRITE_DELETE, keep_reason=None) \
                    if delete else replace(artefact, action=Action.KEEP, keep_reason=LEFT_OUTSIDE)
            out.append(artefact)
        if not found:
            raise ValidationError(f"There is no imported file numbered {original_id} that is "
                                  "still in its folder.")
        return replace(self, artefacts=tuple(out))

    def title_matches(self, typed: str) -> bool:
        """The deliberate confirmation: the engagement's title, typed (spaces and case aside)."""
        return " ".join(typed.split()).casefold() == " ".join(self.title.split()).casefold()

    def choose(self, export_id: int, keep_reason: str | None) -> Inventory:
        """Keep one registered copy (with a reason) or delete it (``None``)."""
        found = False
        out = []
        for artefact in self.artefacts:
            if artefact.export_id == export_id:
                found = True
                artefact = _with_choice(artefact, keep_reason)
            out.append(artefact)
        if not found:
            raise ValidationError(f"There is no recorded copy number {export_id}.")
        return replace(self, artefacts=tuple(out))


def _with_choice(artefact: Artefact, keep_reason: str | None) -> Artefact:
    if keep_reason is None:
        return replace(artefact, action=Action.OVERWRITE_DELETE, keep_reason=None)
    reason = " ".join(keep_reason.split()).rstrip(".")
    if not reason:
        raise ValidationError("Say why this copy is kept, for example \"the manager already "
                              "holds it\".")
    if artefact.present is False:
        raise ValidationError("That copy is no longer on the disk, so there is nothing to keep.")
    return replace(artefact, action=Action.KEEP, keep_reason=reason)


def _size(path: Path) -> int | None:
    try:
        return os.lstat(path).st_size
    except OSError:
        return None


def _file(key: str, label: str, path: Path, always: bool = False) -> Artefact | None:
    size = _size(path)
    if size is None and not always:
        return None
    return Artefact(key, Kind.FILE, label, Action.OVERWRITE_DELETE, path=path, size=size,
                    present=size is not None)


def other_files(paths: AppPaths, notebook_id: str, known: set[Path]) -> list[Path]:
    """Anything else under peerdesk's folders whose name carries the notebook's id."""
    found = []
    for root in paths.roots():
        for folder, dirs, names in os.walk(root):
            dirs.sort()
            for name in sorted(names):
                path = Path(folder) / name
                if notebook_id in name and path not in known:
                    found.append(path)
    return found


def _day(text: str) -> str:
    try:
        return datetime.fromisoformat(text).strftime("%d/%m/%Y")
    except ValueError:
        return "on an unknown day"


def _numbered(labels: list[str]) -> list[str]:
    """Tell apart two copies of one kind written on one day: "..., copy 2"."""
    seen: dict[str, int] = {}
    out = []
    for label in labels:
        seen[label] = seen.get(label, 0) + 1
        out.append(label if seen[label] == 1 else f"{label}, copy {seen[label]}")
    return out


def _changed(path: Path, sha256: str) -> bool:
    try:
        return sha256_of(path) != sha256
    except OSError:
        return False


def _outside(key: str, kind: Kind, label: str, path: Path, sha256: str, note: str,
             changed_note: str, **ids: int) -> Artefact:
    """A file outside peerdesk's folders (a copy written out, a file imported from), to be
    overwritten and deleted; noted when it changed since peerdesk saw it."""
    size = _size(path)
    changed = size is not None and _changed(path, sha256)
    return Artefact(key, kind, label, Action.OVERWRITE_DELETE, path=path, size=size,
                    present=size is not None, sha256=sha256, changed_since_written=changed,
                    note=" ".join(t for t in (note, changed_note if changed else "") if t),
                    **ids)  # type: ignore[arg-type]


def _originals(notebook: Notebook, known: set[Path],
               leave: Collection[int]) -> list[Artefact]:
    """The files the peer imported from, outside peerdesk: to delete, unless left."""
    from peerdesk.capture.originals import list_originals

    out: list[Artefact] = []
    labels = []
    records = [r for r in list_originals(notebook) if r.path not in known]
    for record in records:
        known.add(record.path)
        labels.append(record.label)
    for record, label in zip(records, _numbered(labels), strict=True):
        artefact = _outside(f"original-{record.id}", Kind.ORIGINAL, label, record.path,
                            record.sha256, f"In {record.path.parent}.",
                            "It has changed since it was imported, so it is left unless you "
                            "choose to delete it.", original_id=record.id)
        if artefact.present and (artefact.changed_since_written or record.id in leave):
            artefact = replace(artefact, action=Action.KEEP, keep_reason=LEFT_OUTSIDE)
        out.append(artefact)
    return out


def plan(library: Library, notebook: Notebook,
         keep: Mapping[int, str | None] | None = None,
         leave_originals: Collection[int] = ()) -> Inventory:
    """Build the inventory for the unlocked ``notebook``. Nothing is changed.

    ``keep`` maps a registered copy's id to the reason it is kept (or ``None`` to delete
    it); without it, a reason already recorded in the register keeps that copy. The files
    the peer imported from are deleted too, but those in ``leave_originals`` (and any that
    changed since) are left in their folders.
    """
    paths = library.paths
    notebook_id = notebook.id
    engagement = notebook.engagement()
    base = paths.notebook_file(notebook_id)
    try:
        present: bool | None = library.keystore.holds(notebook_id)
    except CredentialStoreUnavailableError:
        present = None
    artefacts: list[Artefact] = [Artefact(
        "credential", Kind.CREDENTIAL, "The notebook's key in the computer's credential store",
        Action.DELETE_KEY, present=present,
        note="" if present is not None else "The credential store cannot be reached now.")]
    files = [
        _file("keyfile", "The notebook's key file (passphrase-protected key)",
              paths.key_file(notebook_id), always=True),
        _file("notebook", "The encrypted notebook file", base, always=True),
        _file("wal", "The notebook's write-ahead log (-wal)", Path(f"{base}-wal"), always=True),
        _file("shm", "The notebook's shared-memory index (-shm)", Path(f"{base}-shm"),
              always=True),
        _file("journal", "The notebook's rollback journal (-journal)", Path(f"{base}-journal")),
        _file("lock", "The notebook's lock file", paths.lock_file(notebook_id), always=True),
    ]
    artefacts += [a for a in files if a is not None]
    known = {a.path for a in artefacts if a.path is not None}
    for number, path in enumerate(other_files(paths, notebook_id, known), start=1):
        other = _file(f"other-{number}", "Another file peerdesk wrote for this notebook", path)
        if other is not None:
            artefacts.append(replace(other, note=f"Named {path.name.replace(notebook_id, '…')}."))
    choices = dict(keep or {})
    records = list_exports(notebook)
    labels = _numbered([f"{EXPORT_KIND_LABELS.get(r.kind, 'File written out')} "
                        f"{_day(r.created_at)}" for r in records])
    for record, label in zip(records, labels, strict=True):
        key = f"{BUNDLE_KEYS.get(record.kind, 'export-')}{record.id}"
        artefact = _outside(key, Kind.EXPORT, label, record.path,
                            record.sha256, "", "It has changed since peerdesk wrote it.",
                            export_id=record.id)
        reason = choices.get(record.id, record.keep_reason)
        if reason is not None and artefact.present:
            artefact = _with_choice(artefact, reason)
        artefacts.append(artefact)
    artefacts += _originals(notebook, {a.path for a in artefacts if a.path is not None},
                            leave_originals)
    unknown = set(choices) - {a.export_id for a in artefacts}
    if unknown:
        raise ValidationError("There is no recorded copy numbered "
                              + ", ".join(str(n) for n in sorted(unknown)) + ".")
    mentions = Settings.load(paths).mentions(notebook_id)
    if mentions:
        artefacts.append(Artefact(
            "settings", Kind.SETTINGS, "Entries in peerdesk's settings that name this notebook",
            Action.CLEAR_ENTRIES, path=paths.settings_file, note=", ".join(mentions) + "."))
    return Inventory(notebook_id, engagement.title, engagement.my_name,
                     engagement.manager_name, engagement.manager_email, tuple(artefacts))
