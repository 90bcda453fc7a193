"""The destruction certificate as a PDF: embedded DejaVu font, page numbers, and metadata
that names no one (the engagement and the people are in the body, not the metadata)."""

from __future__ import annotations

import io
from typing import Any
from xml.sax.saxutils import escape

from peerdesk.destruction.certificate import CertificateRecord, headline, sections
from peerdesk.summary.fonts import register_fonts

METADATA_TITLE = "peerdesk destruction certificate"


def _styles(regular: str, bold: str) -> dict[str, Any]:
    from reportlab.lib import colors
    from reportlab.lib.styles import ParagraphStyle

    body = ParagraphStyle("body", fontName=regular, fontSize=10, leading=13.5, spaceAfter=3)
    return {
        "title": ParagraphStyle("title", parent=body, fontName=bold, fontSize=18, leading=22,
                                spaceAfter=6),
        "heading": ParagraphStyle("heading", parent=body, fontName=bold, fontSize=12.5,
                                  leading=16, spaceBefore=10, spaceAfter=4),
        "body": body,
        "item": ParagraphStyle("item", parent=body, leftIndent=14, firstLineIndent=-14),
        "good": ParagraphStyle("good", parent=body, fontName=bold,
                               textColor=colors.HexColor("#1d5e2a")),
        "bad": ParagraphStyle("bad", parent=body, fontName=bold,
                              textColor=colors.HexColor("#9b1c1c")),
        "bad_item": ParagraphStyle("bad_item", parent=body, fontName=bold, leftIndent=14,
                                   firstLineIndent=-14, textColor=colors.HexColor("#9b1c1c")),
        "small": ParagraphStyle("small", parent=body, fontSize=8.5, leading=11,
                                textColor=colors.HexColor("#444444")),
    }


def _footer(regular: str) -> Any:
    from reportlab.pdfgen.canvas import Canvas

    class NumberedCanvas(Canvas):  # type: ignore[misc]
        """Holds each page until the end so every footer can say "page x of y"."""

        def __init__(self, *args: Any, **kwargs: Any) -> None:
            super().__init__(*args, **kwargs)
            self._pages: list[dict[str, Any]] = []

        def showPage(self) -> None:  # reportlab's name
            self._pages.append(dict(self.__dict__))
            self._startPage()

        def save(self) -> None:
            total = len(self._pages)
            for state in self._pages:
                self.__dict__.update(state)
                width, _height = self._pagesize
                self.setFont(regular, 8.5)
                self.drawString(56, 30, "peerdesk destruction certificate: holds no notes")
                self.drawRightString(width - 56, 30, f"Page {self._pageNumber} of {total}")
                super().showPage()
            super().save()

    return NumberedCanvas


def render_pdf(record: CertificateRecord) -> bytes:
    from reportlab.lib.pagesizes import A4
    from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer

    regular, bold = register_fonts()
    style = _styles(regular, bold)
    buffer = io.BytesIO()
    doc = SimpleDocTemplate(
        buffer, pagesize=A4, leftMargin=56, rightMargin=56, topMargin=56, bottomMargin=56,
        title=METADATA_TITLE, author="", subject="", creator="peerdesk", producer="peerdesk",
        keywords="", lang="en-GB", initialFontName=regular)
    story: list[Any] = [Paragraph("Destruction certificate", style["title"]),
                        Paragraph(escape(record.title), style["heading"]),
                        Paragraph(escape(headline(record)),
                                  style["good"] if record.ok else style["bad"]),
                        Spacer(1, 4)]
    for heading, lines in sections(record):
        story.append(Paragraph(escape(heading), style["heading"]))
        for line in lines:
            para = "body" if heading in ("Details", "Limits") else "item"
            if line.startswith("[FAILED"):
                para = "bad_item"
            story.append(Paragraph(escape(line), style[para]))
    story += [Spacer(1, 8), Paragraph("This certificate holds no notes from the engagement.",
                                      style["small"])]
    doc.build(story, canvasmaker=_footer(regular))
    return buffer.getvalue()
