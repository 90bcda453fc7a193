"""Destroy, verify, confirm, as a peer does it: the sign-off date, the reminder at every
start, a hold, the wizard from the reminder, the result, the certificate and the email."""

from __future__ import annotations

import re
import subprocess
from collections.abc import Callable, Iterator
from datetime import date
from pathlib import Path
from urllib.parse import parse_qs, unquote, urlsplit

import pytest
from PySide6.QtCore import QObject, Qt, QUrl, Slot
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QCheckBox, QTableWidget, QWidget
from pytestqt.qtbot import QtBot

from peerdesk.destruction import destroy as destruction
from peerdesk.destruction.certificates import destroyed_engagements
from peerdesk.gui.destruction.destroy_wizard import DestroyWizard
from peerdesk.gui.destruction.retention_panel import RetentionPanel
from peerdesk.gui.shell.main_window import MainWindow
from peerdesk.vault.clock import ManualClock
from peerdesk.vault.exports import ExportRecord, write_export
from peerdesk.vault.library import Library
from peerdesk.vault.paths import AppPaths
from peerdesk.vault.settings import Settings
from tests.conftest import PASSPHRASE, MemoryKeyring, need_tools, sample_details
from tests.gui.helpers import shown_window, visible_texts
from tests.locations import ROOT

TITLE = "Northvale health and care partnership"
KEEP_REASON = "the manager already holds it"
Start = Callable[[], MainWindow]


def click(qtbot: QtBot, widget: QWidget) -> None:
    assert widget.isVisible() and widget.isEnabled(), widget.accessibleName()
    qtbot.mouseClick(widget, Qt.MouseButton.LeftButton)


def list_texts(widget: object) -> list[str]:
    return [widget.item(i).text() for i in range(widget.count())]  # type: ignore[attr-defined]


def table_text(table: QTableWidget) -> str:
    return "\n".join(" | ".join(table.item(row, column).text() for column in range(4))
                     for row in range(table.rowCount()))


class MailCatcher(QObject):
    """Stands in for the mail program: QDesktopServices hands it every mailto: URL."""

    def __init__(self) -> None:
        super().__init__()
        self.urls: list[str] = []
        self.mails: list[dict[str, str]] = []

    @Slot(QUrl)
    def catch(self, url: QUrl) -> None:
        text = url.toString(QUrl.ComponentFormattingOption.FullyEncoded)
        self.urls.append(text)
        parts = urlsplit(text)
        fields = {k: v[0] for k, v in parse_qs(parts.query).items()}
        self.mails.append({"to": unquote(parts.path), **fields})


@pytest.fixture
def mail(monkeypatch: pytest.MonkeyPatch) -> Iterator[MailCatcher]:
    """The catcher, set up as this computer's mail program."""
    from peerdesk.gui.destruction import manager_email

    monkeypatch.setattr(manager_email, "mail_program", lambda: "the catcher")
    catcher = MailCatcher()
    QDesktopServices.setUrlHandler("mailto", catcher, "catch")
    try:
        yield catcher
    finally:
        QDesktopServices.unsetUrlHandler("mailto")


@pytest.fixture
def engagement(library: Library, tmp_path: Path) -> tuple[str, ExportRecord]:
    (tmp_path / "Documents").mkdir()
    with library.create(sample_details(), PASSPHRASE) as notebook:
        export = write_export(notebook, tmp_path / "Documents" / "northvale summary.txt",
                              b"Summary for the manager.\n" * 40, "summary_txt")
        return notebook.id, export


@pytest.fixture
def start(qtbot: QtBot, paths: AppPaths, library: Library,
          clock: ManualClock) -> Iterator[Start]:
    """Start peerdesk (again): a new window, shown, its list filled as at a real start."""
    windows: list[MainWindow] = []

    def launch() -> MainWindow:
        for old in windows:
            old.close()
        window = shown_window(qtbot, paths, clock, library)
        window.refresh_library()
        windows.append(window)
        return window

    yield launch
    for window in windows:
        if window.destruction.wizard is not None:
            worker = window.destruction.wizard.worker
            if worker is not None:
                worker.wait(30)
        window.close()


def retention_panel(window: MainWindow) -> RetentionPanel:
    assert window.page is not None
    overview = window.page.tab("Overview")
    return overview.retention  # type: ignore[attr-defined, no-any-return]


