"""Saving a text that goes out in the summary back where it is kept."""

from __future__ import annotations

import pytest

from peerdesk.summary import signposting
from peerdesk.summary.attribution import outgoing_texts, unresolved
from peerdesk.summary.edits import current_text, editable, save_text
from peerdesk.summary.model import OutgoingText, build_summary
from peerdesk.vault.errors import ValidationError
from peerdesk.vault.notebook import Notebook
from tests import summary_fixture


def _source(notebook: Notebook, owner: str, field: str, owner_id: int = 0) -> OutgoingText:
    for text in outgoing_texts(build_summary(notebook)):
        if (text.owner, text.field) == (owner, field) and owner_id in (0, text.owner_id):
            return text
    raise AssertionError(f"no outgoing {owner} {field}")


def test_every_outgoing_text_can_be_read_and_saved(notebook: Notebook) -> None:
    fx = summary_fixture.build(notebook)
    summary = build_summary(notebook)
    for text in outgoing_texts(summary):
        if text.owner == "summary" or text.field in ("kind", "label", "support", "marking",
                                                      "chart_title"):
            continue   # the app's own wording and codes, not the peer's
        assert editable(text), text
        assert current_text(notebook, text).strip() == text.text.strip()
    fid = fx.findings["Leadership is visible at the top but thin in the middle"]
    cases = [("finding", "headline", fid, "Leaders are seen at the top"),
             ("finding", "detail", fid, "Staff said they rarely see leaders."),
             ("chart", "title", fx.charts[0][0], "Vision and shared priorities"),
             ("chart", "question", fx.charts[0][0], "Is there one vision?"),
             ("cover", "engagement_title", 0, "Northvale partnership"),
             ("cover", "peer_role", 0, "Peer"),
             ("signposting", "text", 0, "A neighbouring academy"),
             ("recommendation", "text", 0, "Meet monthly across organisations")]
    for owner, field, owner_id, new in cases:
        source = _source(notebook, owner, field, owner_id)
        save_text(notebook, source, new)
        saved = _source(notebook, owner, field, source.owner_id)
        assert saved.text == new, (owner, field)
        assert current_text(notebook, saved) == new


def test_saving_an_edit_clears_the_hit(notebook: Notebook) -> None:
    fx = summary_fixture.build(notebook)
    fid = summary_fixture.add_finding(notebook, fx.charts[1][0], "Ownership is clear",
                                      "Marek Nowak said care homes feel left out")
    sid = signposting.add(notebook, "Ask Priyanka Desai about volunteers", "person")
    hits = unresolved(notebook, build_summary(notebook))
    assert sorted((h.term, h.where) for h in hits) == [
        ("Marek Nowak", f"Finding {fid}: detail"),
        ("Priyanka Desai", f"Signposting {sid}: text")]
    for hit in hits:
        fixed = hit.source.text[:hit.start] + "someone" + hit.source.text[hit.end:]
        save_text(notebook, hit.source, fixed)
    assert unresolved(notebook, build_summary(notebook)) == []
    assert signposting.get(notebook, sid).text == "Ask someone about volunteers"


def test_refusals_leave_the_text_alone(notebook: Notebook) -> None:
    fx = summary_fixture.build(notebook)
    fid = fx.findings["Leadership is visible at the top but thin in the middle"]
    source = _source(notebook, "finding", "headline", fid)
    with pytest.raises(ValidationError, match="headline"):
        save_text(notebook, source, "   ")
    assert current_text(notebook, source) == source.text
    with pytest.raises(ValidationError, match="cannot be changed"):
        save_text(notebook, OutgoingText("cover", 0, "date", "x"), "y")
    assert not editable(OutgoingText("cover", 0, "date", "x"))
