"""The demo's colleagues: their post-its reach the notebook as team bundles do.

Each partner peer gets an age identity of their own (made here, never kept); their
post-its are gathered as a bundle from them and merged with ``team.merge``, exactly as a
received bundle file is, so their cards carry their initials, their author and their
stable ids, and a link to the session both peers attended.
"""

from __future__ import annotations

import secrets
from dataclasses import dataclass, field

from pyrage import x25519

from peerdesk.capture.session_kinds import KINDS as SESSION_KINDS
from peerdesk.team import merge
from peerdesk.team.bundle import Bundle, BundleChart, BundlePostit, BundleSource
from peerdesk.team.send import utc
from peerdesk.vault.database import Connection


@dataclass
class Colleagues:
    now: str
    codes: dict[str, str] = field(default_factory=dict)
    postits: dict[str, list[BundlePostit]] = field(default_factory=dict)
    sources: dict[str, dict[str, BundleSource]] = field(default_factory=dict)
    evidence: list[tuple[int, str, str]] = field(default_factory=list)

    def postit(self, initials: str, chart: str, kind: str, text: str,
               source: tuple[str, str, str]) -> str:
        """A colleague's post-it, to be merged; returns its stable id."""
        if initials not in self.codes:
            self.codes[initials] = str(x25519.Identity.generate().to_public())
        source_id, source_kind, day = source
        assert source_kind in SESSION_KINDS
        uid = secrets.token_hex(16)
        self.sources.setdefault(initials, {})[source_id] = BundleSource(source_id, source_kind,
                                                                        day)
        self.postits.setdefault(initials, []).append(BundlePostit(
            uid, utc(self.now), self.codes[initials], initials, chart, kind, text, source_id,
            day))
        return uid

    def deliver(self, conn: Connection) -> None:
        """Merge every colleague's post-its (inside the caller's transaction)."""
        charts = {str(k): str(t) for k, t in conn.execute(
            "SELECT key, title FROM flip_chart WHERE key IS NOT NULL")}
        for initials, postits in self.postits.items():
            used = {p.chart for p in postits}
            bundle = Bundle(
                id=secrets.token_hex(16), kind="postits", made_at=utc(self.now),
                from_initials=initials, from_code=self.codes[initials], engagement="",
                charts=tuple(BundleChart(k, k, charts[k]) for k in sorted(used)),
                sources=tuple(self.sources[initials].values()), postits=tuple(postits))
            merge.apply(conn, bundle, merge.plan(conn, bundle), self.now)
        conn.executemany("INSERT INTO finding_evidence (finding_id, postit_id, relation)"
                         " SELECT ?, id, ? FROM postit WHERE uid = ?",
                         [(fid, relation, uid) for fid, uid, relation in self.evidence])
        self.postits.clear()
        self.sources.clear()
        self.evidence.clear()
