"""The notebook's tables, versioned with ``PRAGMA user_version``.

``MIGRATIONS[n]`` takes a notebook from version ``n`` to ``n + 1``. Never edit a
migration that has shipped: add a new one. tests/vault/test_schema.py builds a notebook at
every earlier version and migrates it.
"""

from __future__ import annotations

from collections.abc import Callable

from peerdesk.vault import search_index, team_tables
from peerdesk.vault.database import Connection

SESSION_KINDS = ("meeting", "focus_group", "team_session", "client_catch_up", "feedback",
                 "call", "document_review", "other")
POSTIT_KINDS = ("strength", "area_to_explore", "suggestion", "participant_recommendation",
                "observation")
FINDING_KINDS = ("strength", "area_to_explore", "suggestion")
STAGES = ("preparing", "on_site", "feedback_given", "signed_off", "destroyed")


def _in(values: tuple[str, ...]) -> str:
    return "(" + ", ".join(f"'{v}'" for v in values) + ")"


V1 = f"""
CREATE TABLE meta (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
);

CREATE TABLE engagement (
    id               INTEGER PRIMARY KEY CHECK (id = 1),
    title            TEXT NOT NULL,
    client_system    TEXT NOT NULL DEFAULT '',
    onsite_start     TEXT,
    onsite_end       TEXT,
    my_name          TEXT NOT NULL DEFAULT '',
    my_initials      TEXT NOT NULL DEFAULT '',
    my_role          TEXT NOT NULL DEFAULT '',
    manager_name     TEXT NOT NULL DEFAULT '',
    manager_email    TEXT NOT NULL DEFAULT '',
    stage            TEXT NOT NULL DEFAULT 'preparing' CHECK (stage IN {_in(STAGES)}),
    signed_off_on    TEXT,
    hold_reason      TEXT,
    hold_since       TEXT,
    rule_min_sources INTEGER NOT NULL DEFAULT 3 CHECK (rule_min_sources >= 1),
    rule_min_kinds   INTEGER NOT NULL DEFAULT 2 CHECK (rule_min_kinds >= 1),
    template_name    TEXT NOT NULL DEFAULT '',
    created_at       TEXT NOT NULL,
    updated_at       TEXT NOT NULL
);

CREATE TABLE team_member (
    id       INTEGER PRIMARY KEY,
    name     TEXT NOT NULL,
    role     TEXT NOT NULL DEFAULT '',
    initials TEXT NOT NULL DEFAULT '',
    email    TEXT NOT NULL DEFAULT '',
    is_me    INTEGER NOT NULL DEFAULT 0,
    position INTEGER NOT NULL DEFAULT 0
);

CREATE TABLE flip_chart (
    id            INTEGER PRIMARY KEY,
    key           TEXT,
    title         TEXT NOT NULL,
    question      TEXT NOT NULL DEFAULT '',
    probes        TEXT NOT NULL DEFAULT '[]',
    position      INTEGER NOT NULL DEFAULT 0,
    retired       INTEGER NOT NULL DEFAULT 0,
    from_template INTEGER NOT NULL DEFAULT 0
);

CREATE TABLE session (
    id                    INTEGER PRIMARY KEY,
    kind                  TEXT NOT NULL CHECK (kind IN {_in(SESSION_KINDS)}),
    title                 TEXT NOT NULL,
    starts_at             TEXT,
    ends_at               TEXT,
    place                 TEXT NOT NULL DEFAULT '',
    partner_id            INTEGER REFERENCES team_member(id) ON DELETE SET NULL,
    my_part               TEXT CHECK (my_part IS NULL OR my_part IN ('lead', 'notes')),
    expected_participants INTEGER,
    notes                 TEXT NOT NULL DEFAULT '',
    status                TEXT NOT NULL DEFAULT 'planned'
                          CHECK (status IN ('planned', 'live', 'done', 'cancelled')),
    started_at            TEXT,
    confidentiality_at    TEXT,
    created_at            TEXT NOT NULL,
    updated_at            TEXT NOT NULL
);
CREATE INDEX session_starts ON session(starts_at);

CREATE TABLE session_theme (
    session_id    INTEGER NOT NULL REFERENCES session(id) ON DELETE CASCADE,
    flip_chart_id INTEGER NOT NULL REFERENCES flip_chart(id) ON DELETE CASCADE,
    PRIMARY KEY (session_id, flip_chart_id)
);

CREATE TABLE participant (
    id           INTEGER PRIMARY KEY,
    session_id   INTEGER NOT NULL REFERENCES session(id) ON DELETE CASCADE,
    role         TEXT NOT NULL DEFAULT '',
    organisation TEXT NOT NULL DEFAULT '',
    name         TEXT,
    tenure       TEXT NOT NULL DEFAULT '',
    relationship TEXT NOT NULL DEFAULT '',
    position     INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX participant_session ON participant(session_id);

CREATE TABLE prompt_tick (
    session_id INTEGER NOT NULL REFERENCES session(id) ON DELETE CASCADE,
    prompt_key TEXT NOT NULL,
    ticked_at  TEXT NOT NULL,
    PRIMARY KEY (session_id, prompt_key)
);

CREATE TABLE exercise (
    id              INTEGER PRIMARY KEY,
    session_id      INTEGER NOT NULL REFERENCES session(id) ON DELETE CASCADE,
    key             TEXT NOT NULL,
    elapsed_seconds REAL NOT NULL DEFAULT 0,
    started_at      TEXT,
    finished_at     TEXT,
    UNIQUE (session_id, key)
);

CREATE TABLE group_feedback (
    id           INTEGER PRIMARY KEY,
    session_id   INTEGER NOT NULL REFERENCES session(id) ON DELETE CASCADE,
    exercise_key TEXT NOT NULL,
    group_label  TEXT NOT NULL DEFAULT '',
    text         TEXT NOT NULL,
    created_at   TEXT NOT NULL
);

CREATE TABLE document (
    id          INTEGER PRIMARY KEY,
    title       TEXT NOT NULL,
    file_name   TEXT NOT NULL,
    media_type  TEXT NOT NULL,
    size        INTEGER NOT NULL,
    sha256      TEXT NOT NULL,
    content     BLOB NOT NULL,
    text        TEXT NOT NULL DEFAULT '',
    notes       TEXT NOT NULL DEFAULT '',
    imported_at TEXT NOT NULL
);

CREATE TABLE postit (
    id            INTEGER PRIMARY KEY,
    flip_chart_id INTEGER NOT NULL REFERENCES flip_chart(id),
    text          TEXT NOT NULL,
    kind          TEXT NOT NULL CHECK (kind IN {_in(POSTIT_KINDS)}),
    session_id    INTEGER REFERENCES session(id) ON DELETE SET NULL,
    document_id   INTEGER REFERENCES document(id) ON DELETE SET NULL,
    initials      TEXT NOT NULL DEFAULT '',
    position      INTEGER NOT NULL DEFAULT 0,
    created_at    TEXT NOT NULL,
    updated_at    TEXT NOT NULL
);
CREATE INDEX postit_chart ON postit(flip_chart_id, position);
CREATE INDEX postit_session ON postit(session_id);

CREATE TABLE finding (
    id               INTEGER PRIMARY KEY,
    flip_chart_id    INTEGER NOT NULL REFERENCES flip_chart(id),
    headline         TEXT NOT NULL,
    detail           TEXT NOT NULL DEFAULT '',
    kind             TEXT NOT NULL CHECK (kind IN {_in(FINDING_KINDS)}),
    status           TEXT NOT NULL DEFAULT 'emerging'
                     CHECK (status IN ('emerging', 'agreed', 'changed', 'dropped')),
    in_summary       INTEGER,
    summary_position INTEGER,
    position         INTEGER NOT NULL DEFAULT 0,
    created_at       TEXT NOT NULL,
    updated_at       TEXT NOT NULL
);

CREATE TABLE finding_evidence (
    finding_id INTEGER NOT NULL REFERENCES finding(id) ON DELETE CASCADE,
    postit_id  INTEGER NOT NULL REFERENCES postit(id) ON DELETE CASCADE,
    relation   TEXT NOT NULL DEFAULT 'supports' CHECK (relation IN ('supports', 'challenges')),
    PRIMARY KEY (finding_id, postit_id)
);
CREATE INDEX evidence_postit ON finding_evidence(postit_id);

CREATE TABLE shared_message (
    id         INTEGER PRIMARY KEY,
    session_id INTEGER NOT NULL REFERENCES session(id) ON DELETE CASCADE,
    finding_id INTEGER REFERENCES finding(id) ON DELETE SET NULL,
    text       TEXT NOT NULL,
    outcome    TEXT NOT NULL DEFAULT 'shared'
               CHECK (outcome IN ('shared', 'agreed', 'changed', 'informal')),
    created_at TEXT NOT NULL
);

CREATE TABLE signposting (
    id            INTEGER PRIMARY KEY,
    flip_chart_id INTEGER REFERENCES flip_chart(id) ON DELETE SET NULL,
    text          TEXT NOT NULL,
    kind          TEXT NOT NULL DEFAULT 'good_practice'
                  CHECK (kind IN ('good_practice', 'person')),
    position      INTEGER NOT NULL DEFAULT 0
);

CREATE TABLE export_record (
    id             INTEGER PRIMARY KEY,
    path           TEXT NOT NULL,
    kind           TEXT NOT NULL,
    size           INTEGER NOT NULL,
    sha256         TEXT NOT NULL,
    created_at     TEXT NOT NULL,
    opened_outside INTEGER NOT NULL DEFAULT 0,
    keep_reason    TEXT
);

CREATE TABLE accepted_hit (
    text_sha256 TEXT NOT NULL,
    term        TEXT NOT NULL,
    accepted_at TEXT NOT NULL,
    PRIMARY KEY (text_sha256, term)
);
"""