def wizard_of(qtbot: QtBot, window: MainWindow) -> DestroyWizard:
    qtbot.waitUntil(lambda: window.destruction.wizard is not None
                    and window.destruction.wizard.isVisible())
    wizard = window.destruction.wizard
    assert wizard is not None
    return wizard


def run_to_the_end(qtbot: QtBot, wizard: DestroyWizard) -> None:
    qtbot.waitUntil(lambda: wizard.outcome is not None or wizard.run_page.result_box
                    .isVisibleTo(wizard), timeout=60_000)
    assert wizard.worker is not None
    wizard.worker.wait(10)


def through_to_confirm(qtbot: QtBot, wizard: DestroyWizard) -> None:
    qtbot.waitUntil(lambda: wizard.inventory_page.inventory is not None, timeout=30_000)
    click(qtbot, wizard.next_button)
    click(qtbot, wizard.next_button)
    assert wizard.confirm_page.isVisible()


def test_from_signoff_to_the_email(qtbot: QtBot, start: Start, clock: ManualClock,
                                   paths: AppPaths, engagement: tuple[str, ExportRecord],
                                   memory_keyring: MemoryKeyring, mail: MailCatcher,
                                   tmp_path: Path) -> None:
    need_tools("munpack")
    notebook_id, export = engagement
    window = start()
    assert window.messages.text() == ""            # nothing due yet
    assert window.open_notebook(notebook_id)
    panel = retention_panel(window)
    assert "not signed off yet" in panel.status.text()

    # The manager says the report was signed off on 01/03/2026: record it.
    panel.date_edit.setFocus()
    panel.date_edit.setSelectedSection(panel.date_edit.Section.DaySection)
    qtbot.keyClicks(panel.date_edit, "01032026")
    assert panel.date_edit.date().toPython() == date(2026, 3, 1)
    click(qtbot, panel.record_button)
    assert "due for 2 days, since the report was signed off on 01/03/2026" \
        in panel.status.text()
    assert window.page is not None
    assert "Report signed off: destruction due" in window.page.stage_label.text()

    # Ten days later peerdesk starts again: the reminder is in the message bar.
    clock.advance(10 * 24 * 3600)
    window = start()
    assert "Destruction has been due for 12 days" in window.messages.text()
    assert TITLE in window.messages.text()
    assert window.messages.kind == "warning"
    assert window.messages.action_button.text() == "Destroy no&w…"

    # An information request arrives: put destruction on hold.
    assert window.open_notebook(notebook_id)
    assert "due for 12 days" in window.messages.text()     # also on opening
    panel = retention_panel(window)
    qtbot.keyClicks(panel.reason_edit, "pending information request")
    click(qtbot, panel.hold_button)
    assert panel.status.text().startswith(
        "On hold since 13/03/2026: pending information request.")
    assert "due for" not in panel.status.text()
    window = start()
    assert "On hold since 13/03/2026: pending information request" in window.messages.text()
    assert not window.messages.action_button.isVisible()
    assert window.open_notebook(notebook_id)
    click(qtbot, retention_panel(window).lift_button)
    assert "due for 12 days" in retention_panel(window).status.text()

    # Next start: destroy from the reminder.
    window = start()
    assert "due for 12 days" in window.messages.text()
    click(qtbot, window.messages.action_button)
    wizard = wizard_of(qtbot, window)
    assert wizard.windowTitle() == "Destroy the notebook" and TITLE not in window.windowTitle()
    qtbot.waitUntil(lambda: wizard.inventory_page.inventory is not None, timeout=30_000)
    listed = visible_texts(wizard.inventory_page) + table_text(wizard.inventory_page.table)
    for expected in ("The encrypted notebook file", "The notebook's key file",
                     "The notebook's key in the computer's credential store",
                     "Summary as text exported 03/03/2026",
                     str(export.path), "Will be overwritten with random data, then deleted"):
        assert expected in listed, expected
    keep_box, reason = wizard.inventory_page.keeps[export.id]
    keep_box.setFocus()
    qtbot.keyClick(keep_box, Qt.Key.Key_Space)
    assert not wizard.next_button.isEnabled()         # a kept copy needs its reason
    qtbot.keyClicks(reason, KEEP_REASON)
    assert wizard.next_button.isEnabled()
    assert f"Kept, because {KEEP_REASON}" in table_text(wizard.inventory_page.table)
    click(qtbot, wizard.next_button)

    for box in wizard.attestation_page.findChildren(QCheckBox):
        box.setFocus()
        qtbot.keyClick(box, Qt.Key.Key_Space)
    click(qtbot, wizard.next_button)
    assert "You ticked 3 of 3 confirmations." in wizard.confirm_page.summary.text()
    assert not wizard.destroy_button.isEnabled()
    qtbot.keyClicks(wizard.confirm_page.title_edit, "Northvale health partnership")
    assert not wizard.destroy_button.isEnabled()
    assert wizard.confirm_page.match_label.text() == "The title does not match yet."
    assert paths.notebook_file(notebook_id).exists()
    wizard.confirm_page.title_edit.clear()
    qtbot.keyClicks(wizard.confirm_page.title_edit, TITLE)
    assert wizard.destroy_button.isEnabled()
    click(qtbot, wizard.destroy_button)
    assert window.page is None and window.notebook is None    # dropped, like lock
    run_to_the_end(qtbot, wizard)

    outcome = wizard.outcome
    assert outcome is not None and outcome.ok, outcome and outcome.problems
    run_page = wizard.run_page
    assert run_page.headline.text() == "Destruction complete"
    log = list_texts(run_page.log)
    assert any(line.startswith("The encrypted notebook file: Done.") for line in log)
    assert f"Summary as text exported 03/03/2026: Kept, because {KEEP_REASON}." in log
    for check in outcome.checks:
        assert any(line.startswith(f"Check: {check.label}: Passed.") for line in log), check
    assert not any("Failed" in line for line in log)

    # Every file is gone, the key too; the kept copy is still there.
    assert not paths.notebook_file(notebook_id).exists()
    assert not paths.key_file(notebook_id).exists()
    assert memory_keyring.items == {}
    assert export.path.exists()
    assert destruction.pending(paths) == []
    assert notebook_id not in Settings.load(paths).known_notebooks
    assert notebook_id not in window.settings.known_notebooks
    window.settings.save(paths)                                # saving the window's copy
    assert notebook_id not in paths.settings_file.read_text()  # does not bring it back

    # The library lists it as destroyed, with its certificate.
    texts = list_texts(window.library_page.destroyed_list.list)
    assert texts == [f"{TITLE}: destroyed on 13/03/2026"]
    assert TITLE not in "\n".join(list_texts(window.library_page.list))

    # The certificate: text lists every check, the kept copy and its reason.
    click(qtbot, run_page.certificate_button)
    qtbot.waitUntil(lambda: wizard.certificate_dialog.isVisible())
    text = " ".join(wizard.certificate_dialog.text_view.toPlainText().split())
    for check in outcome.checks:
        assert f"[passed] {check.label}" in text
    assert f"Summary as text exported 03/03/2026: kept because {KEEP_REASON}" in text
    assert "northvale summary" not in text   # copies named by kind and date only
    assert "[x] My handwritten notes from this engagement have been shredded." in text
    wizard.certificate_dialog.tabs.setCurrentIndex(1)
    assert wizard.certificate_dialog.document.pageCount() >= 1    # drawn by Qt PDF
    wizard.certificate_dialog.accept()

    # Email the manager: the mail program opens, and a draft is saved with the PDF.
    click(qtbot, run_page.email_button)
    assert len(mail.urls) == 1 and mail.urls[0].startswith("mailto:")
    assert mail.mails[0]["to"] == "priya.shah@example.org"
    assert mail.mails[0]["subject"] == "Notes destroyed: " + TITLE
    assert outcome.files is not None
    draft = outcome.files.pdf.with_name(outcome.files.pdf.stem + "-email.eml")
    assert f"saved as {draft}" in run_page.email_result.text()
    assert "Outlook" in run_page.email_result.text()
    unpacked = tmp_path / "unpacked"
    unpacked.mkdir()
    subprocess.run(["munpack", "-t", "-q", str(draft)], cwd=unpacked, check=True,
                   capture_output=True)
    assert (unpacked / outcome.files.pdf.name).read_bytes() == outcome.files.pdf.read_bytes()
    click(qtbot, wizard.cancel_button)                            # "Close"
    assert not wizard.isVisible()

    # Later, from the library: show the certificate and email the manager again.
    window = start()
    destroyed = window.library_page.destroyed_list
    assert list_texts(destroyed.list) == [f"{TITLE}: destroyed on 13/03/2026"]
    click(qtbot, destroyed.email_button)
    assert len(mail.mails) == 2 and "Best wishes,\r\nAlex Morgan" in mail.mails[1]["body"]
    assert "saved as" in window.messages.text()
    click(qtbot, destroyed.show_button)
    dialog = window.destruction.certificate_dialog
    assert dialog is not None and TITLE in dialog.text_view.toPlainText()  # type: ignore
    dialog.accept()  # type: ignore[attr-defined]


