"""The PDF, read back by independent tools: qpdf, pdffonts, pdftotext, pdfinfo."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

import pytest

from peerdesk.summary.model import Summary, build_summary
from peerdesk.summary.pdf import render_pdf
from peerdesk.vault.notebook import Notebook
from tests import summary_fixture
from tests.conftest import need_tools

pytestmark = pytest.mark.system


def run(*args: str) -> str:
    return subprocess.run(args, capture_output=True, text=True, check=True, timeout=60).stdout


def flat(text: str) -> str:
    return " ".join(text.split())


@pytest.fixture
def made(notebook: Notebook, tmp_path: Path) -> tuple[Path, Summary, Notebook]:
    need_tools("qpdf", "pdffonts", "pdftotext", "pdfinfo")
    summary_fixture.build(notebook)
    summary = build_summary(notebook)
    path = tmp_path / "summary.pdf"
    path.write_bytes(render_pdf(summary))
    return path, summary, notebook


def test_qpdf_finds_no_problem(made: tuple[Path, Summary, Notebook]) -> None:
    path, _summary, _nb = made
    result = subprocess.run(["qpdf", "--check", str(path)], capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "No syntax or stream encoding errors" in result.stdout


def test_every_font_is_embedded_and_none_is_helvetica(
        made: tuple[Path, Summary, Notebook]) -> None:
    path, _summary, _nb = made
    lines = run("pdffonts", str(path)).splitlines()[2:]
    assert lines, "pdffonts lists no font at all"
    for line in lines:
        name, emb = line.split()[0], line.split()[-5]
        assert emb == "yes", line
        assert "Helvetica" not in name and "DejaVuSans" in name, line


def test_text_has_every_chart_and_chosen_finding(made: tuple[Path, Summary, Notebook]) -> None:
    path, summary, notebook = made
    text = flat(run("pdftotext", "-enc", "UTF-8", str(path), "-"))
    for number, section, findings in summary.numbered():
        assert flat(f"{number}. {section.title}") in text
        for label, f in findings:
            assert flat(f"{label} {f.headline}") in text
            assert flat(f.meta_text) in text
            assert flat(f.detail) in text
    assert len(summary.sections) == 8 and len(summary.findings) == 5
    for left_out in summary_fixture.Fixture().left_out_headlines:
        assert left_out not in text
    # Accents, Welsh letters and curly quotes survive the embedded font.
    for piece in ("Ŵyn ŷ Valley", "‘one front door’", "“we hear about it, we do not see it”",
                  "system’s"):
        assert piece in text
    for piece in ("Confidential, not attributable to individuals", "Alex Morgan (AM)",
                  "03/03/2026", "Method in numbers", "Participants' recommendations",
                  "Give team leaders time to meet across organisations every month",
                  "Signposting", "People who could help"):
        assert piece in text
    for name in summary_fixture.every_name(notebook):
        assert name not in text


def test_pages_are_numbered_n_of_m(made: tuple[Path, Summary, Notebook]) -> None:
    path, _summary, _nb = made
    pages = int(next(line.split()[-1] for line in run("pdfinfo", str(path)).splitlines()
                     if line.startswith("Pages:")))
    assert pages >= 2
    for page in range(1, pages + 1):
        text = run("pdftotext", "-f", str(page), "-l", str(page), str(path), "-")
        assert f"Page {page} of {pages}" in text


def test_metadata_names_nobody(made: tuple[Path, Summary, Notebook]) -> None:
    path, _summary, notebook = made
    info = run("pdfinfo", str(path))
    fields = dict(line.split(":", 1) for line in info.splitlines() if ":" in line)
    assert fields["Title"].strip() == "Peer challenge summary"
    assert fields["Author"].strip() == ""
    assert fields["Creator"].strip() == "peerdesk"
    assert fields["Producer"].strip() == "peerdesk"
    assert fields["Metadata Stream"].strip() == "no"  # no XMP packet at all
    names = [*summary_fixture.every_name(notebook), "Alex Morgan", "Morgan"]
    for name in names:
        assert name not in info
    raw = path.read_bytes()
    assert b"xmpmeta" not in raw
    meta = run("pdfinfo", "-meta", str(path))
    assert meta.strip() == ""


def test_headings_are_bookmarks(made: tuple[Path, Summary, Notebook]) -> None:
    path, summary, _nb = made
    data = json.loads(run("qpdf", "--json", "--json-key=outlines", str(path)))
    top = [entry["title"] for entry in data["outlines"]]
    assert top == [summary.cover.engagement_title, "Method in numbers",
                   "How to read the findings", "Findings by line of enquiry",
                   "Participants' recommendations", "Signposting"]
    findings = data["outlines"][3]
    assert [kid["title"] for kid in findings["kids"]] == [
        f"{n}. {s.title}" for n, s, _f in summary.numbered()]
    signposting = data["outlines"][5]
    assert [kid["title"] for kid in signposting["kids"]] == ["Good practice elsewhere",
                                                              "People who could help"]


def test_progress_climbs_to_the_end(notebook: Notebook) -> None:
    fx = summary_fixture.build(notebook)
    for n in range(120):
        summary_fixture.add_finding(notebook, fx.charts[n % 8][0], f"Extra finding {n}")
    seen: list[float] = []
    data = render_pdf(build_summary(notebook), progress=seen.append)
    assert data.startswith(b"%PDF")
    assert seen == sorted(seen) and seen[-1] == 1.0 and len(seen) > 2
