"""The presentation cut into slides that fit: the .pptx writer and the in-app preview both
use this, so the preview shows the slides as they will be.

A flip chart's findings go on one slide while they fit the template's body, and run on to
"(continued)" slides when they do not; a group's heading never sits alone at the bottom.
"""

from __future__ import annotations

from dataclasses import dataclass

from peerdesk.feedback.model import ChartPart, Feedback, SlideFinding
from peerdesk.feedback.template import Capacity
from peerdesk.feedback.wording import (
    CONTINUED,
    NEXT_STEPS_TITLE,
    NO_FINDINGS,
    NOTES_CHALLENGE,
    NOTES_DETAIL,
    NOTES_SUPPORT,
    RECOMMENDATIONS_NOTE,
    RECOMMENDATIONS_TITLE,
    SUBTITLE,
    TITLE_NOTES,
)

FILL = 0.96   # of the body's height, to leave room for the estimate's errors


@dataclass(frozen=True)
class Line:
    text: str
    level: int = 1          # 0: a heading or a top-level point; 1: a bullet under it
    heading: bool = False   # bold, no bullet


@dataclass(frozen=True)
class Slide:
    kind: str               # "title", "chart", "recommendations" or "next_steps"
    title: str
    lines: tuple[Line, ...]
    notes: tuple[str, ...]
    footer: str = ""
    finding_ids: tuple[int, ...] = ()

    @property
    def notes_text(self) -> str:
        return "\n".join(self.notes)


def finding_notes(finding: SlideFinding) -> list[str]:
    """What the speaker notes say about one finding: its support in words, any challenge,
    and the detail to speak to."""
    out = [finding.headline, f"    {NOTES_SUPPORT}: {finding.support_note}"]
    if finding.challenge:
        out.append(f"    {NOTES_CHALLENGE}: {finding.challenge}")
    if finding.detail:
        out.append(f"    {NOTES_DETAIL}: {' '.join(finding.detail.split())}")
    return out


class _Pages:
    """Fills slides line by line, starting a new one when the next block would not fit."""

    def __init__(self, capacity: Capacity, kind: str, title: str, footer: str) -> None:
        self.capacity, self.kind, self.title, self.footer = capacity, kind, title, footer
        self.slides: list[Slide] = []
        self.lines: list[Line] = []
        self.notes: list[str] = []
        self.ids: list[int] = []
        self.used = 0.0

    def fits(self, lines: list[Line]) -> bool:
        need = sum(self.capacity.height(line.text, line.level) for line in lines)
        return not self.lines or self.used + need <= self.capacity.height_pt * FILL

    def add(self, line: Line) -> None:
        self.lines.append(line)
        self.used += self.capacity.height(line.text, line.level)

    def close(self, notes_head: tuple[str, ...] = ()) -> None:
        if not self.lines:
            return
        title = self.title if not self.slides else f"{self.title} {CONTINUED}"
        self.slides.append(Slide(self.kind, title, tuple(self.lines),
                                 (*notes_head, *self.notes), self.footer, tuple(self.ids)))
        self.lines, self.notes, self.ids, self.used = [], [], [], 0.0

    def grouped(self, heading: str, items: list[tuple[str, list[str], int | None]],
                notes_head: tuple[str, ...] = ()) -> None:
        """A heading and its items; the heading comes again on a continued slide."""
        for n, (text, notes, item_id) in enumerate(items):
            block = [Line(text)]
            if n == 0:
                block.insert(0, Line(heading, 0, True))
            if not self.fits(block):
                self.close(notes_head)
                block = [Line(f"{heading} {CONTINUED}" if n else heading, 0, True), Line(text)]
            for line in block:
                self.add(line)
            self.notes += notes
            if item_id is not None:
                self.ids.append(item_id)


def _chart_slides(chart: ChartPart, capacity: Capacity, footer: str) -> list[Slide]:
    pages = _Pages(capacity, "chart", chart.title, footer)
    for group in chart.groups:
        pages.grouped(group.heading, [(f.headline, finding_notes(f), f.id)
                                      for f in group.findings])
    pages.close()
    return pages.slides


def slides(feedback: Feedback, capacity: Capacity | None = None) -> list[Slide]:
    """Every slide, in order: the title, one or more per flip chart, the participants'
    recommendations by theme, and the next steps."""
    capacity = capacity or Capacity()
    t = feedback.title
    marking = t.marking
    lines = [Line(text, 0) for text in (t.client_system, f"{SUBTITLE} · {t.date_text}",
                                        marking) if text]
    out = [Slide("title", t.engagement_title, tuple(lines), (TITLE_NOTES,), marking)]
    for chart in feedback.charts:
        out += _chart_slides(chart, capacity, marking)
    if not feedback.charts:
        out.append(Slide("chart", SUBTITLE, (Line(NO_FINDINGS, 0),), (), marking))
    if feedback.themes:
        pages = _Pages(capacity, "recommendations", RECOMMENDATIONS_TITLE, marking)
        for theme in feedback.themes:
            pages.grouped(theme.title, [(r.text, [], None) for r in theme.recommendations],
                          (RECOMMENDATIONS_NOTE,))
        pages.close((RECOMMENDATIONS_NOTE,))
        out += pages.slides
    steps = tuple(Line(text, 0) for text in feedback.next_steps.lines)
    if steps:
        out.append(Slide("next_steps", NEXT_STEPS_TITLE, steps, (), marking))
    return out


def slide_numbers(deck: list[Slide]) -> dict[int, int]:
    """The slide (from 1) each finding is on."""
    return {fid: n for n, slide in enumerate(deck, start=1) for fid in slide.finding_ids}
