"""One model of the feedback presentation: the slides, the speaker notes and the outline
all render it, and the attribution gate reads every text in it before anything is written.

Which findings: those chosen for the summary (the Summary tab's ticks and order) that the
team has agreed. On each flip chart they are grouped as strengths, areas to explore and
suggestions; within a group the triangulated ones come first, each part in the peer's
order. Support is in words, from the synthesis stage's own count of sources; no source,
session or person is ever named.

The texts the slides share with the summary are named by the same places ("finding:12:
headline", "chart:3:title", "recommendation:40:text"), so a hit resolved in one is
resolved in the other; the title slide, the next steps and the template's own texts have
places of their own (see ``places``).
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date
from typing import ClassVar

from peerdesk.capture.postits import PostitStore
from peerdesk.feedback.next_steps import next_steps
from peerdesk.feedback.wording import KIND_HEADINGS, KIND_ORDER
from peerdesk.summary.model import Recommendation, clean_text, day_text
from peerdesk.summary.wording import MARKING
from peerdesk.synthesis.findings import Finding, FindingStore
from peerdesk.synthesis.triangulation import Label, support_words
from peerdesk.vault.notebook import Notebook


def _clean(value: object) -> str:
    return clean_text(str(value or "")).strip()


@dataclass(frozen=True)
class TitleSlide:
    TEXT_OWNER: ClassVar[str] = "title_slide"

    engagement_title: str
    client_system: str
    day: date
    marking: str = MARKING

    @property
    def date_text(self) -> str:
        return day_text(self.day)


@dataclass(frozen=True)
class SlideFinding:
    TEXT_OWNER: ClassVar[str] = "finding"

    id: int
    headline: str
    detail: str
    label: Label
    support: str     # "4 sources of 3 kinds: meetings, focus groups, documents"
    challenge: str   # "Challenged by 1 source", or ""

    @property
    def support_note(self) -> str:
        """"Triangulated, 4 sources of 3 kinds: …" for the speaker notes."""
        return f"{self.label.text}, {self.support}"


@dataclass(frozen=True)
class KindGroup:
    kind: str
    findings: tuple[SlideFinding, ...]

    @property
    def heading(self) -> str:
        return KIND_HEADINGS.get(self.kind, self.kind)


@dataclass(frozen=True)
class ChartPart:
    TEXT_OWNER: ClassVar[str] = "chart"
    TEXT_OWNER_ID: ClassVar[str] = "chart_id"

    chart_id: int
    title: str
    groups: tuple[KindGroup, ...]

    @property
    def findings(self) -> list[SlideFinding]:
        return [f for g in self.groups for f in g.findings]


@dataclass(frozen=True)
class Theme:
    """The participants' recommendations on one flip chart."""

    TEXT_OWNER: ClassVar[str] = "chart"
    TEXT_OWNER_ID: ClassVar[str] = "chart_id"

    chart_id: int
    title: str
    recommendations: tuple[Recommendation, ...]


@dataclass(frozen=True)
class NextSteps:
    TEXT_OWNER: ClassVar[str] = "next_steps"

    lines: tuple[str, ...]


@dataclass(frozen=True)
class TemplateTexts:
    """What the slide template itself prints on the slides (outside the placeholders that
    peerdesk fills): a footer, a programme's name. Checked like everything else."""

    TEXT_OWNER: ClassVar[str] = "template"

    texts: tuple[str, ...] = ()


@dataclass(frozen=True)
class Feedback:
    TEXT_OWNER: ClassVar[str] = "feedback"

    title: TitleSlide
    charts: tuple[ChartPart, ...]
    themes: tuple[Theme, ...]
    next_steps: NextSteps
    template: TemplateTexts = TemplateTexts()

    @property
    def findings(self) -> list[SlideFinding]:
        return [f for c in self.charts for f in c.findings]


@dataclass(frozen=True)
class LeftOut:
    """What the preview says about findings that are not on the slides (never exported)."""

    not_agreed: tuple[str, ...]      # chosen for the summary, not agreed by the team
    not_chosen: int                  # agreed, but unticked on the Summary tab
    empty_charts: tuple[str, ...]    # flip charts with no slide


@dataclass(frozen=True)
class Built:
    feedback: Feedback
    left_out: LeftOut


def _slide_finding(finding: Finding, labels: dict[str, str]) -> SlideFinding:
    challenges = len({s.ref for s in finding.support.challenges})
    challenge = (f"Challenged by {challenges} source{'s' if challenges != 1 else ''}"
                 if challenges else "")
    return SlideFinding(id=finding.id, headline=_clean(finding.headline),
                        detail=_clean(finding.detail), label=finding.label,
                        support=support_words(finding.support, labels), challenge=challenge)


def _groups(findings: list[Finding], labels: dict[str, str]) -> tuple[KindGroup, ...]:
    """Strengths, areas to explore, suggestions; triangulated first within each, then the
    peer's order (``findings`` comes in that order)."""
    groups = []
    for kind in KIND_ORDER:
        of_kind = [f for f in findings if f.kind == kind]
        of_kind.sort(key=lambda f: f.label is not Label.TRIANGULATED)   # stable
        if of_kind:
            groups.append(KindGroup(kind, tuple(_slide_finding(f, labels) for f in of_kind)))
    return tuple(groups)


def build_feedback(notebook: Notebook, template_texts: tuple[str, ...] = (),
                   day: date | None = None) -> Built:
    """The presentation as it would go out today (or on ``day``), and what it leaves out."""
    details = notebook.engagement()
    store = FindingStore(notebook)
    labels = store.kind_labels()
    chosen = store.summary()
    agreed_ids = {f.id for f in chosen if f.status == "agreed"}
    by_chart: dict[int, list[Finding]] = defaultdict(list)
    for finding in chosen:
        if finding.id in agreed_ids:
            by_chart[finding.flip_chart_id].append(finding)
    not_chosen = sum(1 for f in store.findings() if f.status == "agreed" and not f.included)
    recommendations: dict[int, list[Recommendation]] = defaultdict(list)
    for postit in PostitStore(notebook).list_all():
        text = _clean(postit.text)
        if postit.kind == "participant_recommendation" and text:
            recommendations[postit.flip_chart_id].append(Recommendation(postit.id, text))
    charts: list[ChartPart] = []
    themes: list[Theme] = []
    empty: list[str] = []
    for chart in notebook.flip_charts(include_retired=True):
        title = _clean(chart.title)
        if by_chart.get(chart.id):
            charts.append(ChartPart(chart.id, title, _groups(by_chart[chart.id], labels)))
        elif not chart.retired:
            empty.append(title)
        if recommendations.get(chart.id):
            themes.append(Theme(chart.id, title, tuple(recommendations[chart.id])))
    title_slide = TitleSlide(engagement_title=_clean(details.title),
                             client_system=_clean(details.client_system),
                             day=day or notebook.clock.now().date())
    feedback = Feedback(
        title=title_slide, charts=tuple(charts), themes=tuple(themes),
        next_steps=NextSteps(tuple(_clean(line) for line in next_steps(notebook))),
        template=TemplateTexts(tuple(t for t in (_clean(t) for t in template_texts) if t)))
    left_out = LeftOut(
        not_agreed=tuple(_clean(f.headline) for f in chosen if f.id not in agreed_ids),
        not_chosen=not_chosen, empty_charts=tuple(empty))
    return Built(feedback, left_out)
