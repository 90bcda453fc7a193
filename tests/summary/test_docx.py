"""The DOCX, read back with python-docx: same findings, real headings, neutral properties."""

from __future__ import annotations

import io
import zipfile
from datetime import UTC, datetime

from docx import Document

from peerdesk.summary.docx import render_docx
from peerdesk.summary.model import build_summary
from peerdesk.vault.notebook import Notebook
from tests import summary_fixture


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
