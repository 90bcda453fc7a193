"""One model of the share-ready summary for the peer challenge manager.

The PDF, the DOCX and the plain text all render this model, so they never disagree, and
the attribution check reads the same texts that go out. The model holds no participant
names, no session titles, no raw notes and no finding's individual sources: support is
kept as counts per source kind only.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date

from peerdesk.summary.wording import (
    KIND_TEXTS,
    MARKING,
    PREPARED_FOR,
    SIGNPOST_TEXTS,
    SOURCE_KIND_WORDS,
)
from peerdesk.synthesis import sources
from peerdesk.synthesis.triangulation import SOURCE_KIND_LABELS, Label, Rule, Support
from peerdesk.vault.notebook import Notebook

# The order in which support is listed, most direct evidence first.
SOURCE_KIND_ORDER = tuple(SOURCE_KIND_LABELS)


def day_text(day: date) -> str:
    """A date the way it is written in the UK: 06/03/2026."""
    return day.strftime("%d/%m/%Y")


@dataclass(frozen=True)
class Cover:
    engagement_title: str
    client_system: str
    peer_name: str
    peer_initials: str
    peer_role: str
    day: date
    marking: str = MARKING

    @property
    def date_text(self) -> str:
        return day_text(self.day)

    @property
    def peer_text(self) -> str:
        """"Alex Morgan (AM)", or whichever parts are known."""
        if self.peer_name and self.peer_initials:
            return f"{self.peer_name} ({self.peer_initials})"
        return self.peer_name or self.peer_initials


@dataclass(frozen=True)
class MethodFigures:
    meetings: int
    focus_groups: int
    participants: int
    documents: int
    onsite_days: int

    def lines(self) -> list[tuple[str, int]]:
        return [
            ("Meetings with individuals", self.meetings),
            ("Focus groups", self.focus_groups),
            ("Participants", self.participants),
            ("Documents read", self.documents),
            ("Days on site", self.onsite_days),
        ]


@dataclass(frozen=True)
class SummaryFinding:
    id: int
    headline: str
    detail: str
    kind: str
    label: Label
    support: tuple[tuple[str, int], ...]  # (source kind, distinct sources), never the sources
    challenges: int = 0

    @property
    def kind_text(self) -> str:
        return KIND_TEXTS.get(self.kind, self.kind)

    @property
    def label_text(self) -> str:
        return self.label.text

    @property
    def source_count(self) -> int:
        return sum(n for _kind, n in self.support)

    @property
    def support_text(self) -> str:
        """"2 meetings, 1 document", or a plain phrase when there is none."""
        if not self.support:
            return "no sources recorded"
        parts = []
        for kind, n in self.support:
            one, many = SOURCE_KIND_WORDS.get(kind, (kind, kind))
            parts.append(f"{n} {one if n == 1 else many}")
        return ", ".join(parts)

    @property
    def challenge_text(self) -> str:
        if not self.challenges:
            return ""
        return f"Challenged by {self.challenges} source{'s' if self.challenges != 1 else ''}"

    @property
    def meta_text(self) -> str:
        """Kind, label and support on one line, in words (never colour alone)."""
        parts = [self.kind_text, self.label_text, f"Support: {self.support_text}"]
        if self.challenges:
            parts.append(self.challenge_text)
        return " · ".join(parts)


@dataclass(frozen=True)
class ChartSection:
    chart_id: int
    title: str
    question: str
    findings: tuple[SummaryFinding, ...]


@dataclass(frozen=True)
class Recommendation:
    postit_id: int
    text: str


@dataclass(frozen=True)
class Signpost:
    id: int
    text: str
    kind: str
    chart_title: str

    @property
    def kind_text(self) -> str:
        return SIGNPOST_TEXTS.get(self.kind, self.kind)


@dataclass(frozen=True)
class OutgoingText:
    """One text that leaves the notebook, and where it comes from."""

    owner: str    # "cover", "chart", "finding", "recommendation", "signposting"
    owner_id: int
    field: str    # "headline", "detail", "text", "title", ...
    text: str

    @property
    def where(self) -> str:
        names = {
            "cover": "Cover", "chart": "Flip chart", "finding": "Finding",
            "recommendation": "Participants' recommendation", "signposting": "Signposting",
        }
        name = names.get(self.owner, self.owner)
        if self.owner == "cover":
            return f"{name}: {self.field.replace('_', ' ')}"
        return f"{name} {self.owner_id}: {self.field.replace('_', ' ')}"


@dataclass(frozen=True)
class Summary:
    cover: Cover
    method: MethodFigures
    rule: Rule
    sections: tuple[ChartSection, ...]
    recommendations: tuple[Recommendation, ...]
    signposting: tuple[Signpost, ...]

    @property
    def cover_rows(self) -> list[tuple[str, str]]:
        c = self.cover
        rows = [("Peer", c.peer_text), ("Role on the team", c.peer_role),
                ("Date", c.date_text), ("Prepared for", PREPARED_FOR)]
        return [(k, v) for k, v in rows if v]

    def numbered(self) -> Iterator[tuple[str, ChartSection, list[tuple[str, SummaryFinding]]]]:
        """Sections and findings with the numbers every format shows ("3", "3.2")."""
        for n, section in enumerate(self.sections, start=1):
            yield str(n), section, [(f"{n}.{i}", f)
                                    for i, f in enumerate(section.findings, start=1)]

    def signposts_by_kind(self) -> list[tuple[str, list[Signpost]]]:
        out = []
        for kind, heading in SIGNPOST_TEXTS.items():
            items = [p for p in self.signposting if p.kind == kind]
            if items:
                out.append((heading, items))
        return out

    @property
    def findings(self) -> list[SummaryFinding]:
        return [f for s in self.sections for f in s.findings]

    @property
    def label_key(self) -> list[tuple[str, str]]:
        """What each triangulation label means under this engagement's rule."""
        return [
            (Label.TRIANGULATED.text, self.rule.text),
            (Label.CORROBORATED.text, "at least 2 sources, short of the rule"),
            (Label.SINGLE_SOURCE.text, "one source so far"),
            (Label.NO_EVIDENCE.text, "no supporting source recorded"),
        ]

    def texts(self) -> Iterator[OutgoingText]:
        """Every free text that goes out, for the attribution check."""
        c = self.cover
        for name, value in (("engagement_title", c.engagement_title),
                            ("client_system", c.client_system), ("peer_name", c.peer_name),
                            ("peer_role", c.peer_role)):
            if value:
                yield OutgoingText("cover", 0, name, value)
        for section in self.sections:
            yield OutgoingText("chart", section.chart_id, "title", section.title)
            if section.question:
                yield OutgoingText("chart", section.chart_id, "question", section.question)
            for f in section.findings:
                yield OutgoingText("finding", f.id, "headline", f.headline)
                if f.detail:
                    yield OutgoingText("finding", f.id, "detail", f.detail)
        for r in self.recommendations:
            yield OutgoingText("recommendation", r.postit_id, "text", r.text)
        for s in self.signposting:
            yield OutgoingText("signposting", s.id, "text", s.text)