def test_a_step_that_fails_is_shown_as_failed_then_finished(
        qtbot: QtBot, start: Start, paths: AppPaths, engagement: tuple[str, ExportRecord],
        memory_keyring: MemoryKeyring, mail: MailCatcher) -> None:
    notebook_id, _export = engagement
    memory_keyring.refuse_delete = True
    window = start()
    assert window.open_notebook(notebook_id)
    click(qtbot, retention_panel(window).destroy_button)          # at any stage
    wizard = wizard_of(qtbot, window)
    through_to_confirm(qtbot, wizard)
    qtbot.keyClicks(wizard.confirm_page.title_edit, TITLE)
    click(qtbot, wizard.destroy_button)
    run_to_the_end(qtbot, wizard)

    outcome = wizard.outcome
    assert outcome is not None and not outcome.ok
    assert wizard.run_page.headline.text() == "Destruction NOT complete"
    log = list_texts(wizard.run_page.log)
    assert any(line.startswith("The notebook's key in the computer's credential store: "
                               "Failed: ") for line in log), log
    assert any(line.startswith("Check: The credential store no longer returns the key: "
                               "Failed: ") for line in log), log
    problems = list_texts(wizard.run_page.problems)
    assert problems == outcome.problems and any("What to do:" in p for p in problems)
    assert outcome.files is not None
    certificate = outcome.files.text.read_text("utf-8")
    assert "[FAILED] The notebook's key in the computer's credential store" in certificate
    assert "NOT COMPLETE" in certificate
    texts = list_texts(window.library_page.destroyed_list.list)
    assert texts == [f"{TITLE}: destroyed on 03/03/2026 (some checks failed)"]
    click(qtbot, wizard.run_page.email_button)
    assert mail.mails[-1]["subject"] == "Destruction not yet complete: " + TITLE
    click(qtbot, wizard.cancel_button)
    assert "not complete" in window.messages.text()

    # The peer deletes the entry by hand... or the store lets go: finish it.
    memory_keyring.refuse_delete = False
    click(qtbot, window.messages.action_button)                   # "Finish destruction"
    wizard = wizard_of(qtbot, window)
    assert wizard.windowTitle() == "Finish destruction"
    run_to_the_end(qtbot, wizard)
    assert wizard.outcome is not None and wizard.outcome.ok, wizard.outcome.problems
    assert wizard.run_page.headline.text() == "Destruction complete"
    assert memory_keyring.items == {} and destruction.pending(paths) == []
    click(qtbot, wizard.cancel_button)


