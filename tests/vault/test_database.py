from __future__ import annotations

import pytest

from peerdesk.vault import schema
from peerdesk.vault.database import PAGE_SIZE, ROWS_PER_STATEMENT, insert_many, integrity
from peerdesk.vault.notebook import Notebook, NotebookClosedError


def test_settings_checked_at_open(notebook: Notebook) -> None:
    settings = notebook.settings()
    assert str(settings["cipher_version"]).startswith("4.")
    assert settings["temp_store"] == 2
    assert settings["journal_mode"] == "wal"
    assert settings["foreign_keys"] == 1
    assert settings["cipher_page_size"] == PAGE_SIZE


def test_both_integrity_checks_pass(notebook: Notebook) -> None:
    report = notebook.integrity()
    assert report.ok, report


def test_integrity_reports_a_bad_page(notebook: Notebook) -> None:
    with notebook.write() as conn:
        conn.execute("INSERT INTO meta (key, value) VALUES ('filler', ?)", ("x" * 20000,))
    conn = notebook.conn
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    with notebook.path.open("r+b") as handle:
        handle.seek(PAGE_SIZE * 3 + 200)
        handle.write(b"\x00" * 64)
    report = integrity(conn)
    assert report.cipher_problems and not report.ok


def test_schema_version(notebook: Notebook) -> None:
    assert schema.version(notebook.conn) == schema.SCHEMA_VERSION


def test_closed_notebook_refuses_use(notebook: Notebook) -> None:
    notebook.close()
    with pytest.raises(NotebookClosedError, match="locked"):
        notebook.engagement()


def test_a_write_the_disk_refuses_is_rolled_back_without_a_second_error(
        notebook: Notebook) -> None:
    """SQLite may roll back by itself (a full disk does): the transaction must not then be
    rolled back again ("cannot rollback - no transaction is active")."""
    import pytest

    from peerdesk.vault.errors import PeerdeskError

    with pytest.raises(ZeroDivisionError), notebook.write() as conn:
        conn.execute("UPDATE engagement SET title = 'changed'")
        conn.execute("ROLLBACK")   # as SQLite does on SQLITE_FULL
        raise ZeroDivisionError
    with pytest.raises(PeerdeskError) as info, notebook.write() as conn:
        conn.execute("INSERT INTO meta (key, value) VALUES ('notebook_id', 'again')")
    assert "cannot rollback" not in info.value.message
    assert "clashes" in info.value.message and "damaged" not in info.value.message
    assert notebook.engagement().title != "changed"


def test_insert_many_stores_every_row_in_statements_of_many_rows(notebook: Notebook) -> None:
    rows = [(n, f"row {n}") for n in range(ROWS_PER_STATEMENT * 2 + 7)]
    statements: list[str] = []
    with notebook.write() as conn:
        conn.execute("CREATE TABLE scratch (id INTEGER PRIMARY KEY, text TEXT, seen INTEGER)")
        conn.set_trace_callback(statements.append)
        insert_many(conn, "INSERT INTO scratch (id, text, seen)", rows, row="(?, ?, 1)")
        insert_many(conn, "INSERT INTO scratch (id, text, seen)", [], row="(?, ?, 1)")
        insert_many(conn, "INSERT INTO scratch (id, text)", [(3, "again"), (9999, "new")],
                    "ON CONFLICT (id) DO UPDATE SET seen = seen + 1")
        conn.set_trace_callback(None)
    assert len(statements) == 4  # 507 rows in three statements, then one upsert
    with notebook.read() as conn:
        stored = conn.execute("SELECT id, text, seen FROM scratch ORDER BY id").fetchall()
    assert len(stored) == len(rows) + 1
    assert stored[3] == (3, "row 3", 2) and stored[-1] == (9999, "new", None)
    assert [r[:2] for r in stored[:-1]] == rows