# -- building the model from a notebook ------------------------------------------------

def _rule(min_sources: int, min_kinds: int) -> Rule:
    try:
        return Rule(min_sources, min_kinds)
    except ValueError:
        return Rule()


def _support_rows(notebook: Notebook) -> dict[int, Support]:
    """Each finding's support, counted as the board and the matrix count it."""
    with notebook.read() as conn:
        return sources.supports(conn)


def _ordered_support(support: Support) -> tuple[tuple[str, int], ...]:
    counts = support.by_kind
    order = {kind: i for i, kind in enumerate(SOURCE_KIND_ORDER)}
    return tuple(sorted(counts.items(), key=lambda item: (order.get(item[0], 99), item[0])))


def _findings(notebook: Notebook, rule: Rule) -> dict[int, list[SummaryFinding]]:
    """The chosen findings per flip chart, in the peer's order.

    Chosen: ``in_summary`` = 1, or not set and the finding is agreed.
    """
    supports = _support_rows(notebook)
    with notebook.read() as conn:
        rows = conn.execute(
            "SELECT id, flip_chart_id, headline, detail, kind FROM finding"
            " WHERE in_summary = 1 OR (in_summary IS NULL AND status = 'agreed')"
            " ORDER BY summary_position IS NULL, summary_position, position, id").fetchall()
    out: dict[int, list[SummaryFinding]] = defaultdict(list)
    empty = Support.of(())
    for finding_id, chart_id, headline, detail, kind in rows:
        support = supports.get(int(finding_id), empty)
        out[int(chart_id)].append(SummaryFinding(
            id=int(finding_id), headline=str(headline).strip(), detail=str(detail).strip(),
            kind=str(kind), label=support.label(rule), support=_ordered_support(support),
            challenges=len({s.ref for s in support.challenges})))
    return out


