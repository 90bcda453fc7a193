"""Sending: post-its pooled for colleagues, or a session handed over to the partner peer.

A pooled bundle holds every post-it the recipients have not been sent yet in its present
version (their own post-its excepted), colleagues' ones relayed unchanged, so that a team
that sends everything to the lead peer still gets everyone's. The bundle file is written
through the register of copies (``vault.exports``), so destruction finds it.
"""

from __future__ import annotations

import secrets
from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import UTC, datetime
from pathlib import Path

from peerdesk.capture.sessions import SessionStore
from peerdesk.synthesis.sources import JOINS, RAW_KIND, REF
from peerdesk.team.bundle import (
    Bundle,
    BundleChart,
    BundleParticipant,
    BundlePostit,
    BundleSession,
    BundleSource,
    seal,
    seal_with_passphrase,
)
from peerdesk.team.codes import Peer, check_initials, my_code, peer_by_initials
from peerdesk.team.links import canonical, members
from peerdesk.vault.database import Connection, insert_many
from peerdesk.vault.errors import ValidationError
from peerdesk.vault.exports import ExportRecord, write_export
from peerdesk.vault.notebook import Notebook

BUNDLE_SUFFIX = ".age"
NAMES_WARNING = ("Participants' names are personal data. Include them only when the partner "
                 "peer needs them; they will then be in the partner's notebook too.")

_ROWS = (f"SELECT p.uid, p.text, p.kind, p.initials, p.flip_chart_id, p.updated_at,"
         f" {REF}, {RAW_KIND}, COALESCE(substr(s.starts_at, 1, 10), p.source_day,"
         f" substr(p.created_at, 1, 10)), o.author, o.rev, o.text, o.kind, o.flip_chart_id"
         f" FROM postit p {JOINS} LEFT JOIN postit_origin o ON o.postit_id = p.id")


@dataclass(frozen=True)
class Sent:
    record: ExportRecord
    bundle: Bundle
    recipients: tuple[str, ...]

    @property
    def postits(self) -> int:
        return len(self.bundle.postits)


def utc(text: str) -> str:
    """A stored local time as UTC text (revisions compare across time zones)."""
    try:
        moment = datetime.fromisoformat(text)
    except ValueError:
        return text
    if moment.tzinfo is None:
        moment = moment.astimezone()
    return moment.astimezone(UTC).isoformat(timespec="seconds")


def recipients(notebook: Notebook, initials: Sequence[str]) -> list[Peer]:
    """The colleagues named (each on the team list, none taken off it)."""
    wanted = list(dict.fromkeys(check_initials(i) for i in initials if i.strip()))
    if not wanted:
        raise ValidationError("Choose who the bundle is for: the initials of one colleague "
                              "or more.")
    return [peer_by_initials(notebook, i) for i in wanted]


class _Builder:
    def __init__(self, conn: Connection, me: str) -> None:
        self.conn = conn
        self.me = me
        self.charts: dict[int, BundleChart] = {}
        self.sources: dict[str, BundleSource] = {}

    def chart(self, chart_id: int) -> str:
        if chart_id not in self.charts:
            key, title = self.conn.execute("SELECT key, title FROM flip_chart WHERE id = ?",
                                           (chart_id,)).fetchone()
            ref = str(key) if key else "theme:" + " ".join(str(title).split())[:190]
            self.charts[chart_id] = BundleChart(ref, key, str(title))
        return self.charts[chart_id].ref

    def source(self, ref: str | None, kind: str | None, day: str | None) -> str | None:
        if ref is None or kind is None:
            return None
        if ref not in self.sources:
            others = tuple(sorted(m for m in members(self.conn, ref) if m != ref))
            self.sources[ref] = BundleSource(ref, kind, day, others)
        return ref

    def postit(self, row: tuple[object, ...]) -> BundlePostit:
        (uid, text, kind, initials, chart, updated, ref, raw_kind, day, author, rev,
         base_text, base_kind, base_chart) = row
        source = self.source(None if ref is None else str(ref),
                             None if raw_kind is None else str(raw_kind), str(day))
        if author is None:  # made here: as it is now
            return BundlePostit(str(uid), utc(str(updated)), self.me, str(initials),
                                self.chart(int(str(chart))), str(kind), str(text), source,
                                str(day))
        return BundlePostit(str(uid), str(rev), str(author), str(initials),
                            self.chart(int(str(base_chart))), str(base_kind), str(base_text),
                            source, str(day))


