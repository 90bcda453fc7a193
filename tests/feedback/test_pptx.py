"""The slides as a user gets them: python-pptx reads them back (slides, titles, notes), no
name of a participant or of the team anywhere in the file, notes and properties included,
and LibreOffice renders every flip chart's title."""

from __future__ import annotations

import io
import os
import re
import subprocess
import zipfile
from datetime import datetime
from pathlib import Path

import pytest
from pptx import Presentation

from peerdesk.feedback.export import export_feedback
from peerdesk.feedback.model import build_feedback
from peerdesk.feedback.pptx import render_pptx
from peerdesk.feedback.slides import slides
from peerdesk.feedback.template import shipped_template
from peerdesk.summary.attribution import outgoing_texts
from peerdesk.vault.notebook import Notebook
from tests import summary_fixture
from tests.conftest import need_tools


def every_text(data: bytes) -> str:
    """Every XML part of the package, as text (slides, notes, masters, properties)."""
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return "\n".join(archive.read(name).decode("utf-8", "replace")
                         for name in archive.namelist() if name.endswith((".xml", ".rels")))


def titles_and_notes(data: bytes) -> list[tuple[str, str]]:
    prs = Presentation(io.BytesIO(data))
    out = []
    for slide in prs.slides:
        title = slide.shapes.title.text_frame.text if slide.shapes.title is not None else ""
        notes = slide.notes_slide.notes_text_frame.text if slide.has_notes_slide else ""
        out.append((title, notes))
    return out


def test_slides_read_back(notebook: Notebook) -> None:
    fx = summary_fixture.build(notebook)
    fb = build_feedback(notebook).feedback
    data = render_pptx(fb)
    read = titles_and_notes(data)
    titles = dict(fx.charts)
    assert [t for t, _n in read] == [
        "Northvale health and care partnership",
        titles[fx.charts[0][0]], titles[fx.charts[2][0]], titles[fx.charts[7][0]],
        "What participants recommended", "Next steps"]
    assert len(read) == len(slides(fb, shipped_template().capacity))
    chart_notes = read[1][1]
    assert "Partners tell one story about the system’s three priorities" in chart_notes
    assert ("Support: Triangulated, 4 sources of 3 kinds: meetings, focus groups, documents"
            in chart_notes)
    assert "Challenge: Challenged by 1 source" in chart_notes
    assert "To say: Every board we met named the same priorities" in chart_notes
    assert all(notes for _t, notes in read[:5])
    prs = Presentation(io.BytesIO(data))
    body = [p.text for shape in prs.slides[1].placeholders if shape.placeholder_format.idx == 1
            for p in shape.text_frame.paragraphs]
    assert body == ["Strengths", "Partners tell one story about the system’s three priorities",
                    "Areas to explore",
                    "Population health data is not yet shared across partners"]
    assert prs.slide_width * 9 == prs.slide_height * 16   # 16:9
    footer = [s.text_frame.text for s in prs.slides[1].placeholders
              if s.placeholder_format.type is not None and int(s.placeholder_format.type) == 15]
    assert footer == ["Confidential, not attributable to individuals"]


def test_properties_and_package_name_no_one(notebook: Notebook) -> None:
    summary_fixture.build(notebook)
    data = render_pptx(build_feedback(notebook).feedback, when=datetime(2026, 3, 6, 15))
    props = Presentation(io.BytesIO(data)).core_properties
    assert props.author == "" and props.last_modified_by == ""
    assert props.title == "Peer challenge feedback"
    assert props.comments == "" and props.category == "" and props.identifier == ""
    assert props.created == props.modified == datetime(2026, 3, 6, 15)
    names = zipfile.ZipFile(io.BytesIO(data)).namelist()
    assert not any(re.search(r"thumbnail|custom\.xml|commentAuthors|printerSettings", n)
                   for n in names)
    text = every_text(data)
    for who in ("Steve Canny", "python-pptx", "Microsoft Macintosh", os.uname().nodename,
                os.environ.get("USER", "root-user-not-set")):
        assert who not in text


def test_no_participant_or_team_name_anywhere(notebook: Notebook, tmp_path: Path) -> None:
    summary_fixture.build(notebook)
    data = export_feedback(notebook, "pptx", tmp_path / "slides.pptx").path.read_bytes()
    text = every_text(data)
    names = [*summary_fixture.every_name(notebook), "Alex Morgan", "Jordan Lee",
             "Sam O'Neill"]
    for name in names:
        assert name not in text and name.split()[-1] not in text, name
    # and the gate read the same texts the file holds
    fb = build_feedback(notebook).feedback
    assert all(t.text.replace("&", "&amp;").split("\n")[0][:40] in text
               for t in outgoing_texts(fb) if t.field in ("headline", "title"))


def test_a_finding_with_many_lines_runs_on_to_more_slides(notebook: Notebook) -> None:
    fx = summary_fixture.build(notebook)
    chart = fx.charts[5][0]
    for n in range(14):
        summary_fixture.add_finding(notebook, chart, f"Finding number {n} says that partners "
                                    "work well together on the front line most days",
                                    kind=("strength", "area_to_explore")[n % 2])
    fb = build_feedback(notebook).feedback
    deck = [s for s in slides(fb, shipped_template().capacity) if s.kind == "chart"]
    title = dict(fx.charts)[chart]
    mine = [s for s in deck if s.title.startswith(title)]
    assert len(mine) >= 2
    assert [s.title for s in mine[1:]] == [f"{title} (continued)"] * (len(mine) - 1)
    shown = [line.text for s in mine for line in s.lines if not line.heading]
    assert len(shown) == 14     # every finding once, none lost at a break
    for s in mine:
        assert not s.lines[-1].heading   # a heading never ends a slide


@pytest.mark.slow
def test_libreoffice_renders_every_chart_title(notebook: Notebook, tmp_path: Path) -> None:
    need_tools("soffice", "pdftotext", "pdftoppm")
    fx = summary_fixture.build(notebook)
    pptx = tmp_path / "slides.pptx"
    export_feedback(notebook, "pptx", pptx)
    profile = tmp_path / "lo-profile"
    subprocess.run(["soffice", f"-env:UserInstallation=file://{profile}", "--headless",
                    "--convert-to", "pdf", "--outdir", str(tmp_path), str(pptx)],
                   check=True, capture_output=True, timeout=240)
    pdf = tmp_path / "slides.pdf"
    text = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], check=True,
                          capture_output=True, text=True).stdout
    flat = " ".join(text.split())
    titles = dict(fx.charts)
    for index in (0, 2, 7):
        assert titles[fx.charts[index][0]] in flat
    assert "What participants recommended" in flat and "Next steps" in flat
    assert "Confidential, not attributable to individuals" in flat
    pages = subprocess.run(["pdfinfo", str(pdf)], check=True, capture_output=True,
                           text=True).stdout
    assert re.search(r"Pages:\s+6\b", pages)
    subprocess.run(["pdftoppm", "-png", "-r", "40", "-f", "2", "-l", "2", str(pdf),
                    str(tmp_path / "page")], check=True, timeout=60)
    assert list(tmp_path.glob("page*.png"))
