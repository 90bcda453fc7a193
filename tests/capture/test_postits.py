"""Post-its: filing, editing, moving with dense positions, sources, and the board's bulk read."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from peerdesk.capture import flip_charts
from peerdesk.capture.documents import import_bytes
from peerdesk.capture.postits import KIND_LABELS, PostitNotFoundError, PostitStore
from peerdesk.capture.sessions import SessionDetails, SessionStore
from peerdesk.vault.errors import ValidationError
from peerdesk.vault.notebook import Notebook


def positions(store: PostitStore, chart: int) -> list[tuple[str, int]]:
    return [(p.text, p.position) for p in store.list_for_chart(chart)]


def test_kind_labels_follow_the_schema() -> None:
    assert list(KIND_LABELS.values()) == ["Strength", "Area to explore", "Suggestion",
                                          "Participant recommendation", "Observation"]


def test_add_fills_my_initials_the_source_and_the_end_position(notebook: Notebook) -> None:
    store = PostitStore(notebook)
    chart = notebook.flip_charts()[0].id
    session = SessionStore(notebook).add(SessionDetails(
        "Frontline staff", "focus_group", datetime(2026, 3, 3, 11, tzinfo=UTC)))
    first = store.add(chart, "  Staff describe one shared plan  ", "strength",
                      session_id=session.id)
    assert (first.text, first.kind, first.initials, first.position) == (
        "Staff describe one shared plan", "strength", "AM", 0)
    assert (first.source_kind, first.session_id, first.kind_label) == (
        "focus_group", session.id, "Strength")
    second = store.add(chart, "Discharge delays", "area_to_explore", initials="jl")
    assert (second.position, second.initials, second.source_kind) == (1, "JL", None)
    doc = import_bytes(notebook, b"Position statement text", "position.txt")
    third = store.add(chart, "Statement claims pooled budgets", "observation",
                      document_id=doc.id)
    assert third.source_kind == "document"
    assert store.get(third.id) == third
    assert [p.id for p in store.list_for_session(session.id)] == [first.id]
    assert [p.id for p in store.list_for_document(doc.id)] == [third.id]


@pytest.mark.parametrize(("text", "kind", "message"), [
    ("   ", "strength", "needs some text"),
    ("x" * 2001, "strength", "keep it under 2000"),
    ("fine", "gossip", "'gossip' is not a kind of post-it"),
])
def test_invalid_postits_are_refused(notebook: Notebook, text: str, kind: str,
                                     message: str) -> None:
    store = PostitStore(notebook)
    with pytest.raises(ValidationError, match=message):
        store.add(notebook.flip_charts()[0].id, text, kind)
    assert store.count() == 0


def test_one_source_only_and_no_retired_or_missing_chart(notebook: Notebook) -> None:
    store = PostitStore(notebook)
    chart = notebook.flip_charts()[0].id
    session = SessionStore(notebook).add(SessionDetails("Chief nurse"))
    doc = import_bytes(notebook, b"text", "a.txt")
    with pytest.raises(ValidationError, match="one source"):
        store.add(chart, "x", "strength", session_id=session.id, document_id=doc.id)
    flip_charts.retire(notebook, chart)
    with pytest.raises(ValidationError, match="retired"):
        store.add(chart, "x", "strength")
    with pytest.raises(ValidationError, match="no longer in the notebook"):
        store.add(99999, "x", "strength")
    assert store.count() == 0


def test_update_text_and_kind(notebook: Notebook) -> None:
    store = PostitStore(notebook)
    postit = store.add(notebook.flip_charts()[0].id, "Draft", "observation")
    assert store.update(postit.id, text="Clear vision").text == "Clear vision"
    changed = store.update(postit.id, kind="strength")
    assert (changed.text, changed.kind) == ("Clear vision", "strength")
    with pytest.raises(ValidationError):
        store.update(postit.id, text="")
    with pytest.raises(PostitNotFoundError):
        store.update(424242, text="x")


def test_move_keeps_positions_dense_on_both_charts(notebook: Notebook) -> None:
    store = PostitStore(notebook)
    a, b = (c.id for c in notebook.flip_charts()[:2])
    ids = {t: store.add(a, t, "observation").id for t in ("one", "two", "three", "four")}
    store.add(b, "five", "observation")
    store.move(ids["four"], a, 0)
    assert positions(store, a) == [("four", 0), ("one", 1), ("two", 2), ("three", 3)]
    store.move(ids["four"], a, 99)
    assert positions(store, a) == [("one", 0), ("two", 1), ("three", 2), ("four", 3)]
    store.move(ids["two"], b, 0)
    assert positions(store, a) == [("one", 0), ("three", 1), ("four", 2)]
    assert positions(store, b) == [("two", 0), ("five", 1)]
    store.move(ids["one"], b)  # no position: the end
    assert positions(store, b) == [("two", 0), ("five", 1), ("one", 2)]
    store.move(ids["three"], a, -5)
    assert positions(store, a) == [("three", 0), ("four", 1)]
    store.delete(ids["two"])
    assert positions(store, b) == [("five", 0), ("one", 1)]
    store.delete(ids["two"])  # already gone: nothing happens
    with pytest.raises(PostitNotFoundError):
        store.get(ids["two"])


def test_renumber_repairs_gaps(notebook: Notebook) -> None:
    store = PostitStore(notebook)
    chart = notebook.flip_charts()[0].id
    for text in ("a", "b", "c"):
        store.add(chart, text, "observation")
    with notebook.write() as conn:
        conn.execute("UPDATE postit SET position = position * 10")
    store.renumber(chart)
    assert positions(store, chart) == [("a", 0), ("b", 1), ("c", 2)]


def test_deleting_a_session_or_document_keeps_its_postits(notebook: Notebook) -> None:
    store = PostitStore(notebook)
    chart = notebook.flip_charts()[0].id
    sessions = SessionStore(notebook)
    session = sessions.add(SessionDetails("Chief nurse"))
    postit = store.add(chart, "Workforce gaps", "area_to_explore", session_id=session.id)
    sessions.delete(session.id)
    kept = store.get(postit.id)
    assert (kept.text, kept.session_id, kept.source_kind) == ("Workforce gaps", None, None)


def test_list_all_reads_fifty_thousand_postits_in_board_order(notebook: Notebook) -> None:
    charts = [c.id for c in notebook.flip_charts()]
    session = SessionStore(notebook).add(SessionDetails("Chief nurse", "meeting"))
    now = notebook.now_text()
    with notebook.write() as conn:
        conn.executemany(
            "INSERT INTO postit (flip_chart_id, text, kind, session_id, initials, position,"
            " created_at, updated_at) VALUES (?, ?, 'observation', ?, 'AM', ?, ?, ?)",
            [(charts[i % len(charts)], f"finding {i}", session.id, i // len(charts), now, now)
             for i in range(50_000)])
    store = PostitStore(notebook)
    everything = store.list_all()  # its speed is measured in benchmarks/bench_board.py
    assert len(everything) == 50_000
    assert everything[0].flip_chart_id == min(charts) and everything[0].position == 0
    assert {p.source_kind for p in everything} == {"meeting"}
