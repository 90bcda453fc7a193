"""Rows for the synthesis tests, written with plain SQL (sessions and post-its have
their own modules; these tests only need rows to exist)."""

from __future__ import annotations

from peerdesk.vault.notebook import Notebook


def add_session(notebook: Notebook, kind: str = "meeting", title: str = "A meeting",
                notes: str = "") -> int:
    with notebook.write() as conn:
        cur = conn.execute(
            "INSERT INTO session (kind, title, notes, created_at, updated_at)"
            " VALUES (?, ?, ?, ?, ?)", (kind, title, notes, "2026-03-03", "2026-03-03"))
        return int(cur.lastrowid or 0)


def add_document(notebook: Notebook, title: str = "Position statement",
                 text: str = "") -> int:
    with notebook.write() as conn:
        cur = conn.execute(
            "INSERT INTO document (title, file_name, media_type, size, sha256, content, text,"
            " imported_at) VALUES (?, 'a.txt', 'text/plain', 1, '00', x'00', ?, '2026-03-01')",
            (title, text))
        return int(cur.lastrowid or 0)


def add_postit(notebook: Notebook, text: str = "Heard something", *,
               session_id: int | None = None, document_id: int | None = None,
               chart: int | None = None, kind: str = "observation",
               initials: str = "AM") -> int:
    with notebook.write() as conn:
        if chart is None:
            chart = int(conn.execute("SELECT min(id) FROM flip_chart").fetchone()[0])
        cur = conn.execute(
            "INSERT INTO postit (flip_chart_id, text, kind, session_id, document_id, initials,"
            " created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            (chart, text, kind, session_id, document_id, initials, "2026-03-03", "2026-03-03"))
        return int(cur.lastrowid or 0)


def add_participant(notebook: Notebook, session_id: int, role: str, organisation: str = "",
                    name: str | None = None) -> int:
    with notebook.write() as conn:
        cur = conn.execute("INSERT INTO participant (session_id, role, organisation, name)"
                           " VALUES (?, ?, ?, ?)", (session_id, role, organisation, name))
        return int(cur.lastrowid or 0)


def charts(notebook: Notebook) -> list[int]:
    return [c.id for c in notebook.flip_charts()]
