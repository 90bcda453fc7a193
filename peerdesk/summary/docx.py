"""The summary as a Word document the manager can work in (python-docx).

- Word's own styles: Title, Heading 1-3, List Bullet, Caption; so the navigation pane,
  outline view and the table of contents work, and the manager can restyle it at once.
- A table of contents field (Word fills in the page numbers when fields are updated; it is
  written already filled in with the headings, so it reads well before that).
- The protective marking in the header and the footer of every page, and "Page N of M"
  (PAGE and NUMPAGES fields).
- Findings as headings that read on their own ("1.2  Partners tell one story"), with
  kind, support and detail below.
- Properties and extended properties that name no person, no machine, no program.
- Text with control characters removed (Word refuses them; the model removes them
  already, this is the last defence).
"""

from __future__ import annotations

import io
import re
from collections.abc import Callable
from datetime import UTC, datetime

from docx import Document
from docx.document import Document as DocxDocument
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.oxml.xmlchemy import BaseOxmlElement
from docx.shared import Mm, Pt, RGBColor
from docx.text.paragraph import Paragraph

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

INK = RGBColor(0x1B, 0x1F, 0x24)
ACCENT = RGBColor(0x1D, 0x4E, 0x89)
MUTED = RGBColor(0x4A, 0x55, 0x60)
KIND_COLOURS = {
    "strength": RGBColor(0x1F, 0x6B, 0x3A),
    "area_to_explore": RGBColor(0x8A, 0x4B, 0x00),
    "suggestion": ACCENT,
}
CONTENTS = "Contents"
_XML_ILLEGAL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ufffe\uffff\ud800-\udfff]")
_TOC = 'TOC \\o "1-3" \\h \\z \\u'


def safe(text: str) -> str:
    """Text Word accepts: no control characters (tabs and line breaks are kept)."""
    return _XML_ILLEGAL.sub("", text)


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


def _field(paragraph: Paragraph, instruction: str, shown: str = "1") -> None:
    """A complex field (PAGE, NUMPAGES, TOC) that Word and LibreOffice fill in when they
    lay the pages out; ``shown`` is what it says until then."""
    def run_with(child: BaseOxmlElement) -> None:
        run = OxmlElement("w:r")
        run.append(child)
        paragraph._p.append(run)

    begin = OxmlElement("w:fldChar")
    begin.set(qn("w:fldCharType"), "begin")
    begin.set(qn("w:dirty"), "true")
    run_with(begin)
    instr = OxmlElement("w:instrText")
    instr.set(qn("xml:space"), "preserve")
    instr.text = f" {instruction} "
    run_with(instr)
    separate = OxmlElement("w:fldChar")
    separate.set(qn("w:fldCharType"), "separate")
    run_with(separate)
    text = OxmlElement("w:t")
    text.text = shown
    run_with(text)
    end = OxmlElement("w:fldChar")
    end.set(qn("w:fldCharType"), "end")
    run_with(end)


def _styles(doc: DocxDocument) -> None:
    normal = doc.styles["Normal"]
    normal.font.name = "Calibri"
    normal.font.size = Pt(10.5)
    normal.font.color.rgb = INK
    r_pr = normal.element.get_or_add_rPr()
    lang = OxmlElement("w:lang")
    lang.set(qn("w:val"), "en-GB")
    r_pr.append(lang)
    normal.paragraph_format.space_after = Pt(6)
    for name, size, colour, before in (("Title", 24, INK, 0), ("Heading 1", 16, ACCENT, 18),
                                       ("Heading 2", 13, INK, 14), ("Heading 3", 11, INK, 10)):
        style = doc.styles[name]
        style.font.name = "Calibri"
        style.font.size = Pt(size)
        style.font.color.rgb = colour
        style.font.bold = name != "Title"
        style.paragraph_format.space_before = Pt(before)
        style.paragraph_format.space_after = Pt(4)
        style.paragraph_format.keep_with_next = True
    doc.styles["Heading 3"].font.italic = False
    for level in (1, 2):
        name = f"TOC {level}"
        if name not in [s.name for s in doc.styles]:
            toc = doc.styles.add_style(name, WD_STYLE_TYPE.PARAGRAPH)
            toc.base_style = doc.styles["Normal"]
            toc.paragraph_format.left_indent = Mm(6 * (level - 1))
            toc.paragraph_format.space_after = Pt(2)
    for name in ("Header", "Footer"):
        doc.styles[name].font.size = Pt(8)
        doc.styles[name].font.color.rgb = MUTED


def _page_setup(doc: DocxDocument, marking: str) -> None:
    section = doc.sections[0]
    section.page_width, section.page_height = Mm(210), Mm(297)
    for side in ("left_margin", "right_margin", "top_margin", "bottom_margin"):
        setattr(section, side, Mm(20))
    header = section.header.paragraphs[0]
    header.text = f"{marking}  ·  {DOCUMENT_TITLE}"
    header.alignment = WD_ALIGN_PARAGRAPH.CENTER
    footer = section.footer.paragraphs[0]
    footer.text = f"{marking}    Page "
    _field(footer, "PAGE")
    footer.add_run(" of ")
    _field(footer, "NUMPAGES")


def _table(doc: DocxDocument, rows: list[tuple[str, str]]) -> None:
    table = doc.add_table(rows=len(rows), cols=2)
    table.style = "Table Grid"
    for row, (label, value) in zip(table.rows, rows, strict=True):
        row.cells[0].text = safe(label)
        row.cells[0].paragraphs[0].runs[0].bold = True
        row.cells[1].text = safe(value)


