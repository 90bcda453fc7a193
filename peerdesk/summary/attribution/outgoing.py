"""Every text that leaves the notebook in a model, found by walking the model itself.

The gate does not keep a list of fields to check: it reads every string held anywhere in
the model that a format renders (the summary today, feedback slides later), so a field
added to a model is checked from the day it is added. Each text is named by its owner
and field: a dataclass that is something the peer wrote (a finding, a flip chart...)
says so with ``TEXT_OWNER`` (and ``TEXT_OWNER_ID``, the field holding its id, "id" by
default); the texts inside it belong to it.

A value of a kind the walker does not know is refused rather than skipped, so nothing
can slip past the check unread.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator, Mapping
from datetime import date, datetime, time
from enum import Enum

from peerdesk.summary.model import OutgoingText

_SCALARS = (int, float, bool, date, datetime, time, type(None), bytes)


class UnreadableModelError(TypeError):
    """A model holds a value the attribution gate cannot read as text."""


def outgoing_texts(model: object, owner: str = "document",
                   owner_id: int = 0) -> Iterator[OutgoingText]:
    """Every non-blank string in ``model``, each with the place it is printed."""
    yield from _walk(model, owner, owner_id, "")


def _walk(value: object, owner: str, owner_id: int, field: str) -> Iterator[OutgoingText]:
    if isinstance(value, str):
        if value.strip():
            yield OutgoingText(owner, owner_id, field or "text", str(value))
        return
    if isinstance(value, Enum):
        yield from _walk(value.value, owner, owner_id, field)
        return
    if isinstance(value, _SCALARS):
        return
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        cls = type(value)
        own = getattr(cls, "TEXT_OWNER", None)
        if own is not None:
            owner = str(own)
            raw_id = getattr(value, getattr(cls, "TEXT_OWNER_ID", "id"), 0)
            owner_id = int(raw_id) if isinstance(raw_id, int) else 0
            field = ""
        for f in dataclasses.fields(value):
            name = f"{field}.{f.name}" if field else f.name
            yield from _walk(getattr(value, f.name), owner, owner_id, name)
        return
    if isinstance(value, Mapping):
        for key, item in value.items():
            yield from _walk(key, owner, owner_id, field)
            yield from _walk(item, owner, owner_id, field)
        return
    if isinstance(value, (list, tuple, set, frozenset)):
        for item in value:
            yield from _walk(item, owner, owner_id, field)
        return
    raise UnreadableModelError(
        f"The attribution check cannot read a {type(value).__name__} in {owner}.{field}")
