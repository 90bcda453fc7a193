"""The DOCX, read back with python-docx: same findings, real headings, neutral properties."""

from __future__ import annotations

import io
import subprocess
import zipfile
from datetime import UTC, datetime
from pathlib import Path

from docx import Document

from peerdesk.summary.docx import render_docx
from peerdesk.summary.model import build_summary
from peerdesk.vault.notebook import Notebook
from tests import summary_fixture
from tests.conftest import need_tools


def test_docx_reads_back_with_the_same_findings(notebook: Notebook) -> None:
    summary_fixture.build(notebook)
    summary = build_summary(notebook)
    doc = Document(io.BytesIO(render_docx(summary)))
    paragraphs = [(p.style.name, p.text) for p in doc.paragraphs]
    headings = [(style, text) for style, text in paragraphs if style.startswith("Heading")]
    findings = [text for style, text in headings if style == "Heading 3"]
    assert findings == [f"{label}  {f.headline}"
                        for _n, _s, items in summary.numbered() for label, f in items]
    charts = [text for style, text in headings if style == "Heading 2"]
    assert charts[:8] == [f"{n}. {s.title}" for n, s, _f in summary.numbered()]
    assert [text for style, text in headings if style == "Heading 1"] == [
        "Method in numbers", "How to read the findings", "Findings by line of enquiry",
        "Participants' recommendations", "Signposting"]
    assert ("Title", summary.cover.engagement_title) in paragraphs
    texts = [text for _style, text in paragraphs]
    for f in summary.findings:
        assert f.meta_text in texts
        assert not f.detail or f.detail in texts
    assert "Ŵyn ŷ Valley" in "\n".join(texts)
    bullets = [text for style, text in paragraphs if style == "List Bullet"]
    assert "Put one named contact for care homes in every neighbourhood" in bullets
    cover = [[cell.text for cell in row.cells] for row in doc.tables[0].rows]
    assert cover[0] == ["Peer", "Alex Morgan (AM)"]
    assert ["Date", "03/03/2026"] in cover
    method = [[cell.text for cell in row.cells] for row in doc.tables[1].rows]
    assert ["Focus groups held", "2"] in method


def test_properties_name_nobody(notebook: Notebook) -> None:
    summary_fixture.build(notebook)
    when = datetime(2026, 3, 6, 17, 0, tzinfo=UTC)
    data = render_docx(build_summary(notebook), when=when)
    props = Document(io.BytesIO(data)).core_properties
    assert props.author == "" and props.last_modified_by == ""
    assert props.title == "Peer challenge summary"
    assert props.created is not None and props.created.year == 2026
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        metadata = b"".join(archive.read(n) for n in archive.namelist()
                            if n.startswith(("docProps/", "customXml/")))
    assert b"python-docx" not in metadata
    for name in [*summary_fixture.every_name(notebook), "Alex Morgan"]:
        assert name.encode() not in metadata


def test_page_numbers_and_marking_in_the_footer(notebook: Notebook) -> None:
    summary_fixture.build(notebook)
    doc = Document(io.BytesIO(render_docx(build_summary(notebook))))
    footer = doc.sections[0].footer.paragraphs[0]
    assert footer.text.startswith("Confidential, not attributable to individuals")
    xml = footer._p.xml
    assert "> PAGE <" in xml and "> NUMPAGES <" in xml
    assert round(doc.sections[0].page_width.mm) == 210


def test_word_styles_contents_header_and_clean_text(notebook: Notebook) -> None:
    fx = summary_fixture.build(notebook)
    with notebook.write() as conn:   # control characters typed or pasted into a finding
        conn.execute("UPDATE finding SET detail = ? WHERE id = ?",
                     ("Partners\x00 agree\x0b on\x1f the plan\u200b.",
                      fx.findings["Leadership is visible at the top but thin in the middle"]))
    data = render_docx(build_summary(notebook))
    doc = Document(io.BytesIO(data))
    styles = {p.style.name for p in doc.paragraphs}
    assert {"Title", "Heading 1", "Heading 2", "Heading 3", "List Bullet", "TOC Heading",
            "TOC 1", "TOC 2"} <= styles
    body = doc.element.body.xml
    assert 'TOC \\o "1-3" \\h \\z \\u' in body
    header = doc.sections[0].header.paragraphs[0].text
    assert header.startswith("Confidential, not attributable to individuals")
    assert "Partners agree on the plan." in [p.text for p in doc.paragraphs]
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        app = archive.read("docProps/app.xml").decode()
        settings = archive.read("word/settings.xml").decode()
        assert "docProps/thumbnail.jpeg" not in archive.namelist()
    assert "<Application>peerdesk</Application>" in app and "Microsoft" not in app
    assert "updateFields" in settings


def test_libreoffice_lays_out_the_docx(notebook: Notebook, tmp_path: Path) -> None:
    """The manager's word processor opens it: LibreOffice turns it into pages with the
    marking, page numbers, contents and findings where they belong."""
    need_tools("soffice", "pdftotext", "pdftoppm")
    summary_fixture.build(notebook)
    summary = build_summary(notebook)
    source = tmp_path / "summary.docx"
    source.write_bytes(render_docx(summary))
    subprocess.run(["soffice", "--headless", f"-env:UserInstallation=file://{tmp_path}/lo",
                    "--convert-to", "pdf", "--outdir", str(tmp_path), str(source)],
                   check=True, capture_output=True, timeout=300)
    pdf = tmp_path / "summary.pdf"
    pages = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], check=True,
                           capture_output=True, text=True).stdout.split("\f")
    pages = [p for p in pages if p.strip()]
    assert len(pages) >= 3
    total = len(pages)
    for n, page in enumerate(pages, start=1):
        assert page.count("Confidential, not attributable to individuals") >= 2  # both ends
        assert f"Page {n} of {total}" in page
    assert "Contents" in pages[0] and "Findings by line of enquiry" in pages[0]
    everything = "\n".join(pages)
    for f in summary.findings:
        assert " ".join(f.headline.split()[:4]) in " ".join(everything.split())
    subprocess.run(["pdftoppm", "-png", "-r", "40", "-f", "1", "-l", "1", str(pdf),
                    str(tmp_path / "page")], check=True, timeout=120)
    assert (tmp_path / "page-1.png").stat().st_size > 5000   # a real page, not blank
