"""The notebook service: one open, unlocked engagement. The GUI and the CLI both use it.

All SQL for the engagement itself lives here; later parts of the notebook (sessions,
post-its, findings, exports) live in their own modules and take a ``Notebook``.
"""

from __future__ import annotations

import json
import threading
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from datetime import date, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from peerdesk.vault import database
from peerdesk.vault.clock import Clock, SystemClock
from peerdesk.vault.database import Connection, IntegrityReport
from peerdesk.vault.domain import (
    Engagement,
    EngagementDetails,
    FlipChart,
    Stage,
    TeamMember,
    current_stage,
)
from peerdesk.vault.errors import NotebookClosedError, PeerdeskError, ValidationError
from peerdesk.vault.instance_lock import InstanceLock

__all__ = ["Notebook", "NotebookClosedError", "NotebookReadOnlyError", "created_at",
           "database_damaged"]

if TYPE_CHECKING:
    from peerdesk.vault.checks.read_only import ReadOnly
    from peerdesk.vault.template import Template


class NotebookReadOnlyError(PeerdeskError):
    default_message = "This notebook was opened only to be read, so nothing can be changed."


def _iso_date(value: date | None) -> str | None:
    return value.isoformat() if value else None


def _parse_date(value: str | None) -> date | None:
    return date.fromisoformat(value) if value else None


