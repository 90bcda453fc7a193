"""The one model of the summary: what goes in, in which order, and what never does."""

from __future__ import annotations

from peerdesk.summary.model import build_summary
from peerdesk.summary.wording import MARKING
from peerdesk.synthesis.triangulation import Label
from peerdesk.vault.notebook import Notebook
from tests import summary_fixture


def test_cover_and_method_in_numbers(notebook: Notebook) -> None:
    summary_fixture.build(notebook)
    summary = build_summary(notebook)
    c = summary.cover
    assert (c.engagement_title, c.client_system) == ("Northvale health and care partnership",
                                                     "Northvale ICS")
    assert (c.peer_name, c.peer_initials, c.peer_role) == ("Alex Morgan", "AM",
                                                           "Council chief executive peer")
    assert c.peer_text == "Alex Morgan (AM)"
    assert c.date_text == "03/03/2026"  # the test clock's day, written the UK way
    assert c.marking == MARKING == "Confidential, not attributable to individuals"
    # The cancelled meeting and its participant do not count; the team session is not a
    # meeting; the on-site days run from 03/03 to 06/03.
    assert summary.method.lines() == [
        ("Meetings with individuals held", 3), ("Focus groups held", 2), ("People met", 9),
        ("Documents read", 2), ("Days on site", 4)]
    assert summary.method.counted.startswith("Counted: meetings and focus groups held")


def test_findings_chosen_and_ordered(notebook: Notebook) -> None:
    fx = summary_fixture.build(notebook)
    summary = build_summary(notebook)
    assert [s.title for s in summary.sections] == [title for _id, title in fx.charts]
    headlines = [f.headline for f in summary.findings]
    # Agreed by default; in_summary = 1 brings in an emerging one, 0 leaves out an agreed
    # one; within a chart the peer's summary order comes first, then the board order.
    assert headlines == [
        "Population health data is not yet shared across partners",
        "Partners tell one story about the system’s three priorities",
        "Leadership is visible at the top but thin in the middle",
        "Consider a shared leadership programme for middle managers",
        "Discharge to assess has cut delays for older people",
    ]
    with notebook.write() as conn:
        conn.execute("UPDATE finding SET summary_position = 1 WHERE id = ?",
                     (fx.findings["Partners tell one story about the system’s three "
                               "priorities"],))
        conn.execute("UPDATE finding SET status = 'dropped' WHERE id = ?",
                     (fx.findings["Discharge to assess has cut delays for older people"],))
    headlines = [f.headline for f in build_summary(notebook).findings]
    assert headlines[:2] == ["Partners tell one story about the system’s three priorities",
                             "Population health data is not yet shared across partners"]
    assert "Discharge to assess has cut delays for older people" not in headlines


def test_retired_charts_appear_only_with_findings(notebook: Notebook) -> None:
    fx = summary_fixture.build(notebook)
    leadership_id, leadership = fx.charts[2]
    ownership_id, ownership = fx.charts[1]
    with notebook.write() as conn:
        conn.execute("UPDATE flip_chart SET retired = 1 WHERE id IN (?, ?)",
                     (leadership_id, ownership_id))
    titles = [s.title for s in build_summary(notebook).sections]
    assert leadership in titles       # retired, but two findings are chosen from it
    assert ownership not in titles    # retired and empty


def test_support_counts_sources_by_kind(notebook: Notebook) -> None:
    fx = summary_fixture.build(notebook)
    by_headline = {f.headline: f for f in build_summary(notebook).findings}
    one_story = by_headline["Partners tell one story about the system’s three priorities"]
    assert one_story.support == (("meeting", 2), ("focus_group", 1), ("document", 1))
    assert one_story.label is Label.TRIANGULATED
    assert one_story.support_text == "2 meetings, 1 focus group, 1 document"
    assert one_story.meta_text == ("Strength · Triangulated · Support: 2 meetings, "
                                   "1 focus group, 1 document")
    data = by_headline["Population health data is not yet shared across partners"]
    # The focus group that challenges it is counted apart and never as support.
    assert data.support == (("meeting", 1),) and data.challenges == 1
    assert data.label is Label.SINGLE_SOURCE
    assert data.kind_text == "Area to explore"
    assert data.challenge_text == "Challenged by 1 source"

    # A second post-it from the same meeting is still one source.
    with notebook.write() as conn:
        cur = conn.execute(
            "INSERT INTO postit (flip_chart_id, text, kind, session_id, created_at, updated_at)"
            " VALUES (?, 'again', 'observation', ?, ?, ?)",
            (fx.charts[0][0], fx.sessions["m1"], summary_fixture.NOW, summary_fixture.NOW))
        conn.execute("INSERT INTO finding_evidence (finding_id, postit_id) VALUES (?, ?)",
                     (one_story.id, cur.lastrowid))
    again = {f.headline: f for f in build_summary(notebook).findings}
    assert again[one_story.headline].support == one_story.support


def test_label_follows_the_engagements_rule(notebook: Notebook) -> None:
    summary_fixture.build(notebook)
    headline = "Leadership is visible at the top but thin in the middle"

    def label() -> Label:
        return next(f.label for f in build_summary(notebook).findings if f.headline == headline)

    assert label() is Label.CORROBORATED  # two focus groups: one kind, short of 3 sources
    with notebook.write() as conn:
        conn.execute("UPDATE engagement SET rule_min_sources = 2, rule_min_kinds = 1")
    assert label() is Label.TRIANGULATED
    summary = build_summary(notebook)
    assert summary.label_key[0] == ("Triangulated", "at least 2 sources of at least 1 kind")


def test_recommendations_and_signposting(notebook: Notebook) -> None:
    summary_fixture.build(notebook)
    summary = build_summary(notebook)
    assert [r.text for r in summary.recommendations] == [
        "Give team leaders time to meet across organisations every month",
        "Put one named contact for care homes in every neighbourhood"]
    assert [(p.kind_text, p.text, p.chart_title) for p in summary.signposting] == [
        ("Good practice elsewhere",
         "Look at the shared leadership academy run by a neighbouring system", "Leadership"),
        ("People who could help",
         "A population health analyst network could help set up shared data", "")]


def test_never_names_titles_notes_or_sources(notebook: Notebook) -> None:
    summary_fixture.build(notebook)
    summary = build_summary(notebook)
    everything = repr(summary)
    for name in summary_fixture.every_name(notebook):
        assert name not in everything
    assert "Meeting with" not in everything        # session titles
    assert "Focus group:" not in everything
    assert "Raw notes" not in everything           # session notes
    assert "Post-it p-" not in everything          # the post-its behind a finding
    assert "Position statement" not in everything  # document titles
    assert "Performance pack" not in everything