# v4: an acceptance of an attribution hit holds for one place in the summary, that exact
# text and that spot in it. Acceptances kept per text (wherever it was printed) are dropped,
# so those hits are checked again.
ACCEPTED_PLACE = """
CREATE TABLE accepted_place (
    place       TEXT NOT NULL,
    text_sha256 TEXT NOT NULL,
    start       INTEGER NOT NULL,
    term        TEXT NOT NULL,
    accepted_at TEXT NOT NULL,
    PRIMARY KEY (place, text_sha256, start, term)
);
DROP TABLE accepted_hit;
"""

V6_IMPORTED_ORIGINALS = f"""
CREATE TABLE imported_original (
    id          INTEGER PRIMARY KEY,
    kind        TEXT NOT NULL CHECK (kind IN {_in(("document", "timetable"))}),
    path        TEXT NOT NULL,
    size        INTEGER NOT NULL,
    sha256      TEXT NOT NULL,
    imported_at TEXT NOT NULL
);
"""
"""v6: the files documents and timetables were imported from (capture/originals.py)."""

STAGE_BY_HAND = """
ALTER TABLE engagement ADD COLUMN stage_by_hand INTEGER NOT NULL DEFAULT 0
    CHECK (stage_by_hand IN (0, 1));
"""
"""v7: the stage follows the dates unless the peer set it by hand (then ``stage`` holds it)."""

