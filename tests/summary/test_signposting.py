"""Signposting suggestions: added, changed, ordered, removed, and carried into the summary."""

from __future__ import annotations

import pytest

from peerdesk.summary import signposting
from peerdesk.summary.model import build_summary
from peerdesk.summary.signposting import SignpostNotFoundError
from peerdesk.vault.errors import ValidationError
from peerdesk.vault.notebook import Notebook


def test_add_list_and_the_summary_shows_them_by_kind(notebook: Notebook) -> None:
    chart = notebook.flip_charts()[2]
    person = signposting.add(notebook, "  An analyst network could help  ", "person")
    first = signposting.add(notebook, "The leadership academy next door", "good_practice",
                            chart.id)
    second = signposting.add(notebook, "A shared care record in the north", "good_practice")
    items = signposting.list_signposts(notebook)
    assert [(i.id, i.kind, i.position) for i in items] == [
        (first, "good_practice", 0), (second, "good_practice", 1), (person, "person", 0)]
    assert items[0].chart_title == chart.title and items[0].flip_chart_id == chart.id
    assert items[1].chart_title == "" and items[1].flip_chart_id is None
    assert items[2].text == "An analyst network could help"
    assert items[2].kind_text == "People who could help"
    summary = build_summary(notebook)
    assert [(h, [s.text for s in ss]) for h, ss in summary.signposts_by_kind()] == [
        ("Good practice elsewhere", ["The leadership academy next door",
                                     "A shared care record in the north"]),
        ("People who could help", ["An analyst network could help"])]


def test_update_changes_only_what_is_given(notebook: Notebook) -> None:
    chart = notebook.flip_charts()[0]
    keep = signposting.add(notebook, "Already a person", "person")
    sid = signposting.add(notebook, "Draft", "good_practice", chart.id)
    signposting.update(notebook, sid, text="Better words")
    item = signposting.get(notebook, sid)
    assert (item.text, item.kind, item.flip_chart_id) == ("Better words", "good_practice",
                                                          chart.id)
    signposting.update(notebook, sid, kind="person", flip_chart_id=None)
    item = signposting.get(notebook, sid)
    assert (item.kind, item.flip_chart_id, item.position) == ("person", None, 1)
    assert signposting.get(notebook, keep).position == 0


def test_problems_are_plain_errors(notebook: Notebook) -> None:
    with pytest.raises(ValidationError, match="cannot be empty"):
        signposting.add(notebook, "   ")
    with pytest.raises(ValidationError, match="good practice elsewhere or people"):
        signposting.add(notebook, "Text", "gossip")
    with pytest.raises(ValidationError, match="no longer in the notebook"):
        signposting.add(notebook, "Text", "person", 9999)
    sid = signposting.add(notebook, "Text")
    with pytest.raises(ValidationError, match="cannot be empty"):
        signposting.update(notebook, sid, text="")
    assert signposting.get(notebook, sid).text == "Text"
    signposting.delete(notebook, sid)
    assert signposting.list_signposts(notebook) == []
    with pytest.raises(SignpostNotFoundError):
        signposting.delete(notebook, sid)
    with pytest.raises(SignpostNotFoundError):
        signposting.update(notebook, sid, text="again")
    with pytest.raises(SignpostNotFoundError):
        signposting.get(notebook, sid)


def test_a_deleted_flip_chart_unties_its_suggestions(notebook: Notebook) -> None:
    from peerdesk.capture import flip_charts

    chart = flip_charts.add_theme(notebook, "Digital")
    sid = signposting.add(notebook, "A digital exemplar", "good_practice", chart.id)
    with notebook.write() as conn:
        conn.execute("DELETE FROM flip_chart WHERE id = ?", (chart.id,))
    item = signposting.get(notebook, sid)
    assert item.flip_chart_id is None and item.chart_title == ""
