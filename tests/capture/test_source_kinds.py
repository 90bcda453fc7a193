"""Kinds of source a template adds: each is a type of session, counted as its own kind of
source wherever sources are counted (findings, matrix, summary), and kept in the notebook."""

from __future__ import annotations

import json
from datetime import datetime
from pathlib import Path

import pytest

from peerdesk.capture import flip_charts
from peerdesk.capture.postits import PostitStore
from peerdesk.capture.session_kinds import notebook_kind_labels, notebook_kinds
from peerdesk.capture.sessions import SessionDetails, SessionStore
from peerdesk.capture.timetable.days import missed, status_text
from peerdesk.feedback.model import build_feedback
from peerdesk.summary.model import build_summary
from peerdesk.synthesis.board import BoardFilter, BoardReader
from peerdesk.synthesis.findings import FindingStore
from peerdesk.synthesis.triangulation import Label
from peerdesk.vault.errors import ValidationError
from peerdesk.vault.notebook import Notebook
from peerdesk.vault.template import TemplateError, parse_template

TEMPLATE = Path(__file__).parents[1] / "fixtures" / "templates" / "site-visits.json"
DAY = datetime(2026, 3, 3, 9, 0).astimezone()


def session(notebook: Notebook, title: str, kind: str, hour: int) -> int:
    return SessionStore(notebook).add(SessionDetails(title, kind, DAY.replace(hour=hour))).id


def finding_from(notebook: Notebook, sessions: list[int]) -> int:
    chart = notebook.flip_charts()[0].id
    store = PostitStore(notebook)
    ids = [store.add(chart, f"Heard in session {s}", "strength", session_id=s).id
           for s in sessions]
    findings = FindingStore(notebook)
    fid = findings.group(ids, "Care homes are steady", "strength")
    findings.set_status(fid, "agreed")
    return fid


def test_a_loaded_template_adds_types_of_session_that_outlive_it(notebook: Notebook) -> None:
    applied = flip_charts.apply_template_file(notebook, TEMPLATE)
    assert [k.session for k in applied.kinds] == ["Site visit", "Case-file audit"]
    assert [k.key for k in notebook_kinds(notebook)] == ["site_visit", "case_audit"]
    labels = notebook_kind_labels(notebook)
    assert labels["site_visit"] == "Site visit" and labels["meeting"] == "Meeting with individuals"
    visit = SessionStore(notebook).get(session(notebook, "Walk round Elm House", "site_visit", 10))
    assert (visit.kind, visit.kind_label) == ("site_visit", "Site visit")
    assert visit.ends_at is not None and visit.ends_at - visit.starts_at == \
        (DAY.replace(hour=12) - DAY.replace(hour=10))  # its own usual length, two hours
    prompts = flip_charts.notebook_template(notebook).prompts_for("site_visit")["opening"]
    assert [p.key for p in prompts] == ["walk_round"]
    # stored as an "other" session with the added kind beside it
    with notebook.read() as conn:
        assert conn.execute("SELECT kind, source_kind FROM session WHERE id = ?",
                            (visit.id,)).fetchone() == ("other", "site_visit")
    # a second load adds nothing, and a template without them takes nothing away
    assert flip_charts.apply_template_file(notebook, TEMPLATE).kinds == ()
    assert len(notebook_kinds(notebook)) == 2


def test_an_added_kind_counts_as_a_kind_of_source_of_its_own(notebook: Notebook) -> None:
    flip_charts.apply_template_file(notebook, TEMPLATE)
    fid = finding_from(notebook, [session(notebook, "Director", "meeting", 9),
                                  session(notebook, "Elm House", "site_visit", 11),
                                  session(notebook, "Oak Lodge", "site_visit", 14)])
    store = FindingStore(notebook)
    finding = store.get(fid)
    assert finding.support.by_kind == {"meeting": 1, "site_visit": 2}
    assert finding.label is Label.TRIANGULATED  # 3 sources of 2 kinds
    row = store.matrix()[0]
    assert (row.sources, row.kinds, row.counts) == (3, 2, {"meeting": 1, "site_visit": 2})
    assert store.source_kinds() == ["meeting", "site_visit"]
    assert list(store.kind_labels())[-2:] == ["site_visit", "case_audit"]
    assert store.kind_labels()["site_visit"] == "Site visits"
    summary = build_summary(notebook)
    assert summary.findings[0].support_text == "1 meeting, 2 site visits"
    slide = build_feedback(notebook).feedback.findings[0]
    assert slide.support == "3 sources of 2 kinds: meetings, site visits"


