"""The demo engagement: complete, fictional, triangulated, searchable and safe to export."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from peerdesk.sample.content import CLIENT, TITLE
from peerdesk.sample.generator import (
    FINDINGS_PER_COPY,
    POSTITS_PER_COPY,
    SESSIONS_PER_COPY,
    create_demo,
    fill_demo,
)
from peerdesk.summary import attribution
from peerdesk.summary.model import build_summary
from peerdesk.synthesis.findings import FindingStore
from peerdesk.synthesis.search import Search
from peerdesk.synthesis.team_log import TeamLog
from peerdesk.synthesis.triangulation import Label
from peerdesk.vault.errors import ValidationError
from peerdesk.vault.library import Library
from peerdesk.vault.notebook import Notebook
from peerdesk.vault.search_index import SOURCES, _fill
from tests.conftest import PASSPHRASE


@pytest.fixture
def demo(library: Library) -> Iterator[Notebook]:
    notebook = create_demo(library, PASSPHRASE)
    try:
        yield notebook
    finally:
        notebook.close()


def count(notebook: Notebook, table: str, where: str = "") -> int:
    with notebook.read() as conn:
        return int(conn.execute(f"SELECT count(*) FROM {table} {where}").fetchone()[0])


def test_demo_opens_again_with_everything_in_it(library: Library) -> None:
    notebook = create_demo(library, PASSPHRASE, title="Try me")
    notebook_id = notebook.id
    notebook.close()
    with library.open(notebook_id, PASSPHRASE) as again:
        engagement = again.engagement()
        assert engagement.title == "Try me" and engagement.client_system == CLIENT
        assert engagement.manager_email.endswith("@example.org")
        assert all(m.email.endswith("@example.org") for m in engagement.team)
        assert len(engagement.team) == 7 and sum(m.is_me for m in engagement.team) == 1
        assert count(again, "session") == SESSIONS_PER_COPY
        assert count(again, "postit") == POSTITS_PER_COPY
        assert count(again, "finding") == FINDINGS_PER_COPY
        assert again.integrity().ok


def test_demo_is_a_four_day_visit_with_every_kind_of_session(demo: Notebook) -> None:
    with demo.read() as conn:
        kinds = dict(conn.execute("SELECT kind, count(*) FROM session GROUP BY kind"))
        days = [r[0] for r in conn.execute(
            "SELECT DISTINCT substr(starts_at, 1, 10) FROM session ORDER BY 1")]
        empty_notes = conn.execute("SELECT count(*) FROM session WHERE notes = ''").fetchone()
        per_chart = conn.execute("SELECT count(DISTINCT flip_chart_id) FROM postit").fetchone()
        no_initials = conn.execute("SELECT count(*) FROM postit WHERE initials = ''").fetchone()
        overlaps = conn.execute(
            "SELECT count(*) FROM session a JOIN session b ON a.id < b.id"
            " AND a.starts_at < b.ends_at AND b.starts_at < a.ends_at").fetchone()
    assert kinds == {"meeting": 18, "focus_group": 5, "team_session": 9, "client_catch_up": 3,
                     "feedback": 1, "call": 1, "document_review": 3}
    assert days[-5:] == ["2026-03-02", "2026-03-03", "2026-03-04", "2026-03-05", "2026-03-06"]
    assert empty_notes[0] == 0 and no_initials[0] == 0 and overlaps[0] == 0
    assert per_chart[0] == len(demo.flip_charts())  # post-its on every flip chart
    assert count(demo, "participant", "WHERE name IS NOT NULL") > 0
    assert count(demo, "group_feedback") == 5 * 6
    assert count(demo, "signposting") >= 3
    assert count(demo, "document") == 3
    assert count(demo, "postit", "WHERE kind = 'participant_recommendation'") == 10
    assert count(demo, "postit", "WHERE document_id IS NOT NULL") > 0


def test_every_label_agreed_and_challenged_findings_appear(demo: Notebook) -> None:
    store = FindingStore(demo)
    findings = store.findings()
    assert {f.label for f in findings} == set(Label)
    assert sum(f.challenged for f in findings) == 2
    assert {f.status for f in findings} == {"emerging", "agreed", "changed", "dropped"}
    assert all(f.label is Label.TRIANGULATED for f in findings if f.status == "agreed")
    assert len(store.matrix(triangulated_only=True)) == 5


def test_team_and_client_logs(demo: Notebook) -> None:
    messages = TeamLog(demo).messages()
    informal = [m for m in messages if m.informal]
    assert len(informal) == 4
    agreed = {m.finding_id for m in messages if m.outcome == "agreed"}
    assert agreed == {f.id for f in FindingStore(demo).findings() if f.status == "agreed"}


def test_demo_is_searchable(demo: Notebook) -> None:
    search = Search(demo)
    assert {h.kind for h in search.search("discharge")} >= {"finding", "postit", "session"}
    assert search.search("healthwatch")
    assert search.count("care") > 20


def test_summary_of_the_demo_passes_the_attribution_check(demo: Notebook) -> None:
    summary = build_summary(demo)
    assert len(summary.findings) == 5
    hits = attribution.check(demo, summary)
    assert hits == [], [(h.term, h.where) for h in hits]
    # the same check does see a name when one slips in
    store = FindingStore(demo)
    slip = store.create(demo.flip_charts()[0].id, "Alison Crane says governance is weak",
                        "area_to_explore")
    store.set_in_summary(slip, True)
    assert attribution.check(demo, build_summary(demo))


def test_scale_multiplies_everything(library: Library) -> None:
    with create_demo(library, PASSPHRASE, scale=3) as notebook:
        assert count(notebook, "session") == 3 * SESSIONS_PER_COPY
        assert count(notebook, "postit") == 3 * POSTITS_PER_COPY
        assert count(notebook, "finding") == 3 * FINDINGS_PER_COPY
        with notebook.read() as conn:
            dense = conn.execute(
                "SELECT count(*) = count(DISTINCT flip_chart_id || ':' || position),"
                " max(position) + 1 = (SELECT max(n) FROM (SELECT count(*) AS n FROM postit"
                " GROUP BY flip_chart_id)) FROM postit").fetchone()
        assert dense == (1, 1)  # positions unique and dense per chart
        labels = [r.label for r in FindingStore(notebook).matrix()]
        assert labels.count(Label.TRIANGULATED) == 3 * 5
        assert notebook.integrity().ok
        fill_demo(notebook, 1)  # more can be added to an existing notebook
        assert count(notebook, "session") == 4 * SESSIONS_PER_COPY
        # the bulk fill indexed exactly what the triggers would have, and left them in place
        expected = []
        with notebook.read() as conn:
            for src in SOURCES:
                sql = _fill(src).replace("INSERT INTO search_index(rowid, heading, body) ", "")
                expected += conn.execute(sql.rstrip(";")).fetchall()
            indexed = conn.execute("SELECT rowid, heading, body FROM search_index").fetchall()
            triggers = conn.execute("SELECT count(*) FROM sqlite_master WHERE type = 'trigger'"
                                    " AND name GLOB 'search_*'").fetchone()[0]
        assert sorted(indexed) == sorted(expected)
        # three per source, plus the two that mark and forget sessions with pending notes
        assert triggers == 3 * len(SOURCES) + 2


@pytest.mark.parametrize("scale", [0, -1, 100000])
def test_bad_scale_is_refused(library: Library, scale: int) -> None:
    with pytest.raises(ValidationError, match="scale"):
        create_demo(library, PASSPHRASE, scale=scale)
    assert library.ids() == []


def test_default_title(demo: Notebook) -> None:
    assert demo.engagement().title == TITLE


def test_cli_demo_and_search(library: Library, monkeypatch: pytest.MonkeyPatch,
                             capsys: pytest.CaptureFixture[str]) -> None:
    import io

    from peerdesk.cli import main as cli

    home = str(library.paths.data.parent)
    monkeypatch.setattr("sys.stdin", io.StringIO(f"{PASSPHRASE}\n{PASSPHRASE}\n"))
    assert cli.main(["--data-dir", home, "demo", "CLI demo", "--passphrase-stdin"]) == 0
    notebook_id = capsys.readouterr().out.strip()
    assert len(notebook_id) == 32
    monkeypatch.setattr("sys.stdin", io.StringIO(f"{PASSPHRASE}\n"))
    assert cli.main(["--data-dir", home, "search", notebook_id, "discharge",
                     "--passphrase-stdin", "--limit", "3"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert len(lines) == 3 and all("[discharge]" in line.lower() for line in lines)
    monkeypatch.setattr("sys.stdin", io.StringIO(f"{PASSPHRASE}\n"))
    assert cli.main(["--data-dir", home, "search", notebook_id, 'AND("',
                     "--passphrase-stdin"]) in (0, 1)
    monkeypatch.setattr("sys.stdin", io.StringIO(f"{PASSPHRASE}\n"))
    assert cli.main(["--data-dir", home, "search", notebook_id, "zzzqqq",
                     "--passphrase-stdin"]) == 1
    assert "Nothing found." in capsys.readouterr().out


def test_colleagues_cards_arrive_as_bundles_do(demo: Notebook) -> None:
    me = demo.engagement().my_initials
    with demo.read() as conn:
        theirs = conn.execute("SELECT count(*), count(o.postit_id), count(p.session_id)"
                              " FROM postit p LEFT JOIN postit_origin o ON o.postit_id = p.id"
                              " WHERE p.initials != ?", (me,)).fetchone()
        mine_with_origin = conn.execute(
            "SELECT count(*) FROM postit p JOIN postit_origin o ON o.postit_id = p.id"
            " WHERE p.initials = ?", (me,)).fetchone()[0]
        authors = conn.execute("SELECT count(DISTINCT author) FROM postit_origin").fetchone()[0]
    total, merged, on_sessions = theirs
    assert total > 10 and merged == total and on_sessions == total
    assert mine_with_origin == 0
    assert authors >= 3


def test_more_copies_than_one_transaction_holds(library: Library) -> None:
    from peerdesk.sample.generator import COPIES_PER_TRANSACTION

    copies = COPIES_PER_TRANSACTION + 1
    with create_demo(library, PASSPHRASE, scale=copies) as notebook:
        assert count(notebook, "postit") == POSTITS_PER_COPY * copies
        assert count(notebook, "finding") == FINDINGS_PER_COPY * copies
        assert count(notebook, "postit_origin") > 0
