"""Text as peers paste it: control characters (PowerPoint's soft line break is a vertical
tab) are dropped and never stop the Word export; a finding, a heading or a cover value
taller than a page never stops the PDF: it runs on to the next pages, every word kept."""

from __future__ import annotations

import io

import pypdf
import pytest
from docx import Document

from peerdesk.summary.docx import render_docx
from peerdesk.summary.export import export_summary
from peerdesk.summary.model import build_summary
from peerdesk.summary.pdf import render_pdf
from peerdesk.vault.notebook import Notebook
from tests import summary_fixture

PASTED = "First line\x0bsecond line\x0cthird\x00\x01\x07\x1b\x7f\ufffe end\tand a tab"


def chosen(notebook: Notebook, headline: str, detail: str = "") -> None:
    fx = summary_fixture.build(notebook)
    finding = summary_fixture.add_finding(notebook, fx.charts[0][0], headline, detail)
    with notebook.write() as conn:
        conn.execute("UPDATE finding SET in_summary = 1, summary_position = 0 WHERE id = ?",
                     (finding,))


def test_control_characters_never_stop_the_word_export(notebook: Notebook) -> None:
    chosen(notebook, f"Pasted from slides: {PASTED}", f"Detail: {PASTED}")
    with notebook.write() as conn:
        conn.execute("UPDATE engagement SET client_system = ?", (f"Client\x0b{PASTED}",))
    doc = Document(io.BytesIO(render_docx(build_summary(notebook))))
    text = "\n".join(p.text for p in doc.paragraphs)
    for words in ("Pasted from slides: First line", "second line", "third", "end",
                  "and a tab"):
        assert words in text
    assert not any(ch in text for ch in "\x00\x01\x07\x0b\x0c\x1b\x7f\ufffe")


@pytest.mark.parametrize("where", ["headline", "detail", "both"])
def test_a_finding_taller_than_a_page_runs_on(notebook: Notebook, where: str) -> None:
    tall = "\n".join(f"Line {n} of a very long finding pasted whole" for n in range(300))
    chosen(notebook, tall if where != "detail" else "A short headline",
           tall if where != "headline" else "")
    pdf = pypdf.PdfReader(io.BytesIO(render_pdf(build_summary(notebook))))
    text = " ".join(page.extract_text() or "" for page in pdf.pages)
    assert "Line 0 of a very long finding" in text and "Line 299 of a very long" in text
    assert len(pdf.pages) > 6


def test_headings_and_cover_values_taller_than_a_page_run_on(notebook: Notebook,
                                                              tmp_path: object) -> None:
    tall = "\n".join(f"Row {n}" for n in range(400))
    chosen(notebook, "A finding")
    with notebook.write() as conn:
        conn.execute("UPDATE flip_chart SET title = ?, question = ? WHERE position = 0",
                     (f"Chart {tall}", f"Question {tall}"))
        conn.execute("UPDATE engagement SET my_name = ?", (f"Name {tall}",))
        conn.execute("UPDATE postit SET text = ? WHERE kind = 'participant_recommendation'",
                     (f"Recommendation {tall}",))
    pdf = pypdf.PdfReader(io.BytesIO(render_pdf(build_summary(notebook))))
    assert "Row 399" in " ".join(page.extract_text() or "" for page in pdf.pages)


def test_the_export_writes_and_records_such_a_summary(notebook: Notebook, tmp_path: object
                                                      ) -> None:
    from pathlib import Path

    chosen(notebook, "\n".join(["tall"] * 500), PASTED)
    for fmt in ("pdf", "docx", "txt"):
        record = export_summary(notebook, fmt, Path(str(tmp_path)) / f"summary.{fmt}")
        assert record.path.exists() and record.size > 0