def test_the_board_names_and_filters_the_added_kind(notebook: Notebook) -> None:
    flip_charts.apply_template_file(notebook, TEMPLATE)
    finding_from(notebook, [session(notebook, "Director", "meeting", 9),
                            session(notebook, "Elm House", "site_visit", 11)])
    reader = BoardReader(notebook)
    chart = notebook.flip_charts()[0].id
    cards = reader.cards(chart, 0, 10)
    assert sorted(c.source_text for c in cards) == ["Meeting", "Site visit"]
    assert reader.source_texts()["site_visit"] == "Site visit"
    kept = reader.filtered_ids(BoardFilter(source_kind="site_visit"))
    assert [c.source_text for c in reader.cards_by_id(kept[chart])] == ["Site visit"]
    assert reader.filtered_ids(BoardFilter(source_kind="other")) == {}


def test_without_the_template_an_added_type_of_session_is_refused(notebook: Notebook) -> None:
    with pytest.raises(ValidationError, match="not a type of session this engagement has"):
        session(notebook, "Elm House", "site_visit", 11)
    assert SessionStore(notebook).list_all() == []


@pytest.mark.parametrize(("change", "problem"), [
    ({"key": "meeting"}, "already one of peerdesk's own kinds"),
    ({"key": "Site Visit"}, "a key of lower-case letters"),
    ({"label": "Documents"}, "already one of peerdesk's own kinds of source"),
    ({"label": ""}, "a piece of text is expected"),
    ({"session": "x" * 61}, "a short name"),
    ({"minutes": 0}, "a whole number from 5 to 600"),
])
def test_a_template_with_a_bad_kind_is_refused_with_the_place_named(
        notebook: Notebook, tmp_path: Path, change: dict[str, object], problem: str) -> None:
    doc = json.loads(TEMPLATE.read_text("utf-8"))
    doc["source_kinds"][0].update(change)
    path = tmp_path / "bad.json"
    path.write_text(json.dumps(doc), "utf-8")
    with pytest.raises(TemplateError, match="at source kind 1") as caught:
        flip_charts.apply_template_file(notebook, path)
    assert problem in caught.value.message
    assert notebook_kinds(notebook) == ()
    assert [c.title for c in notebook.flip_charts()][-1] != "Care homes and home care"


def test_two_added_kinds_may_not_share_a_label() -> None:
    doc = json.loads(TEMPLATE.read_text("utf-8"))
    doc["source_kinds"][1]["label"] = "site visits"
    with pytest.raises(TemplateError, match="used twice"):
        parse_template(json.dumps(doc).encode(), "twice.json")


def test_a_past_session_of_an_added_type_without_notes_is_marked_no_notes(
        notebook: Notebook) -> None:
    flip_charts.apply_template_file(notebook, TEMPLATE)
    visit = SessionStore(notebook).get(session(notebook, "Elm House", "site_visit", 10))
    assert visit.ends_at is not None
    assert missed(visit, visit.ends_at)
    assert status_text(visit, visit.ends_at) == "No notes"


def test_the_summary_counts_the_added_types_held(notebook: Notebook) -> None:
    flip_charts.apply_template_file(notebook, TEMPLATE)
    store = SessionStore(notebook)
    for hour in (10, 14):
        store.save_notes(session(notebook, f"Visit at {hour}", "site_visit", hour), "Calm")
    session(notebook, "Planned audit", "case_audit", 16)  # planned only: not held
    method = build_summary(notebook).method
    assert method.lines()[:4] == [("Meetings with individuals held", 0),
                                  ("Focus groups held", 0), ("Site visits held", 2),
                                  ("Case-file audits held", 0)]
    assert "meetings, focus groups, site visits and case-file audits held" in method.counted
