"""Types of session: peerdesk's own, and those an engagement's template adds (a site visit,
a case-file audit), kept in the notebook so that they outlive the template file.

The timetable offers an added type beside peerdesk's own; its sessions are stored as kind
"other" with the added key in ``session.source_kind``, and what is heard in them counts as a
kind of source of its own. Loading another template adds its types to those already kept;
one once kept is never taken away, since sessions may use it.
"""

from __future__ import annotations

import json
from dataclasses import dataclass

from peerdesk.vault.database import Connection
from peerdesk.vault.notebook import Notebook
from peerdesk.vault.schema import SESSION_KINDS
from peerdesk.vault.template import SourceKind, TemplateError, source_kinds_from

META_KEY = "source_kinds"


@dataclass(frozen=True)
class SessionKind:
    key: str
    label: str
    minutes: int
    participants: tuple[int, int] | None = None
    """The usual number of participants (lowest, highest), where there is one."""


KINDS: dict[str, SessionKind] = {k.key: k for k in (
    SessionKind("meeting", "Meeting with individuals", 60),
    SessionKind("focus_group", "Focus group", 90, (8, 12)),
    SessionKind("team_session", "Peer team session", 45),
    SessionKind("client_catch_up", "Client catch-up", 30),
    SessionKind("feedback", "Feedback session", 60),
    SessionKind("call", "Call", 30),
    SessionKind("document_review", "Document review", 60),
    SessionKind("other", "Other", 60),
)}
assert tuple(KINDS) == SESSION_KINDS
KIND_LABELS = {key: kind.label for key, kind in KINDS.items()}


def added_kinds(conn: Connection) -> tuple[SourceKind, ...]:
    """The kinds this notebook's templates added, in the order they came."""
    row = conn.execute("SELECT value FROM meta WHERE key = ?", (META_KEY,)).fetchone()
    if row is None:
        return ()
    try:
        return source_kinds_from(json.loads(str(row[0])), "kept in this notebook")
    except (ValueError, TemplateError):
        return ()  # checked when the template was loaded; never seen otherwise


def notebook_kinds(notebook: Notebook) -> tuple[SourceKind, ...]:
    with notebook.read() as conn:
        return added_kinds(conn)


def keep_kinds(conn: Connection, kinds: tuple[SourceKind, ...]) -> tuple[SourceKind, ...]:
    """Add these kinds to the notebook's (inside the caller's transaction); the new ones.

    A key already kept keeps its first label; a new key whose label is already taken is
    refused, since two columns of the matrix would read the same."""
    kept = list(added_kinds(conn))
    new: list[SourceKind] = []
    for kind in kinds:
        if any(k.key == kind.key for k in kept):
            continue
        if any(k.label.casefold() == kind.label.casefold() for k in kept):
            raise TemplateError(f"The template adds the kind of source \u201c{kind.label}\u201d, "
                                "but this engagement already has one of that name with "
                                "another key. Nothing was changed.")
        kept.append(kind)
        new.append(kind)
    if new:
        conn.execute("INSERT OR REPLACE INTO meta (key, value) VALUES (?, ?)",
                     (META_KEY, json.dumps([k.to_json() for k in kept])))
    return tuple(new)


def session_names(conn: Connection) -> dict[str, str]:
    """The names of the types of session the template added, by key."""
    return {k.key: k.session for k in added_kinds(conn)}


def default_minutes(kind: str) -> int:
    return KINDS[kind].minutes if kind in KINDS else 60


def kind_labels(conn: Connection) -> dict[str, str]:
    """The types of session this notebook offers: peerdesk's own, then its template's."""
    return {**KIND_LABELS, **session_names(conn)}


def notebook_kind_labels(notebook: Notebook) -> dict[str, str]:
    with notebook.read() as conn:
        return kind_labels(conn)
