"""The manager's summary as a PDF, against a bare reportlab platypus document of the same text.

Both use the same embedded DejaVu font (a bare document with reportlab's built-in
Helvetica would skip font embedding, which the summary must do). The floor lays out every
string of the summary as one plain paragraph; peerdesk adds the cover, tables, styles,
bookmarks, running heads and "Page N of M".
"""

from __future__ import annotations

import io
import sys
import time
from collections.abc import Callable
from datetime import date
from functools import partial
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from common import Result, median

from peerdesk.summary.model import (
    ChartSection,
    Cover,
    MethodFigures,
    Recommendation,
    Signpost,
    Summary,
    SummaryFinding,
)
from peerdesk.synthesis.triangulation import Label, Rule

KINDS = ("strength", "area_to_explore", "suggestion")
LABELS = (Label.TRIANGULATED, Label.CORROBORATED, Label.SINGLE_SOURCE)
CHARTS = 8


def synthetic(findings: int) -> Summary:
    """A summary of ``findings`` findings spread over eight charts, with realistic text."""
    per_chart: list[list[SummaryFinding]] = [[] for _ in range(CHARTS)]
    for n in range(findings):
        per_chart[n % CHARTS].append(SummaryFinding(
            id=n + 1,
            headline=f"Finding {n + 1}: partners describe the system’s priorities in one voice",
            detail=("Boards and frontline staff gave the same account of what matters most, "
                    "and the ‘one front door’ for older people in Ŵyn ŷ Valley was cited "
                    f"as proof that it works (example {n + 1})."),
            kind=KINDS[n % 3], label=LABELS[n % 3],
            support=(("meeting", 1 + n % 3), ("focus_group", 1 + n % 2), ("document", 1)),
            challenges=int(n % 5 == 0)))
    sections = tuple(ChartSection(i + 1, f"Line of enquiry {i + 1}",
                                  "How far do the partners share one story about the system?",
                                  tuple(items)) for i, items in enumerate(per_chart))
    return Summary(
        cover=Cover("Northvale health and care partnership", "Northvale ICS", "Alex Morgan",
                    "AM", "Council chief executive peer", date(2026, 3, 6)),
        method=MethodFigures(12, 4, 61, 9, 4), rule=Rule(), sections=sections,
        recommendations=tuple(Recommendation(i, f"Recommendation {i}: meet every month")
                              for i in range(20)),
        signposting=(Signpost(1, "A neighbouring system’s leadership academy",
                              "good_practice", "Leadership"),),
    )


def strings(summary: Summary) -> list[str]:
    """Every string the summary shows, in order, for the bare document."""
    c = summary.cover
    out = [c.marking, c.engagement_title, c.client_system, c.peer_text, c.peer_role,
           c.date_text]
    out += [f"{label}: {n}" for label, n in summary.method.lines()]
    out += [f"{label}: {meaning}" for label, meaning in summary.label_key]
    for number, section, findings in summary.numbered():
        out += [f"{number}. {section.title}", section.question]
        for label, f in findings:
            out += [f"{label} {f.headline}", f.meta_text, f.detail]
    out += [r.text for r in summary.recommendations]
    out += [p.text for p in summary.signposting]
    return out


def bare_pdf(texts: list[str]) -> bytes:
    from xml.sax.saxutils import escape

    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.platypus import Paragraph, SimpleDocTemplate

    from peerdesk.summary.fonts import register_fonts

    regular, _bold = register_fonts()
    style = ParagraphStyle("plain", fontName=regular, fontSize=10, leading=14)
    buffer = io.BytesIO()
    doc = SimpleDocTemplate(buffer, pagesize=A4, initialFontName=regular)
    doc.build([Paragraph(escape(t), style) for t in texts])
    return buffer.getvalue()


def cpu_ms(func: Callable[[], object]) -> float:
    start = time.process_time()
    func()
    return (time.process_time() - start) * 1000


def run(quick: bool) -> list[Result]:
    from peerdesk.summary.pdf import render_pdf

    sizes = (500,) if quick else (500, 5000)
    results = []
    for size in sizes:
        summary = synthetic(size)
        texts = strings(summary)
        repeat = 5 if size <= 500 else 3
        render_pdf(summary)  # warm up fonts and caches for both
        bare_pdf(texts)
        # Interleaved, so that machine noise falls on both alike; CPU time of this process,
        # so that other work on a busy machine does not count against either.
        ours: list[float] = []
        floor: list[float] = []
        for _ in range(repeat):
            ours.append(cpu_ms(partial(render_pdf, summary)))
            floor.append(cpu_ms(partial(bare_pdf, texts)))
        results.append(Result(f"summary PDF of {size:,} findings (CPU time)", median(ours),
                              median(floor), "ms", 1.2))
    return results


if __name__ == "__main__":
    for r in run("--quick" in sys.argv):
        print(f"{r.figure}: {r.value:.0f} ms vs {r.floor:.0f} ms = {r.ratio:.2f}× "
              f"({'pass' if r.passed else 'FAIL'}, goal ≤ {r.goal}×)")
