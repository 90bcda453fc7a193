"""The feedback slides as a PowerPoint file (python-pptx), made in memory.

- The template's own layouts and styles: peerdesk writes text into the title and body
  placeholders and sets no type sizes or colours of its own, so a programme's template
  looks like itself. Group headings ("Strengths") are bold words without a bullet: never
  told apart by colour alone.
- Speaker notes under every slide: each finding's support in words, any challenge, and
  the detail to speak to.
- The protective marking in the footer of every slide whose layout has one.
- Core and extended properties that name no person, no machine; no thumbnail, custom
  properties or comment authors carried over from a template.
"""

from __future__ import annotations

import io
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from pptx.enum.text import MSO_AUTO_SIZE

from peerdesk.feedback.model import Feedback
from peerdesk.feedback.slides import Line, Slide, slides
from peerdesk.feedback.template import (
    SlideTemplate,
    body_placeholder,
    shipped_template,
    title_placeholder,
)
from peerdesk.feedback.wording import PRESENTATION_TITLE
from peerdesk.summary.office import neutral_properties, safe

Progress = Callable[[float], None]

_FOOTER_TYPE = 15   # PP_PLACEHOLDER.FOOTER
_DROPPED_PACKAGE_PARTS = ("/metadata/thumbnail", "/custom-properties")
_DROPPED_PRESENTATION_PARTS = ("/commentAuthors", "/authors")
_APP_XML = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    '<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/'
    'extended-properties" xmlns:vt="http://schemas.openxmlformats.org/officeDocument/2006/'
    'docPropsVTypes"><Application>peerdesk</Application><Slides>{slides}</Slides>'
    '<Notes>{notes}</Notes><Company></Company><Manager></Manager></Properties>')


def _paragraphs(frame: Any, lines: tuple[Line, ...]) -> None:
    frame.clear()   # one empty paragraph left
    for n, line in enumerate(lines):
        paragraph = frame.paragraphs[0] if n == 0 else frame.add_paragraph()
        paragraph.level = line.level
        run = paragraph.add_run()
        run.text = safe(line.text)
        if line.heading:
            run.font.bold = True
            p_pr = paragraph._p.get_or_add_pPr()
            for old in p_pr.findall(
                    "{http://schemas.openxmlformats.org/drawingml/2006/main}buNone"):
                p_pr.remove(old)
            p_pr.insert(0, p_pr.makeelement(
                "{http://schemas.openxmlformats.org/drawingml/2006/main}buNone", {}))
            p_pr.set("marL", "0")
            p_pr.set("indent", "0")


def _text_box(slide: Any, prs: Any, top: float, height: float) -> Any:
    """A text box across the slide, for a layout without the placeholder needed."""
    margin = prs.slide_width // 16
    box = slide.shapes.add_textbox(margin, int(prs.slide_height * top), prs.slide_width
                                   - 2 * margin, int(prs.slide_height * height))
    box.text_frame.word_wrap = True
    return box.text_frame


@dataclass(frozen=True)
class _Layout:
    """A layout and where its placeholders are, found once for every slide made with it."""

    layout: Any
    title: int | None      # placeholder idx
    body: int | None
    footer: Any            # the layout's footer placeholder, cloned onto each slide


def _layout(layout: Any) -> _Layout:
    title, body = title_placeholder(layout), body_placeholder(layout)
    footer = next((ph for ph in layout.placeholders
                   if int(ph.placeholder_format.type or 0) == _FOOTER_TYPE), None)
    return _Layout(layout, None if title is None else title.placeholder_format.idx,
                   None if body is None else body.placeholder_format.idx, footer)


def _placeholder(slide: Any, idx: int | None) -> Any:
    if idx is None:
        return None
    return next((ph for ph in slide.placeholders if ph.placeholder_format.idx == idx), None)


def _footer(slide: Any, footer: Any, text: str) -> None:
    if footer is None or not text:
        return
    slide.shapes.clone_placeholder(footer)
    placed = _placeholder(slide, footer.placeholder_format.idx)
    run = placed.text_frame.paragraphs[0].add_run()
    run.text = safe(text)
    # The theme's body font by name ("+mn-lt"), so viewers that do not carry the master's
    # footer style over (LibreOffice) still use the template's font, not a default serif.
    r_pr = run._r.get_or_add_rPr()
    r_pr.append(r_pr.makeelement("{http://schemas.openxmlformats.org/drawingml/2006/main}latin",
                                 {"typeface": "+mn-lt"}))


def _add_slide(prs: Any, layouts: dict[str, _Layout], slide: Slide) -> None:
    chosen = layouts["title" if slide.kind == "title" else "content"]
    made = prs.slides.add_slide(chosen.layout)
    title = _placeholder(made, chosen.title)
    if title is not None:
        title.text_frame.text = safe(slide.title)
    else:
        _paragraphs(_text_box(made, prs, 0.05, 0.15), (Line(slide.title, 0, True),))
    body = _placeholder(made, chosen.body)
    frame = body.text_frame if body is not None else _text_box(made, prs, 0.22, 0.68)
    _paragraphs(frame, slide.lines)
    # Shrink to fit, should a programme's template have less room than estimated (the
    # slides are cut to fit the body, so the plain template never needs it).
    frame.auto_size = MSO_AUTO_SIZE.TEXT_TO_FIT_SHAPE
    if slide.kind != "title":
        _footer(made, chosen.footer, slide.footer)
    if slide.notes:
        made.notes_slide.notes_text_frame.text = safe(slide.notes_text)


def _neutral_package(prs: Any, count: int, notes: int) -> None:
    """Leave nothing in the package that names a person, a machine or a program's user."""
    package = prs.part.package
    # python-pptx has no public view of the package's own relationships.
    for rel in list(package._rels.values()):
        if rel.reltype.endswith(_DROPPED_PACKAGE_PARTS):
            package.drop_rel(rel.rId)
    for rel in list(prs.part.rels.values()):
        if rel.reltype.endswith(_DROPPED_PRESENTATION_PARTS):
            prs.part.drop_rel(rel.rId)
    for part in package.iter_parts():
        if str(part.partname) == "/docProps/app.xml":
            part.blob = _APP_XML.format(slides=count, notes=notes).encode("utf-8")


def render_pptx(feedback: Feedback, template: SlideTemplate | None = None,
                progress: Progress | None = None, when: datetime | None = None) -> bytes:
    """The .pptx's bytes; ``when`` is the time the properties carry (default: now)."""
    template = template or shipped_template()
    prs = template.open()
    layouts = list(prs.slide_layouts)
    chosen = {"title": _layout(layouts[template.title_layout]),
              "content": _layout(layouts[template.content_layout])}
    deck = slides(feedback, template.capacity)
    for n, slide in enumerate(deck, start=1):
        _add_slide(prs, chosen, slide)
        if progress is not None and n % 10 == 0:
            progress(n / len(deck))
    neutral_properties(prs.core_properties, (when or datetime.now(UTC)).replace(
        microsecond=0, tzinfo=None), title=PRESENTATION_TITLE,
        subject="Feedback from a peer challenge, for the partnership",
        keywords="peer challenge, feedback, non-attributable")
    _neutral_package(prs, len(deck), sum(1 for s in deck if s.notes))
    buffer = io.BytesIO()
    prs.save(buffer)
    if progress is not None:
        progress(1.0)
    return buffer.getvalue()
