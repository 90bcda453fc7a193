"""Background documents, kept INSIDE the encrypted notebook.

peerdesk never writes a document to disk in plaintext by itself: the bytes go into the
notebook, text for searching is taken out in memory, and the GUI shows PDFs, text and
images from memory. ``save_copy_outside`` is the one explicit way out, and it is
recorded in the register of copies so that destruction finds it.
"""

from __future__ import annotations

import hashlib
import io
import logging
import zipfile
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

from peerdesk.vault.errors import PeerdeskError, ValidationError
from peerdesk.vault.exports import ExportRecord, write_export
from peerdesk.vault.notebook import Notebook

MAX_BYTES = 100 * 1024 * 1024
"""The largest file peerdesk takes in (100 MB)."""

_BY_EXTENSION = {
    ".pdf": "application/pdf",
    ".docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    ".xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    ".pptx": "application/vnd.openxmlformats-officedocument.presentationml.presentation",
    ".doc": "application/msword",
    ".xls": "application/vnd.ms-excel",
    ".ppt": "application/vnd.ms-powerpoint",
    ".odt": "application/vnd.oasis.opendocument.text",
    ".rtf": "application/rtf",
    ".txt": "text/plain",
    ".md": "text/markdown",
    ".csv": "text/csv",
    ".png": "image/png",
    ".jpg": "image/jpeg",
    ".jpeg": "image/jpeg",
    ".gif": "image/gif",
    ".bmp": "image/bmp",
    ".webp": "image/webp",
}
_MAGIC = (
    (b"%PDF-", "application/pdf"),
    (b"\x89PNG\r\n\x1a\n", "image/png"),
    (b"\xff\xd8\xff", "image/jpeg"),
    (b"GIF87a", "image/gif"),
    (b"GIF89a", "image/gif"),
    (b"BM", "image/bmp"),
    (b"{\\rtf", "application/rtf"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "application/x-ole-storage"),
)
DOCX = _BY_EXTENSION[".docx"]
TEXT_TYPES = ("text/plain", "text/markdown", "text/csv")


class DocumentNotFoundError(PeerdeskError):
    default_message = "That document is no longer in the notebook."


class DocumentRefusedError(ValidationError):
    default_message = "peerdesk cannot take in this file."


@dataclass(frozen=True)
class Document:
    """A document's details; the bytes come separately from ``document_bytes``."""

    id: int
    title: str
    file_name: str
    media_type: str
    size: int
    sha256: str
    imported_at: datetime
    notes: str = ""
    has_text: bool = False

    @property
    def view_kind(self) -> str:
        """How peerdesk can show it: "pdf", "image", "text" (DOCX as its text) or "none"."""
        if self.media_type == "application/pdf":
            return "pdf"
        if self.media_type.startswith("image/") and self.media_type != "image/webp":
            return "image"
        if self.media_type in TEXT_TYPES or self.media_type == DOCX:
            return "text"
        return "none"

    @property
    def size_text(self) -> str:
        if self.size < 1024:
            return f"{self.size} bytes"
        if self.size < 1024 * 1024:
            return f"{self.size / 1024:.0f} KB"
        return f"{self.size / (1024 * 1024):.1f} MB"


def detect_media_type(file_name: str, data: bytes) -> str:
    """From the file's first bytes where they say, else from its extension."""
    suffix = Path(file_name).suffix.lower()
    by_name = _BY_EXTENSION.get(suffix, "application/octet-stream")
    for magic, media_type in _MAGIC:
        if data.startswith(magic):
            if media_type == "application/x-ole-storage":  # old Office formats share it
                return by_name if suffix in (".doc", ".xls", ".ppt") else "application/msword"
            if media_type == "image/bmp" and suffix != ".bmp":
                continue
            return media_type
    if data.startswith(b"RIFF") and data[8:12] == b"WEBP":
        return "image/webp"
    if data.startswith(b"PK\x03\x04"):
        if suffix in (".docx", ".xlsx", ".pptx", ".odt"):
            return by_name
        return "application/zip"
    if suffix == ".pdf" or (by_name.startswith("image/") and data):
        raise DocumentRefusedError(f"{file_name} is named like a {suffix[1:].upper()} file "
                                   "but its contents are something else, so it was not "
                                   "imported.")
    return by_name


