"""Not attributable for one place only; new words in place of a hit; decisions files."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from peerdesk.summary.attribution import accept, unresolved, withdraw
from peerdesk.summary.attribution.decisions import apply_decisions, read_decisions
from peerdesk.summary.model import build_summary
from peerdesk.synthesis.findings import FindingStore
from peerdesk.vault.errors import ValidationError
from peerdesk.vault.notebook import Notebook
from tests import summary_fixture


def _count(notebook: Notebook) -> int:
    with notebook.read() as conn:
        return int(conn.execute("SELECT COUNT(*) FROM accepted_place").fetchone()[0])


def test_not_attributable_holds_for_that_one_place(notebook: Notebook) -> None:
    fx = summary_fixture.build(notebook)
    chart = fx.charts[0][0]
    first = summary_fixture.add_finding(notebook, chart, "Ann Webb's team runs the clinic")
    second = summary_fixture.add_finding(notebook, chart, "Ann Webb's team runs the clinic")
    summary_fixture.add_finding(notebook, chart, "Care homes", "Ann Webb's team runs the clinic")
    hits = unresolved(notebook, build_summary(notebook))
    assert [h.source.place for h in hits] == [f"finding:{first}:headline",
                                              f"finding:{second}:headline",
                                              f"finding:{second + 1}:detail"]
    accept(notebook, hits[0])
    left = unresolved(notebook, build_summary(notebook))
    # The identical text in the other finding, and in a detail, is still to resolve.
    assert [h.source.place for h in left] == [f"finding:{second}:headline",
                                              f"finding:{second + 1}:detail"]
    assert _count(notebook) == 1

    # Two hits in one text: accepting one leaves the other.
    both = summary_fixture.add_finding(notebook, chart, "Ann Webb told Marek Nowak")
    in_both = [h for h in unresolved(notebook, build_summary(notebook))
               if h.source.owner_id == both]
    assert [h.term for h in in_both] == ["Ann Webb", "Marek Nowak"]
    accept(notebook, in_both[1])
    assert [h.term for h in unresolved(notebook, build_summary(notebook))
            if h.source.owner_id == both] == ["Ann Webb"]

    # Editing the accepted text brings the hit back; withdrawing forgets it.
    FindingStore(notebook).update(first, headline="Ann Webb's team runs the clinic well")
    assert f"finding:{first}:headline" in [
        h.source.place for h in unresolved(notebook, build_summary(notebook))]
    withdraw(notebook, hits[0])
    assert _count(notebook) == 1


def _write(tmp_path: Path, name: str, text: str) -> Path:
    path = tmp_path / name
    path.write_text(text, "utf-8")
    return path


def test_decisions_replace_and_accept_in_one_text(notebook: Notebook, tmp_path: Path) -> None:
    fx = summary_fixture.build(notebook)
    fid = summary_fixture.add_finding(notebook, fx.charts[0][0],
                                      "Ann Webb and the DPH agree with Marek Nowak")
    hits = unresolved(notebook, build_summary(notebook))
    by_term = {h.term: h for h in hits}
    assert set(by_term) == {"Ann Webb", "DPH", "Marek Nowak"}
    path = _write(tmp_path, "d.json", json.dumps({"decisions": [
        {"hit": by_term["Ann Webb"].id, "decision": "replace", "text": "A nurse"},
        {"place": f"finding:{fid}:headline", "term": "dph", "decision": "accept"},
        {"hit": by_term["Marek Nowak"].id, "decision": "replace", "text": "a provider"}]}))
    assert apply_decisions(notebook, hits, read_decisions(path)) == 3
    assert FindingStore(notebook).get(fid).headline == "A nurse and the DPH agree with a provider"
    # The acceptance moved with the text: nothing is left.
    assert unresolved(notebook, build_summary(notebook)) == []


@pytest.mark.parametrize(("text", "message"), [
    ("hit,decision\nabc,maybe\n", "say “accept” or “replace”"),
    ("hit,decision,text\nabc,replace,\n", "needs the new words"),
    ("id;what\n1;2\n", "needs a “decision” column"),
    ("[{\"decision\": \"accept\"}]", "name the hit by its id"),
    ("[1, 2]", "must hold a list of decisions"),
    ("{not json", "is not valid JSON"),
])
def test_a_bad_decisions_file_is_refused(tmp_path: Path, text: str, message: str) -> None:
    with pytest.raises(ValidationError, match=message):
        read_decisions(_write(tmp_path, "bad.txt", text))
    with pytest.raises(ValidationError, match="cannot be read"):
        read_decisions(tmp_path / "missing.csv")


def test_a_decision_for_no_hit_changes_nothing(notebook: Notebook, tmp_path: Path) -> None:
    fx = summary_fixture.build(notebook)
    fid = summary_fixture.add_finding(notebook, fx.charts[0][0], "Ann Webb is clear")
    hits = unresolved(notebook, build_summary(notebook))
    path = _write(tmp_path, "d.csv", f"hit,decision,text\n{hits[0].id},replace,Someone\n"
                                     "0000000000,accept,\n")
    with pytest.raises(ValidationError, match="Decision 3: no hit 0000000000"):
        apply_decisions(notebook, hits, read_decisions(path))
    assert FindingStore(notebook).get(fid).headline == "Ann Webb is clear"
