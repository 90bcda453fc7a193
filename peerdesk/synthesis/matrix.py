"""The matrix of findings against source kinds: one query, fine at thousands of findings.

A source counts once per finding however many of its post-its back it, and however many
peers took notes of it (see ``sources``).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from peerdesk.synthesis.sources import EVIDENCE, kind_labels
from peerdesk.synthesis.triangulation import Label, Rule, label_for
from peerdesk.vault.notebook import Notebook


@dataclass(frozen=True, slots=True)
class MatrixRow:
    """One row of the findings-against-source-kinds matrix."""

    finding_id: int
    headline: str
    flip_chart_id: int
    kind: str
    status: str
    label: Label
    sources: int                  # distinct supporting sources
    kinds: int                    # distinct kinds among them
    challenges: int               # distinct sources that challenge the finding
    included: bool
    counts: dict[str, int] = field(default_factory=dict)  # supporting sources per kind

    @property
    def challenged(self) -> bool:
        return self.challenges > 0


# Each finding's distinct sources (see ``sources``: one id per source across the team).
_SOURCES_CTE = """
WITH src AS (""" + EVIDENCE.format(where="") + """),
per AS (
    SELECT fid, skind, count(*) AS n FROM src WHERE rel = 'supports' GROUP BY fid, skind
),
agg AS (
    SELECT fid, group_concat(skind || '=' || n, ',') AS counts, sum(n) AS total,
           count(*) AS kinds
    FROM per GROUP BY fid
),
ch AS (
    SELECT fid, count(DISTINCT ref) AS n FROM src WHERE rel = 'challenges' GROUP BY fid
)
"""

_MATRIX_SQL = _SOURCES_CTE + """
SELECT f.id, f.headline, f.flip_chart_id, f.kind, f.status, f.in_summary,
       agg.counts, COALESCE(agg.total, 0), COALESCE(agg.kinds, 0), COALESCE(ch.n, 0)
FROM finding f
JOIN flip_chart c ON c.id = f.flip_chart_id
LEFT JOIN agg ON agg.fid = f.id
LEFT JOIN ch ON ch.fid = f.id
ORDER BY c.position, c.id, f.position, f.id
"""

def _counts(text: str | None) -> dict[str, int]:
    if not text:
        return {}
    out: dict[str, int] = {}
    for pair in text.split(","):
        kind, _, n = pair.rpartition("=")
        out[kind] = int(n)
    return out


def rows(notebook: Notebook, rule: Rule, triangulated_only: bool = False) -> list[MatrixRow]:
    """Every finding against source kinds, in board order."""
    with notebook.read() as conn:
        found = conn.execute(_MATRIX_SQL).fetchall()
    out = []
    for (fid, headline, chart, kind, status, in_summary, counts, total, kinds,
         challenges) in found:
        label = label_for(total, kinds, rule)
        if triangulated_only and label is not Label.TRIANGULATED:
            continue
        included = status == "agreed" if in_summary is None else bool(in_summary)
        out.append(MatrixRow(fid, headline, chart, kind, status, label, total, kinds,
                             challenges, included, _counts(counts)))
    return out


def source_kinds(notebook: Notebook) -> list[str]:
    """The source kinds that back at least one finding, most direct first."""
    with notebook.read() as conn:
        found = conn.execute(_SOURCES_CTE + "SELECT DISTINCT skind FROM per").fetchall()
        order = list(kind_labels(conn))
    present = {str(r[0]) for r in found}
    return sorted(present, key=lambda k: (order.index(k) if k in order else 99, k))
