"""Fixtures for the team tests: two or three peers who have swapped team codes."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from peerdesk.vault.library import Library
from peerdesk.vault.notebook import Notebook
from tests.team_helpers import make_peer, swap_codes


def _peers(library: Library, *initials: str) -> Iterator[list[Notebook]]:
    peers = [make_peer(library, i) for i in initials]
    swap_codes(*peers)
    yield peers
    for nb in peers:
        nb.close()


@pytest.fixture
def pair(library: Library) -> Iterator[list[Notebook]]:
    yield from _peers(library, "AM", "JL")


@pytest.fixture
def trio(library: Library) -> Iterator[list[Notebook]]:
    yield from _peers(library, "AM", "JL", "SO")