class Notebook:
    """An unlocked notebook. ``close()`` drops the connection and the key."""

    def __init__(self, conn: Connection, notebook_id: str, path: Path,
                 lock: InstanceLock, clock: Clock | None = None,
                 read_only: ReadOnly | None = None) -> None:
        self._conn: Connection | None = conn
        self.id = notebook_id
        self.path = path
        self._instance_lock = lock
        self.clock: Clock = clock or SystemClock()
        self._mutex = threading.RLock()
        self.keyring_holds_key: bool | None = None
        self.key_file_problem: str | None = None
        """Set when it opened from the credential store while its key file is damaged."""
        self._read_only = read_only
        """Set when opened only to read (nothing of it, or of its log, can change)."""

    @property
    def read_only(self) -> bool:
        return self._read_only is not None

    # -- connection ---------------------------------------------------------------

    @property
    def closed(self) -> bool:
        return self._conn is None

    @property
    def conn(self) -> Connection:
        if self._conn is None:
            raise NotebookClosedError()
        return self._conn

    @contextmanager
    def read(self) -> Iterator[Connection]:
        """The connection, for reading; an SQLite error inside becomes a plain error."""
        with self._mutex:
            conn = self.conn
            try:
                yield conn
            except database.Error as exc:
                raise database.translate(exc, self.path, "read the notebook") from None

    @contextmanager
    def write(self, needed: int | None = None) -> Iterator[Connection]:
        """One transaction; safe to use from a background thread.

        Any SQLite error (a full disk, a read-only folder, a damaged page) rolls the whole
        transaction back and is raised as one of peerdesk's plain errors; ``needed`` is the
        space the change needs, where the caller knows it, for the disk-full message.
        """
        with self._mutex:
            conn = self.conn
            if self._read_only is not None:
                raise NotebookReadOnlyError()
            try:
                conn.execute("BEGIN IMMEDIATE")
                yield conn
                conn.execute("COMMIT")
            except BaseException as exc:
                if conn.in_transaction:  # SQLite may have rolled back by itself already
                    with suppress(database.Error):
                        conn.execute("ROLLBACK")
                if isinstance(exc, database.Error):
                    raise database.translate(exc, self.path, "save to the notebook",
                                             needed) from None
                raise

    def now_text(self) -> str:
        return self.clock.now().isoformat(timespec="seconds")

    def close(self) -> None:
        with self._mutex:
            if self._conn is not None:
                conn, self._conn = self._conn, None
                if self._read_only is not None:
                    self._read_only.close()
                else:
                    # A full or read-only disk can refuse the checkpoint: the log then stays
                    # beside the notebook and the next open reads it back.
                    with suppress(database.Error):
                        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
                    with suppress(database.Error):
                        conn.close()
                    database.remove_empty_sidecars(self.path)
            self._instance_lock.release()

    def __enter__(self) -> Notebook:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- meta ---------------------------------------------------------------------

    def meta(self, key: str) -> str | None:
        with self.read() as conn:
            row = conn.execute("SELECT value FROM meta WHERE key = ?", (key,)).fetchone()
        return None if row is None else str(row[0])

    def integrity(self) -> IntegrityReport:
        with self._mutex:
            return database.integrity(self.conn)

    def settings(self) -> dict[str, Any]:
        with self.read() as conn:
            return database.settings(conn)

    # -- engagement ---------------------------------------------------------------

    def initialise(self, details: EngagementDetails, template: Template,
                   app_version: str) -> None:
        now = self.now_text()
        with self.write() as conn:
            conn.executemany("INSERT INTO meta (key, value) VALUES (?, ?)", [
                ("notebook_id", self.id), ("created_at", now), ("created_by", app_version),
            ])
            conn.execute(
                "INSERT INTO engagement (id, title, template_name, created_at, updated_at)"
                " VALUES (1, ?, ?, ?, ?)", (details.title.strip(), template.name, now, now))
            conn.executemany(
                "INSERT INTO flip_chart (key, title, question, probes, position, from_template)"
                " VALUES (?, ?, ?, ?, ?, 1)",
                [(c.key, c.title, c.question, json.dumps(list(c.probes)), i)
                 for i, c in enumerate(template.flip_charts)])
        self.update_details(details)

    def engagement(self) -> Engagement:
        with self.read() as conn:
            row = conn.execute(
                "SELECT title, client_system, onsite_start, onsite_end, my_name, my_initials,"
                " my_role, manager_name, manager_email, stage, signed_off_on, hold_reason,"
                " rule_min_sources, rule_min_kinds, template_name, stage_by_hand"
                " FROM engagement WHERE id = 1"
            ).fetchone()
        if row is None:
            raise database_damaged()
        start, end, signed = _parse_date(row[2]), _parse_date(row[3]), _parse_date(row[10])
        by_hand = bool(row[15])
        return Engagement(
            title=row[0], client_system=row[1], onsite_start=start, onsite_end=end,
            my_name=row[4], my_initials=row[5], my_role=row[6],
            manager_name=row[7], manager_email=row[8], team=self.team(),
            stage=current_stage(Stage(row[9]), by_hand, self.today(), start, end, signed),
            stage_by_hand=by_hand, signed_off_on=signed, hold_reason=row[11],
            rule_min_sources=row[12], rule_min_kinds=row[13], template_name=row[14],
        )

    def today(self) -> date:
        """Today's date on this computer (local time)."""
        return self.clock.now().astimezone().date()

    def stage(self) -> Stage:
        """The stage now: by hand when the peer set one, else from the dates."""
        with self.read() as conn:
            row = conn.execute("SELECT stage, stage_by_hand, onsite_start, onsite_end,"
                               " signed_off_on FROM engagement WHERE id = 1").fetchone()
        if row is None:
            raise database_damaged()
        return current_stage(Stage(row[0]), bool(row[1]), self.today(), _parse_date(row[2]),
                             _parse_date(row[3]), _parse_date(row[4]))

    def update_details(self, details: EngagementDetails) -> None:
        problems = details.problems()
        if problems:
            raise ValidationError(" ".join(problems))
        with self.write() as conn:
            conn.execute(
                "UPDATE engagement SET title = ?, client_system = ?, onsite_start = ?,"
                " onsite_end = ?, my_name = ?, my_initials = ?, my_role = ?, manager_name = ?,"
                " manager_email = ?, updated_at = ? WHERE id = 1",
                (details.title.strip(), details.client_system.strip(),
                 _iso_date(details.onsite_start), _iso_date(details.onsite_end),
                 details.my_name.strip(), details.my_initials.strip().upper(),
                 details.my_role.strip(), details.manager_name.strip(),
                 details.manager_email.strip(), self.now_text()))
            self._replace_team(conn, details)

    @staticmethod
    def _replace_team(conn: Connection, details: EngagementDetails) -> None:
        kept: list[int] = []
        members = [m for m in details.team if m.name.strip()]
        for position, m in enumerate(members):
            values = (m.name.strip(), m.role.strip(), m.initials.strip().upper(),
                      m.email.strip(), int(m.is_me), position)
            if m.id is not None:
                conn.execute("UPDATE team_member SET name = ?, role = ?, initials = ?,"
                             " email = ?, is_me = ?, position = ? WHERE id = ?", (*values, m.id))
                kept.append(m.id)
            else:
                cur = conn.execute("INSERT INTO team_member (name, role, initials, email, is_me,"
                                   " position) VALUES (?, ?, ?, ?, ?, ?)", values)
                kept.append(int(cur.lastrowid or 0))
        marks = ",".join("?" * len(kept)) or "NULL"
        conn.execute(f"DELETE FROM team_member WHERE id NOT IN ({marks})", kept)

    def team(self) -> list[TeamMember]:
        with self.read() as conn:
            rows = conn.execute("SELECT id, name, role, initials, email, is_me FROM team_member"
                                " ORDER BY position, id").fetchall()
        return [TeamMember(name=r[1], role=r[2], initials=r[3], email=r[4], is_me=bool(r[5]),
                           id=r[0]) for r in rows]

    def set_stage(self, stage: Stage | None) -> None:
        """Set the stage by hand (kept until changed), or None to follow the dates again."""
        if stage is Stage.DESTROYED:
            raise ValidationError("An engagement is destroyed by destroying it, not by "
                                  "choosing the stage.")
        with self.write() as conn:
            if stage is None:
                conn.execute("UPDATE engagement SET stage_by_hand = 0, updated_at = ?"
                             " WHERE id = 1 AND stage != 'destroyed'", (self.now_text(),))
            else:
                conn.execute("UPDATE engagement SET stage = ?, stage_by_hand = 1,"
                             " updated_at = ? WHERE id = 1", (stage.value, self.now_text()))

    # -- flip charts ----------------------------------------------------------------

    def flip_charts(self, include_retired: bool = False) -> list[FlipChart]:
        sql = "SELECT id, title, question, probes, position, retired, key FROM flip_chart"
        if not include_retired:
            sql += " WHERE retired = 0"
        with self.read() as conn:
            rows = conn.execute(sql + " ORDER BY position, id").fetchall()
        return [FlipChart(id=r[0], title=r[1], question=r[2], probes=tuple(json.loads(r[3])),
                          position=r[4], retired=bool(r[5]), key=r[6]) for r in rows]


def database_damaged() -> PeerdeskError:
    from peerdesk.vault.errors import NotebookDamagedError

    return NotebookDamagedError("The notebook opened but its engagement is missing: it is "
                                "damaged. Nothing has been changed.")


def created_at(notebook: Notebook) -> datetime | None:
    value = notebook.meta("created_at")
    return datetime.fromisoformat(value) if value else None