def test_no_credential_store_is_reported_honestly(
        qtbot: QtBot, start: Start, paths: AppPaths, engagement: tuple[str, ExportRecord],
        memory_keyring: MemoryKeyring) -> None:
    notebook_id, _export = engagement
    window = start()
    assert window.open_notebook(notebook_id)
    memory_keyring.locked = True              # the store cannot be reached any more
    click(qtbot, retention_panel(window).destroy_button)
    wizard = wizard_of(qtbot, window)
    through_to_confirm(qtbot, wizard)
    qtbot.keyClicks(wizard.confirm_page.title_edit, TITLE)
    click(qtbot, wizard.destroy_button)
    run_to_the_end(qtbot, wizard)
    assert wizard.outcome is not None and not wizard.outcome.ok
    explanation = wizard.run_page.explanation.text()
    assert "could not reach this computer's credential store" in explanation
    assert "Finish destruction" in explanation and "password manager" in explanation
    assert not paths.notebook_file(notebook_id).exists()
    assert not paths.key_file(notebook_id).exists()
    click(qtbot, wizard.cancel_button)
    window = start()                                   # next start offers to finish
    assert "did not finish" in window.messages.text()
    assert window.messages.action_button.text() == "&Finish destruction"


CHILD = r"""
import os, signal, sys
from pathlib import Path
from peerdesk.destruction import destroy as destruction
from peerdesk.destruction.certificate import Attestations
from peerdesk.vault.keys.keystore import KeyStore
from peerdesk.vault.library import Library
from peerdesk.vault.paths import AppPaths
from tests.locations import ROOT

home, notebook_id, title = sys.argv[1:4]
library = Library(AppPaths.under(Path(home)), KeyStore())
notebook = library.open(notebook_id)
inventory = destruction.plan(library, notebook)

def progress(event):
    if event.phase == "step" and event.key == "notebook" and event.status == "done":
        os.kill(os.getpid(), signal.SIGKILL)     # the power goes off

destruction.run(library, inventory, notebook, confirm_title=title,
                attestations=Attestations(True, False, True), progress=progress)
"""


