"""The feedback slides for 200 findings, against python-pptx writing the same number of bare
slides with the same text and the same speaker notes.

The floor opens python-pptx's own blank presentation and, for each of the slides peerdesk
makes, adds a "Title and Content" slide, puts the same title, points and notes in, and
saves: the least any .pptx writer with notes must do. peerdesk adds the template's layouts
found by name, the bold group headings without bullets, the footer with the protective
marking, and the properties that name no one. Goal: within twice the floor (it does more
for each slide than the floor does), and the whole file in under one second.
"""

from __future__ import annotations

import io
import sys
from datetime import date
from functools import partial
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from bench_summary import cpu_ms
from common import Result, median

from peerdesk.feedback.model import (
    ChartPart,
    Feedback,
    KindGroup,
    NextSteps,
    SlideFinding,
    Theme,
    TitleSlide,
)
from peerdesk.feedback.slides import Slide
from peerdesk.summary.model import Recommendation
from peerdesk.synthesis.triangulation import Label

CHARTS = 8
KINDS = ("strength", "area_to_explore", "suggestion")


def synthetic(findings: int) -> Feedback:
    """``findings`` agreed findings over eight flip charts, with realistic text."""
    per_chart: list[dict[str, list[SlideFinding]]] = [
        {k: [] for k in KINDS} for _ in range(CHARTS)]
    for n in range(findings):
        per_chart[n % CHARTS][KINDS[n % 3]].append(SlideFinding(
            id=n + 1,
            headline=f"Partners describe the system’s priorities in one voice ({n + 1})",
            detail="Boards and frontline staff gave the same account of what matters most.",
            label=(Label.TRIANGULATED, Label.CORROBORATED)[n % 2],
            support="4 sources of 3 kinds: meetings, focus groups, documents",
            challenge="Challenged by 1 source" if n % 5 == 0 else ""))
    charts = tuple(ChartPart(i + 1, f"Line of enquiry {i + 1}",
                             tuple(KindGroup(k, tuple(fs)) for k, fs in groups.items() if fs))
                   for i, groups in enumerate(per_chart))
    themes = tuple(Theme(i + 1, f"Line of enquiry {i + 1}",
                         tuple(Recommendation(i * 10 + j, f"Recommendation {j}: meet monthly")
                               for j in range(3))) for i in range(CHARTS))
    return Feedback(TitleSlide("Northvale health and care partnership", "Northvale ICS",
                               date(2026, 3, 6)), charts, themes,
                    NextSteps(("A written report follows", "A draft within four weeks")))


def bare_pptx(deck: list[Slide]) -> bytes:
    from pptx import Presentation

    prs = Presentation()
    layout = prs.slide_layouts[1]
    for slide in deck:
        made = prs.slides.add_slide(layout)
        made.shapes.title.text = slide.title
        body = made.placeholders[1].text_frame
        for n, line in enumerate(slide.lines):
            paragraph = body.paragraphs[0] if n == 0 else body.add_paragraph()
            paragraph.text = line.text
        if slide.notes:
            made.notes_slide.notes_text_frame.text = slide.notes_text
    buffer = io.BytesIO()
    prs.save(buffer)
    return buffer.getvalue()


def run(quick: bool) -> list[Result]:
    from peerdesk.feedback.pptx import render_pptx
    from peerdesk.feedback.slides import slides
    from peerdesk.feedback.template import shipped_template

    size = 50 if quick else 200
    feedback = synthetic(size)
    template = shipped_template()
    deck = slides(feedback, template.capacity)
    render_pptx(feedback, template)    # warm up both
    bare_pptx(deck)
    ours: list[float] = []
    floor: list[float] = []
    # Interleaved, so that machine noise falls on both alike; CPU time of this process, so
    # that other work on a busy machine does not count against either.
    for _ in range(5):
        ours.append(cpu_ms(partial(render_pptx, feedback, template)))
        floor.append(cpu_ms(partial(bare_pptx, deck)))
    return [Result(f"feedback slides for {size} findings, {len(deck)} slides with notes "
                   "(CPU time; floor: bare python-pptx slides of the same text)",
                   median(ours), median(floor), "ms", 2.0, 1000.0)]


if __name__ == "__main__":
    for r in run("--quick" in sys.argv):
        print(f"{r.figure}: {r.value:.0f} ms vs {r.floor:.0f} ms = {r.ratio:.2f}× "
              f"({'pass' if r.passed else 'FAIL'}, goal ≤ {r.goal}× and ≤ "
              f"{r.absolute_goal} ms)")
