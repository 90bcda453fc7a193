"""Emailing the manager with no mail program: said plainly, the draft and the text offered,
and the link (title, names, address) never handed to xdg-open, so never printed."""

from __future__ import annotations

import subprocess
from datetime import UTC, datetime
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from peerdesk.destruction.certificate import Attestations
from peerdesk.destruction.email import confirmation
from peerdesk.gui.destruction import manager_email
from tests.conftest import need_tools


def _mail() -> manager_email.Confirmation:
    return confirmation("Northvale ICS peer challenge", "Alex Morgan", "Priya Shah",
                        "priya.shah@example.org", datetime(2026, 3, 6, 14, tzinfo=UTC),
                        True, Attestations(True, True, True))


@pytest.fixture
def xdg_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    need_tools("xdg-mime")
    home = tmp_path / "user"
    (home / ".local" / "share" / "applications").mkdir(parents=True)
    (home / ".config").mkdir()
    monkeypatch.setenv("HOME", str(home))
    for name in ("XDG_DATA_HOME", "XDG_CONFIG_HOME", "XDG_CURRENT_DESKTOP"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("XDG_DATA_DIRS", str(tmp_path / "none"))
    return home


def test_xdg_mime_tells_whether_a_mail_program_would_take_the_link(xdg_home: Path) -> None:
    assert manager_email.mail_program("linux") is None
    desktop = xdg_home / ".local" / "share" / "applications" / "test-mail.desktop"
    desktop.write_text("[Desktop Entry]\nType=Application\nName=Test mail\nExec=true %u\n"
                       "MimeType=x-scheme-handler/mailto;\n")
    subprocess.run(["xdg-mime", "default", "test-mail.desktop", "x-scheme-handler/mailto"],
                   check=True, timeout=30)
    assert manager_email.mail_program("linux") == "test-mail.desktop"
    assert manager_email.mail_program("win32") and manager_email.mail_program("darwin")


def test_with_no_mail_program_it_says_so_and_offers_the_draft_and_the_text(
        qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
        capfd: pytest.CaptureFixture[str]) -> None:
    monkeypatch.setattr(manager_email, "mail_program", lambda: None)
    opened: list[object] = []
    monkeypatch.setattr(manager_email.QDesktopServices, "openUrl",
                        lambda url: opened.append(url) or True)
    pdf = tmp_path / "destruction-certificate-2026-03-06-abc.pdf"
    pdf.write_bytes(b"%PDF-1.4 certificate")
    outcome = manager_email.email_manager(_mail(), pdf)
    assert opened == []   # the link went nowhere, so nothing printed it
    assert not outcome.opened and outcome.draft is not None and outcome.ok
    assert "No mail program is set up on this computer" in outcome.message
    assert str(outcome.draft) in outcome.message and "copy the email's text" in outcome.message
    assert outcome.text.startswith("To: Priya Shah <priya.shah@example.org>\nSubject: Notes "
                                   "destroyed: Northvale ICS peer challenge\n\nDear Priya,")
    assert manager_email.copy_email(outcome.text) == manager_email.COPIED
    from PySide6.QtGui import QGuiApplication

    assert QGuiApplication.clipboard().text() == outcome.text
    QGuiApplication.clipboard().clear()
    captured = capfd.readouterr()
    assert "priya" not in (captured.out + captured.err).lower()
