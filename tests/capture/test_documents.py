"""Background documents: kept inside the notebook, searchable text, explicit copies out."""

from __future__ import annotations

import io
import os
from pathlib import Path

import docx
import pytest
from reportlab.pdfgen import canvas

from peerdesk.capture import documents
from peerdesk.capture.documents import (
    DocumentNotFoundError,
    DocumentRefusedError,
    delete_document,
    detect_media_type,
    document_bytes,
    document_text,
    get_document,
    import_bytes,
    import_file,
    list_documents,
    rename_document,
    save_copy_outside,
    set_document_notes,
)
from peerdesk.vault.errors import ValidationError
from peerdesk.vault.exports import list_exports, sha256_of
from peerdesk.vault.notebook import Notebook
from tests.conftest import need_tools

PNG_1PX = bytes.fromhex(
    "89504e470d0a1a0a0000000d4948445200000001000000010806000000"
    "1f15c4890000000d49444154789c6360f8cf000000030101001c8a5d"
    "0e0000000049454e44ae426082")


def make_pdf(lines: list[str]) -> bytes:
    out = io.BytesIO()
    page = canvas.Canvas(out)
    for number, line in enumerate(lines):
        page.drawString(72, 760 - 18 * number, line)
    page.showPage()
    page.drawString(72, 760, "Second page: workforce plan")
    page.save()
    return out.getvalue()


def make_docx(paragraphs: list[str], cell: str) -> bytes:
    document = docx.Document()
    for text in paragraphs:
        document.add_paragraph(text)
    document.add_table(rows=1, cols=2).rows[0].cells[1].text = cell
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def test_pdf_is_stored_whole_with_its_text(notebook: Notebook, tmp_path: Path) -> None:
    need_tools("pdftotext")
    data = make_pdf(["Northvale position statement", "Our shared vision for 2030"])
    source = tmp_path / "Position statement.pdf"
    source.write_bytes(data)
    doc = import_file(notebook, source)
    assert (doc.title, doc.file_name, doc.media_type, doc.size) == (
        "Position statement", "Position statement.pdf", "application/pdf", len(data))
    assert (doc.view_kind, doc.has_text) == ("pdf", True)
    assert document_bytes(notebook, doc.id) == data
    text = document_text(notebook, doc.id)
    assert "Our shared vision for 2030" in text and "workforce plan" in text
    # the same words an independent tool finds
    import subprocess

    independent = subprocess.run(["pdftotext", str(source), "-"], capture_output=True,
                                 text=True, check=True).stdout
    assert "Our shared vision for 2030" in independent


def test_docx_text_and_tables_are_searchable(notebook: Notebook) -> None:
    data = make_docx(["Governance review", "Boards meet quarterly"], "Pooled budget: £4m")
    doc = import_bytes(notebook, data, "governance.docx", title="Governance paper")
    assert (doc.title, doc.view_kind) == ("Governance paper", "text")
    assert doc.media_type.endswith("wordprocessingml.document")
    text = document_text(notebook, doc.id)
    assert "Boards meet quarterly" in text and "Pooled budget: £4m" in text


@pytest.mark.parametrize(("raw", "expected"), [
    ("Café – £5".encode(), "Café – £5"),
    (b"\xef\xbb\xbfWith a BOM", "With a BOM"),
    ("Caf\u00e9 \u2013 \u00a35".encode("cp1252"), "Café – £5"),
    ("Café – £5".encode("utf-16"), "Café – £5"),
])
def test_text_files_in_common_encodings(notebook: Notebook, raw: bytes, expected: str) -> None:
    doc = import_bytes(notebook, raw, "notes.txt")
    assert (doc.media_type, doc.view_kind) == ("text/plain", "text")
    assert document_text(notebook, doc.id) == expected


def test_images_are_kept_without_text(notebook: Notebook) -> None:
    doc = import_bytes(notebook, PNG_1PX, "org chart.PNG")
    assert (doc.media_type, doc.view_kind, doc.has_text) == ("image/png", "image", False)
    assert document_bytes(notebook, doc.id) == PNG_1PX


