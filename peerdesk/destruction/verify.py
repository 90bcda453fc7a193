"""After destruction, check for real, and record each check with its result.

A check passes only when what it looked for was seen to be gone. Anything that could
not be looked at (a credential store that cannot be reached, a file that cannot be
read) fails the check: peerdesk never reports as verified what it did not verify.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from peerdesk.destruction.certificate import plural, size_text
from peerdesk.destruction.journal import CheckEntry, Journal
from peerdesk.vault.errors import (
    CredentialStoreUnavailableError,
    NotebookNotFoundError,
    PeerdeskError,
)
from peerdesk.vault.files import stale, temporary_files
from peerdesk.vault.library import Library
from peerdesk.vault.paths import AppPaths
from peerdesk.vault.settings import Settings

SCAN_BLOCK = 1 << 20
FILE_KINDS = ("file",)


def _exists(path: Path) -> bool:
    try:
        os.lstat(path)
    except FileNotFoundError:
        return False
    except NotADirectoryError:
        return False
    return True


def _labels(journal: Journal, keys: Iterable[str]) -> str:
    return "; ".join(journal.step(k).label for k in keys)


def files_absent(journal: Journal) -> CheckEntry:
    keys = [s.key for s in journal.steps if s.kind in FILE_KINDS]
    left = [k for k in keys if _exists(Path(journal.secret.paths[k]))]
    if left:
        return CheckEntry("files_absent", "Every listed file of the notebook is gone", False,
                          f"Still there: {_labels(journal, left)}.",
                          "See the failed steps above for what stopped their deletion, put "
                          "that right, then try again.")
    return CheckEntry("files_absent", "Every listed file of the notebook is gone", True,
                      f"Looked for {plural(len(keys), 'file')}; none is there.")


def credential_gone(library: Library, notebook_id: str) -> CheckEntry:
    label = "The credential store no longer returns the key"
    try:
        holds = library.keystore.holds(notebook_id)
    except CredentialStoreUnavailableError:
        return CheckEntry("credential", label, False,
                          "The credential store could not be reached, so this was not verified.",
                          "Unlock or start the computer's credential store, then try again. "
                          "Until this passes, treat the key there as possibly still present.")
    if holds:
        return CheckEntry("credential", label, False,
                          "The credential store still returns the notebook's key.",
                          "Delete the peerdesk entry for this notebook in the computer's "
                          "credential manager, then try again.")
    return CheckEntry("credential", label, True,
                      "Asked the credential store for the key; it returned nothing.")


def keyfile_gone(journal: Journal) -> CheckEntry:
    label = "The key file is gone"
    path = journal.secret.paths.get("keyfile")
    if path is not None and _exists(Path(path)):
        return CheckEntry("keyfile", label, False, "The key file is still there.",
                          "See the failed step for the key file, put that right, then try again.")
    return CheckEntry("keyfile", label, True, "Looked for the key file; it is not there.")


def open_fails(library: Library, notebook_id: str) -> CheckEntry:
    label = "Opening the notebook now fails"
    try:
        notebook = library.open(notebook_id)
    except NotebookNotFoundError:
        return CheckEntry("open_fails", label, True,
                          "Tried to open the notebook; peerdesk found no such notebook.")
    except PeerdeskError as exc:
        return CheckEntry("open_fails", label, False,
                          f"The notebook file is still there (opening said: {exc.message})",
                          "See the failed steps for the notebook's files, then try again.")
    notebook.close()
    return CheckEntry("open_fails", label, False, "The notebook could still be opened.",
                      "Do not use it. Close peerdesk, start it again and try again.")


@dataclass
class ScanReport:
    files: int = 0
    size: int = 0
    found: list[Path] = field(default_factory=list)
    named: list[Path] = field(default_factory=list)
    unreadable: list[Path] = field(default_factory=list)


def markers(notebook_id: str, hashes: Iterable[str]) -> list[bytes]:
    """The byte patterns that would betray the notebook: its id and the copies' hashes,
    in lower and upper case, as ASCII and as UTF-16-LE."""
    out: set[bytes] = set()
    for text in (notebook_id, *hashes):
        for variant in (text.lower(), text.upper()):
            out.add(variant.encode("ascii"))
            out.add(variant.encode("utf-16-le"))
    return sorted(out)


def _contains(path: Path, pattern: re.Pattern[bytes], overlap: int) -> bool:
    tail = b""
    with path.open("rb") as handle:
        while block := handle.read(SCAN_BLOCK):
            if pattern.search(tail + block):
                return True
            tail = block[-overlap:] if overlap else b""
    return False


def scan(roots: Iterable[Path], notebook_id: str, hashes: Iterable[str]) -> ScanReport:
    """Read every regular file under ``roots`` looking for the markers, in contents and names."""
    found = markers(notebook_id, hashes)
    pattern = re.compile(b"|".join(re.escape(m) for m in found))
    overlap = max(len(m) for m in found) - 1
    report = ScanReport()
    for root in roots:
        if not root.exists():
            continue
        def unreadable(exc: OSError, root: Path = root) -> None:
            report.unreadable.append(Path(exc.filename or root))

        for folder, dirs, names in os.walk(root, onerror=unreadable):
            dirs.sort()
            for name in (*dirs, *names):
                if notebook_id.lower() in name.lower():
                    report.named.append(Path(folder) / name)
            for name in sorted(names):
                path = Path(folder) / name
                try:
                    if not path.is_file() or path.is_symlink():
                        continue
                    report.files += 1
                    report.size += path.stat().st_size
                    if _contains(path, pattern, overlap):
                        report.found.append(path)
                except OSError:
                    report.unreadable.append(path)
    return report


def _shown(paths: AppPaths, items: list[Path], notebook_id: str) -> str:
    def one(path: Path) -> str:
        for root in paths.roots():
            if path.is_relative_to(root):
                return str(path.relative_to(root.parent)).replace(notebook_id, "…")
        return str(path).replace(notebook_id, "…")

    return ", ".join(one(p) for p in items[:10]) + (" and more" if len(items) > 10 else "")


def no_marker(paths: AppPaths, journal: Journal) -> CheckEntry:
    label = "No file in peerdesk's folders holds the notebook's identifying marker"
    secret = journal.secret
    report = scan(paths.roots(), secret.notebook_id, secret.hashes.values())
    what = "the notebook's id (as plain text and as UTF-16)"
    if secret.hashes:
        what += (" and the fingerprints (SHA-256) of "
                 f"{plural(len(secret.hashes), 'file', 'files')} copied out of or into the "
                 "notebook")
    problems = []
    if report.found:
        problems.append(f"found in {len(report.found)} file(s): "
                        f"{_shown(paths, report.found, secret.notebook_id)}")
    if report.named:
        problems.append(f"{len(report.named)} name(s) still carry it: "
                        f"{_shown(paths, report.named, secret.notebook_id)}")
    if report.unreadable:
        problems.append(f"{len(report.unreadable)} file(s) could not be read: "
                        f"{_shown(paths, report.unreadable, secret.notebook_id)}")
    # Temporary files (an interrupted save or export) are looked for by name too: those of
    # this notebook or this destruction, and any whose process has gone.
    left = [p for p in temporary_files(paths.roots()) if p not in report.named
            and (journal.token in p.name or stale(p))]
    if left:
        problems.append(f"{len(left)} temporary file(s) are left: "
                        f"{_shown(paths, left, secret.notebook_id)}")
    if problems:
        searched = plural(report.files, "file")
        return CheckEntry("no_marker", label, False,
                          f"Searched {searched} for {what}; " + "; ".join(problems) + ".",
                          "Look at the files named, remove what refers to this notebook (or "
                          "make them readable), then try again.")
    return CheckEntry("no_marker", label, True,
                      f"Searched {plural(report.files, 'file')} ({size_text(report.size)}) in "
                      f"the data, settings and cache folders for {what}, and for "
                      "temporary files left by an interrupted save; none found.")


def _chosen_gone(journal: Journal, key: str, kind: str, label: str, nothing: str,
                 looked: str, words: tuple[str, str]) -> CheckEntry:
    """Every artefact of ``kind`` chosen for deletion is gone from where it was."""
    keys = [s.key for s in journal.steps if s.kind == kind and s.action != "keep"]
    left = [k for k in keys if _exists(Path(journal.secret.paths[k]))]
    if left:
        return CheckEntry(key, label, False, f"Still there: {_labels(journal, left)}.",
                          f"See the failed steps for those {words[1].split()[-1]}, put that "
                          "right, then try again.")
    if not keys:
        return CheckEntry(key, label, True, f"{nothing}; nothing to look for.")
    return CheckEntry(key, label, True, f"Looked for {plural(len(keys), *words)} {looked}")


def exports_deleted(journal: Journal) -> CheckEntry:
    return _chosen_gone(journal, "exports_deleted", "export",
                        "The copies chosen for deletion are gone",
                        "No recorded copy was to be deleted",
                        "where peerdesk wrote them; none is there.",
                        ("recorded copy", "recorded copies"))


def originals_deleted(journal: Journal) -> CheckEntry:
    return _chosen_gone(journal, "originals_deleted", "original",
                        "The imported files chosen for deletion are gone from their folders",
                        "No imported file was to be deleted",
                        "where the peer had imported them from; none is there.",
                        ("file", "files"))


def settings_clear(paths: AppPaths, notebook_id: str) -> CheckEntry:
    label = "No peerdesk setting names the notebook"
    mentions = Settings.load(paths).mentions(notebook_id)
    if mentions:
        return CheckEntry("settings", label, False, "Still named in: " + ", ".join(mentions)
                          + ".", "Try again; if it still fails, check the settings folder can "
                          "be written to.")
    return CheckEntry("settings", label, True, "Read the settings back; none names it.")


CHECK_KEYS = ("files_absent", "credential", "keyfile", "open_fails", "exports_deleted",
              "originals_deleted", "settings", "no_marker")


def run_checks(library: Library, journal: Journal) -> Iterator[CheckEntry]:
    """Every check, in order, one at a time (so progress can be shown between them)."""
    notebook_id = journal.secret.notebook_id
    yield files_absent(journal)
    yield credential_gone(library, notebook_id)
    yield keyfile_gone(journal)
    yield open_fails(library, notebook_id)
    yield exports_deleted(journal)
    yield originals_deleted(journal)
    yield settings_clear(library.paths, notebook_id)
    yield no_marker(library.paths, journal)
