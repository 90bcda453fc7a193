"""Capture leaves no plaintext behind: a marker typed in notes, post-its, participants,
group feedback, an imported timetable and a document is in no file under peerdesk's
folders (while open, and after closing), yet the reopened notebook shows it everywhere."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

from peerdesk.capture.documents import document_bytes, document_text, import_file, list_documents
from peerdesk.capture.focus_groups import FocusGroupStore
from peerdesk.capture.postits import PostitStore
from peerdesk.capture.sessions import Participant, SessionDetails, SessionStore
from peerdesk.capture.timetable.importer import import_preview, read_timetable
from peerdesk.vault.library import Library
from peerdesk.vault.paths import AppPaths
from tests.conftest import PASSPHRASE, sample_details
from tests.plaintext_sweep import holding

MARKER = "Wq8Jovial"


def files_holding(paths: AppPaths, needle: str) -> list[Path]:
    """Files under peerdesk's folders holding ``needle`` in UTF-8, UTF-16 or UTF-32."""
    files = [p for root in paths.roots() for p in root.rglob("*") if p.is_file()]
    return holding(files, {"needle": needle})["needle"]


def test_a_marker_typed_everywhere_is_in_no_file_but_the_notebook_shows_it(
        library: Library, paths: AppPaths, tmp_path: Path) -> None:
    outside = tmp_path / "downloads"
    outside.mkdir()
    timetable = outside / "timetable.csv"
    timetable.write_bytes(f"Date;Start;End;Meeting;Room;With\n03/03/2026;09:30;10:30;"
                          f"Chief executive {MARKER};Room {MARKER};Leader {MARKER}\n"
                          .encode("cp1252"))
    statement = outside / "statement.txt"
    statement.write_text(f"Position statement. Confidential: {MARKER} plans.", "utf-16")

    notebook = library.create(sample_details(), PASSPHRASE)
    notebook_id = notebook.id
    chart = notebook.flip_charts()[0].id
    import_preview(notebook, read_timetable(notebook, timetable))
    sessions = SessionStore(notebook)
    (meeting,) = sessions.list_all()
    sessions.start(meeting.id)
    sessions.save_notes(meeting.id, f"They said {MARKER} twice.")
    sessions.tick_prompt(meeting.id, "confidentiality", True)
    sessions.add_participant(meeting.id, Participant("Director", f"Org {MARKER}",
                                                     name=f"Jo {MARKER}"))
    group = sessions.add(SessionDetails(f"Focus group {MARKER}", "focus_group",
                                        datetime(2026, 3, 3, 11, tzinfo=UTC)))
    FocusGroupStore(notebook).add_feedback(group.id, "good_at", f"Good at {MARKER}", "G1")
    doc = import_file(notebook, statement)
    postits = PostitStore(notebook)
    postits.add(chart, f"Post-it {MARKER}", "strength", session_id=meeting.id)
    postits.add(chart, f"From the paper {MARKER}", "observation", document_id=doc.id)
    assert files_holding(paths, MARKER) == []  # while open: notebook and its WAL
    notebook.close()

    assert files_holding(paths, MARKER) == []
    assert files_holding(paths, "Position statement") == []
    assert sorted(outside.iterdir()) == [statement, timetable]  # no copy left beside them

    with library.open(notebook_id, PASSPHRASE) as reopened:
        sessions = SessionStore(reopened)
        first = sessions.list_all()[0]
        assert first.title == f"Chief executive {MARKER}" and first.place == f"Room {MARKER}"
        assert MARKER in sessions.notes(first.id)
        assert "confidentiality" in sessions.ticks(first.id)
        roles = [(p.role, p.organisation, p.name) for p in sessions.participants(first.id)]
        assert roles == [(f"Leader {MARKER}", "", None),
                         ("Director", f"Org {MARKER}", f"Jo {MARKER}")]
        assert [p.text for p in PostitStore(reopened).list_all()] == [
            f"Post-it {MARKER}", f"From the paper {MARKER}"]
        feedback = FocusGroupStore(reopened).feedback(sessions.list_all()[1].id)
        assert [f.text for f in feedback] == [f"Good at {MARKER}"]
        (kept,) = list_documents(reopened)
        assert document_bytes(reopened, kept.id) == statement.read_bytes()
        assert MARKER in document_text(reopened, kept.id)