def test_formats_it_cannot_show_say_so(notebook: Notebook) -> None:
    doc = import_bytes(notebook, b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 100, "old.xls")
    assert (doc.media_type, doc.view_kind) == ("application/vnd.ms-excel", "none")
    assert detect_media_type("budget.xlsx", b"PK\x03\x04rest").endswith("spreadsheetml.sheet")
    assert detect_media_type("mystery.bin", b"\x00\x01") == "application/octet-stream"


def test_a_damaged_pdf_is_kept_without_text(notebook: Notebook) -> None:
    doc = import_bytes(notebook, b"%PDF-1.7\nthis is not really a pdf", "broken.pdf")
    assert (doc.media_type, doc.has_text) == ("application/pdf", False)


@pytest.mark.parametrize(("data", "name", "message"), [
    (b"", "empty.pdf", "empty.pdf is empty"),
    (b"<html>not a pdf</html>", "report.pdf", "named like a PDF file but its contents"),
    (b"just words", "photo.png", "named like a PNG file"),
])
def test_refused_files_get_a_plain_reason(notebook: Notebook, data: bytes, name: str,
                                          message: str) -> None:
    with pytest.raises(DocumentRefusedError, match=message):
        import_bytes(notebook, data, name)
    assert list_documents(notebook) == []


def test_the_contents_decide_the_type_over_the_name(notebook: Notebook) -> None:
    doc = import_bytes(notebook, b"GIF89a" + b"\0" * 20, "photo.png")
    assert (doc.media_type, doc.view_kind) == ("image/gif", "image")


def test_size_limit(notebook: Notebook, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(documents, "MAX_BYTES", 1024 * 1024)
    big = tmp_path / "huge.txt"
    big.write_bytes(b"a" * (2 * 1024 * 1024))
    with pytest.raises(DocumentRefusedError, match=r"huge\.txt is 2 MB; peerdesk takes "
                                                   r"documents up to 1 MB\."):
        import_file(notebook, big)
    with pytest.raises(DocumentRefusedError, match="cannot be read"):
        import_file(notebook, tmp_path / "missing.pdf")
    assert list_documents(notebook) == []


def test_list_rename_notes_delete(notebook: Notebook) -> None:
    b = import_bytes(notebook, b"bbb", "b.txt", title="Budget")
    a = import_bytes(notebook, b"aaa", "a.txt", title="annual report")
    assert [d.title for d in list_documents(notebook)] == ["annual report", "Budget"]
    rename_document(notebook, b.id, "  Budget 2026/27 ")
    set_document_notes(notebook, b.id, "Check the pooled fund line")
    got = get_document(notebook, b.id)
    assert (got.title, got.notes, got.size_text) == ("Budget 2026/27",
                                                     "Check the pooled fund line", "3 bytes")
    with pytest.raises(ValidationError):
        rename_document(notebook, a.id, " ")
    delete_document(notebook, a.id)
    with pytest.raises(DocumentNotFoundError):
        document_bytes(notebook, a.id)
    with pytest.raises(DocumentNotFoundError):
        rename_document(notebook, a.id, "x")
    assert [d.id for d in list_documents(notebook)] == [b.id]


def test_a_copy_outside_is_explicit_private_and_recorded(notebook: Notebook,
                                                         tmp_path: Path) -> None:
    data = make_pdf(["Confidential pre-reading"])
    doc = import_bytes(notebook, data, "pre-reading.pdf")
    assert list_exports(notebook) == []
    target = tmp_path / "out" / "pre-reading copy.pdf"
    target.parent.mkdir()
    record = save_copy_outside(notebook, doc.id, target)
    assert target.read_bytes() == data
    assert (target.stat().st_mode & 0o777) == 0o600 or os.name != "posix"
    (listed,) = list_exports(notebook)
    assert (listed.path, listed.kind, listed.opened_outside, listed.sha256) == (
        target.absolute(), "document_copy", True, sha256_of(target))
    assert record.id == listed.id
    assert documents.OUTSIDE_WARNING.startswith("peerdesk will save an unencrypted copy")
