"""Merging a checked bundle into the notebook, by stable ids, never over a local edit.

``plan`` reads the notebook and says what a bundle would change; ``apply`` does exactly
that inside the caller's transaction. A post-it is new (added with its author's initials),
newer than the version here (taken when the peer has not changed it here, else kept as a
suggested change), or nothing new (its own post-it coming back, an older or the same
version: so a second receive, or an older bundle after a newer one, adds nothing).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from peerdesk.team import links
from peerdesk.team.bundle import Bundle, BundlePostit
from peerdesk.vault.database import Connection, insert_many


@dataclass
class Plan:
    charts: dict[str, int | None] = field(default_factory=dict)   # ref -> chart (None: new)
    new_charts: list[str] = field(default_factory=list)            # titles of themes to add
    sessions: dict[str, int | None] = field(default_factory=dict)  # source -> session here
    documents: dict[str, int] = field(default_factory=dict)        # source -> document here
    new: list[BundlePostit] = field(default_factory=list)
    updated: list[tuple[int, BundlePostit]] = field(default_factory=list)
    suggested: list[tuple[int, BundlePostit]] = field(default_factory=list)
    unchanged: int = 0
    own: int = 0

    @property
    def changes(self) -> int:
        return len(self.new) + len(self.updated) + len(self.suggested)


def plan(conn: Connection, bundle: Bundle) -> Plan:
    out = Plan()
    by_key = {str(k): int(i) for i, k in conn.execute(
        "SELECT id, key FROM flip_chart WHERE key IS NOT NULL AND retired = 0")}
    by_title = {" ".join(str(t).split()).casefold(): int(i) for i, t in conn.execute(
        "SELECT id, title FROM flip_chart WHERE retired = 0 ORDER BY position DESC, id DESC")}
    for chart in bundle.charts:
        match = by_key.get(chart.key) if chart.key else None
        match = match or by_title.get(" ".join(chart.title.split()).casefold())
        out.charts[chart.ref] = match
        if match is None:
            out.new_charts.append(chart.title)
    for source in bundle.sources:
        if source.id.startswith("document-"):
            row = conn.execute("SELECT id FROM document WHERE sha256 = ? ORDER BY id LIMIT 1",
                               (source.id.removeprefix("document-"),)).fetchone()
            if row is not None:
                out.documents[source.id] = int(row[0])
                continue
        out.sessions[source.id] = None
        for ref in (source.id, *source.same_as):
            session = links.session_for(conn, ref)
            if session is not None:
                out.sessions[source.id] = session
                break
    here: dict[str, tuple[int, str | None, str, str, int, str, str, int | None]] = {}
    uids = [p.id for p in bundle.postits]
    for start in range(0, len(uids), 500):
        chunk = tuple(uids[start:start + 500])
        marks = ",".join("?" * len(chunk))
        for row in conn.execute(
                "SELECT p.uid, p.id, o.rev, o.author, p.text, p.kind, p.flip_chart_id, o.text,"
                " o.kind, o.flip_chart_id FROM postit p LEFT JOIN postit_origin o"
                f" ON o.postit_id = p.id WHERE p.uid IN ({marks})", chunk):
            here[str(row[0])] = (int(row[1]), None if row[2] is None else str(row[2]),
                                 str(row[4]), str(row[5]), int(row[6]), str(row[7]),
                                 str(row[8]), None if row[9] is None else int(row[9]))
    for item in bundle.postits:
        found = here.get(item.id)
        if found is None:
            out.new.append(item)
            continue
        postit_id, rev, text, kind, chart_id, base_text, base_kind, base_chart = found
        if rev is None:
            out.own += 1  # made in this notebook
        elif item.rev <= rev:
            out.unchanged += 1
        elif (text, kind, chart_id) == (base_text, base_kind, base_chart):
            out.updated.append((postit_id, item))
        else:
            out.suggested.append((postit_id, item))
    return out


def apply(conn: Connection, bundle: Bundle, todo: Plan, now: str) -> None:
    """Carry out ``todo`` (made by ``plan`` in this same transaction)."""
    charts = dict(todo.charts)
    for new_chart in bundle.charts:
        if charts.get(new_chart.ref) is None:
            cur = conn.execute(
                "INSERT INTO flip_chart (key, title, position) VALUES (NULL, ?,"
                " (SELECT COALESCE(max(position) + 1, 0) FROM flip_chart))", (new_chart.title,))
            charts[new_chart.ref] = int(cur.lastrowid or 0)
    for named in bundle.sources:
        if named.same_as:
            links.join(conn, (named.id, *named.same_as))
    kinds = {s.id: s for s in bundle.sources}
    places = {int(c): int(n) for c, n in conn.execute(
        "SELECT flip_chart_id, max(position) + 1 FROM postit GROUP BY flip_chart_id")}
    rows = []
    for item in todo.new:
        chart = charts[item.chart]
        assert chart is not None
        place = places.get(chart, 0)
        places[chart] = place + 1
        source = kinds.get(item.source) if item.source else None
        session = todo.sessions.get(item.source) if item.source else None
        document = todo.documents.get(item.source) if item.source else None
        linked = session is not None or document is not None
        rows.append((item.id, chart, item.text, item.kind, session, document, item.initials,
                     place, now, now, None if source is None or linked else source.id,
                     None if source is None or linked else source.kind,
                     None if source is None else source.day or item.day))
    insert_many(
        conn, "INSERT INTO postit (uid, flip_chart_id, text, kind, session_id, document_id,"
        " initials, position, created_at, updated_at, source_ref, source_kind, source_day)", rows)
    ids = _ids(conn, [p.id for p in todo.new])
    insert_many(
        conn, "INSERT INTO postit_origin (postit_id, author, rev, text, kind, flip_chart_id,"
        " received_at)",
        [(ids[p.id], p.author, p.rev, p.text, p.kind, charts[p.chart], now) for p in todo.new])
    for postit_id, item in todo.updated:
        target = charts[item.chart]
        conn.execute("UPDATE postit SET text = ?, kind = ?, initials = ?, updated_at = ?"
                     " WHERE id = ?", (item.text, item.kind, item.initials, now, postit_id))
        current = int(conn.execute("SELECT flip_chart_id FROM postit WHERE id = ?",
                                   (postit_id,)).fetchone()[0])
        if target is not None and target != current:
            _move_to_end(conn, postit_id, current, target)
        conn.execute("UPDATE postit_origin SET rev = ?, text = ?, kind = ?, flip_chart_id = ?,"
                     " received_at = ? WHERE postit_id = ?",
                     (item.rev, item.text, item.kind, target, now, postit_id))
        conn.execute("DELETE FROM postit_suggestion WHERE postit_id = ?", (postit_id,))
    for postit_id, item in todo.suggested:
        conn.execute("UPDATE postit_origin SET rev = ? WHERE postit_id = ?",
                     (item.rev, postit_id))
        conn.execute(
            "INSERT INTO postit_suggestion (postit_id, text, kind, flip_chart_id, rev, initials,"
            " received_at) VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (postit_id) DO UPDATE SET"
            " text = excluded.text, kind = excluded.kind, flip_chart_id = excluded.flip_chart_id,"
            " rev = excluded.rev, initials = excluded.initials,"
            " received_at = excluded.received_at",
            (postit_id, item.text, item.kind, charts[item.chart], item.rev, item.initials, now))


def _ids(conn: Connection, uids: list[str]) -> dict[str, int]:
    out: dict[str, int] = {}
    for start in range(0, len(uids), 500):
        chunk = tuple(uids[start:start + 500])
        marks = ",".join("?" * len(chunk))
        out.update({str(u): int(i) for u, i in conn.execute(
            f"SELECT uid, id FROM postit WHERE uid IN ({marks})", chunk)})
    return out


def _move_to_end(conn: Connection, postit_id: int, old_chart: int, chart: int) -> None:
    position = int(conn.execute("SELECT position FROM postit WHERE id = ?",
                                (postit_id,)).fetchone()[0])
    conn.execute("UPDATE postit SET position = position - 1 WHERE flip_chart_id = ?"
                 " AND position > ?", (old_chart, position))
    conn.execute("UPDATE postit SET flip_chart_id = ?, position = (SELECT COALESCE(max(position)"
                 " + 1, 0) FROM postit WHERE flip_chart_id = ?) WHERE id = ?",
                 (chart, chart, postit_id))
