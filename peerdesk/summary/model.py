"""One model of the share-ready summary for the peer challenge manager.

The PDF, the DOCX and the plain text all render this model, so they never disagree, and
the attribution check reads the same texts that go out. The model holds no participant
names, no session titles, no raw notes and no finding's individual sources: support is
kept as counts per source kind only.
"""

from __future__ import annotations

import unicodedata
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from typing import ClassVar

from peerdesk.capture.session_kinds import added_kinds
from peerdesk.summary.method import MethodFigures, count_method
from peerdesk.summary.wording import (
    KIND_TEXTS,
    MARKING,
    PREPARED_FOR,
    SIGNPOST_TEXTS,
    SOURCE_KIND_WORDS,
)
from peerdesk.synthesis import sources
from peerdesk.synthesis.triangulation import (
    SOURCE_KIND_LABELS,
    Label,
    Rule,
    Support,
    in_sentence,
)
from peerdesk.vault.notebook import Notebook

# The order in which support is listed, most direct evidence first.
SOURCE_KIND_ORDER = tuple(SOURCE_KIND_LABELS)


def invisible(ch: str) -> bool:
    """Characters no format should write: controls (but line breaks) and invisible
    format characters (zero-width spaces, direction marks, soft hyphens)."""
    if ch == "\n":
        return False
    return unicodedata.category(ch) in ("Cc", "Cf", "Cs", "Co") or ch in "\u2028\u2029"


def clean_text(text: str) -> str:
    """A stored text as every format writes it, and so as the attribution check reads it:
    NFC, line breaks as ``\\n``, tabs as spaces, no control or invisible characters."""
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\t", " ")
    text = unicodedata.normalize("NFC", text)
    if all(ch.isprintable() or ch == "\n" for ch in text):
        return text
    return "".join(ch for ch in text if not invisible(ch))


def day_text(day: date) -> str:
    """A date the way it is written in the UK: 06/03/2026."""
    return day.strftime("%d/%m/%Y")


@dataclass(frozen=True)
class Cover:
    TEXT_OWNER: ClassVar[str] = "cover"

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
class SummaryFinding:
    TEXT_OWNER: ClassVar[str] = "finding"

    id: int
    headline: str
    detail: str
    kind: str
    label: Label
    support: tuple[tuple[str, int], ...]  # (source kind, distinct sources), never the sources
    challenges: int = 0
    added_words: tuple[tuple[str, str, str], ...] = ()
    """Kinds of source the engagement's template added, in words: (key, one, many)."""

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
        added = {key: (one, many) for key, one, many in self.added_words}
        for kind, n in self.support:
            one, many = SOURCE_KIND_WORDS.get(kind) or added.get(kind, (kind, kind))
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
    TEXT_OWNER: ClassVar[str] = "chart"
    TEXT_OWNER_ID: ClassVar[str] = "chart_id"

    chart_id: int
    title: str
    question: str
    findings: tuple[SummaryFinding, ...]


@dataclass(frozen=True)
class Recommendation:
    TEXT_OWNER: ClassVar[str] = "recommendation"
    TEXT_OWNER_ID: ClassVar[str] = "postit_id"

    postit_id: int
    text: str


@dataclass(frozen=True)
class Signpost:
    TEXT_OWNER: ClassVar[str] = "signposting"

    id: int
    text: str
    kind: str
    chart_title: str      # printed after the suggestion, even for a retired flip chart
    chart_id: int | None = None

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
    def place(self) -> str:
        """Where it is printed, as one string: "finding:12:headline"."""
        return f"{self.owner}:{self.owner_id}:{self.field}"

    @property
    def where(self) -> str:
        names = {
            "cover": "Cover", "chart": "Flip chart", "finding": "Finding",
            "recommendation": "Participants' recommendation", "signposting": "Signposting",
            "text": "The text you checked", "summary": "Summary",
            "title_slide": "Title slide", "next_steps": "Next steps",
            "template": "Slide template",
        }
        if self.owner in ("text", "next_steps"):
            return names[self.owner]
        name = names.get(self.owner, self.owner)
        if self.owner in ("cover", "title_slide", "template"):
            return f"{name}: {self.field.replace('_', ' ')}"
        return f"{name} {self.owner_id}: {self.field.replace('_', ' ')}"


@dataclass(frozen=True)
class Summary:
    TEXT_OWNER: ClassVar[str] = "summary"

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


def _ordered_support(support: Support,
                     added: tuple[str, ...] = ()) -> tuple[tuple[str, int], ...]:
    counts = support.by_kind
    order = {kind: i for i, kind in enumerate((*SOURCE_KIND_ORDER, *added))}
    return tuple(sorted(counts.items(), key=lambda item: (order.get(item[0], 99), item[0])))


def _findings(notebook: Notebook, rule: Rule) -> dict[int, list[SummaryFinding]]:
    """The chosen findings per flip chart, in the peer's order.

    Chosen: ``in_summary`` = 1, or not set and the finding is agreed.
    """
    supports = _support_rows(notebook)
    with notebook.read() as conn:
        kinds = added_kinds(conn)
        rows = conn.execute(
            "SELECT id, flip_chart_id, headline, detail, kind FROM finding"
            " WHERE in_summary = 1 OR (in_summary IS NULL AND status = 'agreed')"
            " ORDER BY summary_position IS NULL, summary_position, position, id").fetchall()
    out: dict[int, list[SummaryFinding]] = defaultdict(list)
    empty = Support.of(())
    words = tuple((k.key, in_sentence(k.session), in_sentence(k.label)) for k in kinds)
    order = tuple(k.key for k in kinds)
    for finding_id, chart_id, headline, detail, kind in rows:
        support = supports.get(int(finding_id), empty)
        out[int(chart_id)].append(SummaryFinding(
            id=int(finding_id), headline=_clean(headline), detail=_clean(detail),
            kind=str(kind), label=support.label(rule), support=_ordered_support(support, order),
            challenges=len({s.ref for s in support.challenges}), added_words=words))
    return out


def _clean(value: object) -> str:
    return clean_text(str(value or "")).strip()


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
            "SELECT s.id, s.text, s.kind, COALESCE(c.title, ''), s.flip_chart_id"
            " FROM signposting s"
            " LEFT JOIN flip_chart c ON c.id = s.flip_chart_id WHERE trim(s.text) != ''"
            " ORDER BY s.kind, s.position, s.id").fetchall()
    if row is None:
        from peerdesk.vault.notebook import database_damaged

        raise database_damaged()
    rule = _rule(int(row[7]), int(row[8]))
    cover = Cover(engagement_title=_clean(row[0]), client_system=_clean(row[1]),
                  peer_name=_clean(row[2]), peer_initials=_clean(row[3]),
                  peer_role=_clean(row[4]),
                  day=day or notebook.clock.now().date())
    chosen = _findings(notebook, rule)
    sections = []
    for chart_id, title, question, retired in charts:
        findings = tuple(chosen.get(int(chart_id), ()))
        if retired and not findings:
            continue
        sections.append(ChartSection(int(chart_id), _clean(title), _clean(question),
                                     findings))
    return Summary(
        cover=cover, method=count_method(notebook, (row[5], row[6])), rule=rule,
        sections=tuple(sections),
        recommendations=tuple(Recommendation(int(i), _clean(t)) for i, t in recommendations),
        signposting=tuple(Signpost(int(i), _clean(t), str(k), _clean(c),
                                   None if chart is None else int(chart))
                          for i, t, k, c, chart in signposts),
    )
