"""The summary as a Word document the manager can edit (python-docx).

Headings use Word's own heading styles, so the navigation pane and a table of contents
work; the document properties name nobody.
"""

from __future__ import annotations

import io
from collections.abc import Callable
from datetime import UTC, datetime

from docx import Document
from docx.document import Document as DocxDocument
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt, RGBColor
from docx.text.paragraph import Paragraph

from peerdesk.summary.clean_text import xml_safe
from peerdesk.summary.model import Summary
from peerdesk.summary.wording import (
    DOCUMENT_TITLE,
    HEADINGS,
    NO_FINDINGS,
    NO_RECOMMENDATIONS,
    NO_SIGNPOSTING,
    READING_NOTE,
    RECOMMENDATIONS_NOTE,
)

Progress = Callable[[float], None]

KIND_COLOURS = {
    "strength": RGBColor(0x1F, 0x6B, 0x3A),
    "area_to_explore": RGBColor(0x8A, 0x4B, 0x00),
    "suggestion": RGBColor(0x1D, 0x4E, 0x89),
}
MUTED = RGBColor(0x4A, 0x55, 0x60)


def _neutral_properties(doc: DocxDocument, when: datetime) -> None:
    """python-docx leaves "python-docx" as the author and old dates: overwrite them all."""
    props = doc.core_properties
    props.author = ""
    props.last_modified_by = ""
    props.title = DOCUMENT_TITLE
    props.subject = "Findings from a peer challenge, for the peer challenge manager"
    props.keywords = "peer challenge, summary, non-attributable"
    props.comments = ""
    props.category = ""
    props.content_status = ""
    props.identifier = ""
    props.language = "en-GB"
    props.version = ""
    props.revision = 1
    props.created = when
    props.modified = when
    props.last_printed = when


def _field(paragraph: Paragraph, instruction: str) -> None:
    """A Word field (PAGE, NUMPAGES) that Word fills in when it lays out the pages."""
    field = OxmlElement("w:fldSimple")
    field.set(qn("w:instr"), instruction)
    run = OxmlElement("w:r")
    placeholder = OxmlElement("w:t")
    placeholder.text = "1"
    run.append(placeholder)
    field.append(run)
    paragraph._p.append(field)


def _page_setup(doc: DocxDocument, marking: str) -> None:
    section = doc.sections[0]
    section.page_width, section.page_height = Mm(210), Mm(297)
    for side in ("left_margin", "right_margin", "top_margin", "bottom_margin"):
        setattr(section, side, Mm(20))
    normal = doc.styles["Normal"]
    normal.font.size = Pt(10.5)
    r_pr = normal.element.get_or_add_rPr()
    lang = OxmlElement("w:lang")
    lang.set(qn("w:val"), "en-GB")
    r_pr.append(lang)
    doc.styles["Footer"].font.size = Pt(8)
    footer = section.footer.paragraphs[0]
    footer.text = f"{marking}    Page "
    _field(footer, "PAGE")
    footer.add_run(" of ")
    _field(footer, "NUMPAGES")


def _cover(doc: DocxDocument, summary: Summary) -> None:
    c = summary.cover
    marking = doc.add_paragraph()
    marking.alignment = WD_ALIGN_PARAGRAPH.CENTER
    run = marking.add_run(c.marking)
    run.bold = True
    kicker = doc.add_paragraph()
    kicker_run = kicker.add_run(DOCUMENT_TITLE.upper())
    kicker_run.bold = True
    kicker_run.font.color.rgb = KIND_COLOURS["suggestion"]
    doc.add_heading(c.engagement_title, level=0)
    if c.client_system:
        client = doc.add_paragraph().add_run(c.client_system)
        client.font.size = Pt(14)
        client.font.color.rgb = MUTED
    rows = summary.cover_rows
    table = doc.add_table(rows=len(rows), cols=2)
    table.style = "Table Grid"
    for row, (label, value) in zip(table.rows, rows, strict=True):
        row.cells[0].text = label
        row.cells[0].paragraphs[0].runs[0].bold = True
        row.cells[1].text = value

    doc.add_heading(HEADINGS["method"], level=1)
    figures = summary.method.lines()
    table = doc.add_table(rows=len(figures), cols=2)
    table.style = "Table Grid"
    for row, (label, n) in zip(table.rows, figures, strict=True):
        row.cells[0].text = label
        row.cells[1].text = str(n)

    doc.add_heading(HEADINGS["key"], level=1)
    doc.add_paragraph(READING_NOTE)
    for label, meaning in summary.label_key:
        item = doc.add_paragraph(style="List Bullet")
        item.add_run(label).bold = True
        item.add_run(f": {meaning}")


def _findings(doc: DocxDocument, summary: Summary, progress: Progress | None) -> None:
    doc.add_page_break()  # type: ignore[no-untyped-call]
    doc.add_heading(HEADINGS["findings"], level=1)
    total = max(1, len(summary.findings))
    done = 0
    for number, section, findings in summary.numbered():
        doc.add_heading(f"{number}. {section.title}", level=2)
        if section.question:
            question = doc.add_paragraph().add_run(section.question)
            question.italic = True
            question.font.color.rgb = MUTED
        if not findings:
            doc.add_paragraph(NO_FINDINGS)
        for label, f in findings:
            doc.add_heading(f"{label} {f.headline}", level=3)
            meta = doc.add_paragraph()
            kind = meta.add_run(f.kind_text)
            kind.bold = True
            kind.font.color.rgb = KIND_COLOURS.get(f.kind, MUTED)
            rest = f" · {f.label_text} · Support: {f.support_text}"
            if f.challenges:
                rest += f" · {f.challenge_text}"
            meta.add_run(rest).font.color.rgb = MUTED
            if f.detail:
                doc.add_paragraph(f.detail)
            done += 1
            if progress is not None and done % 50 == 0:
                progress(done / total)


def _closing(doc: DocxDocument, summary: Summary) -> None:
    doc.add_heading(HEADINGS["recommendations"], level=1)
    if summary.recommendations:
        doc.add_paragraph(RECOMMENDATIONS_NOTE)
        for r in summary.recommendations:
            doc.add_paragraph(r.text, style="List Bullet")
    else:
        doc.add_paragraph(NO_RECOMMENDATIONS)
    doc.add_heading(HEADINGS["signposting"], level=1)
    if not summary.signposting:
        doc.add_paragraph(NO_SIGNPOSTING)
    for heading, items in summary.signposts_by_kind():
        doc.add_heading(heading, level=2)
        for p in items:
            item = doc.add_paragraph(p.text, style="List Bullet")
            if p.chart_title:
                item.add_run(f" ({p.chart_title})").font.color.rgb = MUTED


def render_docx(summary: Summary, progress: Progress | None = None,
                when: datetime | None = None) -> bytes:
    """The DOCX's bytes; ``when`` is the time the properties carry (default: now)."""
    summary = xml_safe(summary)  # a control character pasted in would stop python-docx
    doc = Document()
    _neutral_properties(doc, (when or datetime.now(UTC)).replace(microsecond=0))
    _page_setup(doc, summary.cover.marking)
    _cover(doc, summary)
    _findings(doc, summary, progress)
    _closing(doc, summary)
    buffer = io.BytesIO()
    doc.save(buffer)
    if progress is not None:
        progress(1.0)
    return buffer.getvalue()
