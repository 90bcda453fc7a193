"""Templates: the flip charts (key lines of enquiry) and facilitation prompts, as data.

The shipped template lives in ``peerdesk/assets/templates/standard.json`` (copied from
``resources/templates`` by ``packaging/compile_assets.py``). A peer can load another
programme's template file; a malformed one is refused with the file, the place and the
problem named.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import Any

from peerdesk.vault.errors import ValidationError
from peerdesk.vault.schema import SESSION_KINDS

FORMAT = "peerdesk-template"
PHASES = ("before", "opening", "during", "close")
PHASE_LABELS = {"before": "Before", "opening": "Opening", "during": "During", "close": "Close"}
DEFAULT_PROMPTS = "default"
"""Prompts for any session kind the template does not list on its own."""
CONFIDENTIALITY_KEY = "confidentiality"
"""The prompt whose tick is recorded with its time ("confidentiality explained")."""
_KEY = re.compile(r"^[a-z0-9_]{1,40}$")


class TemplateError(ValidationError):
    default_message = "The template file is not valid."


@dataclass(frozen=True)
class ChartTemplate:
    key: str
    title: str
    question: str
    probes: tuple[str, ...]


@dataclass(frozen=True)
class Prompt:
    """One line of the facilitation checklist. ``key`` is stable: ticks are stored by it."""

    key: str
    text: str


PhasePrompts = dict[str, tuple[Prompt, ...]]
"""Prompts by phase ("before", "opening", "during", "close"), every phase present."""


@dataclass(frozen=True)
class ExerciseTemplate:
    """A timed exercise (the focus-group opening exercises)."""

    key: str
    title: str
    question: str
    minutes: int = 10
    session_kind: str = "focus_group"

    @property
    def seconds(self) -> float:
        return float(self.minutes * 60)


@dataclass(frozen=True)
class SourceKind:
    """A kind of source a programme adds to meetings, focus groups, documents and
    observation (a site visit, say). It brings a type of session of the same key: notes
    and post-its from those sessions count as this kind of source."""

    key: str
    label: str
    """How the kind is headed where sources are counted ("Site visits")."""
    session: str
    """The type of session, as the timetable names it ("Site visit")."""
    minutes: int = 60

    def to_json(self) -> dict[str, Any]:
        return {"key": self.key, "label": self.label, "session": self.session,
                "minutes": self.minutes}


BUILT_IN_SOURCE_KINDS = {
    "meeting": "Meetings",
    "focus_group": "Focus groups",
    "document": "Documents",
    "observation": "Observation",
}
"""The kinds of source peerdesk knows, most direct first, with their headings
(``synthesis.triangulation``); a template may add others but not reuse these."""


@dataclass(frozen=True)
class Template:
    name: str
    flip_charts: tuple[ChartTemplate, ...]
    prompts: dict[str, PhasePrompts] = field(default_factory=dict)
    exercises: tuple[ExerciseTemplate, ...] = ()
    source_kinds: tuple[SourceKind, ...] = ()

    def prompts_for(self, session_kind: str) -> PhasePrompts:
        """The checklist for a session kind: its own, else the template's default."""
        found = self.prompts.get(session_kind) or self.prompts.get(DEFAULT_PROMPTS) or {}
        return {phase: found.get(phase, ()) for phase in PHASES}

    def exercises_for(self, session_kind: str) -> tuple[ExerciseTemplate, ...]:
        return tuple(e for e in self.exercises if e.session_kind == session_kind)

    def exercise(self, key: str) -> ExerciseTemplate | None:
        return next((e for e in self.exercises if e.key == key), None)


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
    added = source_kinds_from(doc.get("source_kinds", []), source)
    kinds = (*SESSION_KINDS, *(k.key for k in added))
    prompts = _prompts(doc.get("prompts", {}), source, kinds)
    exercises = _exercises(doc.get("exercises", []), source, kinds)
    return Template(name, tuple(charts), prompts, exercises, added)


def source_kinds_from(raw: Any, source: str) -> tuple[SourceKind, ...]:
    """The ``"source_kinds"`` list: each with a key, a label and the session's name."""
    out: list[SourceKind] = []
    for where, item in _objects(raw, source, "source_kinds", "source kind",
                                'an object with "key", "label" and "session" is expected'):
        key = _key(item.get("key"), source, f'{where}, "key"')
        if key in SESSION_KINDS or key in BUILT_IN_SOURCE_KINDS or key == DEFAULT_PROMPTS:
            raise _fail(source, f'{where}, "key"',
                        f"{key!r} is already one of peerdesk's own kinds; choose another key")
        if any(k.key == key for k in out):
            raise _fail(source, f'{where}, "key"', f"the key {key!r} is used twice")
        minutes = _minutes(item, 60, range(5, 601), source, where)
        label = _short(item.get("label"), source, f'{where}, "label"')
        session = _short(item.get("session"), source, f'{where}, "session"')
        if label.casefold() in {t.casefold() for t in BUILT_IN_SOURCE_KINDS.values()}:
            raise _fail(source, f'{where}, "label"',
                        f"{label!r} is already one of peerdesk's own kinds of source")
        if any(k.label.casefold() == label.casefold() for k in out):
            raise _fail(source, f'{where}, "label"', f"the label {label!r} is used twice")
        out.append(SourceKind(key, label, session, minutes))
    return tuple(out)


