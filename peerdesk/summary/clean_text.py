"""Text as a Word document can hold it: XML 1.0 allows no control characters but tab and
line breaks, so a finding pasted from PowerPoint (whose soft line break is a vertical tab,
``\\x0b``) or from anywhere else would stop the export. Line-like controls become line
breaks; the rest are dropped."""

from __future__ import annotations

import dataclasses
import re
from typing import Any, TypeVar

_BREAKS = str.maketrans({"\x0b": "\n", "\x0c": "\n", "\u2028": "\n", "\u2029": "\n"})
_NOT_XML = re.compile("[\x00-\x08\x0e-\x1f\x7f\ufffe\uffff\ud800-\udfff]")

T = TypeVar("T")


def xml_text(text: str) -> str:
    """``text`` with every character XML 1.0 cannot carry removed (or made a line break)."""
    return _NOT_XML.sub("", text.translate(_BREAKS))


def xml_safe(value: T) -> T:
    """A copy of ``value`` (text, or dataclasses, tuples, lists and dicts holding text) with
    every string made safe by ``xml_text``."""
    return _clean(value)  # type: ignore[no-any-return]


def _clean(value: Any) -> Any:
    if type(value) is str:  # not an enum's value: those are peerdesk's own words
        return xml_text(value)
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        changes = {f.name: _clean(getattr(value, f.name)) for f in dataclasses.fields(value)
                   if f.init}
        return dataclasses.replace(value, **changes)
    if isinstance(value, tuple):
        return tuple(_clean(v) for v in value)
    if isinstance(value, list):
        return [_clean(v) for v in value]
    if isinstance(value, dict):
        return {k: _clean(v) for k, v in value.items()}
    return value
