"""Where each post-it's evidence comes from, as SQL shared by findings, the matrix and the
summary, so that they always count the same sources.

A post-it's source is its session (named by the session's stable ``source_id``), else its
document (named by the document's fingerprint, so two peers who imported the same file
share it), else the colleague's source it was received with (``source_ref``). Ids joined
in ``source_alias`` count as one. Its kind of source follows ``triangulation.EVIDENCE_KINDS``;
a post-it from a team session or a client catch-up has no source.
"""

from __future__ import annotations

from collections import defaultdict

from peerdesk.capture.session_kinds import added_kinds
from peerdesk.synthesis.triangulation import EVIDENCE_KINDS, SOURCE_KIND_LABELS, Source, Support
from peerdesk.vault.database import Connection
from peerdesk.vault.notebook import Notebook

RAW_REF = ("(CASE WHEN p.session_id IS NOT NULL THEN COALESCE(s.source_id, 'session-' || s.id)"
           " WHEN p.document_id IS NOT NULL THEN 'document-' || d.sha256"
           " ELSE p.source_ref END)")
"""SQL over ``p`` (post-it), ``s`` (its session) and ``d`` (its document): the raw source id."""

RAW_KIND = ("(CASE WHEN p.session_id IS NOT NULL THEN COALESCE(s.source_kind, s.kind)"
            " WHEN p.document_id IS NOT NULL THEN 'document' ELSE p.source_kind END)")
"""SQL: the post-it's session kind (a template's added kind where it has one), "document"
or the kind a colleague's bundle gave."""

KIND = ("(CASE " + RAW_KIND + " " + " ".join(
    f"WHEN '{raw}' THEN " + (f"'{kind}'" if kind else "NULL")
    for raw, kind in EVIDENCE_KINDS.items()) + f" ELSE {RAW_KIND} END)")
"""SQL: the kind of source (NULL for a post-it that has none, or whose session relays); a
kind a template added is its own kind, as in ``triangulation.evidence_kind``."""

REF = f"COALESCE(a.canonical, {RAW_REF})"
"""SQL: the source's id, one per group of joined ids."""

JOINS = ("LEFT JOIN session s ON s.id = p.session_id"
         " LEFT JOIN document d ON d.id = p.document_id"
         f" LEFT JOIN source_alias a ON a.alias = {RAW_REF}")
"""The joins ``REF`` and ``KIND`` need, after ``postit p``."""

EVIDENCE = ("SELECT e.finding_id AS fid, e.relation AS rel, " + REF + " AS ref, min(" + KIND
            + ") AS skind FROM finding_evidence e JOIN postit p ON p.id = e.postit_id "
            + JOINS + " WHERE " + KIND + " IS NOT NULL {where} GROUP BY e.finding_id,"
            " e.relation, ref")
"""Each finding's distinct sources, by relation, with one kind each; ``{where}`` may add
``AND ...`` conditions on ``e``."""


def kind_labels(conn: Connection) -> dict[str, str]:
    """Every kind of source this engagement counts, in order, with its heading:
    peerdesk's own, then those its template added."""
    return {**SOURCE_KIND_LABELS, **{k.key: k.label for k in added_kinds(conn)}}


def notebook_kind_labels(notebook: Notebook) -> dict[str, str]:
    with notebook.read() as conn:
        return kind_labels(conn)


def supports(conn: Connection, where: str = "",
             args: tuple[object, ...] = ()) -> dict[int, Support]:
    """Every finding's support (those with any), or the findings ``where`` keeps."""
    supporting: dict[int, list[Source]] = defaultdict(list)
    challenging: dict[int, list[Source]] = defaultdict(list)
    for fid, relation, ref, kind in conn.execute(EVIDENCE.format(where=where), args):
        target = challenging if relation == "challenges" else supporting
        target[int(fid)].append(Source(str(ref), str(kind)))
    ids = set(supporting) | set(challenging)
    return {i: Support.of(supporting.get(i, ()), challenging.get(i, ())) for i in ids}


def postit_sources(conn: Connection, postit_ids: list[int]) -> dict[int, Source]:
    """The source of each of these post-its (those that have one)."""
    out: dict[int, Source] = {}
    for start in range(0, len(postit_ids), 500):
        chunk = tuple(postit_ids[start:start + 500])
        marks = ",".join("?" * len(chunk))
        for pid, ref, kind in conn.execute(
                f"SELECT p.id, {REF}, {KIND} FROM postit p {JOINS}"
                f" WHERE p.id IN ({marks}) AND {KIND} IS NOT NULL", chunk):
            out[int(pid)] = Source(str(ref), str(kind))
    return out
