"""The shipped template's charts, prompts and exercises, and plain messages for bad files."""

from __future__ import annotations

import copy
import json
import re
from pathlib import Path
from typing import Any

import pytest

from peerdesk.vault import schema
from peerdesk.vault.template import (
    CONFIDENTIALITY_KEY,
    PHASES,
    TemplateError,
    load_template_file,
    parse_template,
    standard_template,
)
from tests.conftest import need_system
from tests.locations import ROOT

SOURCE = ROOT / "resources" / "templates" / "standard.json"
BRIEFING = ROOT.parent / "shared" / "BRIEFING.md"


def standard_doc() -> dict[str, Any]:
    doc: dict[str, Any] = json.loads(SOURCE.read_text("utf-8"))
    return doc


def test_the_package_copy_is_the_resources_file() -> None:
    packaged = ROOT / "peerdesk" / "assets" / "templates" / "standard.json"
    assert packaged.read_bytes() == SOURCE.read_bytes()


def test_shipped_template_has_the_eight_lines_of_enquiry() -> None:
    template = standard_template()
    assert [c.key for c in template.flip_charts] == [
        "vision", "ownership", "leadership", "governance", "system_place", "capacity",
        "engagement", "added_value"]
    assert all(c.probes for c in template.flip_charts)


def test_prompts_exist_for_each_kind_and_phase() -> None:
    template = standard_template()
    assert set(template.prompts) == {"meeting", "focus_group", "team_session",
                                     "client_catch_up", "default"}
    for kind in ("meeting", "focus_group"):
        prompts = template.prompts_for(kind)
        assert list(prompts) == list(PHASES)
        assert all(len(prompts[phase]) >= 1 for phase in PHASES)
        assert CONFIDENTIALITY_KEY in [p.key for p in prompts["opening"]]
    for kind in ("team_session", "client_catch_up"):
        assert sum(len(v) for v in template.prompts_for(kind).values()) <= 8
    # kinds without their own list get the default one
    for kind in ("feedback", "call", "document_review", "other"):
        assert template.prompts_for(kind) == template.prompts["default"]
    assert template.prompts_for("meeting") != template.prompts_for("call")


def test_prompt_keys_are_unique_within_a_kind() -> None:
    for kind, phases in standard_template().prompts.items():
        keys = [p.key for items in phases.values() for p in items]
        assert len(keys) == len(set(keys)), kind


def test_what_the_meeting_prompts_cover() -> None:
    texts = " ".join(p.text.lower() for items in standard_template().prompts_for(
        "meeting").values() for p in items)
    for idea in ("partner peer", "voluntary", "not an inspection", "critical friends",
                 "speak freely", "traced back", "own organisation", "most of the talking",
                 "three to four weeks", "thank"):
        assert idea in texts, idea


def test_focus_group_prompts_and_exercises() -> None:
    template = standard_template()
    texts = " ".join(p.text.lower() for items in template.prompts_for("focus_group").values()
                     for p in items)
    for idea in ("how long", "examples", "every voice", "post-it", "recommend"):
        assert idea in texts, idea
    exercises = template.exercises_for("focus_group")
    assert [(e.key, e.minutes, e.seconds) for e in exercises] == [
        ("good_at", 10, 600.0), ("get_better", 10, 600.0)]
    assert all(e.question.endswith("reports back.") and "?" in e.question for e in exercises)
    assert template.exercise("get_better") is exercises[1]
    assert template.exercises_for("meeting") == ()


def test_template_session_kinds_are_the_schemas() -> None:
    for kind in standard_template().prompts:
        assert kind == "default" or kind in schema.SESSION_KINDS


def test_prompts_are_our_own_words_not_the_briefings() -> None:
    need_system(BRIEFING.exists(), "the briefing ../shared/BRIEFING.md (a shared/ folder beside "
                "the checkout)")

    def words(text: str) -> list[str]:
        return re.findall(r"[a-z0-9']+", text.lower())

    briefing = words(BRIEFING.read_text("utf-8"))
    runs = {tuple(briefing[i:i + 6]) for i in range(len(briefing) - 5)}
    doc = standard_doc()
    texts = [item["text"] for phases in doc["prompts"].values() for items in phases.values()
             for item in items] + [e["question"] for e in doc["exercises"]]
    copied = [t for t in texts
              if any(tuple(words(t)[i:i + 6]) in runs for i in range(len(words(t)) - 5))]
    assert copied == []


def broken(change: Any) -> bytes:
    doc = copy.deepcopy(standard_doc())
    change(doc)
    return json.dumps(doc).encode()


@pytest.mark.parametrize(("change", "place", "problem"), [
    (lambda d: d["prompts"].update({"coffee": {}}), '"prompts", "coffee"',
     "the session kind is unknown"),
    (lambda d: d["prompts"]["meeting"].update({"after": []}), '"prompts", "meeting", "after"',
     "the phase is unknown"),
    (lambda d: d["prompts"]["meeting"]["opening"].append({"key": "x"}),
     '"prompts", "meeting", "opening", prompt 7, "text"', "a piece of text is expected"),
    (lambda d: d["prompts"]["meeting"]["close"].append({"key": "Bad Key", "text": "t"}),
     '"prompts", "meeting", "close", prompt 4, "key"', "a key of lower-case letters"),
    (lambda d: d["prompts"]["meeting"]["close"].append({"key": "thanks", "text": "again"}),
     '"prompts", "meeting", "close", prompt 4, "key"', "the key 'thanks' is used twice"),
    (lambda d: d["prompts"]["focus_group"].update({"during": "talk"}),
     '"prompts", "focus_group", "during"', "a list of prompts is expected"),
    (lambda d: d.update({"prompts": []}), '"prompts"', "an object is expected"),
    (lambda d: d["exercises"][0].update({"minutes": 0}), 'exercise 1, "minutes"',
     "a whole number from 1 to 120"),
    (lambda d: d["exercises"][1].update({"key": "good_at"}), 'exercise 2, "key"',
     "used twice"),
    (lambda d: d["exercises"][1].update({"question": ""}), 'exercise 2, "question"',
     "a piece of text is expected"),
    (lambda d: d["exercises"][0].update({"session_kind": "party"}),
     'exercise 1, "session_kind"', "the session kind is unknown"),
    (lambda d: d["flip_charts"][2].pop("title"), 'flip chart 3, "title"',
     "a piece of text is expected"),
])
def test_a_malformed_template_names_file_place_and_problem(change: Any, place: str,
                                                          problem: str) -> None:
    with pytest.raises(TemplateError) as caught:
        parse_template(broken(change), "other-programme.json")
    message = caught.value.message
    assert message.startswith(f"The template other-programme.json is not valid: at {place}, ")
    assert problem in message


def test_a_template_file_that_is_not_json_names_the_line(tmp_path: Path) -> None:
    path = tmp_path / "mine.json"
    path.write_text('{\n  "format": "peerdesk-template",\n  "version": 1,\n  oops\n}\n')
    with pytest.raises(TemplateError, match=r"mine.json is not valid: at line 4, column 3"):
        load_template_file(path)
    with pytest.raises(TemplateError, match=r"missing.json cannot be read"):
        load_template_file(tmp_path / "missing.json")


def test_a_template_without_prompts_still_loads(tmp_path: Path) -> None:
    doc = standard_doc()
    del doc["prompts"], doc["exercises"]
    template = parse_template(json.dumps(doc).encode(), "bare.json")
    assert template.prompts_for("meeting") == {phase: () for phase in PHASES}
    assert template.exercises == ()
