"""The summary as a PDF (reportlab platypus): A4, embedded DejaVu fonts, page numbers,
headings as bookmarks, and metadata that names nobody."""

from __future__ import annotations

import io
from collections.abc import Callable
from typing import Any
from xml.sax.saxutils import escape

from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import (
    BaseDocTemplate,
    Flowable,
    Frame,
    NextPageTemplate,
    PageBreak,
    PageTemplate,
    Paragraph,
    Spacer,
    Table,
    TableStyle,
)

from peerdesk.summary.fonts import register_fonts
from peerdesk.summary.model import Summary
from peerdesk.summary.wording import (
    DOCUMENT_TITLE,
    HEADINGS,
    MARKING,
    NO_FINDINGS,
    NO_RECOMMENDATIONS,
    NO_SIGNPOSTING,
    READING_NOTE,
    RECOMMENDATIONS_NOTE,
)

Progress = Callable[[float], None]

METADATA: dict[str, Any] = {
    "title": DOCUMENT_TITLE,
    "author": "",
    "subject": "Findings from a peer challenge, for the peer challenge manager",
    "keywords": "peer challenge, summary, non-attributable",
    "creator": "peerdesk",
    "producer": "peerdesk",
}
INK = colors.HexColor("#1b1f24")
MUTED = colors.HexColor("#4a5560")
ACCENT = colors.HexColor("#1d4e89")
RULE_GREY = colors.HexColor("#c9d1da")
PANEL = colors.HexColor("#eef3f8")
KIND_COLOURS = {
    "strength": colors.HexColor("#1f6b3a"),
    "area_to_explore": colors.HexColor("#8a4b00"),
    "suggestion": colors.HexColor("#1d4e89"),
}
MARGIN = 20 * mm


def _styles() -> dict[str, ParagraphStyle]:
    regular, bold = register_fonts()
    base = ParagraphStyle("body", fontName=regular, bulletFontName=regular, fontSize=10,
                          leading=14, textColor=INK)

    def style(name: str, **kw: Any) -> ParagraphStyle:
        return ParagraphStyle(name, parent=base, **kw)

    return {
        "body": base,
        "small": style("small", fontSize=8.5, leading=11, textColor=MUTED),
        "kicker": style("kicker", fontName=bold, fontSize=10, leading=13, textColor=ACCENT),
        "title": style("title", fontName=bold, fontSize=24, leading=30, spaceBefore=4,
                       spaceAfter=6),
        "client": style("client", fontSize=14, leading=18, textColor=MUTED, spaceAfter=14),
        "marking": style("marking", fontName=bold, fontSize=10, leading=13,
                         textColor=colors.white, alignment=TA_CENTER),
        "h1": style("h1", fontName=bold, fontSize=15, leading=19, textColor=ACCENT,
                    spaceBefore=14, spaceAfter=4, keepWithNext=1),
        "h2": style("h2", fontName=bold, fontSize=12, leading=15, spaceBefore=8,
                    spaceAfter=3, keepWithNext=1),
        "question": style("question", textColor=MUTED, spaceAfter=6, keepWithNext=1),
        "headline": style("headline", fontName=bold, fontSize=10.5, leading=14),
        "meta": style("meta", fontSize=8.5, leading=12, textColor=MUTED),
        **{f"meta_{kind}": style(f"meta_{kind}", fontSize=8.5, leading=12, textColor=colour)
           for kind, colour in KIND_COLOURS.items()},
        "detail": style("detail", spaceBefore=2, allowOrphans=0, allowWidows=0),
        "bullet": style("bullet", leftIndent=12, bulletIndent=2, spaceBefore=2),
        "figure": style("figure", fontName=bold, fontSize=20, leading=24, textColor=ACCENT,
                        alignment=TA_CENTER),
        "figure_label": style("figure_label", fontSize=8.5, leading=11, textColor=MUTED,
                              alignment=TA_CENTER),
        "cell": style("cell", fontSize=9.5, leading=12.5),
        "cell_bold": style("cell_bold", fontName=bold, fontSize=9.5, leading=12.5),
    }


def _table_style(commands: list[Any]) -> TableStyle:
    """Table cells default to Helvetica, which is not embedded: name the font."""
    return TableStyle([("FONTNAME", (0, 0), (-1, -1), register_fonts()[0]), *commands])


