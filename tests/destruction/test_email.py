"""The confirmation to the manager: the .eml draft (read back by independent parsers) and
the mailto: link."""

from __future__ import annotations

import email
import stat
import subprocess
from datetime import UTC, datetime
from email import policy
from email.message import EmailMessage
from pathlib import Path
from urllib.parse import parse_qs, unquote, urlsplit

import pytest

from peerdesk.destruction import destroy as destruction
from peerdesk.destruction.certificate import Attestations
from peerdesk.destruction.certificates import destroyed_engagements
from peerdesk.destruction.destroy import DestructionResult
from peerdesk.destruction.email import confirmation, for_destroyed, mailto_url, save_draft
from peerdesk.vault.library import Library
from peerdesk.vault.notebook import Notebook
from tests.conftest import MemoryKeyring, need_tools
from tests.destruction_helpers import TITLE


@pytest.fixture
def result(library: Library, notebook: Notebook,
           memory_keyring: MemoryKeyring) -> DestructionResult:
    done = destruction.run(library, destruction.plan(library, notebook), notebook,
                           confirm_title=TITLE, attestations=Attestations(True, True, False))
    assert done.ok and done.files is not None and done.files.draft is not None
    return done


def test_draft_headers_and_body(result: DestructionResult) -> None:
    assert result.files is not None and result.files.draft is not None
    draft = result.files.draft
    assert draft.parent == result.files.pdf.parent
    assert stat.S_IMODE(draft.stat().st_mode) == 0o600
    message = email.message_from_bytes(draft.read_bytes(), policy=policy.default)
    assert isinstance(message, EmailMessage)
    assert message["X-Unsent"] == "1"
    assert message["To"].addresses[0].addr_spec == "priya.shah@example.org"
    assert message["To"].addresses[0].display_name == "Priya Shah"
    assert message["Subject"] == f"Notes destroyed: {TITLE}"
    body = message.get_body(preferencelist=("plain",))
    assert body is not None
    text = body.get_content()
    assert TITLE in text and "03/03/2026 at 09:00 (UTC+00:00)" in text
    assert "every check it ran afterwards passed" in text
    assert "I have shredded my handwritten notes." in text
    assert "I have not yet confirmed deleting other copies I emailed or downloaded." in text
    assert "certificate from peerdesk is attached" in text and text.startswith("Dear Priya,")
    assert text.rstrip().endswith("Alex Morgan")
    [attachment] = list(message.iter_attachments())
    assert attachment.get_content_type() == "application/pdf"
    assert attachment.get_filename() == result.files.pdf.name
    assert attachment.get_content() == result.files.pdf.read_bytes()


def test_munpack_recovers_the_pdf_byte_for_byte(result: DestructionResult,
                                                tmp_path: Path) -> None:
    need_tools("munpack")
    assert result.files is not None and result.files.draft is not None
    out = tmp_path / "munpack"
    out.mkdir()
    subprocess.run(["munpack", "-t", "-q", str(result.files.draft)], cwd=out, check=True,
                   capture_output=True)
    pdfs = list(out.glob("*.pdf"))
    assert [p.name for p in pdfs] == [result.files.pdf.name]
    assert pdfs[0].read_bytes() == result.files.pdf.read_bytes()


def test_ripmime_recovers_the_pdf_byte_for_byte(result: DestructionResult,
                                                tmp_path: Path) -> None:
    need_tools("ripmime")
    assert result.files is not None and result.files.draft is not None
    out = tmp_path / "ripmime"
    out.mkdir()
    subprocess.run(["ripmime", "-i", str(result.files.draft), "--no-nameless", "-d", str(out)],
                   check=True, capture_output=True)
    pdfs = list(out.glob("*.pdf"))
    assert [p.name for p in pdfs] == [result.files.pdf.name]
    assert pdfs[0].read_bytes() == result.files.pdf.read_bytes()


def test_mailto_carries_address_subject_and_body(result: DestructionResult,
                                                 library: Library) -> None:
    [entry] = destroyed_engagements(library.paths)
    url = mailto_url(for_destroyed(entry, "Alex Morgan"))
    parts = urlsplit(url)
    assert parts.scheme == "mailto" and unquote(parts.path) == "priya.shah@example.org"
    assert " " not in url and "\n" not in url
    query = parse_qs(parts.query)
    assert query["subject"] == [f"Notes destroyed: {TITLE}"]
    body = query["body"][0]
    assert TITLE in body and "03/03/2026 at 09:00" in body and "\r\n" in body
    assert "attached" not in body     # a mailto link cannot carry the certificate


def test_incomplete_destruction_is_not_reported_as_done(tmp_path: Path) -> None:
    mail = confirmation("Eskdale review", "Alex Morgan", "", "", datetime(2026, 4, 1, 10, 30,
                        tzinfo=UTC), complete=False, attestations=Attestations())
    assert mail.subject == "Destruction not yet complete: Eskdale review"
    assert "not complete yet" in mail.body and "destroyed my" not in mail.body
    assert mail.body.startswith("Hello,")
    pdf = tmp_path / "certificate.pdf"
    pdf.write_bytes(b"%PDF-1.4\n%%EOF\n")
    draft = save_draft(mail, pdf)
    message = email.message_from_bytes(draft.read_bytes(), policy=policy.default)
    assert message["To"] is None and message["X-Unsent"] == "1"
    assert mailto_url(mail).startswith("mailto:?subject=Destruction%20not%20yet%20complete")
