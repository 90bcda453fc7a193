"""The full-text index (SQLite FTS5, inside the encrypted notebook) and its migration.

One FTS5 table, ``search_index``, holds a row per searchable thing: a ``heading``
(a session's title, a finding's headline, a participant's role...) and a ``body``
(notes, post-it text, a finding's detail...). Its rowid says what the row is and
where to jump: ``target_id * KIND_STRIDE + kind code``, so triggers find a row by
its rowid and never scan. Participants' names are never indexed.

``MIGRATION`` is appended to ``schema.MIGRATIONS``; it has shipped once it is in a
release, so never edit it (nor ``SOURCES``, which it is made from): to index something
else, add a new migration with its own table of sources.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass

from peerdesk.vault.database import Connection

KIND_STRIDE = 16


@dataclass(frozen=True)
class IndexedSource:
    code: int
    kind: str         # the name search results carry
    table: str
    heading: str      # SQL over the row (``{r}`` is ``new`` or the table)
    body: str
    columns: tuple[str, ...]  # an update of any of these re-indexes the row


SOURCES: tuple[IndexedSource, ...] = (
    IndexedSource(1, "session", "session", "{r}.title", "{r}.notes", ("title", "notes")),
    IndexedSource(2, "postit", "postit", "''", "{r}.text", ("text",)),
    IndexedSource(3, "finding", "finding", "{r}.headline", "{r}.detail",
                  ("headline", "detail")),
    IndexedSource(4, "participant", "participant", "{r}.role", "{r}.organisation",
                  ("role", "organisation")),
    IndexedSource(5, "group_feedback", "group_feedback", "{r}.group_label", "{r}.text",
                  ("group_label", "text")),
    IndexedSource(6, "document", "document", "{r}.title",
                  "CASE WHEN {r}.notes = '' THEN {r}.text"
                  " ELSE {r}.notes || char(10) || {r}.text END", ("title", "notes", "text")),
)
KIND_BY_CODE = {s.code: s.kind for s in SOURCES}
CODE_BY_KIND = {s.kind: s.code for s in SOURCES}

# unicode61: tokens are runs of letters and digits, folded to lower case, accents removed.
TABLE = ("CREATE VIRTUAL TABLE search_index USING fts5(heading, body,"
         " tokenize = 'unicode61 remove_diacritics 2', prefix = '2 3')")
# Headings weigh twice the body in the bm25 ranking.
RANK = "INSERT INTO search_index(search_index, rank) VALUES ('rank', 'bm25(2.0, 1.0)')"


def _triggers(src: IndexedSource) -> str:
    def row(r: str) -> str:
        return (f"INSERT INTO search_index(rowid, heading, body) VALUES "
                f"({r}.id * {KIND_STRIDE} + {src.code}, {src.heading.format(r=r)}, "
                f"{src.body.format(r=r)});")

    drop = f"DELETE FROM search_index WHERE rowid = old.id * {KIND_STRIDE} + {src.code};"
    name = f"search_{src.table}"
    watched = ", ".join(("id", *src.columns))
    return (
        f"CREATE TRIGGER {name}_ai AFTER INSERT ON {src.table} BEGIN {row('new')} END;\n"
        f"CREATE TRIGGER {name}_au AFTER UPDATE OF {watched} ON {src.table} BEGIN "
        f"{drop} {row('new')} END;\n"
        f"CREATE TRIGGER {name}_ad AFTER DELETE ON {src.table} BEGIN {drop} END;\n"
    )


def _fill(src: IndexedSource, where: str = "") -> str:
    return (f"INSERT INTO search_index(rowid, heading, body) SELECT "
            f"id * {KIND_STRIDE} + {src.code}, {src.heading.format(r=src.table)}, "
            f"{src.body.format(r=src.table)} FROM {src.table}{where};")


MIGRATION = "\n".join([
    TABLE + ";",
    RANK + ";",
    *(_triggers(s) for s in SOURCES),
    *(_fill(s) for s in SOURCES),
])
"""Version 2: the search index, its triggers, and the index built from existing rows."""


_SESSION = next(s for s in SOURCES if s.table == "session")

MIGRATION_3 = f"""
CREATE TABLE search_pending (session_id INTEGER PRIMARY KEY);
DROP TRIGGER search_session_au;
CREATE TRIGGER search_session_au AFTER UPDATE OF id, title ON session BEGIN
    DELETE FROM search_pending WHERE session_id = old.id;
    DELETE FROM search_index WHERE rowid = old.id * {KIND_STRIDE} + {_SESSION.code};
    INSERT INTO search_index(rowid, heading, body) VALUES
        (new.id * {KIND_STRIDE} + {_SESSION.code}, new.title, new.notes);
END;
CREATE TRIGGER search_session_notes AFTER UPDATE OF notes ON session
    WHEN NOT EXISTS (SELECT 1 FROM search_pending WHERE session_id = new.id) BEGIN
    INSERT INTO search_pending(session_id) VALUES (new.id);
END;
CREATE TRIGGER search_session_pending_ad AFTER DELETE ON session BEGIN
    DELETE FROM search_pending WHERE session_id = old.id;
END;
"""
"""Version 3: notes are re-indexed when next searched, not at every autosave.

Live notes are saved about once a second while the peer types; re-indexing a whole
session's notes each time cost three times the save itself. A notes change now only
marks the session as pending (once), and ``catch_up`` re-indexes the pending sessions
before any search reads the index, so every search still sees every edit."""

_CATCH_UP = (
    f"DELETE FROM search_index WHERE rowid IN"
    f" (SELECT session_id * {KIND_STRIDE} + {_SESSION.code} FROM search_pending);",
    f"INSERT INTO search_index(rowid, heading, body) SELECT"
    f" s.id * {KIND_STRIDE} + {_SESSION.code}, s.title, s.notes"
    f" FROM session s JOIN search_pending p ON p.session_id = s.id;",
    "DELETE FROM search_pending;",
)


def has_pending(conn: Connection) -> bool:
    return conn.execute("SELECT 1 FROM search_pending LIMIT 1").fetchone() is not None


def catch_up(conn: Connection) -> None:
    """Re-index the sessions whose notes changed since the last search (in a transaction)."""
    for statement in _CATCH_UP:
        conn.execute(statement)


@contextmanager
def bulk_insert(conn: Connection) -> Iterator[None]:
    """For big imports, inside the caller's transaction: only INSERTs may run inside.

    The index triggers are set aside, and afterwards every row added meanwhile is indexed
    in one pass and the triggers are put back exactly as they were stored (twice as fast
    as indexing row by row). If anything fails, the caller's rollback undoes it all.
    """
    if not conn.in_transaction:
        raise RuntimeError("bulk_insert needs an open transaction")
    saved = conn.execute("SELECT name, sql FROM sqlite_master WHERE type = 'trigger'"
                         " AND name GLOB 'search_*'").fetchall()
    before = {s.table: int(conn.execute(f"SELECT COALESCE(max(id), 0) FROM {s.table}")
                           .fetchone()[0]) for s in SOURCES}
    for name, _sql in saved:
        conn.execute(f'DROP TRIGGER "{name}"')
    yield
    for src in SOURCES:
        conn.execute(_fill(src, " WHERE id > ?").rstrip(";"), (before[src.table],))
    for _name, sql in saved:
        conn.execute(sql)