def _contents(doc: DocxDocument, summary: Summary) -> None:
    """A table of contents field, written already filled in with the headings."""
    doc.add_paragraph(CONTENTS, style="TOC Heading")
    lines = [(1, HEADINGS["method"]), (1, HEADINGS["key"]), (1, HEADINGS["findings"])]
    lines += [(2, safe(f"{n}. {s.title}")) for n, s, _f in summary.numbered()]
    lines += [(1, HEADINGS["recommendations"]), (1, HEADINGS["signposting"])]
    first = doc.add_paragraph(style="TOC 1")
    _field(first, _TOC, lines[0][1])
    # The field's result runs on over the next paragraphs: move its end after the last.
    end = first._p.getchildren()[-1]
    first._p.remove(end)
    last = first
    for level, text in lines[1:]:
        last = doc.add_paragraph(text, style=f"TOC {level}")
    last._p.append(end)


def _cover(doc: DocxDocument, summary: Summary) -> None:
    c = summary.cover
    marking = doc.add_paragraph()
    marking.alignment = WD_ALIGN_PARAGRAPH.CENTER
    run = marking.add_run(c.marking.upper())
    run.bold = True
    kicker = doc.add_paragraph()
    kicker_run = kicker.add_run(DOCUMENT_TITLE.upper())
    kicker_run.bold = True
    kicker_run.font.color.rgb = ACCENT
    doc.add_paragraph(safe(c.engagement_title), style="Title")
    if c.client_system:
        client = doc.add_paragraph().add_run(safe(c.client_system))
        client.font.size = Pt(14)
        client.font.color.rgb = MUTED
    _table(doc, summary.cover_rows)
    _contents(doc, summary)
    doc.add_page_break()  # type: ignore[no-untyped-call]
    doc.add_heading(HEADINGS["method"], level=1)
    _table(doc, [(label, str(n)) for label, n in summary.method.lines()])
    note = doc.add_paragraph(style="Caption")
    note.add_run(summary.method.counted).font.color.rgb = MUTED
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
        doc.add_heading(safe(f"{number}. {section.title}"), level=2)
        if section.question:
            question = doc.add_paragraph().add_run(safe(section.question))
            question.italic = True
            question.font.color.rgb = MUTED
        if not findings:
            doc.add_paragraph(NO_FINDINGS)
        for label, f in findings:
            doc.add_heading(safe(f"{label}  {f.headline}"), level=3)
            meta = doc.add_paragraph()
            meta.paragraph_format.keep_with_next = bool(f.detail)
            kind = meta.add_run(f.kind_text)
            kind.bold = True
            kind.font.color.rgb = KIND_COLOURS.get(f.kind, MUTED)
            rest = f" · {f.label_text} · Support: {f.support_text}"
            if f.challenges:
                rest += f" · {f.challenge_text}"
            meta.add_run(rest).font.color.rgb = MUTED
            for part in safe(f.detail).split("\n\n") if f.detail else ():
                doc.add_paragraph(part.strip())
            done += 1
            if progress is not None and done % 50 == 0:
                progress(done / total)


def _closing(doc: DocxDocument, summary: Summary) -> None:
    doc.add_heading(HEADINGS["recommendations"], level=1)
    if summary.recommendations:
        doc.add_paragraph(RECOMMENDATIONS_NOTE)
        for r in summary.recommendations:
            doc.add_paragraph(safe(r.text), style="List Bullet")
    else:
        doc.add_paragraph(NO_RECOMMENDATIONS)
    doc.add_heading(HEADINGS["signposting"], level=1)
    if not summary.signposting:
        doc.add_paragraph(NO_SIGNPOSTING)
    for heading, items in summary.signposts_by_kind():
        doc.add_heading(heading, level=2)
        for p in items:
            item = doc.add_paragraph(safe(p.text), style="List Bullet")
            if p.chart_title:
                item.add_run(f" ({safe(p.chart_title)})").font.color.rgb = MUTED


def _neutral_package(doc: DocxDocument) -> None:
    """The extended properties python-docx's template brings name a program and carry a
    stock thumbnail: say only what the document is."""
    package = doc.part.package
    for rel in list(package.rels.values()):
        if rel.reltype.endswith("/thumbnail"):
            package.rels.pop(rel.rId)
    for part in package.iter_parts():
        if str(part.partname) == "/docProps/app.xml":
            xml = part.blob.decode("utf-8")
            xml = re.sub(r"<Application>[^<]*</Application>",
                         "<Application>peerdesk</Application>", xml)
            xml = re.sub(r"<Template>[^<]*</Template>", "<Template/>", xml)
            part._blob = xml.encode("utf-8")


def _settings(doc: DocxDocument) -> None:
    """Ask Word to update the fields (the contents' page numbers) on opening; UK English;
    no preview picture."""
    settings = doc.settings.element
    update = OxmlElement("w:updateFields")
    update.set(qn("w:val"), "true")
    compat = settings.find(qn("w:compat"))
    if compat is not None:
        compat.addprevious(update)   # the schema's order: before compat
    else:
        settings.append(update)
    for child in settings.findall(qn("w:savePreviewPicture")):
        settings.remove(child)
    for lang in settings.findall(qn("w:themeFontLang")):
        lang.set(qn("w:val"), "en-GB")


def render_docx(summary: Summary, progress: Progress | None = None,
                when: datetime | None = None) -> bytes:
    """The DOCX's bytes; ``when`` is the time the properties carry (default: now)."""
    doc = Document()
    _neutral_properties(doc, (when or datetime.now(UTC)).replace(microsecond=0))
    _styles(doc)
    _page_setup(doc, summary.cover.marking)
    _cover(doc, summary)
    _findings(doc, summary, progress)
    _closing(doc, summary)
    _neutral_package(doc)
    _settings(doc)
    buffer = io.BytesIO()
    doc.save(buffer)
    if progress is not None:
        progress(1.0)
    return buffer.getvalue()
