"""Exporting the feedback slides and outline: build, check for anything attributable,
render in memory, then hand the bytes to the summary's one write-out path (which writes
the file and records the copy in the register).

Safe to run off the UI thread, like the summary's export: progress through a callback,
cancelled with a ``threading.Event``; nothing is written while a hit is unresolved.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from peerdesk.feedback.model import Built, Feedback, LeftOut, build_feedback
from peerdesk.feedback.template import SlideTemplate, notebook_template
from peerdesk.summary.attribution import Hit, unresolved
from peerdesk.summary.export import (
    ExportCancelledError,
    Progress,
    UnresolvedHitsError,
    target_for,
    write_out,
)
from peerdesk.vault.errors import ValidationError
from peerdesk.vault.exports import ExportRecord
from peerdesk.vault.notebook import Notebook

# format: (register kind, extension, name in words, what it is in a message)
FORMATS = {
    "pptx": ("feedback_slides", ".pptx", "PowerPoint slides", "the slides"),
    "outline": ("feedback_outline_docx", ".docx", "outline (Word)", "the outline"),
    "outline-txt": ("feedback_outline_txt", ".txt", "outline (plain text)", "the outline"),
}
FORMAT_NAMES = {fmt: value[2] for fmt, value in FORMATS.items()}
FILE_STEMS = {"pptx": "feedback-slides", "outline": "feedback-outline",
              "outline-txt": "feedback-outline"}


@dataclass(frozen=True)
class Prepared:
    """What the preview shows before anything is written."""

    feedback: Feedback
    left_out: LeftOut
    template: SlideTemplate
    hits: list[Hit]

    @property
    def ready(self) -> bool:
        return not self.hits


def check_format(fmt: str, path: Path | None = None) -> str:
    """The format's name; ``outline`` with a .txt file is the plain-text outline."""
    fmt = fmt.lower().lstrip(".")
    if fmt in ("docx", "outline-docx"):
        fmt = "outline"
    if fmt in ("txt", "text", "outline-text"):
        fmt = "outline-txt"
    if fmt not in FORMATS:
        raise ValidationError("Choose the slides (pptx) or the outline (outline, or "
                              "outline-txt for plain text).")
    if fmt == "outline" and path is not None and path.suffix.lower() == ".txt":
        fmt = "outline-txt"
    return fmt


def default_file_name(fmt: str, day: date) -> str:
    """A name that says what the file is and when, and nothing about anyone."""
    fmt = check_format(fmt)
    return f"{FILE_STEMS[fmt]}-{day.isoformat()}{FORMATS[fmt][1]}"


def build(notebook: Notebook, template: SlideTemplate | None = None) -> tuple[Built,
                                                                               SlideTemplate]:
    template = template or notebook_template(notebook)
    return build_feedback(notebook, template.texts), template


def prepare(notebook: Notebook, template: SlideTemplate | None = None) -> Prepared:
    """The presentation as it stands and the hits still to resolve, for the preview."""
    built, template = build(notebook, template)
    return Prepared(built.feedback, built.left_out, template,
                    unresolved(notebook, built.feedback))


def render(feedback: Feedback, fmt: str, template: SlideTemplate | None = None,
           progress: Callable[[float], None] | None = None) -> bytes:
    """The bytes of ``fmt``; no check, nothing written."""
    fmt = check_format(fmt)
    if fmt == "pptx":
        from peerdesk.feedback.pptx import render_pptx

        return render_pptx(feedback, template, progress)
    if fmt == "outline":
        from peerdesk.feedback.outline import render_outline_docx

        return render_outline_docx(feedback, progress)
    from peerdesk.feedback.outline import render_outline_text

    return render_outline_text(feedback).encode("utf-8")


def export_feedback(notebook: Notebook, fmt: str, path: Path,
                    progress: Progress | None = None, cancel: threading.Event | None = None,
                    template: SlideTemplate | None = None) -> ExportRecord:
    """Check, render and write the slides or the outline to ``path``; record the copy.

    Raises UnresolvedHitsError (listing the hits) and writes nothing while any hit is
    unresolved; ExportCancelledError if ``cancel`` is set before the file is written.
    """
    fmt = check_format(fmt, Path(path))
    kind, _suffix, name, what = FORMATS[fmt]

    def report(fraction: float, message: str) -> None:
        if cancel is not None and cancel.is_set():
            raise ExportCancelledError()
        if progress is not None:
            progress(fraction, message)

    report(0.0, "Gathering the findings the team agreed")
    built, template = build(notebook, template)
    report(0.1, "Checking for anything that could identify someone")
    hits = unresolved(notebook, built.feedback)
    if hits:
        raise UnresolvedHitsError(hits, what)
    making = f"Making the {name}"
    report(0.2, making)
    data = render(built.feedback, fmt, template, lambda f: report(0.2 + 0.7 * f, making))
    report(0.9, "Saving the file")
    target = target_for(Path(path), default_file_name(fmt, built.feedback.title.day))
    record = write_out(notebook, target, data, kind)
    if progress is not None:
        progress(1.0, "Saved")
    return record
