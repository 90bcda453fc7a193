"""Full-text search: what it finds, how it shows it, and that it stays exact after edits."""

from __future__ import annotations

import re
import unicodedata
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from peerdesk.synthesis import search as search_module
from peerdesk.synthesis.findings import FindingStore
from peerdesk.synthesis.search import MARK_END, MARK_START, Search, fts_query
from peerdesk.vault.notebook import Notebook
from tests.synthesis_rows import (
    add_document,
    add_participant,
    add_postit,
    add_session,
    charts,
)


@pytest.fixture
def search(notebook: Notebook) -> Search:
    return Search(notebook)


def test_finds_each_kind_and_says_where_to_jump(notebook: Notebook, search: Search) -> None:
    session = add_session(notebook, "focus_group", "Focus group: carers",
                          "Carers spoke about respite breaks in Eskdale.")
    postit = add_postit(notebook, "Respite is hard to find", session_id=session)
    finding = FindingStore(notebook).create(charts(notebook)[0], "Respite for carers is thin",
                                            "area_to_explore", "Heard in two groups")
    person = add_participant(notebook, session, "Respite service manager", "Eskdale Council",
                             name="Wilhelmina Quist")
    document = add_document(notebook, "Carers strategy", "Respite beds fell by a third.")
    hits = search.search("respite")
    found = {(h.kind, h.target_id) for h in hits}
    assert found == {("session", session), ("postit", postit), ("finding", finding),
                     ("participant", person), ("document", document)}
    by_kind = {h.kind: h for h in hits}
    assert by_kind["participant"].session_id == session
    assert by_kind["postit"].session_id == session
    assert by_kind["session"].session_id == session
    assert by_kind["session"].heading == "Focus group: carers"
    assert by_kind["finding"].kind_text == "Finding"
    assert by_kind["document"].parts() == [("Respite", True),
                                           (" beds fell by a third.", False)]
    assert by_kind["document"].plain == "Respite beds fell by a third."
    assert by_kind["postit"].html() == "<b>Respite</b> is hard to find"


def test_participant_names_are_never_indexed(notebook: Notebook, search: Search) -> None:
    session = add_session(notebook)
    add_participant(notebook, session, "Ward councillor", "Northvale Council",
                    name="Wilhelmina Quist")
    assert search.search("Wilhelmina") == []
    assert search.search("Quist") == []
    assert [h.kind for h in search.search("ward counc")] == ["participant"]
    with notebook.read() as conn:
        stored = conn.execute("SELECT group_concat(heading || body, ' ') FROM search_index")
        assert "Wilhelmina" not in stored.fetchone()[0]


def test_last_word_is_a_prefix_as_you_type(notebook: Notebook, search: Search) -> None:
    pid = add_postit(notebook, "Governance untested by a hard decision")
    for typed in ("g", "go", "gov", "governance", "governance unt", "GOVERNANCE  UNTESTED"):
        assert [h.target_id for h in search.search(typed)] == [pid], typed
    assert search.search("gov hard") == []  # only the last word is a prefix
    # One letter after a space is not searched yet: the results stay as they were.
    assert [h.target_id for h in search.search("governance u")] == [pid]
    assert [h.target_id for h in search.search("governance x")] == [pid]
    assert search.search("governanc untested") == []


def test_accents_and_case_are_folded(notebook: Notebook, search: Search) -> None:
    pid = add_postit(notebook, "Café run by the Carers' Centre in Ynys Môn")
    assert [h.target_id for h in search.search("cafe")] == [pid]
    assert [h.target_id for h in search.search("MON")] == [pid]
    assert [h.target_id for h in search.search("carers centre")] == [pid]


@pytest.mark.parametrize("typed", ['"', '""', "AND(", "a AND", "NEAR(x y, 2)", "*", "x*y",
                                   "col:umn", "^start", "(((", "-", "'", "\\", "OR NOT",
                                   "{heading}: x", "\x00", "😀", "a" * 500, "%_"])
def test_any_typed_characters_are_safe(notebook: Notebook, search: Search,
                                       typed: str) -> None:
    add_postit(notebook, "and or not near column start heading a x y")
    search.search(typed)
    search.matches(typed)