def test_an_interrupted_destruction_is_offered_and_finished(
        qtbot: QtBot, tmp_path: Path, clock: ManualClock,
        file_keyring: Path) -> None:
    import os
    import signal
    import sys

    from peerdesk.vault.keys.keyfile import KdfParams
    from peerdesk.vault.keys.keystore import KeyStore
    paths = AppPaths.under(tmp_path / "home").ensure()
    library = Library(paths, KeyStore(), KdfParams.fast_for_tests(), clock)
    with library.create(sample_details(), PASSPHRASE) as notebook:
        notebook_id = notebook.id
    repo = ROOT
    env = dict(os.environ, PYTHONPATH=str(repo),
               PYTHON_KEYRING_BACKEND="tests.destruction_helpers.FileKeyring")
    child = subprocess.run([sys.executable, "-c", CHILD, str(tmp_path / "home"),
                            notebook_id, TITLE], env=env, capture_output=True, text=True,
                           timeout=120)
    assert child.returncode == -signal.SIGKILL, child.stderr
    assert len(destruction.pending(paths)) == 1
    assert not paths.notebook_file(notebook_id).exists()
    assert paths.lock_file(notebook_id).exists()          # not reached before the kill

    window = shown_window(qtbot, paths, clock, library)
    window.refresh_library()
    message = window.messages.text()
    assert re.search(f"The destruction of “{TITLE}” started on "
                     r"\d\d/\d\d/\d{4} at \d\d:\d\d did not finish", message), message
    assert window.messages.action_button.text() == "&Finish destruction"
    click(qtbot, window.messages.action_button)
    wizard = wizard_of(qtbot, window)
    run_to_the_end(qtbot, wizard)
    outcome = wizard.outcome
    assert outcome is not None and outcome.ok, outcome and outcome.problems
    log = list_texts(wizard.run_page.log)
    assert any(line.startswith("The encrypted notebook file: Done.") and
               "(before the interruption)" in line for line in log), log
    assert any(line.startswith("The notebook's shared-memory index (-shm): Done.")
               for line in log), log
    assert destruction.pending(paths) == []
    assert not KeyStore().holds(notebook_id)
    assert [e.title for e in destroyed_engagements(paths)] == [TITLE]
    assert list_texts(window.library_page.destroyed_list.list) == [
        f"{TITLE}: destroyed on {clock.now().strftime('%d/%m/%Y')}"]
    certificate = outcome.files.text.read_text("utf-8") if outcome.files else ""
    assert "[x] My handwritten notes" in certificate
    assert "[ ] Printed background documents" in certificate
    click(qtbot, wizard.cancel_button)
    window.close()


def test_locked_while_the_wizard_is_open_destroys_nothing(
        qtbot: QtBot, start: Start, paths: AppPaths,
        engagement: tuple[str, ExportRecord]) -> None:
    notebook_id, _export = engagement
    window = start()
    assert window.open_notebook(notebook_id)
    click(qtbot, retention_panel(window).destroy_button)
    wizard = wizard_of(qtbot, window)
    through_to_confirm(qtbot, wizard)
    window.lock()                                   # the idle lock, say
    assert not wizard.isVisible(), "locking closes the wizard with everything else"
    assert wizard.worker is None
    assert paths.notebook_file(notebook_id).exists() and paths.key_file(notebook_id).exists()
    assert destruction.pending(paths) == []
    assert window.notebook is None
