"""The gate reads every string of the model, and the rendered output holds nothing else.

The model is filled by walking its dataclass fields from their type hints, each string a
different made-up person's name; every one must be flagged, and every name that appears
in the PDF, the DOCX or the plain text must be one the check flagged.
"""

from __future__ import annotations

import dataclasses
import io
import re
import typing
from dataclasses import dataclass
from datetime import date
from enum import Enum
from itertools import count

import pytest
from docx import Document
from pypdf import PdfReader

from peerdesk.capture import flip_charts
from peerdesk.summary import signposting
from peerdesk.summary.attribution import check, outgoing_texts
from peerdesk.summary.attribution.check import find_hits
from peerdesk.summary.attribution.outgoing import UnreadableModelError
from peerdesk.summary.attribution.people import Engagement
from peerdesk.summary.edits import current_text, save_text
from peerdesk.summary.export import render
from peerdesk.summary.model import Summary, build_summary
from peerdesk.vault.notebook import Notebook
from tests import summary_fixture

_numbers = count(1)


def _name() -> str:
    n = next(_numbers)
    return f"Zebedee Quarrington{'abcdefghijklmnopqrstuvwxyz'[n % 26]}{n} said so"


def _fill(hint: object) -> object:
    """A value of type ``hint`` whose every string is a made-up name."""
    origin = typing.get_origin(hint)
    args = typing.get_args(hint)
    if hint is str:
        return _name()
    if hint is int:
        return next(_numbers)
    if hint is date:
        return date(2026, 3, 3)
    if isinstance(hint, type) and issubclass(hint, Enum):
        return next(iter(hint))
    if origin is tuple:
        if len(args) == 2 and args[1] is Ellipsis:
            return tuple(_fill(args[0]) for _ in range(2))
        return tuple(_fill(a) for a in args)
    if origin in (typing.Union, getattr(__import__("types"), "UnionType", None)):
        return _fill(next(a for a in args if a is not type(None)))
    if dataclasses.is_dataclass(hint) and isinstance(hint, type):
        hints = typing.get_type_hints(hint)
        values = {}
        for f in dataclasses.fields(hint):
            if f.name in ("min_sources", "min_kinds"):
                values[f.name] = 1
            else:
                values[f.name] = _fill(hints[f.name])
        return hint(**values)
    raise AssertionError(f"the test cannot fill a {hint!r}: teach it, or the model changed")


def _strings(value: object) -> list[str]:
    """Every string in ``value``, found independently of the gate's walker."""
    if isinstance(value, str):
        return [value]
    if isinstance(value, Enum):
        return _strings(value.value)
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return [s for f in dataclasses.fields(value) for s in _strings(getattr(value, f.name))]
    if isinstance(value, tuple | list):
        return [s for item in value for s in _strings(item)]
    return []


@pytest.fixture(scope="module")
def filled() -> Summary:
    model = _fill(Summary)
    assert isinstance(model, Summary)
    return model


def test_every_string_of_the_model_is_checked(filled: Summary) -> None:
    names = [s for s in _strings(filled) if s.startswith("Zebedee")]
    assert len(names) > 20
    seen = {t.text for t in outgoing_texts(filled)}
    assert set(names) <= seen
    hits = find_hits(outgoing_texts(filled), Engagement())
    flagged = {h.source.text for h in hits}
    escaped = [n for n in names if n not in flagged]
    assert escaped == []


def _rendered_text(summary: Summary, fmt: str) -> str:
    data = render(summary, fmt)
    if fmt == "pdf":
        return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(data)).pages)
    if fmt == "docx":
        doc = Document(io.BytesIO(data))
        parts = [p.text for p in doc.paragraphs]
        parts += [c.text for t in doc.tables for r in t.rows for c in r.cells]
        for section in doc.sections:
            parts += [p.text for p in section.header.paragraphs + section.footer.paragraphs]
        return "\n".join(parts)
    return data.decode("utf-8")


@pytest.mark.parametrize("fmt", ["pdf", "docx", "txt"])
def test_every_name_in_the_rendered_output_was_checked(filled: Summary, fmt: str) -> None:
    hits = find_hits(outgoing_texts(filled), Engagement())
    checked = {m for h in hits for m in re.findall(r"Quarrington[a-z]\d+", h.source.text)}
    written = set(re.findall(r"Quarrington[a-z]\d+", _rendered_text(filled, fmt)))
    assert written, "the renderer wrote none of the model's texts"
    assert written <= checked


def test_a_value_the_gate_cannot_read_is_refused() -> None:
    @dataclass
    class Slide:
        TEXT_OWNER: typing.ClassVar[str] = "slide"
        id: int
        notes: object

    with pytest.raises(UnreadableModelError, match=r"slide\.notes"):
        list(outgoing_texts(Slide(1, object())))
    texts = list(outgoing_texts(Slide(4, {"title": "Jo Bloggs"})))
    assert [(t.place, t.text) for t in texts] == [("slide:4:notes", "title"),
                                                  ("slide:4:notes", "Jo Bloggs")]


def test_a_retired_flip_charts_title_after_a_suggestion_is_checked(notebook: Notebook) -> None:
    fx = summary_fixture.build(notebook)
    chart_id = fx.charts[5][0]
    flip_charts.rename(notebook, chart_id, "Capacity: ask Ann Webb")
    signpost = signposting.add(notebook, "A neighbouring system pools its budgets",
                               "good_practice", chart_id)
    flip_charts.retire(notebook, chart_id)
    summary = build_summary(notebook)
    assert chart_id not in [s.chart_id for s in summary.sections]
    [hit] = check(notebook, summary)
    assert (hit.term, hit.where) == ("Ann Webb", f"Signposting {signpost}: chart title")
    assert current_text(notebook, hit.source) == "Capacity: ask Ann Webb"
    save_text(notebook, hit.source, "Capacity")
    assert check(notebook, build_summary(notebook)) == []
    assert "(Capacity)" in render(build_summary(notebook), "txt").decode()
