"""Exporting the slides and the outline: behind the same gate as the summary, recorded in
the register; and hits on the slides' own texts edited in place or accepted."""

from __future__ import annotations

import hashlib
import io
import threading
import zipfile
from pathlib import Path

import docx
import pytest

from peerdesk.feedback.export import check_format, default_file_name, export_feedback, prepare
from peerdesk.feedback.next_steps import next_steps_text, set_next_steps
from peerdesk.feedback.places import FEEDBACK_PLACES
from peerdesk.summary.attribution import accept, unresolved
from peerdesk.summary.attribution.decisions import Decision, apply_decisions
from peerdesk.summary.export import ExportCancelledError, UnresolvedHitsError
from peerdesk.summary.model import build_summary
from peerdesk.vault.errors import ValidationError
from peerdesk.vault.exports import list_exports
from peerdesk.vault.notebook import Notebook
from tests import summary_fixture


def test_refused_while_a_hit_is_unresolved(notebook: Notebook, tmp_path: Path) -> None:
    fx = summary_fixture.build(notebook)
    summary_fixture.add_finding(notebook, fx.charts[3][0], "Ann Webb says governance is slow")
    set_next_steps(notebook, "Jordan Lee will call you next week")
    out = tmp_path / "out"
    out.mkdir()
    target = out / "slides.pptx"
    with pytest.raises(UnresolvedHitsError) as refused:
        export_feedback(notebook, "pptx", target)
    assert sorted((h.term, h.source.owner) for h in refused.value.hits) == [
        ("Ann Webb", "finding"), ("Jordan Lee", "next_steps")]
    assert "the slides still have 2 things that could identify someone" in \
        refused.value.message
    assert list(out.iterdir()) == []    # not even a temporary file
    assert list_exports(notebook) == []
    with pytest.raises(UnresolvedHitsError, match="the outline still has"):
        export_feedback(notebook, "outline", tmp_path / "outline.docx")


def test_written_and_recorded_under_its_own_kind(notebook: Notebook, tmp_path: Path) -> None:
    summary_fixture.build(notebook)
    out = tmp_path / "out"
    out.mkdir()
    records = [export_feedback(notebook, "pptx", out / "slides"),
               export_feedback(notebook, "outline", out / "outline.docx"),
               export_feedback(notebook, "outline", out / "outline.txt"),
               export_feedback(notebook, "outline-txt", out)]
    assert [r.kind for r in records] == ["feedback_slides", "feedback_outline_docx",
                                         "feedback_outline_txt", "feedback_outline_txt"]
    assert records[0].path == out / "slides.pptx"
    assert records[3].path.name == default_file_name("outline-txt",
                                                     notebook.clock.now().date())
    for record in records:
        data = record.path.read_bytes()
        assert record.sha256 == hashlib.sha256(data).hexdigest()
        assert record.path.stat().st_mode & 0o777 == 0o600
    assert list_exports(notebook) == records


def test_the_outline_has_the_slides_structure(notebook: Notebook, tmp_path: Path) -> None:
    fx = summary_fixture.build(notebook)
    text = export_feedback(notebook, "outline-txt", tmp_path / "o.txt").path.read_text()
    titles = dict(fx.charts)
    assert text.startswith("PEER CHALLENGE FEEDBACK: OUTLINE\nCONFIDENTIAL")
    assert f"1. {titles[fx.charts[0][0]]}" in text
    assert ("- Partners tell one story about the system’s three priorities\n"
            "    Support: Triangulated, 4 sources of 3 kinds: meetings, focus groups, "
            "documents\n    To say: Every board we met") in text
    assert "Challenge: Challenged by 1 source" in text
    assert "What participants recommended" in text and "Next steps" in text
    record = export_feedback(notebook, "outline", tmp_path / "o.docx")
    document = docx.Document(str(record.path))
    headings = [p.text for p in document.paragraphs if p.style.name == "Heading 1"]
    assert headings == [f"1. {titles[fx.charts[0][0]]}", f"2. {titles[fx.charts[2][0]]}",
                        f"3. {titles[fx.charts[7][0]]}", "What participants recommended",
                        "Next steps"]
    props = document.core_properties
    assert (props.author, props.last_modified_by) == ("", "")
    assert props.title == "Peer challenge feedback: outline"
    with zipfile.ZipFile(io.BytesIO(record.path.read_bytes())) as archive:
        app = archive.read("docProps/app.xml").decode()
    assert "python-docx" not in app and "Microsoft" not in app


def test_edit_in_place_for_the_slides_own_texts(notebook: Notebook) -> None:
    summary_fixture.build(notebook)
    set_next_steps(notebook, "Report in April\nJordan Lee will call you next week")
    details = notebook.engagement()
    details.title = "Peer challenge with Ann Webb"
    notebook.update_details(details)
    hits = prepare(notebook).hits
    by_owner = {h.source.owner: h for h in hits}
    assert set(by_owner) == {"next_steps", "title_slide"}
    steps, title = by_owner["next_steps"], by_owner["title_slide"]
    assert steps.where == "Next steps" and title.where == "Title slide: engagement title"
    assert FEEDBACK_PLACES.editable(steps.source) and FEEDBACK_PLACES.editable(title.source)
    apply_decisions(notebook, hits, [
        Decision(steps.id, "", "", False, "The manager", 1),
        Decision(title.id, "", "", False, "the partnership", 2)], FEEDBACK_PLACES)
    assert next_steps_text(notebook) == "Report in April\nThe manager will call you next week"
    assert notebook.engagement().title == "Peer challenge with the partnership"
    assert prepare(notebook).ready


def test_made_texts_are_accepted_not_edited(notebook: Notebook) -> None:
    summary_fixture.build(notebook)
    prepared = prepare(notebook)
    support = next(t for t in (f for c in prepared.feedback.charts for f in c.findings))
    from peerdesk.summary.model import OutgoingText

    made = OutgoingText("finding", support.id, "support", support.support)
    assert not FEEDBACK_PLACES.editable(made)
    with pytest.raises(ValidationError, match="made by peerdesk"):
        FEEDBACK_PLACES.save_text(notebook, made, "anything")


def test_a_shared_place_resolved_once_for_both(notebook: Notebook) -> None:
    fx = summary_fixture.build(notebook)
    summary_fixture.add_finding(notebook, fx.charts[3][0], "Ann Webb says governance is slow")
    summary_hits = unresolved(notebook, build_summary(notebook))
    assert [h.term for h in summary_hits] == ["Ann Webb"]
    accept(notebook, summary_hits[0])          # in the summary's check
    assert prepare(notebook).ready              # ... and so on the slides too


def test_stopped_before_the_file_is_written(notebook: Notebook, tmp_path: Path) -> None:
    summary_fixture.build(notebook)
    cancel = threading.Event()

    def progress(fraction: float, _text: str) -> None:
        if fraction >= 0.2:
            cancel.set()

    out = tmp_path / "out"
    out.mkdir()
    with pytest.raises(ExportCancelledError):
        export_feedback(notebook, "pptx", out / "s.pptx", progress, cancel)
    assert list(out.iterdir()) == [] and list_exports(notebook) == []


def test_formats() -> None:
    assert check_format("pptx") == "pptx"
    assert check_format("outline", Path("x.txt")) == "outline-txt"
    assert check_format("docx") == "outline"
    with pytest.raises(ValidationError):
        check_format("pdf")