ADDED_SOURCE_KIND = """
ALTER TABLE session ADD COLUMN source_kind TEXT;
"""
"""v8: a session of a type that the engagement's template adds (a site visit, say) is kept
as kind "other" with the added kind's key here; it then counts as that kind of source."""

Migration = str | Callable[[Connection], None]
"""A migration is an SQL script, or a function that runs statements one by one."""

MIGRATIONS: list[Migration] = [V1]
MIGRATIONS.append(search_index.MIGRATION)  # v2: full-text search
MIGRATIONS.append(search_index.MIGRATION_3)  # v3: notes re-indexed when searched
MIGRATIONS.append(ACCEPTED_PLACE)  # v4: "not attributable" kept per place in the summary
MIGRATIONS.append(team_tables.MIGRATION)  # v5: the team: source ids, post-it uids, bundles
MIGRATIONS.append(V6_IMPORTED_ORIGINALS)  # v6: the files imported from, for destruction
MIGRATIONS.append(STAGE_BY_HAND)  # v7: a stage set by hand, else the dates' stage
MIGRATIONS.append(ADDED_SOURCE_KIND)  # v8: session types that the template adds
SCHEMA_VERSION = len(MIGRATIONS)


def version(conn: Connection) -> int:
    return int(conn.execute("PRAGMA user_version").fetchone()[0])


def _step(conn: Connection, migration: Migration, new_version: int) -> None:
    """One migration and the version bump, in one transaction."""
    try:
        if isinstance(migration, str):
            # executescript commits any open transaction first, so BEGIN goes inside.
            conn.executescript(
                f"BEGIN IMMEDIATE;\n{migration}\nPRAGMA user_version = {new_version};\nCOMMIT;"
            )
        else:
            conn.execute("BEGIN IMMEDIATE")
            migration(conn)
            conn.execute(f"PRAGMA user_version = {new_version}")
            conn.execute("COMMIT")
    except BaseException:
        if conn.in_transaction:
            conn.execute("ROLLBACK")
        raise


def migrate(conn: Connection, target: int = SCHEMA_VERSION) -> int:
    """Bring the notebook to ``target``, one transaction per step. Returns the new version."""
    current = version(conn)
    if current > SCHEMA_VERSION:
        from peerdesk.vault.errors import NotebookDamagedError

        raise NotebookDamagedError(
            "This notebook was made by a newer peerdesk. Update peerdesk to open it."
        )
    while current < target:
        _step(conn, MIGRATIONS[current], current + 1)
        current += 1
    return current
