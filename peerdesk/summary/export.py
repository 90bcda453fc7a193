"""Exporting the summary: build, check for anything attributable, render, write, record.

Safe to run off the UI thread: it reports progress through a callback and can be
cancelled with a ``threading.Event``. Nothing is written while a hit is unresolved, and
every file that is written goes into the register of copies.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from peerdesk.summary.attribution import Hit, unresolved
from peerdesk.summary.model import Summary, build_summary
from peerdesk.vault.errors import PeerdeskError, ValidationError
from peerdesk.vault.exports import ExportRecord, write_export
from peerdesk.vault.notebook import Notebook

FORMATS = {"pdf": ("summary_pdf", ".pdf"), "docx": ("summary_docx", ".docx"),
           "txt": ("summary_txt", ".txt")}
FORMAT_NAMES = {"pdf": "PDF", "docx": "Word document", "txt": "plain text"}

Progress = Callable[[float, str], None]
"""Told the fraction done (0 to 1) and what is happening, in plain words."""


class UnresolvedHitsError(PeerdeskError):
    """The check found something that could identify a person, and the peer has not
    edited it away or accepted it."""

    def __init__(self, hits: list[Hit], what: str = "the summary") -> None:
        self.hits = hits
        count = len(hits)
        things = "thing" if count == 1 else "things"
        super().__init__(
            f"Nothing was saved: {what} still {'have' if what.endswith('s') else 'has'} "
            f"{count} {things} that could identify someone. Edit each one, or mark it as not "
            "attributable, then export again.")


class ExportCancelledError(PeerdeskError):
    default_message = "The export was stopped. Nothing was saved."


@dataclass(frozen=True)
class Prepared:
    """What the preview shows before anything is written."""

    summary: Summary
    hits: list[Hit]

    @property
    def ready(self) -> bool:
        return not self.hits


def check_format(fmt: str) -> str:
    fmt = fmt.lower().lstrip(".")
    if fmt not in FORMATS:
        raise ValidationError("Choose PDF, DOCX or TXT for the summary.")
    return fmt


def default_file_name(fmt: str, day: date) -> str:
    """A name that says what the file is and when, and nothing about anyone."""
    return f"peer-summary-{day.isoformat()}{FORMATS[check_format(fmt)][1]}"


def prepare(notebook: Notebook) -> Prepared:
    """The summary as it stands and the hits still to resolve, for the preview."""
    summary = build_summary(notebook)
    return Prepared(summary, unresolved(notebook, summary))


def render(summary: Summary, fmt: str,
           progress: Callable[[float], None] | None = None) -> bytes:
    """The bytes of the summary in ``fmt``; no check, nothing written (e.g. a preview)."""
    fmt = check_format(fmt)
    if fmt == "pdf":
        from peerdesk.summary.pdf import render_pdf

        return render_pdf(summary, progress)
    if fmt == "docx":
        from peerdesk.summary.docx import render_docx

        return render_docx(summary, progress, when=None)
    from peerdesk.summary.text import render_text

    data = render_text(summary).encode("utf-8")
    if progress is not None:
        progress(1.0)
    return data


def target_path(path: Path, fmt: str, day: date) -> Path:
    return target_for(path, default_file_name(fmt, day))


def target_for(path: Path, default_name: str) -> Path:
    """A folder gets the default file name; a name without an extension gets the default
    name's."""
    if path.is_dir():
        return path / default_name
    if not path.suffix:
        return path.with_name(path.name + Path(default_name).suffix)
    return path


def export_summary(notebook: Notebook, fmt: str, path: Path,
                   progress: Progress | None = None,
                   cancel: threading.Event | None = None) -> ExportRecord:
    """Check, render and write the summary to ``path``; record the copy.

    Raises UnresolvedHitsError (listing the hits) and writes nothing while any hit is
    unresolved; ExportCancelledError if ``cancel`` is set before the file is written.
    """
    fmt = check_format(fmt)

    def report(fraction: float, message: str) -> None:
        if cancel is not None and cancel.is_set():
            raise ExportCancelledError()
        if progress is not None:
            progress(fraction, message)

    report(0.0, "Gathering the chosen findings")
    summary = build_summary(notebook)
    report(0.1, "Checking for anything that could identify someone")
    hits = unresolved(notebook, summary)
    if hits:
        raise UnresolvedHitsError(hits)
    making = f"Making the {FORMAT_NAMES[fmt]}"
    report(0.2, making)
    data = render(summary, fmt, lambda f: report(0.2 + 0.7 * f, making))
    report(0.9, "Saving the file")
    kind = FORMATS[fmt][0]
    record = write_out(notebook, target_path(Path(path), fmt, summary.cover.day), data, kind)
    if progress is not None:
        progress(1.0, "Saved")
    return record


def write_out(notebook: Notebook, path: Path, data: bytes, kind: str) -> ExportRecord:
    """Write an export's bytes (made in memory, after the attribution check) to ``path``
    and record the copy in the register. Every export goes through here: the summary's
    formats and the feedback slides and outline alike."""
    return write_export(notebook, path, data, kind)