def _text(value: str) -> str:
    """Plain text as safe paragraph markup; line breaks kept."""
    return escape(value).replace("\n", "<br/>")


class _Heading(Paragraph):  # type: ignore[misc]
    """A paragraph that also becomes a bookmark in the PDF's outline."""

    def __init__(self, text: str | None, style: ParagraphStyle, level: int = 0, key: str = "",
                 **kwargs: Any) -> None:
        # reportlab splits a paragraph taller than the page by calling the class again with
        # ``text=None`` and the pieces: those pieces carry no bookmark.
        super().__init__(None if text is None else _text(text), style, **kwargs)
        self.outline = (text, level, key) if text is not None and key else None


class _Finding(Flowable):  # type: ignore[misc]
    """A finding's headline, kind-and-support line and detail, kept together.

    Plain paragraphs (no inline markup) take reportlab's fast path; each is wrapped
    once per width. Only the detail may run on to the next page, and only when the
    headline, its support line and two lines of detail fit here.
    """

    spaceBefore = 9
    step = True
    GAPS = (0.0, 1.0, 3.0)  # above the headline, the support line and the detail

    def __init__(self, parts: list[Paragraph]) -> None:
        super().__init__()
        self.parts = parts
        self._wrapped_at: float | None = None
        self._heights: list[float] = []

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        if self._wrapped_at != avail_width:
            self._heights = [p.wrap(avail_width, avail_height)[1] for p in self.parts]
            self._wrapped_at = avail_width
        self.width = avail_width
        self.height = sum(self._heights) + sum(self.GAPS[:len(self.parts)])
        return self.width, self.height

    def draw(self) -> None:
        y = self.height
        for part, height, gap in zip(self.parts, self._heights, self.GAPS, strict=False):
            y -= height + gap
            part.drawOn(self.canv, 0, y)

    def split(self, avail_width: float, avail_height: float) -> list[Flowable]:
        self.wrap(avail_width, avail_height)
        if self.height > FRAME_HEIGHT:
            return self._split_anywhere(avail_width, avail_height)
        if len(self.parts) < 3:
            return []
        head = sum(self._heights[:2]) + sum(self.GAPS)
        detail = self.parts[2]
        if avail_height < head + 2 * detail.style.leading:
            return []
        pieces = detail.split(avail_width, avail_height - head)
        if len(pieces) < 2:
            return []
        rest = pieces[1:]
        for piece in rest:
            piece.spaceBefore = 0
        return [_Finding([*self.parts[:2], pieces[0]]), *rest]

    def _split_anywhere(self, avail_width: float, avail_height: float) -> list[Flowable]:
        """A finding taller than a whole page (a headline of many paragraphs, say) cannot
        be kept together: fill this page, then run on as plain paragraphs."""
        used = 0.0
        for index, (part, height, gap) in enumerate(zip(self.parts, self._heights, self.GAPS,
                                                         strict=False)):
            if used + gap + height <= avail_height:
                used += gap + height
                continue
            pieces = part.split(avail_width, avail_height - used - gap)
            kept = self.parts[:index] + pieces[:1]
            if not kept:
                return []
            rest = pieces[1:] if pieces else [part]
            for n, later in enumerate(self.parts[index + 1:], start=index + 1):
                later.spaceBefore = self.GAPS[n]
                rest.append(later)
            return [_Finding(kept), *rest]
        return []


