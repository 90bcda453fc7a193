"""The feedback presentation as an outline for the manager's report: a Word document
(python-docx) and plain text, with the same structure as the slides (not cut into
slides) and the speaker notes under each finding."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import UTC, datetime

from peerdesk.feedback.model import Feedback, SlideFinding
from peerdesk.feedback.wording import (
    NEXT_STEPS_TITLE,
    NO_FINDINGS,
    NOTES_CHALLENGE,
    NOTES_DETAIL,
    NOTES_SUPPORT,
    OUTLINE_TITLE,
    RECOMMENDATIONS_NOTE,
    RECOMMENDATIONS_TITLE,
    SUBTITLE,
)
from peerdesk.summary.office import neutral_properties, safe

Progress = Callable[[float], None]


def _notes(finding: SlideFinding) -> Iterator[tuple[str, str]]:
    """(label, text) for what sits under a finding: support, challenge, detail."""
    yield NOTES_SUPPORT, finding.support_note
    if finding.challenge:
        yield NOTES_CHALLENGE, finding.challenge
    if finding.detail:
        yield NOTES_DETAIL, finding.detail


def render_outline_text(feedback: Feedback) -> str:
    t = feedback.title
    lines = [OUTLINE_TITLE.upper(), t.marking.upper(), "", t.engagement_title]
    if t.client_system:
        lines.append(t.client_system)
    lines += [f"{SUBTITLE} · {t.date_text}", ""]
    if not feedback.charts:
        lines += [NO_FINDINGS, ""]
    for n, chart in enumerate(feedback.charts, start=1):
        heading = f"{n}. {chart.title}"
        lines += ["", heading, "=" * len(heading), ""]
        for group in chart.groups:
            lines += [group.heading, "-" * len(group.heading)]
            for finding in group.findings:
                lines.append(f"- {finding.headline}")
                for label, text in _notes(finding):
                    body = " ".join(text.split())
                    lines.append(f"    {label}: {body}")
            lines.append("")
    if feedback.themes:
        lines += ["", RECOMMENDATIONS_TITLE, "=" * len(RECOMMENDATIONS_TITLE), "",
                  RECOMMENDATIONS_NOTE, ""]
        for theme in feedback.themes:
            lines += [theme.title, "-" * len(theme.title)]
            lines += [f"- {r.text}" for r in theme.recommendations]
            lines.append("")
    if feedback.next_steps.lines:
        lines += ["", NEXT_STEPS_TITLE, "=" * len(NEXT_STEPS_TITLE), ""]
        lines += [f"- {line}" for line in feedback.next_steps.lines]
    lines += ["", f"-- {t.marking}"]
    text = "\n".join(lines)
    while "\n\n\n" in text:
        text = text.replace("\n\n\n", "\n\n")
    return text.strip() + "\n"


def render_outline_docx(feedback: Feedback, progress: Progress | None = None,
                        when: datetime | None = None) -> bytes:
    """The outline's bytes; ``when`` is the time the properties carry (default: now)."""
    from docx import Document
    from docx.shared import Pt

    from peerdesk.summary.docx import (
        MUTED,
        apply_styles,
        finished_bytes,
        page_setup,
    )

    doc = Document()
    neutral_properties(doc.core_properties, (when or datetime.now(UTC)).replace(microsecond=0),
                       title=OUTLINE_TITLE,
                       subject="The feedback presentation of a peer challenge, in outline",
                       keywords="peer challenge, feedback, outline, non-attributable")
    apply_styles(doc)
    t = feedback.title
    page_setup(doc, t.marking, OUTLINE_TITLE)
    doc.add_paragraph(safe(t.engagement_title), style="Title")
    for text in (t.client_system, f"{SUBTITLE} · {t.date_text}", t.marking):
        if text:
            run = doc.add_paragraph().add_run(safe(text))
            run.font.size = Pt(12)
            run.font.color.rgb = MUTED
    if not feedback.charts:
        doc.add_paragraph(NO_FINDINGS)
    total = max(1, len(feedback.findings))
    done = 0
    for n, chart in enumerate(feedback.charts, start=1):
        doc.add_heading(safe(f"{n}. {chart.title}"), level=1)
        for group in chart.groups:
            doc.add_heading(group.heading, level=2)
            for finding in group.findings:
                doc.add_paragraph(safe(finding.headline), style="List Bullet")
                for label, text in _notes(finding):
                    note = doc.add_paragraph(style="List Continue")
                    note.add_run(f"{label}: ").bold = True
                    note.add_run(safe(" ".join(text.split())))
                done += 1
                if progress is not None and done % 50 == 0:
                    progress(done / total)
    if feedback.themes:
        doc.add_heading(RECOMMENDATIONS_TITLE, level=1)
        doc.add_paragraph(RECOMMENDATIONS_NOTE)
        for theme in feedback.themes:
            doc.add_heading(safe(theme.title), level=2)
            for r in theme.recommendations:
                doc.add_paragraph(safe(r.text), style="List Bullet")
    if feedback.next_steps.lines:
        doc.add_heading(NEXT_STEPS_TITLE, level=1)
        for line in feedback.next_steps.lines:
            doc.add_paragraph(safe(line), style="List Bullet")
    return finished_bytes(doc, progress)
