"""Findings (key messages): post-its grouped into one message, and how well it is supported.

Support is worked out on every read from the post-its behind a finding (see
``triangulation``), so a new post-it, a moved one or a changed rule shows at once.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from peerdesk.synthesis import matrix as finding_matrix
from peerdesk.synthesis import sources
from peerdesk.synthesis.matrix import MatrixRow
from peerdesk.synthesis.triangulation import Label, Rule, Source, Support
from peerdesk.vault.database import Connection
from peerdesk.vault.errors import PeerdeskError, ValidationError
from peerdesk.vault.notebook import Notebook, database_damaged
from peerdesk.vault.schema import FINDING_KINDS

__all__ = ["Evidence", "Finding", "FindingNotFoundError", "FindingStore", "MatrixRow"]

STATUSES = ("emerging", "agreed", "changed", "dropped")
RELATIONS = ("supports", "challenges")
STATUS_TEXTS = {"emerging": "Emerging", "agreed": "Agreed by the team",
                "changed": "Changed by the team", "dropped": "Dropped"}
KIND_TEXTS = {"strength": "Strength", "area_to_explore": "Area to explore",
              "suggestion": "Suggestion"}


class FindingNotFoundError(PeerdeskError):
    default_message = "That finding is no longer in the notebook."


@dataclass(frozen=True, slots=True)
class Finding:
    id: int
    flip_chart_id: int
    headline: str
    detail: str
    kind: str
    status: str
    in_summary: bool | None   # None: not chosen by hand (agreed findings go in)
    summary_position: int | None
    position: int
    support: Support
    label: Label

    @property
    def included(self) -> bool:
        """Whether the finding goes into the summary for the manager."""
        return self.status == "agreed" if self.in_summary is None else self.in_summary

    @property
    def challenged(self) -> bool:
        return self.support.challenged


@dataclass(frozen=True, slots=True)
class Evidence:
    """A post-it behind a finding, and whether it supports or challenges it."""

    postit_id: int
    relation: str
    text: str
    kind: str
    initials: str
    flip_chart_id: int
    source: Source | None


_FINDING_COLUMNS = ("SELECT id, flip_chart_id, headline, detail, kind, status, in_summary,"
                    " summary_position, position FROM finding")


class FindingStore:
    """Findings of one notebook. Every method is one short transaction."""

    def __init__(self, notebook: Notebook) -> None:
        self.notebook = notebook

    # -- the rule ---------------------------------------------------------------------

    def rule(self) -> Rule:
        with self.notebook.read() as conn:
            row = conn.execute("SELECT rule_min_sources, rule_min_kinds FROM engagement"
                               " WHERE id = 1").fetchone()
        if row is None:
            raise database_damaged()
        return Rule(int(row[0]), int(row[1]))

    def set_rule(self, rule: Rule) -> None:
        """Keep the engagement's triangulation rule; every label follows on the next read."""
        rule = Rule(rule.min_sources, rule.min_kinds)  # checked again, whoever made it
        with self.notebook.write() as conn:
            conn.execute("UPDATE engagement SET rule_min_sources = ?, rule_min_kinds = ?,"
                         " updated_at = ? WHERE id = 1",
                         (rule.min_sources, rule.min_kinds, self.notebook.now_text()))

    # -- making and changing ----------------------------------------------------------

    def create(self, flip_chart_id: int, headline: str, kind: str, detail: str = "") -> int:
        headline = self._check_text(headline)
        self._check_kind(kind)
        now = self.notebook.now_text()
        with self.notebook.write() as conn:
            self._check_chart(conn, flip_chart_id)
            return self._insert(conn, flip_chart_id, headline, kind, detail.strip(), now)

    @staticmethod
    def _insert(conn: Connection, chart: int, headline: str, kind: str, detail: str,
                now: str) -> int:
        cur = conn.execute(
            "INSERT INTO finding (flip_chart_id, headline, detail, kind, position, created_at,"
            " updated_at) VALUES (?, ?, ?, ?, (SELECT COALESCE(max(position) + 1, 0)"
            " FROM finding WHERE flip_chart_id = ?), ?, ?)",
            (chart, headline, detail, kind, chart, now, now))
        return int(cur.lastrowid or 0)

    def update(self, finding_id: int, *, headline: str | None = None,
               detail: str | None = None, kind: str | None = None,
               flip_chart_id: int | None = None) -> None:
        """Change any of the given fields; the others stay as they are."""
        sets: list[str] = []
        values: list[object] = []
        if headline is not None:
            sets.append("headline = ?")
            values.append(self._check_text(headline))
        if detail is not None:
            sets.append("detail = ?")
            values.append(detail.strip())
        if kind is not None:
            self._check_kind(kind)
            sets.append("kind = ?")
            values.append(kind)
        with self.notebook.write() as conn:
            if flip_chart_id is not None:
                self._check_chart(conn, flip_chart_id)
                sets.append("flip_chart_id = ?")
                values.append(flip_chart_id)
            sets.append("updated_at = ?")
            values.append(self.notebook.now_text())
            self._changed(conn.execute(f"UPDATE finding SET {', '.join(sets)} WHERE id = ?",
                                       (*values, finding_id)).rowcount)

    def move(self, finding_id: int, flip_chart_id: int, position: int) -> None:
        """Put a finding at ``position`` (0 first) on a flip chart; the others make room."""
        with self.notebook.write() as conn:
            self._check_chart(conn, flip_chart_id)
            ids = [int(r[0]) for r in conn.execute(
                "SELECT id FROM finding WHERE flip_chart_id = ? AND id != ?"
                " ORDER BY position, id", (flip_chart_id, finding_id))]
            ids.insert(max(0, min(position, len(ids))), finding_id)
            self._changed(conn.execute("UPDATE finding SET flip_chart_id = ?, updated_at = ?"
                                       " WHERE id = ?", (flip_chart_id,
                                                         self.notebook.now_text(),
                                                         finding_id)).rowcount)
            conn.executemany("UPDATE finding SET position = ? WHERE id = ?",
                             [(i, fid) for i, fid in enumerate(ids)])

    def delete(self, finding_id: int) -> None:
        """Remove a finding; its post-its stay where they are."""
        with self.notebook.write() as conn:
            self._changed(conn.execute("DELETE FROM finding WHERE id = ?",
                                       (finding_id,)).rowcount)

    def set_status(self, finding_id: int, status: str) -> None:
        with self.notebook.write() as conn:
            self.set_status_in(conn, finding_id, status, self.notebook.now_text())

    @staticmethod
    def set_status_in(conn: Connection, finding_id: int, status: str, now: str) -> None:
        """Within a caller's transaction (team sessions agree findings this way)."""
        if status not in STATUSES:
            raise ValidationError(f"A finding is {', '.join(STATUSES[:-1])} or "
                                  f"{STATUSES[-1]}, not {status!r}.")
        FindingStore._changed(conn.execute(
            "UPDATE finding SET status = ?, updated_at = ? WHERE id = ?",
            (status, now, finding_id)).rowcount)

    # -- evidence ---------------------------------------------------------------------

    def add_evidence(self, finding_id: int, postit_id: int, relation: str = "supports") -> None:
        """Link a post-it to a finding (again: the relation is replaced)."""
        self.add_evidence_many(finding_id, [postit_id], relation)

    def add_evidence_many(self, finding_id: int, postit_ids: Iterable[int],
                          relation: str = "supports") -> None:
        if relation not in RELATIONS:
            raise ValidationError("A post-it either supports a finding or challenges it.")
        ids = list(dict.fromkeys(postit_ids))
        with self.notebook.write() as conn:
            self._changed(conn.execute("SELECT count(*) FROM finding WHERE id = ?",
                                       (finding_id,)).fetchone()[0])
            self._check_postits(conn, ids)
            conn.executemany(
                "INSERT INTO finding_evidence (finding_id, postit_id, relation) VALUES (?, ?, ?)"
                " ON CONFLICT (finding_id, postit_id) DO UPDATE SET relation = excluded.relation",
                [(finding_id, pid, relation) for pid in ids])
            conn.execute("UPDATE finding SET updated_at = ? WHERE id = ?",
                         (self.notebook.now_text(), finding_id))

    def remove_evidence(self, finding_id: int, postit_id: int) -> None:
        with self.notebook.write() as conn:
            conn.execute("DELETE FROM finding_evidence WHERE finding_id = ? AND postit_id = ?",
                         (finding_id, postit_id))

    def group(self, postit_ids: Sequence[int], headline: str, kind: str,
              detail: str = "") -> int:
        """A new finding backed by these post-its, on the first post-it's flip chart."""
        ids = list(dict.fromkeys(postit_ids))
        if not ids:
            raise ValidationError("Choose at least one post-it to group into a finding.")
        headline = self._check_text(headline)
        self._check_kind(kind)
        now = self.notebook.now_text()
        with self.notebook.write() as conn:
            self._check_postits(conn, ids)
            chart = int(conn.execute("SELECT flip_chart_id FROM postit WHERE id = ?",
                                     (ids[0],)).fetchone()[0])
            finding_id = self._insert(conn, chart, headline, kind, detail.strip(), now)
            conn.executemany("INSERT INTO finding_evidence (finding_id, postit_id, relation)"
                             " VALUES (?, ?, 'supports')", [(finding_id, p) for p in ids])
        return finding_id

    def evidence(self, finding_id: int) -> list[Evidence]:
        with self.notebook.read() as conn:
            rows = conn.execute(
                "SELECT p.id, e.relation, p.text, p.kind, p.initials, p.flip_chart_id"
                " FROM finding_evidence e JOIN postit p ON p.id = e.postit_id"
                " WHERE e.finding_id = ? ORDER BY e.relation DESC, p.position, p.id",
                (finding_id,)).fetchall()
            found = sources.postit_sources(conn, [int(r[0]) for r in rows])
        return [Evidence(int(r[0]), r[1], r[2], r[3], r[4], int(r[5]), found.get(int(r[0])))
                for r in rows]

    def findings_of_postit(self, postit_id: int) -> list[tuple[int, str]]:
        """(finding id, relation) for every finding this post-it is linked to."""
        with self.notebook.read() as conn:
            rows = conn.execute("SELECT finding_id, relation FROM finding_evidence"
                                " WHERE postit_id = ? ORDER BY finding_id", (postit_id,))
            return [(int(r[0]), str(r[1])) for r in rows]

    # -- reading ----------------------------------------------------------------------

    def get(self, finding_id: int) -> Finding:
        found = self._read(" WHERE id = ?", (finding_id,), "AND e.finding_id = ?",
                           (finding_id,))
        if not found:
            raise FindingNotFoundError()
        return found[0]

    def findings(self, flip_chart_id: int | None = None) -> list[Finding]:
        """Findings in board order (by flip chart, then position), with their support."""
        if flip_chart_id is None:
            return self._read(" ORDER BY (SELECT position FROM flip_chart c"
                              " WHERE c.id = flip_chart_id), flip_chart_id, position, id", ())
        return self._read(" WHERE flip_chart_id = ? ORDER BY position, id", (flip_chart_id,),
                          "AND e.finding_id IN (SELECT id FROM finding WHERE flip_chart_id = ?)",
                          (flip_chart_id,))

    def summary(self) -> list[Finding]:
        """The findings going into the summary, in the peer's order."""
        return [f for f in self._read(" ORDER BY summary_position IS NULL, summary_position,"
                                      " position, id", ()) if f.included]

    def _read(self, where: str, args: tuple[object, ...], evidence_where: str = "",
              evidence_args: tuple[object, ...] = ()) -> list[Finding]:
        rule = self.rule()
        with self.notebook.read() as conn:
            rows = conn.execute(_FINDING_COLUMNS + where, args).fetchall()
            found = sources.supports(conn, evidence_where, evidence_args)
        empty = Support.of(())
        out = []
        for r in rows:
            support = found.get(int(r[0]), empty)
            out.append(Finding(
                id=int(r[0]), flip_chart_id=int(r[1]), headline=r[2], detail=r[3], kind=r[4],
                status=r[5], in_summary=None if r[6] is None else bool(r[6]),
                summary_position=r[7], position=int(r[8]), support=support,
                label=support.label(rule)))
        return out

    def matrix(self, triangulated_only: bool = False) -> list[MatrixRow]:
        """Every finding against source kinds, in one query (for the matrix view)."""
        return finding_matrix.rows(self.notebook, self.rule(), triangulated_only)

    def kind_labels(self) -> dict[str, str]:
        """Every kind of source the engagement counts, with its heading, in order."""
        return sources.notebook_kind_labels(self.notebook)

    def source_kinds(self) -> list[str]:
        """The source kinds that back at least one finding, for the matrix's columns."""
        return finding_matrix.source_kinds(self.notebook)

    # -- the summary's selection ------------------------------------------------------

    def set_in_summary(self, finding_id: int, included: bool | None) -> None:
        """Put a finding in or out of the summary; None goes back to "agreed ones go in".

        A finding put in keeps its place in the peer's order, or comes after the
        ordered ones (see ``reorder_summary``).
        """
        with self.notebook.write() as conn:
            self._changed(conn.execute(
                "UPDATE finding SET in_summary = ?, updated_at = ? WHERE id = ?",
                (None if included is None else int(included), self.notebook.now_text(),
                 finding_id)).rowcount)

    def reorder_summary(self, finding_ids: Sequence[int]) -> None:
        """The summary's order: these findings first, in this order."""
        with self.notebook.write() as conn:
            conn.execute("UPDATE finding SET summary_position = NULL")
            conn.executemany("UPDATE finding SET summary_position = ? WHERE id = ?",
                             [(i, fid) for i, fid in enumerate(dict.fromkeys(finding_ids))])

    # -- checks -----------------------------------------------------------------------

    @staticmethod
    def _check_text(headline: str) -> str:
        text = " ".join(headline.split())
        if not text:
            raise ValidationError("Give the finding a headline.")
        return text

    @staticmethod
    def _check_kind(kind: str) -> None:
        if kind not in FINDING_KINDS:
            raise ValidationError("A finding is a strength, an area to explore or a "
                                  "suggestion.")

    @staticmethod
    def _check_chart(conn: Connection, chart: int) -> None:
        if conn.execute("SELECT 1 FROM flip_chart WHERE id = ?", (chart,)).fetchone() is None:
            raise ValidationError("That flip chart is no longer in the notebook.")

    @staticmethod
    def _check_postits(conn: Connection, ids: Sequence[int]) -> None:
        if not ids:
            return
        marks = ",".join("?" * len(ids))
        found = conn.execute(f"SELECT count(*) FROM postit WHERE id IN ({marks})",
                             tuple(ids)).fetchone()[0]
        if found != len(ids):
            raise ValidationError("One of those post-its is no longer in the notebook.")

    @staticmethod
    def _changed(rowcount: int) -> None:
        if not rowcount:
            raise FindingNotFoundError()
