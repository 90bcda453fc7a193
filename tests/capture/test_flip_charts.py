"""Flip charts: add themes, rename, reorder, retire and restore, add another template's."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from peerdesk.capture import flip_charts
from peerdesk.capture.flip_charts import FlipChartNotFoundError
from peerdesk.capture.postits import PostitStore
from peerdesk.vault.errors import ValidationError
from peerdesk.vault.notebook import Notebook
from peerdesk.vault.template import TemplateError

STANDARD = ["Shared vision and priorities", "Ownership across partners", "Leadership",
            "Governance and accountability", "System, place and neighbourhood",
            "Capacity and resources", "Engaging people and partners", "Difference made so far"]


def titles(notebook: Notebook, include_retired: bool = False) -> list[str]:
    return [c.title for c in notebook.flip_charts(include_retired)]


def chart_id(notebook: Notebook, title: str) -> int:
    return next(c.id for c in notebook.flip_charts(True) if c.title == title)


def test_a_new_engagement_has_the_templates_charts(notebook: Notebook) -> None:
    assert titles(notebook) == STANDARD


def test_add_a_theme_at_the_end(notebook: Notebook) -> None:
    chart = flip_charts.add_theme(notebook, "  Children's   services ", "How are children "
                                  "included?", ["Who leads?", " "])
    assert (chart.title, chart.question, chart.probes, chart.key) == (
        "Children's services", "How are children included?", ("Who leads?",), None)
    assert titles(notebook)[-1] == "Children's services"
    assert [c.position for c in notebook.flip_charts()] == list(range(9))
    with pytest.raises(ValidationError, match="already a flip chart called"):
        flip_charts.add_theme(notebook, "leadership")
    with pytest.raises(ValidationError, match="Give the flip chart a title"):
        flip_charts.add_theme(notebook, "   ")


def test_rename(notebook: Notebook) -> None:
    leadership = chart_id(notebook, "Leadership")
    flip_charts.rename(notebook, leadership, "Leadership and culture", "How strong is it?")
    chart = next(c for c in notebook.flip_charts() if c.id == leadership)
    assert (chart.title, chart.question) == ("Leadership and culture", "How strong is it?")
    flip_charts.rename(notebook, leadership, "Leadership")
    assert titles(notebook) == STANDARD
    with pytest.raises(ValidationError, match="already a flip chart"):
        flip_charts.rename(notebook, leadership, "Governance and accountability")
    with pytest.raises(FlipChartNotFoundError):
        flip_charts.rename(notebook, 9999, "Anything")


def test_reorder_up_down_and_to_a_position(notebook: Notebook) -> None:
    leadership = chart_id(notebook, "Leadership")
    flip_charts.move_up(notebook, leadership)
    assert titles(notebook)[:3] == [STANDARD[0], "Leadership", STANDARD[1]]
    flip_charts.move_down(notebook, leadership)
    assert titles(notebook) == STANDARD
    flip_charts.move_to(notebook, leadership, 0)
    assert titles(notebook)[0] == "Leadership"
    flip_charts.move_to(notebook, leadership, 100)
    assert titles(notebook)[-1] == "Leadership"
    flip_charts.move_down(notebook, leadership)  # already last: stays
    assert titles(notebook)[-1] == "Leadership"
    first = chart_id(notebook, STANDARD[0])
    flip_charts.move_up(notebook, first)  # already first: stays
    assert titles(notebook)[0] == STANDARD[0]
    assert [c.position for c in notebook.flip_charts()] == list(range(8))


def test_retire_and_restore_keep_postits(notebook: Notebook) -> None:
    capacity = chart_id(notebook, "Capacity and resources")
    postit = PostitStore(notebook).add(capacity, "No pooled budget yet", "area_to_explore")
    flip_charts.retire(notebook, capacity)
    assert "Capacity and resources" not in titles(notebook)
    assert titles(notebook, include_retired=True)[-1] == "Capacity and resources"
    assert [c.retired for c in notebook.flip_charts(True)][-1] is True
    with pytest.raises(ValidationError, match="Restore the flip chart before moving it"):
        flip_charts.move_to(notebook, capacity, 0)
    assert PostitStore(notebook).get(postit.id).flip_chart_id == capacity
    flip_charts.restore(notebook, capacity)
    assert titles(notebook)[-1] == "Capacity and resources"
    assert len(titles(notebook)) == 8
    with pytest.raises(FlipChartNotFoundError):
        flip_charts.retire(notebook, 9999)


def other_template(path: Path, charts: list[dict[str, object]]) -> Path:
    path.write_text(json.dumps({"format": "peerdesk-template", "version": 1,
                                "name": "Adult social care", "flip_charts": charts}), "utf-8")
    return path


def test_apply_another_programmes_template(notebook: Notebook, tmp_path: Path) -> None:
    path = other_template(tmp_path / "asc.json", [
        {"key": "leadership", "title": "Leadership (again)", "question": "Q?"},
        {"key": "carers", "title": "Support for carers", "question": "Are carers heard?",
         "probes": ["How do carers get a break?"]},
        {"key": "x", "title": "governance and accountability", "question": "Q?"},
    ])
    retired = chart_id(notebook, "Leadership")
    flip_charts.retire(notebook, retired)
    applied = flip_charts.apply_template_file(notebook, path)
    assert [c.title for c in applied.added] == ["Support for carers"]
    assert applied.skipped == ("Leadership (again)", "governance and accountability")
    added = applied.added[0]
    assert (added.key, added.probes) == ("carers", ("How do carers get a break?",))
    assert titles(notebook)[-1] == "Support for carers"
    assert titles(notebook, True)[-1] == "Leadership"  # retired charts stay after


def test_a_malformed_template_file_changes_nothing(notebook: Notebook, tmp_path: Path) -> None:
    path = other_template(tmp_path / "bad.json", [{"key": "carers", "title": ""}])
    with pytest.raises(TemplateError, match=r'bad\.json is not valid: at flip chart 1, "title"'):
        flip_charts.apply_template_file(notebook, path)
    assert titles(notebook) == STANDARD


def test_a_loaded_templates_own_prompts_are_kept_and_used(notebook: Notebook,
                                                          tmp_path: Path) -> None:
    assert flip_charts.notebook_template(notebook).name == "Health and care system peer challenge"
    plain = other_template(tmp_path / "charts-only.json", [
        {"key": "carers", "title": "Support for carers", "question": "Are carers heard?"}])
    flip_charts.apply_template_file(notebook, plain)
    assert flip_charts.notebook_template(notebook).name == "Health and care system peer challenge"
    doc = json.loads(plain.read_text("utf-8"))
    doc["name"] = "Adult social care"
    doc["flip_charts"] = [{"key": "housing", "title": "Housing", "question": "Q?"}]
    doc["prompts"] = {"default": {"opening": [
        {"key": "confidentiality", "text": "Nothing said here is traced back to anyone."}]}}
    with_prompts = tmp_path / "asc.json"
    with_prompts.write_text(json.dumps(doc), "utf-8")
    flip_charts.apply_template_file(notebook, with_prompts)
    kept = flip_charts.notebook_template(notebook)
    assert kept.name == "Adult social care"
    opening = kept.prompts_for("meeting")["opening"]
    assert [p.text for p in opening] == ["Nothing said here is traced back to anyone."]
    assert notebook.engagement().template_name == "Adult social care"