def decode_text(data: bytes) -> str:
    """Text in UTF-8 (with or without a BOM), UTF-16 with a BOM, or Windows-1252."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError:
            pass
    for encoding in ("utf-8-sig", "cp1252"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    return data.decode("latin-1")


def _pdf_text(data: bytes) -> str:
    import pypdf

    logging.getLogger("pypdf").setLevel(logging.ERROR)
    reader = pypdf.PdfReader(io.BytesIO(data))
    if reader.is_encrypted and not reader.decrypt(""):
        return ""
    return "\n".join(page.extract_text() or "" for page in reader.pages)


def _docx_text(data: bytes) -> str:
    import docx

    document = docx.Document(io.BytesIO(data))
    lines = [p.text for p in document.paragraphs]
    for table in document.tables:
        for row in table.rows:
            lines.append("\t".join(cell.text for cell in row.cells))
    return "\n".join(lines)


def extract_text(media_type: str, data: bytes) -> str:
    """Text for searching, taken out in memory; "" when there is none or it cannot be read."""
    try:
        if media_type == "application/pdf":
            return _pdf_text(data)
        if media_type == DOCX:
            return _docx_text(data)
        if media_type in TEXT_TYPES:
            return decode_text(data)
    except (ValueError, KeyError, OSError, zipfile.BadZipFile, RecursionError):
        return ""
    except Exception as exc:  # pypdf raises its own errors for damaged files
        if type(exc).__module__.startswith(("pypdf", "docx")):
            return ""
        raise
    return ""


_COLUMNS = "id, title, file_name, media_type, size, sha256, imported_at, notes, text != ''"


def _document(r: Any) -> Document:
    return Document(r[0], r[1], r[2], r[3], r[4], r[5], datetime.fromisoformat(r[6]), r[7],
                    bool(r[8]))


def import_bytes(notebook: Notebook, data: bytes, file_name: str,
                 title: str | None = None) -> Document:
    """Take a document into the notebook (from a drop or a file already read)."""
    name = Path(file_name).name or "document"
    if not data:
        raise DocumentRefusedError(f"{name} is empty, so there is nothing to import.")
    if len(data) > MAX_BYTES:
        raise DocumentRefusedError(
            f"{name} is {len(data) / (1024 * 1024):.0f} MB; peerdesk takes documents up to "
            f"{MAX_BYTES // (1024 * 1024)} MB.")
    media_type = detect_media_type(name, data)
    text = extract_text(media_type, data)
    digest = hashlib.sha256(data).hexdigest()
    label = (title or "").strip() or Path(name).stem or name
    with notebook.write() as conn:
        cur = conn.execute(
            "INSERT INTO document (title, file_name, media_type, size, sha256, content, text,"
            " imported_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            (label, name, media_type, len(data), digest, data, text, notebook.now_text()))
        document_id = int(cur.lastrowid or 0)
    return get_document(notebook, document_id)


def import_file(notebook: Notebook, path: Path, title: str | None = None) -> Document:
    try:
        size = path.stat().st_size
        if size > MAX_BYTES:
            raise DocumentRefusedError(
                f"{path.name} is {size / (1024 * 1024):.0f} MB; peerdesk takes documents up "
                f"to {MAX_BYTES // (1024 * 1024)} MB.")
        data = path.read_bytes()
    except OSError as exc:
        raise DocumentRefusedError(f"{path.name} cannot be read ({exc.strerror}).") from None
    document = import_bytes(notebook, data, path.name, title)
    from peerdesk.capture.originals import record_original

    record_original(notebook, path, "document", data)  # destruction offers to delete it
    return document


def get_document(notebook: Notebook, document_id: int) -> Document:
    with notebook.read() as conn:
        row = conn.execute(f"SELECT {_COLUMNS} FROM document WHERE id = ?",
                           (document_id,)).fetchone()
    if row is None:
        raise DocumentNotFoundError()
    return _document(row)


def list_documents(notebook: Notebook) -> list[Document]:
    with notebook.read() as conn:
        rows = conn.execute(f"SELECT {_COLUMNS} FROM document"
                            " ORDER BY title COLLATE NOCASE, id").fetchall()
    return [_document(r) for r in rows]


def document_bytes(notebook: Notebook, document_id: int) -> bytes:
    with notebook.read() as conn:
        row = conn.execute("SELECT content FROM document WHERE id = ?", (document_id,)).fetchone()
    if row is None:
        raise DocumentNotFoundError()
    return bytes(row[0])


def document_text(notebook: Notebook, document_id: int) -> str:
    with notebook.read() as conn:
        row = conn.execute("SELECT text FROM document WHERE id = ?", (document_id,)).fetchone()
    if row is None:
        raise DocumentNotFoundError()
    return str(row[0])


def rename_document(notebook: Notebook, document_id: int, title: str) -> None:
    if not title.strip():
        raise ValidationError("Give the document a title.")
    _update(notebook, "UPDATE document SET title = ? WHERE id = ?", (title.strip(), document_id))


def set_document_notes(notebook: Notebook, document_id: int, notes: str) -> None:
    _update(notebook, "UPDATE document SET notes = ? WHERE id = ?", (notes, document_id))


def _update(notebook: Notebook, sql: str, args: tuple[object, ...]) -> None:
    with notebook.write() as conn:
        if conn.execute(sql, args).rowcount == 0:
            raise DocumentNotFoundError()


def delete_document(notebook: Notebook, document_id: int) -> None:
    """Remove the document; post-its taken from it stay, without their source."""
    with notebook.write() as conn:
        conn.execute("DELETE FROM document WHERE id = ?", (document_id,))


def save_copy_outside(notebook: Notebook, document_id: int, path: Path) -> ExportRecord:
    """Write a PLAINTEXT copy to ``path``: only on the peer's explicit request.

    The copy is recorded in the register of copies (opened outside peerdesk), so that
    destruction lists it and removes it.
    """
    data = document_bytes(notebook, document_id)
    return write_export(notebook, path, data, kind="document_copy", opened_outside=True)


OUTSIDE_WARNING = (
    "peerdesk will save an unencrypted copy of this document where you choose. The copy "
    "is listed in this engagement's register of copies and is removed when you destroy "
    "the engagement, but until then anyone with access to this computer can read it.")
