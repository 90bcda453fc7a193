"""Exporting: refused while a hit is unresolved, then written, recorded and clean."""

from __future__ import annotations

import hashlib
import io
import re
import subprocess
import threading
import zipfile
from pathlib import Path

import pytest

from peerdesk.summary.attribution import accept
from peerdesk.summary.export import (
    ExportCancelledError,
    UnresolvedHitsError,
    default_file_name,
    export_summary,
    prepare,
)
from peerdesk.vault.errors import ValidationError
from peerdesk.vault.exports import ExportRecord, list_exports
from peerdesk.vault.notebook import Notebook
from tests import summary_fixture
from tests.conftest import need_tools


def test_refused_while_a_hit_is_unresolved_then_edited(notebook: Notebook,
                                                       tmp_path: Path) -> None:
    fx = summary_fixture.build(notebook)
    finding = summary_fixture.add_finding(notebook, fx.charts[3][0],
                                          "Ann Webb says governance is slow; ring 07700 900123")
    out = tmp_path / "out"
    out.mkdir()
    target = out / "summary.pdf"
    with pytest.raises(UnresolvedHitsError) as refused:
        export_summary(notebook, "pdf", target)
    assert [(h.term, h.category.value) for h in refused.value.hits] == [
        ("Ann Webb", "participant_name"), ("07700 900123", "phone")]
    assert "2 things that could identify someone" in refused.value.message
    assert list(out.iterdir()) == []      # not even a temporary file
    assert list_exports(notebook) == []
    assert not prepare(notebook).ready

    with notebook.write() as conn:
        conn.execute("UPDATE finding SET headline = ? WHERE id = ?",
                     ("Governance is slow to decide", finding))
    record = export_summary(notebook, "pdf", target)
    assert record.path == target and record.kind == "summary_pdf"
    data = target.read_bytes()
    assert record.size == len(data)
    assert record.sha256 == hashlib.sha256(data).hexdigest()
    assert target.stat().st_mode & 0o777 == 0o600
    assert list_exports(notebook) == [record]


def test_accepting_a_hit_lets_the_export_through(notebook: Notebook, tmp_path: Path) -> None:
    fx = summary_fixture.build(notebook)
    summary_fixture.add_finding(notebook, fx.charts[3][0], "A will to change is widespread",
                                detail="The Practice nurse role is valued everywhere.")
    prepared = prepare(notebook)
    [hit] = prepared.hits
    assert (hit.term, hit.category.value) == ("Practice nurse", "unique_role")
    accept(notebook, hit)
    assert prepare(notebook).ready
    record = export_summary(notebook, "txt", tmp_path / "out.txt")
    assert "The Practice nurse role is valued everywhere." in record.path.read_text("utf-8")


def test_default_name_carries_no_personal_data(notebook: Notebook, tmp_path: Path) -> None:
    summary_fixture.build(notebook)
    assert default_file_name("pdf", notebook.clock.now().date()) == "peer-summary-2026-03-03.pdf"
    record = export_summary(notebook, "docx", tmp_path)
    assert record.path == tmp_path / "peer-summary-2026-03-03.docx"
    record = export_summary(notebook, "txt", tmp_path / "for-the-manager")
    assert record.path.name == "for-the-manager.txt"
    with pytest.raises(ValidationError):
        export_summary(notebook, "rtf", tmp_path / "x.rtf")


def test_progress_and_cancel_off_the_ui_thread(notebook: Notebook, tmp_path: Path) -> None:
    summary_fixture.build(notebook)
    seen: list[tuple[float, str]] = []
    done: list[ExportRecord] = []
    worker = threading.Thread(target=lambda: done.append(export_summary(
        notebook, "pdf", tmp_path / "a.pdf", progress=lambda f, m: seen.append((f, m)))))
    worker.start()
    worker.join(60)
    assert done and done[0].path.exists()
    fractions = [f for f, _m in seen]
    assert fractions == sorted(fractions) and fractions[-1] == 1.0
    assert seen[0][1] == "Gathering the chosen findings" and seen[-1][1] == "Saved"
    assert any(m == "Making the PDF" for _f, m in seen)

    stop = threading.Event()

    def cancel_midway(fraction: float, _message: str) -> None:
        if fraction >= 0.2:
            stop.set()

    with pytest.raises(ExportCancelledError):
        export_summary(notebook, "pdf", tmp_path / "b.pdf", progress=cancel_midway,
                       cancel=stop)
    assert not (tmp_path / "b.pdf").exists()
    assert [r.path.name for r in list_exports(notebook)] == ["a.pdf"]


def _docx_text(data: bytes) -> str:
    """Every run of text in every part (body, footer, properties), markup left out."""
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        xml = "\n".join(archive.read(n).decode("utf-8", "replace")
                        for n in archive.namelist() if n.endswith((".xml", ".rels")))
    return "\n".join(re.findall(r">([^<]+)<", xml))


def test_no_name_but_the_peers_own_on_the_cover_in_any_output(notebook: Notebook,
                                                               tmp_path: Path) -> None:
    need_tools("pdftotext", "pdfinfo")
    summary_fixture.build(notebook)
    pdf = export_summary(notebook, "pdf", tmp_path / "s.pdf").path
    docx = export_summary(notebook, "docx", tmp_path / "s.docx").path
    txt = export_summary(notebook, "txt", tmp_path / "s.txt").path
    pages = [subprocess.run(["pdftotext", "-f", str(n), "-l", str(n), str(pdf), "-"],
                            capture_output=True, text=True, check=True).stdout
             for n in range(1, 4)]
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True).stdout
    outputs = {"pdf": "\n".join(pages) + info, "docx": _docx_text(docx.read_bytes()),
               "txt": txt.read_text("utf-8")}
    names = summary_fixture.every_name(notebook)
    assert "Sam O'Neill" in names and "Siân Ap-Rhys" in names and "Priya Shah" in names
    for fmt, text in outputs.items():
        for name in names:
            for word in [name, *name.replace("'", " ").split()]:
                if len(word) >= 3:
                    assert word not in text, (fmt, word)
        assert "Meeting with" not in text and "Raw notes" not in text, fmt
        assert text.count("Alex Morgan") == 1, fmt    # the peer, on the cover only
    assert "Alex Morgan" in pages[0]
    assert len(list_exports(notebook)) == 3
