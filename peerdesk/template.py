"""Templates: the flip charts (key lines of enquiry) and facilitation prompts, as data.

The shipped template lives in ``peerdesk/assets/templates/standard.json`` (copied from
``resources/templates`` by ``packaging/compile_assets.py``). A peer can load another
programme's template file; a malformed one is refused with the file, the place and the
problem named.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import Any

from peerdesk.errors import ValidationError

FORMAT = "peerdesk-template"


class TemplateError(ValidationError):
    default_message = "The template file is not valid."


@dataclass(frozen=True)
class ChartTemplate:
    key: str
    title: str
    question: str
    probes: tuple[str, ...]


@dataclass(frozen=True)
class Template:
    name: str
    flip_charts: tuple[ChartTemplate, ...]
    prompts: dict[str, Any] = field(default_factory=dict)
    exercises: tuple[dict[str, Any], ...] = ()


def _fail(source: str, where: str, problem: str) -> TemplateError:
    return TemplateError(f"The template {source} is not valid: at {where}, {problem}.")


def _text(value: Any, source: str, where: str) -> str:
    if not isinstance(value, str) or not value.strip():
        raise _fail(source, where, "a piece of text is expected")
    return value.strip()


def parse_template(raw: bytes, source: str) -> Template:
    try:
        doc = json.loads(raw.decode("utf-8-sig"))
    except UnicodeDecodeError:
        raise _fail(source, "the start", "the file is not UTF-8 text") from None
    except json.JSONDecodeError as exc:
        raise _fail(source, f"line {exc.lineno}, column {exc.colno}", exc.msg.lower()) from None
    if not isinstance(doc, dict) or doc.get("format") != FORMAT:
        raise _fail(source, "the top", f'"format" must be "{FORMAT}"')
    if doc.get("version") != 1:
        raise _fail(source, "the top", '"version" must be 1')
    name = _text(doc.get("name"), source, '"name"')
    charts_raw = doc.get("flip_charts")
    if not isinstance(charts_raw, list) or not charts_raw:
        raise _fail(source, '"flip_charts"', "a list of at least one flip chart is expected")
    charts: list[ChartTemplate] = []
    seen: set[str] = set()
    for index, item in enumerate(charts_raw, start=1):
        where = f"flip chart {index}"
        if not isinstance(item, dict):
            raise _fail(source, where, "an object is expected")
        key = _text(item.get("key"), source, f"{where}, \"key\"")
        if key in seen:
            raise _fail(source, f"{where}, \"key\"", f"the key {key!r} is used twice")
        seen.add(key)
        probes = item.get("probes", [])
        if not isinstance(probes, list):
            raise _fail(source, f"{where}, \"probes\"", "a list of questions is expected")
        charts.append(ChartTemplate(
            key=key,
            title=_text(item.get("title"), source, f"{where}, \"title\""),
            question=_text(item.get("question"), source, f"{where}, \"question\""),
            probes=tuple(_text(p, source, f"{where}, probe {n}")
                         for n, p in enumerate(probes, start=1)),
        ))
    prompts = doc.get("prompts", {})
    if not isinstance(prompts, dict):
        raise _fail(source, '"prompts"', "an object is expected")
    exercises = doc.get("exercises", [])
    if not isinstance(exercises, list):
        raise _fail(source, '"exercises"', "a list is expected")
    return Template(name, tuple(charts), prompts, tuple(exercises))


def load_template_file(path: Path) -> Template:
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise TemplateError(f"The template {path.name} cannot be read ({exc.strerror}).") from None
    return parse_template(raw, path.name)


def standard_template() -> Template:
    raw = resources.files("peerdesk").joinpath("assets/templates/standard.json").read_bytes()
    return parse_template(raw, "standard.json")