@settings(max_examples=150, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(typed=st.text(max_size=40))
def test_random_input_never_raises(notebook: Notebook, typed: str) -> None:
    hits = Search(notebook).search(typed)
    assert isinstance(hits, list)


def test_ranked_limited_and_highlighted(notebook: Notebook, search: Search) -> None:
    for i in range(80):
        add_postit(notebook, f"Discharge delays again, number {i}")
    best = FindingStore(notebook).create(charts(notebook)[0], "Discharge", "strength")
    hits = search.search("discharge")
    assert len(hits) == 50
    assert hits[0].kind == "finding" and hits[0].target_id == best
    assert [h.rank for h in hits] == sorted(h.rank for h in hits)
    assert all(MARK_START + "Discharge" + MARK_END in h.snippet for h in hits)
    assert search.count("discharge") == 81
    assert len(search.search("discharge", limit=5)) == 5
    assert search.search("   ") == [] and search.count("!!") == 0


def test_snippets_mark_matches_like_the_index_folds_them() -> None:
    body = "On Tuesday the Ysgol Gymraeg head said respite beds fell. " + "More words " * 10
    snippet = search_module.make_snippet("", body, ["ysgol", "res"])
    assert f"{search_module.MARK_START}Ysgol{search_module.MARK_END}" in snippet
    assert f"{search_module.MARK_START}respite{search_module.MARK_END}" in snippet
    assert snippet.endswith(search_module.ELLIPSIS)
    accented = search_module.make_snippet("Siân's notes", "", ["sian"])
    assert accented == f"{search_module.MARK_START}Siân{search_module.MARK_END}'s notes"


def test_only_the_most_recent_window_is_ranked(notebook: Notebook, search: Search) -> None:
    for n in range(8):
        add_session(notebook, title=f"Meeting {n}", notes="pooled budget " * (n + 1))
    everything = search.search("pooled", limit=50)
    assert len(everything) == 8
    with notebook.read() as conn:
        recent = search_module.ranked_rows(conn, "pooled", limit=50, window=3)
    assert len(recent) == 3
    newest = sorted(h.target_id for h in everything)[-3:]
    assert sorted(r[0] // 16 for r in recent) == newest


def test_fts_query_quotes_every_word() -> None:
    assert fts_query('care "home" AND(') == '"care" "home" "AND"*'
    assert fts_query("  ") is None
    assert fts_query("naïve") == '"naïve"*'


def test_search_uses_the_index_never_a_scan(notebook: Notebook) -> None:
    with notebook.read() as conn:
        plans = [" ".join(str(r[-1]) for r in conn.execute("EXPLAIN QUERY PLAN " + sql, args))
                 for sql, args in ((search_module._CANDIDATES_SQL, ('"x"*', 17)),
                                   (search_module._SINCE_SQL, ('"x"*', 17)),
                                   (search_module._ROWS_SQL.format(marks="?,?"), (17, 33)),
                                   *((sql.format(ids="?,?"), (1, 2))
                                     for sql in search_module._SESSION_OF.values()))]
    for plan in plans[:2]:  # FTS5's MATCH index, read forwards from a rowid
        assert "VIRTUAL TABLE INDEX" in plan and plan.endswith(":M2>"), plan
    assert "VIRTUAL TABLE INDEX" in plans[2] and plans[2].endswith(":=")  # rowid look-ups
    assert all("USING INTEGER PRIMARY KEY" in plan for plan in plans[3:])
    source = Path(search_module.__file__).read_text(encoding="utf-8")
    assert " LIKE " not in source.upper()


def test_index_follows_edits_moves_and_deletions(notebook: Notebook, search: Search) -> None:
    first, second = charts(notebook)[:2]
    session = add_session(notebook, notes="Talked about winter pressures")
    pid = add_postit(notebook, "Winter plan is late", session_id=session, chart=first)
    with notebook.write() as conn:
        conn.execute("UPDATE postit SET flip_chart_id = ?, position = 3 WHERE id = ?",
                     (second, pid))
        conn.execute("UPDATE session SET notes = 'Talked about summer' WHERE id = ?",
                     (session,))
    assert search.matches("winter") == {("postit", pid)}
    assert search.matches("summer") == {("session", session)}
    with notebook.write() as conn:
        conn.execute("DELETE FROM session WHERE id = ?", (session,))
    assert search.matches("summer") == set()
    assert search.matches("winter") == {("postit", pid)}  # the post-it stays
    with notebook.write() as conn:
        conn.execute("DELETE FROM postit WHERE id = ?", (pid,))
    assert search.matches("winter") == set()
    search.rebuild()
    search.optimise()
    with notebook.read() as conn:
        conn.execute("INSERT INTO search_index(search_index, rank) VALUES"
                     " ('integrity-check', 1)")


# -- property: FTS equals a plain Python search over the same data ----------------------

WORDS = ("care", "carers", "caring", "home", "homes", "Café", "cafe", "naïve", "AND", "or",
         "x1", "2026", "éclair", "ECLAIR", "winter", "win", "gov", "governance")
SEPARATORS = (" ", ", ", "-", "'", "\n", "(", '"', "*", ": ", ".")
_TOKEN = re.compile(r"[^\W_]+")


def fold(text: str) -> list[str]:
    """Tokens as unicode61 (remove_diacritics 2) makes them: lower case, no accents."""
    plain = "".join(c for c in unicodedata.normalize("NFD", text.lower())
                    if unicodedata.category(c) != "Mn")
    return _TOKEN.findall(plain)


def model_matches(rows: dict[tuple[str, int], str], typed: str) -> set[tuple[str, int]]:
    wanted = fold(typed)[:search_module.MAX_TOKENS]
    if not wanted:
        return set()
    prefix = True
    if len(wanted) > 1 and len(wanted[-1]) < search_module.MIN_PREFIX:
        wanted.pop()  # a single letter after a space waits for the next one; the word
        prefix = False  # before it was finished, so it must match whole
    out = set()
    for key, text in rows.items():
        tokens = set(fold(text))
        last_found = (any(t.startswith(wanted[-1]) for t in tokens) if prefix
                      else wanted[-1] in tokens)
        if all(w in tokens for w in wanted[:-1]) and last_found:
            out.add(key)
    return out


texts = st.lists(st.tuples(st.sampled_from(WORDS), st.sampled_from(SEPARATORS)),
                 max_size=6).map(lambda parts: "".join(w + s for w, s in parts))
queries = st.lists(st.tuples(st.sampled_from((*WORDS, "c", "ca", "go", "é", "na")),
                             st.sampled_from(SEPARATORS)), min_size=1, max_size=3).map(
    lambda parts: "".join(w + s for w, s in parts).rstrip())
ops = st.one_of(
    st.tuples(st.just("add_session"), texts, texts),
    st.tuples(st.just("edit_session"), st.integers(0, 9), texts),
    st.tuples(st.just("delete_session"), st.integers(0, 9)),
    st.tuples(st.just("add_postit"), texts, st.integers(0, 9)),
    st.tuples(st.just("edit_postit"), st.integers(0, 9), texts),
    st.tuples(st.just("move_postit"), st.integers(0, 9), st.integers(0, 7)),
    st.tuples(st.just("delete_postit"), st.integers(0, 9)),
    st.tuples(st.just("add_finding"), texts, texts),
    st.tuples(st.just("edit_finding"), st.integers(0, 9), texts, texts),
    st.tuples(st.just("delete_finding"), st.integers(0, 9)),
    st.tuples(st.just("add_participant"), st.integers(0, 9), texts, texts),
)


def _pick(ids: list[int], index: int) -> int | None:
    return ids[index % len(ids)] if ids else None


def _clear(notebook: Notebook) -> None:
    with notebook.write() as conn:
        for table in ("finding", "postit", "participant", "session", "document"):
            conn.execute(f"DELETE FROM {table}")


def _model(notebook: Notebook) -> dict[tuple[str, int], str]:
    """What should be searchable, read straight from the tables."""
    with notebook.read() as conn:
        rows: dict[tuple[str, int], str] = {}
        for i, a, b in conn.execute("SELECT id, title, notes FROM session"):
            rows[("session", i)] = f"{a} {b}"
        for i, a in conn.execute("SELECT id, text FROM postit"):
            rows[("postit", i)] = a
        for i, a, b in conn.execute("SELECT id, headline, detail FROM finding"):
            rows[("finding", i)] = f"{a} {b}"
        for i, a, b in conn.execute("SELECT id, role, organisation FROM participant"):
            rows[("participant", i)] = f"{a} {b}"
    return rows


def _apply(notebook: Notebook, op: tuple, chart_ids: list[int]) -> None:  # type: ignore[type-arg]
    findings = FindingStore(notebook)
    with notebook.read() as conn:
        sessions = [r[0] for r in conn.execute("SELECT id FROM session ORDER BY id")]
        postits = [r[0] for r in conn.execute("SELECT id FROM postit ORDER BY id")]
        finding_ids = [r[0] for r in conn.execute("SELECT id FROM finding ORDER BY id")]
    name = op[0]
    if name == "add_session":
        add_session(notebook, "meeting", op[1], op[2])
    elif name == "add_postit":
        add_postit(notebook, op[1], session_id=_pick(sessions, op[2]), chart=chart_ids[0])
    elif name == "add_finding":
        findings.create(chart_ids[0], op[1] or "x", "strength", op[2])
    elif name == "add_participant" and sessions:
        add_participant(notebook, _pick(sessions, op[1]) or 0, op[2], op[3], name="Zed Name")
    elif name == "edit_finding" and finding_ids:
        findings.update(finding_ids[op[1] % len(finding_ids)], headline=op[2] or "y",
                        detail=op[3])
    elif name == "delete_finding" and finding_ids:
        findings.delete(finding_ids[op[1] % len(finding_ids)])
    else:
        table, ids = ("session", sessions) if "session" in name else ("postit", postits)
        target = _pick(ids, op[1])
        if target is None:
            return
        with notebook.write() as conn:
            if name == "edit_session":
                conn.execute("UPDATE session SET notes = ? WHERE id = ?", (op[2], target))
            elif name == "edit_postit":
                conn.execute("UPDATE postit SET text = ? WHERE id = ?", (op[2], target))
            elif name == "move_postit":
                conn.execute("UPDATE postit SET flip_chart_id = ?, position = ? WHERE id = ?",
                             (chart_ids[op[2] % len(chart_ids)], op[2], target))
            else:
                conn.execute(f"DELETE FROM {table} WHERE id = ?", (target,))


@settings(max_examples=60, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(steps=st.lists(st.tuples(ops, queries), min_size=1, max_size=12))
def test_fts_equals_a_plain_python_search(notebook: Notebook, steps: list) -> None:  # type: ignore[type-arg]
    _clear(notebook)
    search = Search(notebook)
    chart_ids = charts(notebook)
    for op, typed in steps:
        _apply(notebook, op, chart_ids)
        assert search.matches(typed) == model_matches(_model(notebook), typed), typed
    shown = {(h.kind, h.target_id) for h in search.search(typed)}
    assert shown <= search.matches(typed)


def test_notes_saved_while_typing_are_found_at_the_next_search(
        notebook: Notebook, search: Search) -> None:
    session = add_session(notebook, title="Ward visit", notes="")
    for text in ("disch", "discharge lounge", "discharge lounge is always full"):
        with notebook.write() as conn:  # what the autosave does, once a second
            conn.execute("UPDATE session SET notes = ? WHERE id = ?", (text, session))
    with notebook.read() as conn:
        pending = conn.execute("SELECT session_id FROM search_pending").fetchall()
        stale = conn.execute("SELECT body FROM search_index WHERE rowid = ?",
                             (session * 16 + 1,)).fetchone()
    assert pending == [(session,)] and stale == ("",)  # the saves did not re-index
    assert [h.target_id for h in search.search("lounge alw")] == [session]
    with notebook.read() as conn:
        assert conn.execute("SELECT count(*) FROM search_pending").fetchone() == (0,)
    with notebook.write() as conn:
        conn.execute("DELETE FROM session WHERE id = ?", (session,))
    assert search.search("lounge") == []
