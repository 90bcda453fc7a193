"""Peers for the team tests: notebooks of one engagement, each with its own initials, that
have swapped team codes (as they would at the first team meeting)."""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime
from pathlib import Path

from peerdesk.capture.postits import Postit, PostitStore
from peerdesk.capture.sessions import SessionDetails, SessionStore
from peerdesk.team import codes, receive, send
from peerdesk.vault.library import Library
from peerdesk.vault.notebook import Notebook
from tests.conftest import PASSPHRASE, sample_details

MEETING_START = datetime(2026, 3, 3, 10, 0).astimezone()


def make_peer(library: Library, initials: str) -> Notebook:
    details = replace(sample_details(), my_initials=initials, my_name=f"Peer {initials}")
    return library.create(details, PASSPHRASE)


def swap_codes(*notebooks: Notebook) -> None:
    for nb in notebooks:
        for other in notebooks:
            if other is not nb:
                codes.add_peer(nb, other.engagement().my_initials, codes.my_code(other))


def meeting(notebook: Notebook, title: str = "Director of public health",
            kind: str = "meeting", start: datetime = MEETING_START) -> int:
    """A session as imported from the shared timetable (same start and title everywhere)."""
    return SessionStore(notebook).add(SessionDetails(title, kind, start)).id


def chart_id(notebook: Notebook, index: int = 0) -> int:
    return notebook.flip_charts()[index].id


def postit(notebook: Notebook, text: str, session_id: int | None = None, index: int = 0,
           kind: str = "strength", initials: str | None = None) -> Postit:
    return PostitStore(notebook).add(chart_id(notebook, index), text, kind,
                                     session_id=session_id, initials=initials)


def send_postits(sender: Notebook, to: list[str], path: Path) -> send.Sent:
    peers = send.recipients(sender, to)
    return send.write(sender, send.pool(sender, peers), path, peers)


def receive_file(notebook: Notebook, path: Path, **kwargs: object) -> receive.Received:
    return receive.accept(notebook, receive.read(notebook, path, **kwargs))  # type: ignore[arg-type]


def texts(notebook: Notebook) -> list[tuple[str, str]]:
    return sorted((p.text, p.initials) for p in PostitStore(notebook).list_all())
