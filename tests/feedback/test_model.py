"""The feedback model: which findings, in which order and groups, with what support; what
the preview says is left out; and every text the gate must read."""

from __future__ import annotations

from datetime import date

from peerdesk.feedback.model import build_feedback
from peerdesk.feedback.next_steps import next_steps, set_next_steps
from peerdesk.feedback.wording import DEFAULT_NEXT_STEPS
from peerdesk.summary.attribution import outgoing_texts
from peerdesk.synthesis.findings import FindingStore
from peerdesk.synthesis.triangulation import Label, Source, Support, support_words
from peerdesk.vault.notebook import Notebook
from tests import summary_fixture


def test_agreed_chosen_findings_by_chart_and_kind(notebook: Notebook) -> None:
    fx = summary_fixture.build(notebook)
    built = build_feedback(notebook, day=date(2026, 3, 6))
    fb = built.feedback
    titles = dict(fx.charts)
    assert [c.title for c in fb.charts] == [titles[fx.charts[i][0]] for i in (0, 2, 7)]
    first = fb.charts[0]
    assert [(g.heading, [f.headline for f in g.findings]) for g in first.groups] == [
        ("Strengths", ["Partners tell one story about the system’s three priorities"]),
        ("Areas to explore", ["Population health data is not yet shared across partners"]),
    ]
    strength = first.groups[0].findings[0]
    assert strength.label is Label.TRIANGULATED
    assert strength.support == "4 sources of 3 kinds: meetings, focus groups, documents"
    assert strength.challenge == ""
    area = first.groups[1].findings[0]
    assert area.support == "1 source of 1 kind: meetings"
    assert area.challenge == "Challenged by 1 source"
    assert fb.title.engagement_title == "Northvale health and care partnership"
    assert fb.title.date_text == "06/03/2026"
    # The emerging finding ticked for the summary is not on the slides, and says so.
    assert built.left_out.not_agreed == (
        "Consider a shared leadership programme for middle managers",)
    assert built.left_out.not_chosen == 1
    assert titles[fx.charts[1][0]] in built.left_out.empty_charts
    assert [t.title for t in fb.themes] == [titles[fx.charts[2][0]], titles[fx.charts[4][0]]]


def test_triangulated_first_then_the_peers_order(notebook: Notebook) -> None:
    fx = summary_fixture.build(notebook)
    chart = fx.charts[5][0]
    corroborated = summary_fixture.add_finding(notebook, chart, "First in the peer's order")
    triangulated = summary_fixture.add_finding(notebook, chart, "Second, but triangulated")
    third = summary_fixture.add_finding(notebook, chart, "Third, corroborated")
    with notebook.write() as conn:
        for fid, keys in ((corroborated, ("p-m1", "p-m2")),
                          (triangulated, ("p-m1", "p-fg1", "p-doc1")),
                          (third, ("p-m3", "p-fg2"))):
            conn.executemany("INSERT INTO finding_evidence (finding_id, postit_id, relation)"
                             " VALUES (?, ?, 'supports')", [(fid, fx.postits[k]) for k in keys])
    store = FindingStore(notebook)
    store.reorder_summary([third, corroborated, triangulated])
    part = next(c for c in build_feedback(notebook).feedback.charts if c.chart_id == chart)
    assert [f.headline for f in part.findings] == [
        "Second, but triangulated", "Third, corroborated", "First in the peer's order"]


def test_every_text_that_goes_out_is_in_the_model(notebook: Notebook) -> None:
    summary_fixture.build(notebook)
    set_next_steps(notebook, "Report in April\n\nCall the manager's office")
    fb = build_feedback(notebook, ("Programme footer",)).feedback
    places = {t.place for t in outgoing_texts(fb)}
    finding = fb.charts[0].findings[0].id
    chart = fb.charts[0].chart_id
    for place in (f"finding:{finding}:headline", f"finding:{finding}:support",
                  f"chart:{chart}:title", "title_slide:0:engagement_title",
                  "title_slide:0:marking", "next_steps:0:lines", "template:0:texts",
                  f"recommendation:{fb.themes[0].recommendations[0].postit_id}:text"):
        assert place in places
    assert fb.next_steps.lines == ("Report in April", "Call the manager's office")


def test_next_steps_default_and_back(notebook: Notebook) -> None:
    assert next_steps(notebook) == list(DEFAULT_NEXT_STEPS)
    set_next_steps(notebook, "One\nTwo")
    assert next_steps(notebook) == ["One", "Two"]
    set_next_steps(notebook, "\n".join(DEFAULT_NEXT_STEPS))   # the same as the standard
    assert notebook.meta("feedback_next_steps") is None
    set_next_steps(notebook, "Mine")
    set_next_steps(notebook, None)
    assert next_steps(notebook) == list(DEFAULT_NEXT_STEPS)


def test_support_in_words() -> None:
    sources = [Source(("session", 1), "meeting"), Source(("session", 2), "meeting"),
               Source(("document", 1), "document"), Source(("session", 3), "focus_group")]
    assert support_words(Support.of(sources)) == (
        "4 sources of 3 kinds: meetings, focus groups, documents")
    assert support_words(Support.of(sources[:1])) == "1 source of 1 kind: meetings"
    assert support_words(Support.of(())) == "no supporting source recorded"
