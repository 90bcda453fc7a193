"""The certificate says what was done, lists exactly the checks that ran, and never
over-claims; the PDF has embedded fonts, page numbers and neutral metadata."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

import pytest
from PIL import Image

from peerdesk.destruction import destroy as destruction
from peerdesk.destruction.certificate import Attestations
from peerdesk.destruction.destroy import DestructionResult
from peerdesk.destruction.inventory import Action
from peerdesk.destruction.verify import CHECK_KEYS
from peerdesk.vault.library import Library
from peerdesk.vault.notebook import Notebook
from tests.conftest import MemoryKeyring, need_tools
from tests.destruction_helpers import TITLE, set_the_scene

OVER_CLAIMS = ["permanently erased", "permanently deleted", "permanently removed", "nist",
               "dod", "hmg", "is5", "compliant", "compliance", "securely erased",
               "unrecoverable", "irrecoverable", "wiped", "shredded the file",
               "files shredded", "guaranteed that", "certified to", "meets the standard"]


@pytest.fixture
def destroyed(library: Library, notebook: Notebook, tmp_path: Path,
              memory_keyring: MemoryKeyring) -> tuple[DestructionResult, str, list[str]]:
    scene = set_the_scene(library, notebook, tmp_path / "Documents", big_export=2 << 20)
    inventory = destruction.plan(library, notebook, keep={scene.kept.id: "the manager has it"})
    labels = [a.label for a in inventory.artefacts]
    result = destruction.run(library, inventory, notebook, confirm_title=TITLE,
                             attestations=Attestations(True, False, True))
    assert result.files is not None
    return result, scene.notebook_id, labels


def pdf_text(path: Path) -> str:
    need_tools("pdftotext")
    return subprocess.run(["pdftotext", "-layout", str(path), "-"], capture_output=True,
                          text=True, check=True).stdout


def flat(text: str) -> str:
    return " ".join(text.split())


def listed_checks(text: str) -> list[tuple[str, str]]:
    return re.findall(r"\[(passed|FAILED)\] ([^:\n]+?): ", flat(text))


def test_no_over_claiming_in_text_or_pdf(
        destroyed: tuple[DestructionResult, str, list[str]]) -> None:
    result, _, _ = destroyed
    assert result.files is not None
    for text in (result.files.text.read_text("utf-8"), pdf_text(result.files.pdf)):
        lowered = flat(text).lower()
        for phrase in OVER_CLAIMS:
            assert not re.search(rf"\b{re.escape(phrase)}\b", lowered), phrase
        # "shredded" only ever about paper notes, never about files
        for sentence in re.split(r"(?<=[.!?])\s", lowered):
            if "shredded" in sentence:
                assert "handwritten notes" in sentence, sentence
        # the limits are there, in plain words
        for idea in ("both stored copies of the notebook's key", "cannot be read",
                     "random data", "backups and snapshots", "recycle bins",
                     "storage device itself", "solid-state drives", "in sync with a cloud",
                     "cannot be guaranteed to reach every physical copy"):
            assert idea in flat(text), idea


def test_every_check_listed_was_run_and_every_artefact_is_there(
        destroyed: tuple[DestructionResult, str, list[str]]) -> None:
    result, _, labels = destroyed
    assert result.files is not None
    recorded = [("passed" if c.passed else "FAILED", c.label) for c in result.checks]
    assert [c.key for c in result.checks] == list(CHECK_KEYS)
    for text in (result.files.text.read_text("utf-8"), pdf_text(result.files.pdf)):
        assert listed_checks(text.split("Checks run after destruction")[1]
                             .split("Copies kept")[0]) == recorded
        body = flat(text)
        for label in labels:
            assert label in body
        assert "Engagement: Northvale health and care partnership" in body
        assert "Peer: Alex Morgan" in body
        assert "Priya Shah <priya.shah@example.org>" in body
        assert "Finished: 03/03/2026 at 09:00 (UTC+00:00)" in body
        assert "peerdesk version: 0.1.0" in body
        assert "kept because the manager has it" in body
        assert "Overwritten with random data (2,097,152 bytes), then deleted" in body
        assert "(2.0 MiB)" in body
        assert "[x] My handwritten notes from this engagement have been shredded." in body
        assert "[ ] Printed background documents have been disposed of" in body
        assert "[x] Other copies I emailed or downloaded outside peerdesk have been deleted." \
            in body


def test_no_id_in_certificate_files_or_names(
        destroyed: tuple[DestructionResult, str, list[str]]) -> None:
    result, notebook_id, _ = destroyed
    assert result.files is not None and result.files.draft is not None
    for path in (result.files.text, result.files.pdf, result.files.sidecar, result.files.draft):
        assert notebook_id not in path.name
        data = path.read_bytes()
        assert notebook_id.encode() not in data and notebook_id.encode("utf-16-le") not in data
    assert notebook_id not in pdf_text(result.files.pdf)


def test_pdf_fonts_metadata_and_pages(
        destroyed: tuple[DestructionResult, str, list[str]]) -> None:
    need_tools("pdffonts", "pdfinfo", "qpdf")
    result, _, _ = destroyed
    assert result.files is not None
    pdf = str(result.files.pdf)
    subprocess.run(["qpdf", "--check", pdf], capture_output=True, check=True)
    fonts = subprocess.run(["pdffonts", pdf], capture_output=True, text=True,
                           check=True).stdout.splitlines()[2:]
    assert fonts and all(line.split()[-5] == "yes" for line in fonts), fonts
    info = subprocess.run(["pdfinfo", pdf], capture_output=True, text=True, check=True).stdout
    assert "Title:           peerdesk destruction certificate" in info
    for private in ("Northvale", "Alex", "Morgan", "Priya", "Shah"):
        assert private not in info
    pages = int(re.search(r"Pages:\s+(\d+)", info).group(1))  # type: ignore[union-attr]
    text = pdf_text(result.files.pdf)
    for page in range(1, pages + 1):
        assert f"Page {page} of {pages}" in text


def test_pdf_looks_like_a_certificate(destroyed: tuple[DestructionResult, str, list[str]],
                                      tmp_path: Path) -> None:
    need_tools("pdftoppm")
    result, _, _ = destroyed
    assert result.files is not None
    subprocess.run(["pdftoppm", "-png", "-r", "60", "-f", "1", "-l", "1", str(result.files.pdf),
                    str(tmp_path / "page")], check=True)
    [png] = list(tmp_path.glob("page*.png"))
    image = Image.open(png).convert("L")
    width, height = image.size
    assert 480 < width < 520 and 690 < height < 720          # A4 at 60 dpi, portrait
    pixels = image.tobytes()
    inked = sum(p < 128 for p in pixels) / len(pixels)
    assert 0.01 < inked < 0.25                               # text on a white page
    top = image.crop((0, 0, width, height // 8))
    assert min(top.tobytes()) < 80                           # the heading is dark and near the top
    margin = image.crop((0, 0, 30, height))
    assert min(margin.tobytes()) > 200                       # nothing runs into the left margin


def test_kept_copies_section_when_none_kept(library: Library, notebook: Notebook,
                                            memory_keyring: MemoryKeyring) -> None:
    inventory = destruction.plan(library, notebook)
    assert all(a.action is not Action.KEEP for a in inventory.artefacts)
    result = destruction.run(library, inventory, notebook, confirm_title=TITLE)
    assert result.files is not None
    text = flat(result.files.text.read_text("utf-8"))
    assert "Copies kept ----------- None: every copy peerdesk had recorded" in text
    assert "An unticked box means the peer did not confirm that item." in text
