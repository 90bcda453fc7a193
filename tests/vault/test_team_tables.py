"""Schema version 4 (the team): every earlier notebook gains stable ids for its sessions
and post-its, and every new row gets one."""

from __future__ import annotations

import os
from datetime import datetime
from pathlib import Path

import pytest

from peerdesk.vault import database, schema
from peerdesk.vault.team_tables import calendar_source_id, slot_source_id

TEAM_VERSION = next(n for n, m in enumerate(schema.MIGRATIONS, start=1)
                    if getattr(m, "__module__", "") == "peerdesk.vault.team_tables")


@pytest.mark.parametrize("earlier", range(1, TEAM_VERSION))
def test_earlier_notebooks_gain_stable_ids(tmp_path: Path, earlier: int) -> None:
    conn = database.connect(tmp_path / "old.peerdesk", os.urandom(32), create=True)
    try:
        schema.migrate(conn, earlier)
        conn.executescript(
            "BEGIN;"
            "INSERT INTO flip_chart (id, title) VALUES (1, 'Governance');"
            "INSERT INTO session (id, kind, title, starts_at, created_at, updated_at) VALUES"
            " (1, 'meeting', 'Partnership chair', '2026-03-03T10:00:00+00:00', 'n', 'n'),"
            " (2, 'meeting', 'No time yet', NULL, 'n', 'n');"
            "INSERT INTO postit (id, flip_chart_id, text, kind, session_id, created_at,"
            " updated_at) VALUES (1, 1, 'One', 'strength', 1, 'n', 'n'),"
            " (2, 1, 'Two', 'strength', 2, 'n', 'n');"
            "COMMIT;")
        assert schema.migrate(conn) == schema.SCHEMA_VERSION
        ids = dict(conn.execute("SELECT id, source_id FROM session"))
        assert ids[1] == slot_source_id(datetime.fromisoformat("2026-03-03T10:00:00+00:00"),
                                        "Partnership chair")
        assert ids[2].startswith("session-")
        uids = [r[0] for r in conn.execute("SELECT uid FROM postit")]
        assert len(set(uids)) == 2 and all(len(u) == 32 for u in uids)
        conn.execute("INSERT INTO session (kind, title, created_at, updated_at)"
                     " VALUES ('meeting', 'Typed in', 'n', 'n')")
        conn.execute("INSERT INTO postit (flip_chart_id, text, kind, created_at, updated_at)"
                     " VALUES (1, 'Three', 'strength', 'n', 'n')")
        assert conn.execute("SELECT count(*) FROM session WHERE source_id IS NULL"
                            ).fetchone()[0] == 0
        assert conn.execute("SELECT count(*) FROM postit WHERE uid IS NULL").fetchone()[0] == 0
    finally:
        conn.close()


def test_the_same_slot_has_the_same_id_in_any_time_zone() -> None:
    a = datetime.fromisoformat("2026-03-03T10:00:00+00:00")
    b = datetime.fromisoformat("2026-03-03T11:00:00+01:00")
    assert slot_source_id(a, "Chair  of the board") == slot_source_id(b, "chair of the Board")
    assert slot_source_id(a, "Chair") != slot_source_id(a, "Chief executive")
    assert calendar_source_id("uid-1@example", a) != calendar_source_id("uid-1@example",
                                                                      a.replace(day=4))
