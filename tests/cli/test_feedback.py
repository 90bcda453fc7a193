"""peerdesk-cli export --format pptx / outline / outline-txt and check-feedback, run as a
separate process: the same gate and decisions file as the summary's export."""

from __future__ import annotations

import io
import json
from pathlib import Path

from pptx import Presentation

from peerdesk.feedback.next_steps import set_next_steps
from peerdesk.vault.library import Library
from tests import cli_helpers, summary_fixture
from tests.conftest import PASSPHRASE, sample_details
from tests.feedback.test_template import team_template

STDIN = PASSPHRASE + "\n"


def make_engagement(library: Library) -> str:
    with library.create(sample_details(), PASSPHRASE) as notebook:
        summary_fixture.build(notebook)
        set_next_steps(notebook, "Report in April\nJordan Lee will call you")
        return notebook.id


def test_slides_refused_resolved_by_a_decisions_file_then_written(
        library: Library, tmp_path: Path) -> None:
    home = library.paths.data.parent
    notebook_id = make_engagement(library)
    out = tmp_path / "slides.pptx"
    checked = cli_helpers.run_cli(home, "check-feedback", notebook_id, "--json",
                                  "--passphrase-stdin", stdin=STDIN)
    assert checked.returncode == 3, checked.stderr
    [hit] = json.loads(checked.stdout)
    assert (hit["term"], hit["where"], hit["place"]) == ("Jordan Lee", "Next steps",
                                                         "next_steps:0:lines")

    refused = cli_helpers.run_cli(home, "export", notebook_id, "--format", "pptx", "-o",
                                  str(out), "--passphrase-stdin", stdin=STDIN)
    assert refused.returncode == 1
    assert "the slides still have 1 thing that could identify someone" in refused.stderr
    assert f"[{hit['hit']}] Next steps: Peer team member's name" in refused.stderr
    assert "--format pptx --decisions FILE" in refused.stderr
    assert not out.exists()

    decisions = tmp_path / "decisions.csv"
    decisions.write_text(f"hit,decision,text\n{hit['hit']},replace,The team\n")
    done = cli_helpers.run_cli(home, "export", notebook_id, "--format", "pptx", "-o", str(out),
                               "--decisions", str(decisions), "--passphrase-stdin",
                               stdin=STDIN)
    assert done.returncode == 0, done.stderr
    assert "Applied 1 decision to 1 hit." in done.stdout and f"Saved {out}" in done.stdout
    prs = Presentation(io.BytesIO(out.read_bytes()))
    last = prs.slides[len(prs.slides) - 1]
    assert [p.text for s in last.placeholders if s.placeholder_format.idx == 1
            for p in s.text_frame.paragraphs] == ["Report in April", "The team will call you"]
    listed = cli_helpers.run_cli(home, "exports", notebook_id, "--passphrase-stdin",
                                 stdin=STDIN)
    assert "feedback_slides" in listed.stdout and str(out) in listed.stdout


def test_outline_as_word_or_text_and_a_template(library: Library, tmp_path: Path) -> None:
    home = library.paths.data.parent
    with library.create(sample_details(), PASSPHRASE) as notebook:
        summary_fixture.build(notebook)
        notebook_id = notebook.id
    for fmt, name, written, start in (
            ("outline", "outline.docx", "outline.docx", b"PK"),
            ("outline", "outline.txt", "outline.txt", b"PEER CHALLENGE FEEDBACK"),
            ("outline-txt", "plain", "plain.txt", b"PEER CHALLENGE FEEDBACK")):
        done = cli_helpers.run_cli(home, "export", notebook_id, "--format", fmt, "-o",
                                   str(tmp_path / name), "--passphrase-stdin", stdin=STDIN)
        assert done.returncode == 0, done.stderr
        assert (tmp_path / written).read_bytes().startswith(start)

    template = tmp_path / "programme.pptx"
    template.write_bytes(team_template())
    done = cli_helpers.run_cli(home, "export", notebook_id, "--format", "pptx", "-o",
                               str(tmp_path / "s.pptx"), "--template", str(template),
                               "--passphrase-stdin", stdin=STDIN)
    assert done.returncode == 0, done.stderr
    prs = Presentation(io.BytesIO((tmp_path / "s.pptx").read_bytes()))
    assert prs.slide_width * 3 == prs.slide_height * 4      # the programme's 4:3, not ours

    bad = tmp_path / "notes.pptx"
    bad.write_text("just some text")
    refused = cli_helpers.run_cli(home, "export", notebook_id, "--format", "pptx", "-o",
                                  str(tmp_path / "t.pptx"), "--template", str(bad),
                                  "--passphrase-stdin", stdin=STDIN)
    assert refused.returncode == 2
    assert "“notes.pptx” cannot be used as a slide template" in refused.stderr
    assert "Traceback" not in refused.stderr and not (tmp_path / "t.pptx").exists()
