"""Flip charts (themes): add, rename, reorder, retire and restore; add another template's.

Charts in use (``retired = 0``) have positions 0, 1, 2, ... in the order the peer sees
them; retired charts come after them. A retired chart keeps its post-its and findings.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from peerdesk.capture.session_kinds import keep_kinds
from peerdesk.vault.database import Connection
from peerdesk.vault.domain import FlipChart
from peerdesk.vault.errors import PeerdeskError, ValidationError
from peerdesk.vault.notebook import Notebook
from peerdesk.vault.template import (
    SourceKind,
    Template,
    TemplateError,
    load_template_file,
    parse_template,
    standard_template,
)

MAX_TITLE = 120


class FlipChartNotFoundError(PeerdeskError):
    default_message = "That flip chart is no longer in the notebook."


@dataclass(frozen=True)
class TemplateApplied:
    """What adding a template's charts did: charts added, and titles skipped as present."""

    added: tuple[FlipChart, ...]
    skipped: tuple[str, ...]
    kinds: tuple[SourceKind, ...] = ()
    """Kinds of source (and types of session) the template added to the engagement."""


def _title(title: str) -> str:
    cleaned = " ".join(title.split())
    if not cleaned:
        raise ValidationError("Give the flip chart a title.")
    if len(cleaned) > MAX_TITLE:
        raise ValidationError(f"Keep a flip chart's title under {MAX_TITLE} characters.")
    return cleaned


def _order(conn: Connection) -> tuple[list[int], list[int]]:
    rows = conn.execute("SELECT id, retired FROM flip_chart ORDER BY position, id").fetchall()
    return [r[0] for r in rows if not r[1]], [r[0] for r in rows if r[1]]


def _renumber(conn: Connection, active: Sequence[int], retired: Sequence[int]) -> None:
    conn.executemany("UPDATE flip_chart SET position = ? WHERE id = ?",
                     [(i, chart_id) for i, chart_id in enumerate([*active, *retired])])


def _chart(notebook: Notebook, chart_id: int) -> FlipChart:
    for chart in notebook.flip_charts(include_retired=True):
        if chart.id == chart_id:
            return chart
    raise FlipChartNotFoundError()


def add_theme(notebook: Notebook, title: str, question: str = "",
              probes: Sequence[str] = ()) -> FlipChart:
    """A new chart at the end of those in use (an extra theme agreed with the client)."""
    clean = _title(title)
    with notebook.write() as conn:
        active, retired = _order(conn)
        taken = {str(r[0]).casefold() for r in conn.execute("SELECT title FROM flip_chart")}
        if clean.casefold() in taken:
            raise ValidationError(f"There is already a flip chart called {clean!r}.")
        cur = conn.execute(
            "INSERT INTO flip_chart (title, question, probes, position, from_template)"
            " VALUES (?, ?, ?, 0, 0)",
            (clean, question.strip(), json.dumps([p.strip() for p in probes if p.strip()])))
        chart_id = int(cur.lastrowid or 0)
        _renumber(conn, [*active, chart_id], retired)
    return _chart(notebook, chart_id)


def rename(notebook: Notebook, chart_id: int, title: str, question: str | None = None) -> None:
    clean = _title(title)
    with notebook.write() as conn:
        clash = conn.execute("SELECT 1 FROM flip_chart WHERE title = ? COLLATE NOCASE"
                             " AND id != ?", (clean, chart_id)).fetchone()
        if clash:
            raise ValidationError(f"There is already a flip chart called {clean!r}.")
        if question is None:
            cur = conn.execute("UPDATE flip_chart SET title = ? WHERE id = ?", (clean, chart_id))
        else:
            cur = conn.execute("UPDATE flip_chart SET title = ?, question = ? WHERE id = ?",
                               (clean, question.strip(), chart_id))
        if cur.rowcount == 0:
            raise FlipChartNotFoundError()


def move_to(notebook: Notebook, chart_id: int, position: int) -> None:
    """Put a chart in use at ``position`` among the charts in use (clamped)."""
    with notebook.write() as conn:
        active, retired = _order(conn)
        if chart_id not in active:
            if chart_id in retired:
                raise ValidationError("Restore the flip chart before moving it.")
            raise FlipChartNotFoundError()
        active.remove(chart_id)
        active.insert(max(0, min(position, len(active))), chart_id)
        _renumber(conn, active, retired)