class _NumberedCanvas(Canvas):  # type: ignore[misc]
    """Holds pages back until the end so each can say "Page N of M"."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._saved: list[dict[str, Any]] = []

    def showPage(self) -> None:
        self._saved.append(dict(self.__dict__))
        self._startPage()

    def save(self) -> None:
        total = len(self._saved)
        regular, _bold = register_fonts()
        for state in self._saved:
            self.__dict__.update(state)
            self.setFont(regular, 8)
            self.setFillColor(MUTED)
            self.drawRightString(A4[0] - MARGIN, 10 * mm,
                                 f"Page {self._pageNumber} of {total}")
            self.drawString(MARGIN, 10 * mm, MARKING)
            super().showPage()
        super().save()


FRAME_HEIGHT = A4[1] - MARGIN - 18 * mm
"""The height of the one frame on every page: a finding taller than this must be split."""


class _Document(BaseDocTemplate):  # type: ignore[misc]
    def __init__(self, buffer: io.BytesIO, steps: int, progress: Progress | None) -> None:
        super().__init__(buffer, pagesize=A4, leftMargin=MARGIN, rightMargin=MARGIN,
                         topMargin=MARGIN, bottomMargin=18 * mm, lang="en-GB",
                         displayDocTitle=1, initialFontName=register_fonts()[0],
                         **METADATA)
        frame = Frame(MARGIN, 18 * mm, A4[0] - 2 * MARGIN, FRAME_HEIGHT,
                      id="main", leftPadding=0, rightPadding=0, topPadding=0,
                      bottomPadding=0)
        self.addPageTemplates([PageTemplate("cover", [frame], onPage=self._cover_band),
                               PageTemplate("body", [frame], onPage=self._running_head)])
        self._steps = max(1, steps)
        self._done = 0
        self._progress = progress

    @staticmethod
    def _cover_band(canvas: Canvas, doc: BaseDocTemplate) -> None:
        canvas.saveState()
        canvas.setFillColor(ACCENT)
        canvas.rect(0, A4[1] - 8 * mm, A4[0], 8 * mm, stroke=0, fill=1)
        canvas.restoreState()

    @staticmethod
    def _running_head(canvas: Canvas, doc: BaseDocTemplate) -> None:
        regular, _bold = register_fonts()
        canvas.saveState()
        canvas.setFont(regular, 8)
        canvas.setFillColor(MUTED)
        canvas.drawString(MARGIN, A4[1] - 12 * mm, DOCUMENT_TITLE)
        canvas.setStrokeColor(RULE_GREY)
        canvas.setLineWidth(0.5)
        canvas.line(MARGIN, A4[1] - 14 * mm, A4[0] - MARGIN, A4[1] - 14 * mm)
        canvas.restoreState()

    def afterFlowable(self, flowable: Flowable) -> None:
        outline = getattr(flowable, "outline", None)
        if outline is not None:
            text, level, key = outline
            # Land on the heading itself, not the top of its page.
            self.canv.bookmarkHorizontal(key, 0, self.frame._y + flowable.height + 6)
            self.canv.addOutlineEntry(text, key, level=level, closed=False)
        if getattr(flowable, "step", False):
            self._done += 1
            if self._progress is not None and self._done % 25 == 0:
                self._progress(min(1.0, self._done / self._steps))


def _cover(summary: Summary, s: dict[str, ParagraphStyle]) -> list[Flowable]:
    c = summary.cover
    width = A4[0] - 2 * MARGIN
    marking = Table([[Paragraph(_text(c.marking), s["marking"])]], colWidths=[width],
                    splitInRow=1)
    marking.setStyle(_table_style([("BACKGROUND", (0, 0), (-1, -1), INK),
                                   ("TOPPADDING", (0, 0), (-1, -1), 5),
                                   ("BOTTOMPADDING", (0, 0), (-1, -1), 6)]))
    story: list[Flowable] = [marking, Spacer(1, 14 * mm),
                             Paragraph(escape(DOCUMENT_TITLE.upper()), s["kicker"]),
                             _Heading(c.engagement_title, s["title"], 0, "cover")]
    if c.client_system:
        story.append(Paragraph(_text(c.client_system), s["client"]))
    details = Table([[Paragraph(escape(k), s["cell_bold"]), Paragraph(_text(v), s["cell"])]
                     for k, v in summary.cover_rows], colWidths=[40 * mm, width - 40 * mm],
                    splitInRow=1)  # a value taller than a page runs on to the next
    details.setStyle(_table_style([("LINEBELOW", (0, 0), (-1, -1), 0.4, RULE_GREY),
                                   ("VALIGN", (0, 0), (-1, -1), "TOP"),
                                   ("LEFTPADDING", (0, 0), (-1, -1), 0),
                                   ("TOPPADDING", (0, 0), (-1, -1), 4),
                                   ("BOTTOMPADDING", (0, 0), (-1, -1), 5)]))
    story += [details, Spacer(1, 10 * mm),
              _Heading(HEADINGS["method"], s["h1"], 0, "method")]
    figures = summary.method.lines()
    cells = [[Paragraph(str(n), s["figure"]) for _l, n in figures],
             [Paragraph(escape(label), s["figure_label"]) for label, _n in figures]]
    box = Table(cells, colWidths=[width / len(figures)] * len(figures))
    box.setStyle(_table_style([("BACKGROUND", (0, 0), (-1, -1), PANEL),
                               ("LINEAFTER", (0, 0), (-2, -1), 1, colors.white),
                               ("VALIGN", (0, 1), (-1, 1), "TOP"),
                               ("TOPPADDING", (0, 0), (-1, 0), 8),
                               ("BOTTOMPADDING", (0, -1), (-1, -1), 8)]))
    story += [box, Spacer(1, 2 * mm), Paragraph(escape(summary.method.counted), s["small"]),
              Spacer(1, 6 * mm), _Heading(HEADINGS["key"], s["h1"], 0, "key"),
              Paragraph(escape(READING_NOTE), s["body"]), Spacer(1, 3 * mm)]
    key = Table([[Paragraph(escape(label), s["cell_bold"]), Paragraph(_text(meaning), s["cell"])]
                 for label, meaning in summary.label_key],
                colWidths=[40 * mm, width - 40 * mm], splitInRow=1)
    key.setStyle(_table_style([("LINEBELOW", (0, 0), (-1, -1), 0.4, RULE_GREY),
                               ("LEFTPADDING", (0, 0), (-1, -1), 0),
                               ("TOPPADDING", (0, 0), (-1, -1), 3)]))
    return [*story, key]


def _findings(summary: Summary, s: dict[str, ParagraphStyle]) -> list[Flowable]:
    story: list[Flowable] = [_Heading(HEADINGS["findings"], s["h1"], 0, "findings")]
    for number, section, findings in summary.numbered():
        story.append(_Heading(f"{number}. {section.title}", s["h2"], 1, f"chart{number}"))
        if section.question:
            story.append(Paragraph(_text(section.question), s["question"]))
        if not findings:
            story.append(Paragraph(escape(NO_FINDINGS), s["detail"]))
        for label, f in findings:
            parts = [Paragraph(_text(f"{label}\u00a0\u00a0{f.headline}"), s["headline"]),
                     Paragraph(escape(f.meta_text), s[f"meta_{f.kind}"]
                               if f"meta_{f.kind}" in s else s["meta"])]
            if f.detail:
                parts.append(Paragraph(_text(f.detail), s["detail"]))
            story.append(_Finding(parts))
    return story


def _closing(summary: Summary, s: dict[str, ParagraphStyle]) -> list[Flowable]:
    story: list[Flowable] = [_Heading(HEADINGS["recommendations"], s["h1"], 0, "recs")]
    if summary.recommendations:
        story.append(Paragraph(escape(RECOMMENDATIONS_NOTE), s["body"]))
        story += [Paragraph(_text(r.text), s["bullet"], bulletText="•")
                  for r in summary.recommendations]
    else:
        story.append(Paragraph(escape(NO_RECOMMENDATIONS), s["body"]))
    story.append(_Heading(HEADINGS["signposting"], s["h1"], 0, "signposting"))
    if not summary.signposting:
        story.append(Paragraph(escape(NO_SIGNPOSTING), s["body"]))
    muted = MUTED.hexval()[2:]
    for n, (heading, items) in enumerate(summary.signposts_by_kind()):
        story.append(_Heading(heading, s["h2"], 1, f"sign{n}"))
        for p in items:
            text = _text(p.text)
            if p.chart_title:
                text += f' <font color="#{muted}">({_text(p.chart_title)})</font>'
            story.append(Paragraph(text, s["bullet"], bulletText="•"))
    return story


def render_pdf(summary: Summary, progress: Progress | None = None) -> bytes:
    """The PDF's bytes. ``progress`` is told the fraction done (0 to 1) as pages are laid out."""
    styles = _styles()
    buffer = io.BytesIO()
    doc = _Document(buffer, len(summary.findings), progress)
    story = [*_cover(summary, styles), NextPageTemplate("body"), PageBreak(),
             *_findings(summary, styles), *_closing(summary, styles)]
    doc.build(story, canvasmaker=_NumberedCanvas)
    if progress is not None:
        progress(1.0)
    return buffer.getvalue()
