"""Migrations: a notebook built at every earlier version migrates to the latest intact."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from peerdesk.vault import database, schema
from peerdesk.vault.database import Connection

ROWS = """
INSERT INTO meta (key, value) VALUES ('notebook_id', 'abc');
INSERT INTO engagement (id, title, created_at, updated_at) VALUES (1, 'Old one', 'n', 'n');
INSERT INTO flip_chart (id, title) VALUES (1, 'Governance');
INSERT INTO session (id, kind, title, notes, created_at, updated_at)
    VALUES (1, 'meeting', 'Partnership chair', 'Governance never tested by a hard issue', 'n', 'n');
INSERT INTO participant (id, session_id, role, organisation, name)
    VALUES (1, 1, 'Independent chair', 'Northvale ICB', 'Alison Crane');
INSERT INTO group_feedback (id, session_id, exercise_key, group_label, text, created_at)
    VALUES (1, 1, 'good_at', 'Group 1', 'Working together in a crisis', 'n');
INSERT INTO document (id, title, file_name, media_type, size, sha256, content, text, imported_at)
    VALUES (1, 'Position statement', 'p.txt', 'text/plain', 1, '00', x'00',
            'Two councils and three trusts', 'n');
INSERT INTO postit (id, flip_chart_id, text, kind, session_id, created_at, updated_at)
    VALUES (1, 1, 'Board has not resolved a conflict', 'area_to_explore', 1, 'n', 'n');
INSERT INTO finding (id, flip_chart_id, headline, detail, kind, created_at, updated_at)
    VALUES (1, 1, 'Governance is untested', 'Seen in every meeting', 'area_to_explore', 'n', 'n');
INSERT INTO finding_evidence (finding_id, postit_id) VALUES (1, 1);
"""


def build(path: Path, at_version: int) -> Connection:
    conn = database.connect(path, os.urandom(32), create=True)
    assert schema.migrate(conn, at_version) == at_version
    assert schema.version(conn) == at_version
    return conn


@pytest.mark.parametrize("earlier", range(1, schema.SCHEMA_VERSION))
def test_every_earlier_version_migrates_with_its_rows(tmp_path: Path, earlier: int) -> None:
    conn = build(tmp_path / "old.peerdesk", earlier)
    try:
        conn.executescript("BEGIN;" + ROWS + "COMMIT;")
        assert schema.migrate(conn) == schema.SCHEMA_VERSION
        assert conn.execute("SELECT title FROM engagement").fetchone()[0] == "Old one"
        assert conn.execute("SELECT count(*) FROM finding_evidence").fetchone()[0] == 1
        assert conn.execute("SELECT name FROM participant").fetchone()[0] == "Alison Crane"
        indexed = {r[0]: (r[1], r[2]) for r in conn.execute(
            "SELECT rowid, heading, body FROM search_index")}
        assert indexed == {
            1 * 16 + 1: ("Partnership chair", "Governance never tested by a hard issue"),
            1 * 16 + 2: ("", "Board has not resolved a conflict"),
            1 * 16 + 3: ("Governance is untested", "Seen in every meeting"),
            1 * 16 + 4: ("Independent chair", "Northvale ICB"),
            1 * 16 + 5: ("Group 1", "Working together in a crisis"),
            1 * 16 + 6: ("Position statement", "Two councils and three trusts"),
        }
        found = {r[0] for r in conn.execute(
            "SELECT rowid FROM search_index WHERE search_index MATCH 'governance'")}
        assert found == {17, 19}
        assert conn.execute("SELECT count(*) FROM search_index WHERE search_index MATCH"
                            " 'alison'").fetchone()[0] == 0
        # the triggers work on the migrated notebook
        conn.execute("UPDATE postit SET text = 'Conflicts are avoided' WHERE id = 1")
        assert conn.execute("SELECT count(*) FROM search_index WHERE search_index MATCH"
                            " 'avoided'").fetchone()[0] == 1
        conn.execute("INSERT INTO search_index(search_index, rank) VALUES"
                     " ('integrity-check', 1)")
        assert database.integrity(conn).ok
    finally:
        conn.close()


def test_a_fresh_notebook_is_at_the_latest_version(tmp_path: Path) -> None:
    conn = build(tmp_path / "new.peerdesk", schema.SCHEMA_VERSION)
    try:
        assert schema.version(conn) == len(schema.MIGRATIONS)
        names = {r[0] for r in conn.execute("SELECT name FROM sqlite_master")}
        assert "search_index" in names
        assert {"search_session_ai", "search_postit_au", "search_document_ad"} <= names
    finally:
        conn.close()


def test_a_failed_migration_changes_nothing(tmp_path: Path,
                                            monkeypatch: pytest.MonkeyPatch) -> None:
    conn = build(tmp_path / "old.peerdesk", 1)
    try:
        broken = [*schema.MIGRATIONS[:1], "CREATE TABLE half (x); SELECT * FROM missing;"]
        monkeypatch.setattr(schema, "MIGRATIONS", broken)
        monkeypatch.setattr(schema, "SCHEMA_VERSION", 2)
        with pytest.raises(database.DatabaseError):
            schema.migrate(conn)
        assert schema.version(conn) == 1
        names = {r[0] for r in conn.execute("SELECT name FROM sqlite_master")}
        assert "half" not in names
    finally:
        conn.close()