def _method(notebook: Notebook, onsite: tuple[str | None, str | None]) -> MethodFigures:
    with notebook.read() as conn:
        kinds = dict(conn.execute(
            "SELECT kind, COUNT(*) FROM session WHERE status != 'cancelled'"
            " GROUP BY kind").fetchall())
        participants = conn.execute(
            "SELECT COUNT(*) FROM participant p JOIN session s ON s.id = p.session_id"
            " WHERE s.status != 'cancelled'").fetchone()[0]
        documents = conn.execute("SELECT COUNT(*) FROM document").fetchone()[0]
    days = 0
    if onsite[0] and onsite[1]:
        first, last = date.fromisoformat(onsite[0]), date.fromisoformat(onsite[1])
        days = max(0, (last - first).days + 1)
    elif onsite[0] or onsite[1]:
        days = 1
    return MethodFigures(meetings=int(kinds.get("meeting", 0)),
                         focus_groups=int(kinds.get("focus_group", 0)),
                         participants=int(participants), documents=int(documents),
                         onsite_days=days)


def build_summary(notebook: Notebook, day: date | None = None) -> Summary:
    """The summary as it would go out today (or on ``day``)."""
    with notebook.read() as conn:
        row = conn.execute(
            "SELECT title, client_system, my_name, my_initials, my_role, onsite_start,"
            " onsite_end, rule_min_sources, rule_min_kinds FROM engagement WHERE id = 1"
        ).fetchone()
        charts = conn.execute(
            "SELECT id, title, question, retired FROM flip_chart ORDER BY position, id"
        ).fetchall()
        recommendations = conn.execute(
            "SELECT p.id, p.text FROM postit p JOIN flip_chart c ON c.id = p.flip_chart_id"
            " WHERE p.kind = 'participant_recommendation' AND trim(p.text) != ''"
            " ORDER BY c.position, c.id, p.position, p.id").fetchall()
        signposts = conn.execute(
            "SELECT s.id, s.text, s.kind, COALESCE(c.title, '') FROM signposting s"
            " LEFT JOIN flip_chart c ON c.id = s.flip_chart_id WHERE trim(s.text) != ''"
            " ORDER BY s.kind, s.position, s.id").fetchall()
    if row is None:
        from peerdesk.vault.notebook import database_damaged

        raise database_damaged()
    rule = _rule(int(row[7]), int(row[8]))
    cover = Cover(engagement_title=row[0], client_system=row[1], peer_name=row[2],
                  peer_initials=row[3], peer_role=row[4],
                  day=day or notebook.clock.now().date())
    chosen = _findings(notebook, rule)
    sections = []
    for chart_id, title, question, retired in charts:
        findings = tuple(chosen.get(int(chart_id), ()))
        if retired and not findings:
            continue
        sections.append(ChartSection(int(chart_id), str(title), str(question), findings))
    return Summary(
        cover=cover, method=_method(notebook, (row[5], row[6])), rule=rule,
        sections=tuple(sections),
        recommendations=tuple(Recommendation(int(i), str(t).strip()) for i, t in recommendations),
        signposting=tuple(Signpost(int(i), str(t).strip(), str(k), str(c))
                          for i, t, k, c in signposts),
    )
