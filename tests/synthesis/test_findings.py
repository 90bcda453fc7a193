"""Findings: grouping post-its, support and labels, the matrix, the summary's choice."""

from __future__ import annotations

import pytest

from peerdesk.synthesis.findings import FindingNotFoundError, FindingStore
from peerdesk.synthesis.triangulation import Label, Rule, RuleError
from peerdesk.vault.errors import ValidationError
from peerdesk.vault.notebook import Notebook
from tests.synthesis_rows import add_document, add_postit, add_session, charts


@pytest.fixture
def store(notebook: Notebook) -> FindingStore:
    return FindingStore(notebook)


def test_create_update_and_delete(notebook: Notebook, store: FindingStore) -> None:
    first, second = charts(notebook)[:2]
    fid = store.create(first, "  Partners share   one ambition ", "strength")
    finding = store.get(fid)
    assert (finding.headline, finding.kind, finding.status) == (
        "Partners share one ambition", "strength", "emerging")
    assert finding.label is Label.NO_EVIDENCE and not finding.included
    store.update(fid, detail="Heard in most meetings", kind="area_to_explore",
                 flip_chart_id=second)
    finding = store.get(fid)
    assert (finding.detail, finding.kind, finding.flip_chart_id, finding.headline) == (
        "Heard in most meetings", "area_to_explore", second, "Partners share one ambition")
    store.delete(fid)
    with pytest.raises(FindingNotFoundError):
        store.get(fid)
    with pytest.raises(FindingNotFoundError):
        store.set_status(fid, "agreed")


def test_bad_values_are_refused(notebook: Notebook, store: FindingStore) -> None:
    chart = charts(notebook)[0]
    with pytest.raises(ValidationError, match="headline"):
        store.create(chart, "   ", "strength")
    with pytest.raises(ValidationError, match="strength"):
        store.create(chart, "A finding", "observation")
    with pytest.raises(ValidationError, match="flip chart"):
        store.create(9999, "A finding", "strength")
    fid = store.create(chart, "A finding", "strength")
    with pytest.raises(ValidationError):
        store.set_status(fid, "maybe")
    with pytest.raises(ValidationError):
        store.add_evidence(fid, add_postit(notebook), "contradicts")
    with pytest.raises(ValidationError, match="post-its"):
        store.add_evidence(fid, 424242)
    with pytest.raises(ValidationError):
        store.group([], "Nothing", "strength")


def test_group_makes_a_finding_on_the_first_postits_chart(notebook: Notebook,
                                                           store: FindingStore) -> None:
    first, second = charts(notebook)[:2]
    meeting = add_session(notebook, "meeting")
    a = add_postit(notebook, "one", session_id=meeting, chart=second)
    b = add_postit(notebook, "two", session_id=meeting, chart=first)
    fid = store.group([a, b, a], "Grouped", "area_to_explore")
    finding = store.get(fid)
    assert finding.flip_chart_id == second
    assert [e.postit_id for e in store.evidence(fid)] == [a, b]
    assert finding.support.count == 1  # the same session twice is one source
    assert finding.label is Label.SINGLE_SOURCE
    assert store.findings_of_postit(a) == [(fid, "supports")]


def test_label_grows_with_support_and_follows_the_rule(notebook: Notebook,
                                                       store: FindingStore) -> None:
    chart = charts(notebook)[0]
    fid = store.create(chart, "Governance untested", "area_to_explore")
    m1, m2 = add_session(notebook, "meeting"), add_session(notebook, "meeting")
    doc = add_document(notebook)
    store.add_evidence(fid, add_postit(notebook, session_id=m1))
    assert store.get(fid).label is Label.SINGLE_SOURCE
    store.add_evidence(fid, add_postit(notebook, session_id=m2))
    assert store.get(fid).label is Label.CORROBORATED
    store.add_evidence(fid, add_postit(notebook, document_id=doc))
    finding = store.get(fid)
    assert finding.label is Label.TRIANGULATED
    assert finding.support.by_kind == {"meeting": 2, "document": 1}
    store.set_rule(Rule(4, 2))
    assert store.rule() == Rule(4, 2)
    assert notebook.engagement().rule_min_sources == 4
    assert store.get(fid).label is Label.CORROBORATED
    assert store.matrix()[0].label is Label.CORROBORATED
    with pytest.raises(RuleError):
        store.set_rule(Rule(2, 3))
    assert store.rule() == Rule(4, 2)


def test_challenging_postit_is_shown_not_counted(notebook: Notebook,
                                                  store: FindingStore) -> None:
    chart = charts(notebook)[0]
    m1, m2, fg = (add_session(notebook, k) for k in ("meeting", "meeting", "focus_group"))
    fid = store.group([add_postit(notebook, session_id=m1), add_postit(notebook, session_id=m2)],
                      "Strong relationships", "strength")
    against = add_postit(notebook, "Relationships are strained", session_id=fg, chart=chart)
    store.add_evidence(fid, against, "challenges")
    finding = store.get(fid)
    assert finding.challenged and finding.support.count == 2
    assert finding.label is Label.CORROBORATED
    row = store.matrix()[0]
    assert row.challenged and row.challenges == 1 and row.counts == {"meeting": 2}
    # marking it as support instead replaces the relation
    store.add_evidence(fid, against, "supports")
    assert store.get(fid).label is Label.TRIANGULATED
    store.remove_evidence(fid, against)
    assert store.get(fid).support.count == 2