def _envelope(notebook: Notebook, conn: Connection, kind: str, builder: _Builder,
              postits: list[BundlePostit], session: BundleSession | None = None) -> Bundle:
    row = conn.execute("SELECT title, my_initials FROM engagement WHERE id = 1").fetchone()
    return Bundle(
        id=secrets.token_hex(16), kind=kind, made_at=utc(notebook.now_text()),
        from_initials=str(row[1] or "")[:4], from_code=builder.me, engagement=str(row[0]),
        charts=tuple(builder.charts.values()), sources=tuple(builder.sources.values()),
        postits=tuple(postits), session=session)


def pool(notebook: Notebook, to: Sequence[Peer], everything: bool = False) -> Bundle:
    """The post-its for these colleagues: new or changed since each was last sent them."""
    me = my_code(notebook)
    with notebook.read() as conn:
        sent: dict[str, list[str | None]] = {}
        for number, peer in enumerate(to):
            for uid, rev in conn.execute("SELECT postit_uid, rev FROM team_sent"
                                         " WHERE peer_id = ?", (peer.id,)):
                sent.setdefault(str(uid), [None] * len(to))[number] = str(rev)
        builder = _Builder(conn, me)
        chosen: list[BundlePostit] = []
        for row in conn.execute(_ROWS + " ORDER BY p.flip_chart_id, p.position, p.id"):
            item = builder.postit(row)
            had = sent.get(item.id, [None] * len(to))
            lacking = [peer for peer, rev in zip(to, had, strict=True)
                       if peer.code != item.author and (rev is None or rev < item.rev)]
            if everything or not to or lacking:
                chosen.append(item)
        kept = {p.source for p in chosen}
        builder.sources = {k: v for k, v in builder.sources.items() if k in kept}
        used = {p.chart for p in chosen}
        builder.charts = {k: v for k, v in builder.charts.items() if v.ref in used}
        return _envelope(notebook, conn, "postits", builder, chosen)


def handover(notebook: Notebook, session_id: int, with_names: bool = False) -> Bundle:
    """A session's notes, participants and post-its, for the partner peer."""
    store = SessionStore(notebook)
    session = store.get(session_id)
    people = tuple(BundleParticipant(p.role, p.organisation, p.tenure, p.relationship,
                                     p.name if with_names and p.personal else None)
                   for p in store.participants(session_id))
    me = my_code(notebook)
    with notebook.read() as conn:
        builder = _Builder(conn, me)
        postits = [builder.postit(r) for r in conn.execute(
            _ROWS + " WHERE p.session_id = ? ORDER BY p.position, p.id", (session_id,))]
        ref = canonical(conn, session.source_id or f"session-{session_id}")
        day = session.starts_at.date().isoformat() if session.starts_at else None
        source = builder.source(ref, session.kind, day)
        assert source is not None
        updated = session.updated_at.isoformat() if session.updated_at else notebook.now_text()
        bundle_session = BundleSession(
            source, session.kind, session.title,
            session.starts_at.isoformat() if session.starts_at else None,
            session.ends_at.isoformat() if session.ends_at else None, utc(updated),
            session.notes, people)
        return _envelope(notebook, conn, "handover", builder, postits, bundle_session)


def write(notebook: Notebook, bundle: Bundle, path: Path, to: Sequence[Peer],
          passphrase: str | None = None) -> Sent:
    """Encrypt the bundle to the colleagues' codes (or a passphrase), write it, record it."""
    if to and passphrase is None:
        bundle = replace(bundle, to=tuple(p.code for p in to))
    data = bundle.to_json()
    if passphrase is not None:
        if len(passphrase) < 10:
            raise ValidationError("Choose a passphrase of at least 10 characters for the "
                                  "bundle, and tell it to the colleague in person.")
        sealed = seal_with_passphrase(data, passphrase)
    elif to:
        sealed = seal(data, [p.code for p in to])
    else:
        raise ValidationError("A bundle needs a colleague's team code, or a passphrase.")

    record = write_export(notebook, path, sealed, "team_bundle")
    names = ",".join(p.initials for p in to)
    with notebook.write() as conn:
        conn.execute("INSERT INTO team_bundle (direction, bundle_id, kind, peer_initials,"
                     " postits, export_id, at) VALUES ('sent', ?, ?, ?, ?, ?, ?)",
                     (bundle.id, bundle.kind, names, len(bundle.postits), record.id,
                      notebook.now_text()))
        insert_many(conn, "INSERT INTO team_sent (peer_id, postit_uid, rev)",
                    [(peer.id, p.id, p.rev) for peer in to for p in bundle.postits],
                    "ON CONFLICT (peer_id, postit_uid) DO UPDATE SET rev = excluded.rev")
    return Sent(record, bundle, tuple(p.initials for p in to))
