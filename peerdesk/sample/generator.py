"""A wholly fictional demo engagement, for trying peerdesk and for benchmarks.

``fill_demo(notebook, scale)`` writes ``scale`` copies of a four-day peer challenge
(40 sessions with notes, 100 post-its, 11 findings per copy) with bulk inserts in a
few transactions; the search index is filled in one pass per transaction.

The peer's own post-its are written directly; the partner peers' ones arrive the way a
real colleague's do, as a team bundle merged by ``team.merge`` (the same code that
receives a bundle file), so the board shows colleagues' cards as the app makes them.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from typing import Any

from peerdesk.capture.sessions import to_text
from peerdesk.sample import content as C
from peerdesk.sample.colleagues import Colleagues
from peerdesk.vault import search_index
from peerdesk.vault.database import Connection, insert_many
from peerdesk.vault.domain import EngagementDetails, TeamMember
from peerdesk.vault.errors import ValidationError
from peerdesk.vault.library import Library
from peerdesk.vault.notebook import Notebook
from peerdesk.vault.team_tables import slot_source_id

FIRST_DAY = date(2026, 3, 3)  # a Tuesday
DAY_STARTS = time(8, 30)
SESSIONS_PER_COPY = len(C.SESSIONS)
POSTITS_PER_COPY = 100
FINDINGS_PER_COPY = len(C.FINDINGS)
COPIES_PER_TRANSACTION = 100
MAX_SCALE = 5000

_SOURCE_KINDS = {C.M, C.FG, "call", "document_review"}
_TEAM_LOG = (  # session key, finding index, outcome
    ("tue_ts2", 0, "shared"), ("tue_ts2", 4, "shared"), ("wed_ts2", 0, "agreed"),
    ("wed_ts2", 2, "shared"), ("thu_ts3", 1, "agreed"), ("thu_ts3", 3, "agreed"),
    ("thu_ts3", 4, "agreed"), ("thu_ts3", 7, "agreed"), ("thu_ts3", 2, "changed"),
    ("fri_ts1", 9, "shared"), ("fri_ts1", 10, "agreed"),
)
_INFORMAL: tuple[tuple[str, int, int | None], ...] = (
    ("tue_cc", 0, None), ("wed_cc", 1, 4), ("wed_cc", 2, 2), ("thu_cc", 3, 8))


def demo_details(title: str = C.TITLE) -> EngagementDetails:
    name, initials, role, email = C.ME
    team = [TeamMember(name, role, initials, email, is_me=True)]
    team += [TeamMember(n, r, i, n.lower().replace(" ", ".").replace("â", "a") + "@example.org")
             for n, r, i in C.TEAM]
    return EngagementDetails(
        title=title, client_system=C.CLIENT, onsite_start=FIRST_DAY,
        onsite_end=FIRST_DAY + timedelta(days=3), my_name=name, my_initials=initials,
        my_role=role, manager_name=C.MANAGER[0], manager_email=C.MANAGER[1], team=team)


def create_demo(library: Library, passphrase: str, scale: int = 1,
                title: str = C.TITLE) -> Notebook:
    """A new notebook holding the demo engagement, open and ready."""
    check_scale(scale)
    notebook = library.create(demo_details(title), passphrase)
    try:
        fill_demo(notebook, scale)
    except BaseException:
        library.discard_new(notebook)  # a full disk, say: no half-made sample is left
        raise
    return notebook


def check_scale(scale: int) -> None:
    if not 1 <= scale <= MAX_SCALE:
        raise ValidationError(f"The demo's scale is a whole number from 1 to {MAX_SCALE}.")


@dataclass
class _Rows:
    """Rows for one transaction, by table."""

    tables: dict[str, list[tuple[Any, ...]]] = field(default_factory=dict)

    def add(self, table: str, row: tuple[Any, ...]) -> None:
        self.tables.setdefault(table, []).append(row)


_INSERTS = {
    "session": "INSERT INTO session (id, kind, title, starts_at, ends_at, place, partner_id,"
               " my_part, expected_participants, notes, status, started_at,"
               " confidentiality_at, created_at, updated_at, source_id)"
               " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'done', ?, ?, ?, ?, ?)",
    "session_theme": "INSERT INTO session_theme (session_id, flip_chart_id) VALUES (?, ?)",
    "participant": "INSERT INTO participant (session_id, role, organisation, name, position)"
                   " VALUES (?, ?, ?, ?, ?)",
    "document": "INSERT INTO document (id, title, file_name, media_type, size, sha256,"
                " content, text, imported_at) VALUES (?, ?, ?, 'text/plain', ?, ?, ?, ?, ?)",
    "postit": "INSERT INTO postit (id, flip_chart_id, text, kind, session_id, document_id,"
              " initials, position, created_at, updated_at, uid)"
              " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, lower(hex(randomblob(16))))",
    "finding": "INSERT INTO finding (id, flip_chart_id, headline, detail, kind, status,"
               " position, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
    "finding_evidence": "INSERT INTO finding_evidence (finding_id, postit_id, relation)"
                        " VALUES (?, ?, ?)",
    "shared_message": "INSERT INTO shared_message (session_id, finding_id, text, outcome,"
                      " created_at) VALUES (?, ?, ?, ?, ?)",
    "group_feedback": "INSERT INTO group_feedback (session_id, exercise_key, group_label, text,"
                      " created_at) VALUES (?, ?, ?, ?, ?)",
    "signposting": "INSERT INTO signposting (flip_chart_id, text, kind, position)"
                   " VALUES (?, ?, ?, ?)",
}
_ORDER = tuple(_INSERTS)  # parents before children


class _Writer:
    """Builds the rows of each copy of the demo with ids worked out in advance."""

    def __init__(self, conn: Connection, now: str) -> None:
        self.now = now
        self.colleagues = Colleagues(now)
        self.charts = {str(k): int(i) for i, k in conn.execute(
            "SELECT id, key FROM flip_chart WHERE key IS NOT NULL")}
        needed = {c for p in C.SESSIONS for c in p.charts} | {f[0] for f in C.FINDINGS}
        needed |= {s[0] for s in C.SPARE_POSTITS} | {s[0] for s in C.SIGNPOSTS}
        if not needed <= set(self.charts):
            raise ValidationError("The demo needs the standard template's flip charts.")
        team = conn.execute("SELECT id, initials, is_me FROM team_member ORDER BY position, id")
        members = [(int(i), str(ini), bool(me)) for i, ini, me in team]
        self.me = next((ini for _, ini, me in members if me), C.ME[1])
        self.partners: list[tuple[int | None, str]] = [
            (i, ini) for i, ini, me in members if not me] or [(None, "")]

        def base(table: str) -> int:
            return int(conn.execute(f"SELECT COALESCE(max(id), 0) FROM {table}").fetchone()[0])

        self.base = {t: base(t) for t in ("session", "postit", "finding", "document")}
        self.first = 0  # the first copy of the current transaction
        self.places(conn)

    def next_batch(self, conn: Connection, first: int) -> None:
        """Post-its of the next copies come after the colleagues' ones merged just now."""
        self.first = first
        self.base["postit"] = int(conn.execute("SELECT COALESCE(max(id), 0) FROM postit")
                                  .fetchone()[0])

    def places(self, conn: Connection) -> None:
        """Dense positions per chart, after what is already there."""
        self.next_place = {c: 0 for c in self.charts.values()}
        self.next_place.update({int(c): int(n) for c, n in conn.execute(
            "SELECT flip_chart_id, max(position) + 1 FROM postit GROUP BY flip_chart_id")})

    def copy(self, k: int, rows: _Rows) -> None:
        place, n = C.PLACES[k % len(C.PLACES)], 2 + k % 8
        fill = {"place": place, "n": n}
        sid = {p.key: self.base["session"] + k * SESSIONS_PER_COPY + i + 1
               for i, p in enumerate(C.SESSIONS)}
        docs = [self.base["document"] + k * len(C.DOCUMENTS) + i + 1
                for i in range(len(C.DOCUMENTS))]
        lines: dict[str, list[str]] = {p.key: [] for p in C.SESSIONS}
        first_pid = self.base["postit"] + (k - self.first) * POSTITS_PER_COPY
        pid = first_pid
        pairs = {p.key: self.partners[i % len(self.partners)] for i, p in enumerate(C.SESSIONS)}

        def postit(ref: str, chart: str, kind: str, text: str) -> int | str:
            """A post-it's id, or the stable id of a partner's one (merged later)."""
            nonlocal pid
            pid += 1
            text = text.format(**fill)
            session, document = (None, docs[int(ref[4:])]) if ref.startswith("doc:") else (
                sid[ref], None)
            if session is not None:
                lines[ref].append(f"- {text}" + (" (!)" if kind == "strength" else ""))
            partner = pairs[ref][1] if session is not None else ""
            if pid % 3 == 0 and partner:
                return self.colleagues.postit(partner, chart, kind, text, sources[ref])
            chart_id = self.charts[chart]
            slot = self.next_place.get(chart_id, 0)
            self.next_place[chart_id] = slot + 1
            rows.add("postit", (pid, chart_id, text, kind, session, document, self.me,
                                slot, self.now, self.now))
            return pid

        sources = {p.key: (self._source_id(k, p), p.kind,
                           (FIRST_DAY + timedelta(days=p.day)).isoformat())
                   for p in C.SESSIONS}

        for i, (title, file_name, text) in enumerate(C.DOCUMENTS):
            body = text.format(**fill).encode()
            rows.add("document", (docs[i], title, file_name, len(body),
                                  hashlib.sha256(body).hexdigest(), body, body.decode(),
                                  self.now))
        fid0 = self.base["finding"] + k * FINDINGS_PER_COPY
        for f, (chart, kind, status, headline, support, challenges) in enumerate(C.FINDINGS):
            rows.add("finding", (fid0 + f + 1, self.charts[chart], headline.format(**fill), "",
                                 kind, status, k * FINDINGS_PER_COPY + f, self.now, self.now))
            for relation, items in (("supports", support), ("challenges", challenges)):
                for ref, pkind, text in items:
                    made = postit(ref, chart, pkind, text)
                    if isinstance(made, str):
                        self.colleagues.evidence.append((fid0 + f + 1, made, relation))
                    else:
                        rows.add("finding_evidence", (fid0 + f + 1, made, relation))
        groups = [p.key for p in C.SESSIONS if p.kind == C.FG]
        for i, text in enumerate(C.RECOMMENDATIONS):
            key = groups[i % len(groups)]
            chart = next(p.charts[0] for p in C.SESSIONS if p.key == key)
            postit(key, chart, "participant_recommendation", text)
        heard = [p for p in C.SESSIONS if p.kind in (C.M, C.FG)]
        spare = 0
        while pid < first_pid + POSTITS_PER_COPY:
            chart, kind, text = C.SPARE_POSTITS[spare % len(C.SPARE_POSTITS)]
            fits = [p.key for p in heard if chart in p.charts] or [p.key for p in heard]
            again = spare // len(C.SPARE_POSTITS)  # heard again: in another session
            postit(fits[(spare + k + again * (1 + len(fits) // 2)) % len(fits)], chart, kind,
                   text)
            spare += 1
        self._team_log(sid, fid0, lines, fill, rows)
        self._sessions(k, sid, lines, pairs, fill, rows, sources)

    @staticmethod
    def _source_id(k: int, planned: Any) -> str:
        """The session's stable id, one per session of each copy."""
        day = FIRST_DAY + timedelta(days=planned.day)
        return slot_source_id(datetime.combine(day, DAY_STARTS).astimezone(),
                              f"{planned.title} {planned.key} {k}")

    def _team_log(self, sid: dict[str, int], fid0: int, lines: dict[str, list[str]],
                  fill: dict[str, Any], rows: _Rows) -> None:
        for key, f, outcome in _TEAM_LOG:
            text = C.FINDINGS[f][3].format(**fill)
            rows.add("shared_message", (sid[key], fid0 + f + 1, text, outcome, self.now))
            lines[key].append(f"- {outcome.capitalize()}: {text}")
        for key, i, linked in _INFORMAL:
            rows.add("shared_message", (sid[key], None if linked is None else fid0 + linked + 1,
                                        C.INFORMAL[i], "informal", self.now))
            lines[key].append(f"- Said (informally): {C.INFORMAL[i]}")

    def _sessions(self, k: int, sid: dict[str, int], lines: dict[str, list[str]],
                  pairs: dict[str, tuple[int | None, str]], fill: dict[str, Any],
                  rows: _Rows, sources: dict[str, tuple[str, str, str]]) -> None:
        free: dict[int, datetime] = {}  # on site, sessions follow each other
        for i, p in enumerate(C.SESSIONS):
            day = FIRST_DAY + timedelta(days=p.day)
            start = (datetime.combine(day, datetime.strptime(p.start, "%H:%M").time())
                     if p.start else free.get(p.day, datetime.combine(day, DAY_STARTS)))
            free[p.day] = start + timedelta(minutes=p.minutes + 10)
            partner, initials = pairs[p.key] if p.kind in (C.M, C.FG) else (None, "")
            part = ("lead", "notes")[i % 2] if partner else None
            text = [C.OPENINGS.get(p.kind, "").format(**fill)]
            if part:
                lead, notes = (self.me, initials) if part == "lead" else (initials, self.me)
                text.insert(0, f"Lead: {lead}. Notes: {notes}.")
            text += [f"- {line}" for line in C.BEFORE.get(p.key, ())] + lines[p.key]
            if p.kind in (C.M, C.FG):
                text += [C.FILLERS[(i + k) % len(C.FILLERS)].format(**fill),
                         C.FILLERS[(i + k + 5) % len(C.FILLERS)].format(**fill)]
            text.append(C.CLOSINGS.get(p.kind, ""))
            started = to_text(start)
            rows.add("session", (
                sid[p.key], p.kind, p.title, started,
                to_text(start + timedelta(minutes=p.minutes)),
                f"{fill['place']} civic centre, room {1 + i % 4}" if p.day >= 0 else "",
                partner, part, len(p.people) if p.kind == C.FG else None,
                "\n".join(t for t in text if t), started,
                started if p.kind in (C.M, C.FG) else None, self.now, self.now,
                sources[p.key][0]))
            for chart in p.charts:
                rows.add("session_theme", (sid[p.key], self.charts[chart]))
            for j, (role, org, name) in enumerate(p.people):
                rows.add("participant", (sid[p.key], role, org, name or None, j))
            if p.kind == C.FG:
                for j, (exercise, said) in enumerate(C.GROUP_FEEDBACK):
                    rows.add("group_feedback", (sid[p.key], exercise, f"Group {1 + j % 3}",
                                                said.format(**fill), self.now))

    def signposts(self, rows: _Rows) -> None:
        for i, (chart, kind, text) in enumerate(C.SIGNPOSTS):
            rows.add("signposting", (self.charts[chart], text, kind, i))


def fill_demo(notebook: Notebook, scale: int = 1) -> None:
    """Write ``scale`` copies of the demo engagement into ``notebook``."""
    check_scale(scale)
    with notebook.read() as conn:
        writer = _Writer(conn, notebook.now_text())
    for first in range(0, scale, COPIES_PER_TRANSACTION):
        rows = _Rows()
        for k in range(first, min(scale, first + COPIES_PER_TRANSACTION)):
            writer.copy(k, rows)
        if first == 0:
            writer.signposts(rows)
        with notebook.write() as conn:
            with search_index.bulk_insert(conn):
                for table in _ORDER:
                    if table in rows.tables:
                        head, row = _INSERTS[table].split(" VALUES ")
                        insert_many(conn, head, rows.tables[table], row=row)
            with search_index.bulk_insert(conn):  # the colleagues' cards only add rows
                writer.colleagues.deliver(conn)
            writer.places(conn)
            writer.next_batch(conn, first + COPIES_PER_TRANSACTION)