def test_postits_without_a_source_add_nothing(notebook: Notebook, store: FindingStore) -> None:
    meeting = add_session(notebook)
    pid = add_postit(notebook, session_id=meeting)
    fid = store.group([pid], "A finding", "strength")
    with notebook.write() as conn:
        conn.execute("DELETE FROM session WHERE id = ?", (meeting,))
    assert store.get(fid).label is Label.NO_EVIDENCE
    assert store.matrix()[0].sources == 0
    assert store.evidence(fid)[0].source is None


def test_matrix_agrees_with_findings(notebook: Notebook, store: FindingStore) -> None:
    first, second = charts(notebook)[:2]
    sessions = [add_session(notebook, k) for k in ("meeting", "focus_group", "call",
                                                   "meeting")]
    doc = add_document(notebook)
    posts = [add_postit(notebook, session_id=s) for s in sessions]
    posts.append(add_postit(notebook, document_id=doc))
    a = store.group(posts[:3], "Three kinds", "strength")
    b = store.group([posts[0], posts[3]], "Two meetings", "area_to_explore")
    c = store.create(second, "Nothing yet", "suggestion")
    d = store.group([posts[4], posts[1]], "Document and group", "strength")
    store.update(d, flip_chart_id=second)
    rows = {r.finding_id: r for r in store.matrix()}
    for finding in store.findings():
        row = rows[finding.id]
        assert row.label is finding.label
        assert row.counts == finding.support.by_kind
        assert row.sources == finding.support.count
        assert row.flip_chart_id == finding.flip_chart_id
    assert rows[a].counts == {"meeting": 2, "focus_group": 1}  # a call is a meeting
    assert rows[a].label is Label.TRIANGULATED and rows[b].label is Label.CORROBORATED
    assert rows[c].label is Label.NO_EVIDENCE
    assert [r.finding_id for r in store.matrix(triangulated_only=True)] == [a]
    assert [f.id for f in store.findings(first)] == [a, b]
    assert store.source_kinds() == ["meeting", "focus_group", "document"]


def test_team_sessions_and_catch_ups_relay_and_are_not_sources(notebook: Notebook,
                                                                store: FindingStore) -> None:
    meeting = add_session(notebook, "meeting")
    team = add_session(notebook, "team_session")
    catch_up = add_session(notebook, "client_catch_up")
    review = add_session(notebook, "document_review")
    doc = add_document(notebook)
    posts = [add_postit(notebook, session_id=s) for s in (meeting, team, catch_up, review)]
    posts.append(add_postit(notebook, document_id=doc))
    fid = store.group(posts, "Relayed at the team session", "strength")
    finding = store.get(fid)
    assert (finding.support.count, finding.support.by_kind) == (3, {"meeting": 1,
                                                                    "document": 2})
    row = store.matrix()[0]
    assert (row.sources, row.kinds, row.counts) == (3, 2, {"meeting": 1, "document": 2})
    assert [e.source is None for e in store.evidence(fid)] == [False, True, True, False, False]


def test_move_reorders_a_chart(notebook: Notebook, store: FindingStore) -> None:
    first, second = charts(notebook)[:2]
    a, b, c = (store.create(first, t, "strength") for t in "abc")
    store.move(c, first, 0)
    assert [f.id for f in store.findings(first)] == [c, a, b]
    store.move(a, second, 5)
    assert [f.id for f in store.findings(first)] == [c, b]
    assert [f.id for f in store.findings(second)] == [a]


def test_summary_selection_and_order(notebook: Notebook, store: FindingStore) -> None:
    chart = charts(notebook)[0]
    a, b, c = (store.create(chart, t, "strength") for t in ("A", "B", "C"))
    assert store.summary() == []
    store.set_status(a, "agreed")
    store.set_status(b, "agreed")
    assert [f.id for f in store.summary()] == [a, b]  # agreed ones go in by default
    store.set_in_summary(b, False)
    store.set_in_summary(c, True)
    assert [f.id for f in store.summary()] == [a, c]
    store.reorder_summary([c, a])
    assert [f.id for f in store.summary()] == [c, a]
    assert store.get(c).summary_position == 0
    store.set_in_summary(b, True)  # put in after the ordered ones
    assert [f.id for f in store.summary()] == [c, a, b]
    store.set_in_summary(b, None)
    assert {f.id for f in store.summary()} == {a, b, c}
    assert [r.included for r in store.matrix()] == [True, True, True]
    # what the summary export reads agrees (see summary_model)
    with notebook.read() as conn:
        chosen = [r[0] for r in conn.execute(
            "SELECT id FROM finding WHERE in_summary = 1 OR (in_summary IS NULL AND"
            " status = 'agreed') ORDER BY summary_position IS NULL, summary_position,"
            " position, id")]
    assert chosen == [f.id for f in store.summary()]


def test_deleting_a_postit_drops_it_from_findings(notebook: Notebook,
                                                  store: FindingStore) -> None:
    m1, m2 = add_session(notebook), add_session(notebook, "focus_group")
    p1, p2 = add_postit(notebook, session_id=m1), add_postit(notebook, session_id=m2)
    fid = store.group([p1, p2], "Two sources", "strength")
    with notebook.write() as conn:
        conn.execute("DELETE FROM postit WHERE id = ?", (p2,))
    assert store.get(fid).support.count == 1
    assert [e.postit_id for e in store.evidence(fid)] == [p1]