def move_up(notebook: Notebook, chart_id: int) -> None:
    _step(notebook, chart_id, -1)


def move_down(notebook: Notebook, chart_id: int) -> None:
    _step(notebook, chart_id, +1)


def _step(notebook: Notebook, chart_id: int, delta: int) -> None:
    with notebook.read() as conn:
        active, _ = _order(conn)
    if chart_id in active:
        move_to(notebook, chart_id, active.index(chart_id) + delta)
    else:
        move_to(notebook, chart_id, 0)  # raises the right error


def retire(notebook: Notebook, chart_id: int) -> None:
    """Take a chart off the board; its post-its and findings stay with it."""
    _set_retired(notebook, chart_id, True)


def restore(notebook: Notebook, chart_id: int) -> None:
    """Put a retired chart back, at the end of the charts in use."""
    _set_retired(notebook, chart_id, False)


def _set_retired(notebook: Notebook, chart_id: int, retired_now: bool) -> None:
    with notebook.write() as conn:
        active, retired = _order(conn)
        if chart_id not in active and chart_id not in retired:
            raise FlipChartNotFoundError()
        if retired_now and chart_id in active:
            active.remove(chart_id)
            retired.insert(0, chart_id)
        elif not retired_now and chart_id in retired:
            retired.remove(chart_id)
            active.append(chart_id)
        conn.execute("UPDATE flip_chart SET retired = ? WHERE id = ?",
                     (int(retired_now), chart_id))
        _renumber(conn, active, retired)


def apply_template(notebook: Notebook, template: Template) -> TemplateApplied:
    """Add a template's charts after those in use, skipping any already present
    (same key, or the same title), and the kinds of source it adds."""
    added: list[int] = []
    skipped: list[str] = []
    with notebook.write() as conn:
        kinds = keep_kinds(conn, template.source_kinds)
        active, retired = _order(conn)
        rows = conn.execute("SELECT key, title FROM flip_chart").fetchall()
        keys = {r[0] for r in rows if r[0]}
        titles = {str(r[1]).casefold() for r in rows}
        for chart in template.flip_charts:
            if chart.key in keys or chart.title.casefold() in titles:
                skipped.append(chart.title)
                continue
            cur = conn.execute(
                "INSERT INTO flip_chart (key, title, question, probes, position, from_template)"
                " VALUES (?, ?, ?, ?, 0, 1)",
                (chart.key, chart.title, chart.question, json.dumps(list(chart.probes))))
            added.append(int(cur.lastrowid or 0))
            keys.add(chart.key)
            titles.add(chart.title.casefold())
        _renumber(conn, [*active, *added], retired)
    charts = {c.id: c for c in notebook.flip_charts()}
    return TemplateApplied(tuple(charts[i] for i in added), tuple(skipped), kinds)


TEMPLATE_META_KEY = "template_json"


def apply_template_file(notebook: Notebook, path: Path) -> TemplateApplied:
    """Load another programme's template file (checked first) and add its charts. If it
    brings its own facilitation prompts, the notebook keeps the file (encrypted, like
    everything in it) and its sessions use those prompts from then on."""
    template = load_template_file(path)
    applied = apply_template(notebook, template)
    if template.prompts:
        with notebook.write() as conn:
            conn.execute("INSERT OR REPLACE INTO meta (key, value) VALUES (?, ?)",
                         (TEMPLATE_META_KEY, path.read_bytes().decode("utf-8-sig")))
            conn.execute("UPDATE engagement SET template_name = ? WHERE id = 1",
                         (template.name,))
    return applied


def notebook_template(notebook: Notebook) -> Template:
    """The template whose prompts and exercises this engagement uses: the last one loaded
    that had prompts, else the shipped one."""
    raw = notebook.meta(TEMPLATE_META_KEY)
    if raw is not None:
        try:
            return parse_template(raw.encode("utf-8"), "kept in this notebook")
        except TemplateError:
            pass  # checked when it was loaded; should it ever fail, the shipped one serves
    return standard_template()