def _objects(raw: Any, source: str, name: str, noun: str,
             expected: str = "an object is expected") -> Iterator[tuple[str, dict[str, Any]]]:
    """Each object of the list ``"name"``, with where it is ("exercise 2")."""
    if not isinstance(raw, list):
        raise _fail(source, f'"{name}"', "a list is expected")
    for number, item in enumerate(raw, start=1):
        where = f"{noun} {number}"
        if not isinstance(item, dict):
            raise _fail(source, where, expected)
        yield where, item


def _minutes(item: dict[str, Any], default: int, allowed: range, source: str,
             where: str) -> int:
    minutes = item.get("minutes", default)
    if isinstance(minutes, bool) or not isinstance(minutes, int) or minutes not in allowed:
        raise _fail(source, f'{where}, "minutes"',
                    f"a whole number from {allowed[0]} to {allowed[-1]} is expected")
    return minutes


def _short(value: Any, source: str, where: str) -> str:
    text = " ".join(_text(value, source, where).split())
    if len(text) > 60:
        raise _fail(source, where, "a short name (at most 60 characters) is expected")
    return text


def _key(value: Any, source: str, where: str) -> str:
    if not isinstance(value, str) or not _KEY.match(value):
        raise _fail(source, where, "a key of lower-case letters, digits and _ is expected")
    return value


def _prompts(raw: Any, source: str, session_kinds: tuple[str, ...]) -> dict[str, PhasePrompts]:
    if not isinstance(raw, dict):
        raise _fail(source, '"prompts"', "an object is expected")
    out: dict[str, PhasePrompts] = {}
    for kind, phases in raw.items():
        where = f'"prompts", "{kind}"'
        if kind != DEFAULT_PROMPTS and kind not in session_kinds:
            known = ", ".join((*session_kinds, DEFAULT_PROMPTS))
            raise _fail(source, where, f"the session kind is unknown (use one of: {known})")
        if not isinstance(phases, dict):
            raise _fail(source, where, "an object of phases is expected")
        seen: set[str] = set()
        by_phase: PhasePrompts = {}
        for phase, items in phases.items():
            there = f'{where}, "{phase}"'
            if phase not in PHASES:
                known = ", ".join(PHASES)
                raise _fail(source, there, f"the phase is unknown (use one of: {known})")
            if not isinstance(items, list):
                raise _fail(source, there, "a list of prompts is expected")
            prompts: list[Prompt] = []
            for number, item in enumerate(items, start=1):
                at = f"{there}, prompt {number}"
                if not isinstance(item, dict):
                    raise _fail(source, at, 'an object with "key" and "text" is expected')
                key = _key(item.get("key"), source, f'{at}, "key"')
                if key in seen:
                    raise _fail(source, f'{at}, "key"', f"the key {key!r} is used twice")
                seen.add(key)
                prompts.append(Prompt(key, _text(item.get("text"), source, f'{at}, "text"')))
            by_phase[phase] = tuple(prompts)
        out[kind] = {phase: by_phase.get(phase, ()) for phase in PHASES}
    return out


def _exercises(raw: Any, source: str,
               session_kinds: tuple[str, ...]) -> tuple[ExerciseTemplate, ...]:
    out: list[ExerciseTemplate] = []
    for where, item in _objects(raw, source, "exercises", "exercise"):
        key = _key(item.get("key"), source, f'{where}, "key"')
        if any(e.key == key for e in out):
            raise _fail(source, f'{where}, "key"', f"the key {key!r} is used twice")
        minutes = _minutes(item, 10, range(1, 121), source, where)
        kind = item.get("session_kind", "focus_group")
        if kind not in session_kinds:
            raise _fail(source, f'{where}, "session_kind"', "the session kind is unknown")
        out.append(ExerciseTemplate(
            key=key, title=_text(item.get("title"), source, f'{where}, "title"'),
            question=_text(item.get("question"), source, f'{where}, "question"'),
            minutes=minutes, session_kind=kind))
    return tuple(out)


def load_template_file(path: Path) -> Template:
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise TemplateError(f"The template {path.name} cannot be read ({exc.strerror}).") from None
    return parse_template(raw, path.name)


def standard_template() -> Template:
    raw = resources.files("peerdesk").joinpath("assets/templates/standard.json").read_bytes()
    return parse_template(raw, "standard.json")
