"""The destruction wizard's last page: progress with a live list of steps and checks, then
the result in plain words (what failed and what to do), the certificate and the email."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QProgressBar,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from peerdesk.gui.destruction.destroy_pages import page_heading

if TYPE_CHECKING:
    from peerdesk.destruction.destroy import DestructionResult, Progress
    from peerdesk.destruction.journal import CheckEntry, StepEntry

STORE_UNREACHABLE = (
    "One thing could not be done: peerdesk could not reach this computer's credential "
    "store, so it could neither delete the notebook's key there (if it holds one) nor "
    "check that it is gone. Everything else marked Done was done, including deleting the "
    "key file. What to do: open the computer's password manager (Passwords and Keys, "
    "Credential Manager or Keychain Access) and delete any peerdesk entry for this "
    "engagement; or start peerdesk again when the credential store is available and choose "
    "Finish destruction, which tries again, checks again and rewrites the certificate.")


def _sentence(text: str) -> str:
    text = text.strip()
    return text if not text or text.endswith((".", "!", "?")) else text + "."


def step_line(label: str, status: str, detail: str) -> str:
    if status == "working":
        return f"{label}: working…"
    if status == "done":
        return f"{label}: Done. {_sentence(detail)}".rstrip()
    if status == "kept":
        return f"{label}: Kept, {_sentence(detail)}" if detail else f"{label}: Kept."
    if status == "passed":
        return f"Check: {label}: Passed. {_sentence(detail)}".rstrip()
    prefix = "Check: " if status == "check-failed" else ""
    return f"{prefix}{label}: Failed: {_sentence(detail) or 'no reason given.'}"


def store_unreachable(checks: tuple[CheckEntry, ...]) -> bool:
    return any(c.key == "credential" and not c.passed and "could not be reached" in c.detail
               for c in checks)


class RunPage(QWidget):
    """Step 4. ``show_progress`` per event; ``show_result`` once at the end."""

    certificate_requested = Signal(bool)  # True: open at the PDF
    email_requested = Signal()
    folder_requested = Signal()
    forget_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAccessibleName("Destroying")
        self.items: dict[tuple[str, str], QListWidgetItem] = {}
        layout = QVBoxLayout(self)
        self.heading = page_heading("Step 4 of 4: destroying, then checking", self)
        layout.addWidget(self.heading)
        self.bar = QProgressBar(self)
        self.bar.setRange(0, 1000)
        self.bar.setAccessibleName("Progress")
        self.bar.setFormat("%p%")
        layout.addWidget(self.bar)
        self.current = QLabel("Starting…", self)
        self.current.setWordWrap(True)
        self.current.setAccessibleName("Now")
        layout.addWidget(self.current)
        self.log = QListWidget(self)
        self.log.setAccessibleName("Steps and checks")
        self.log.setWordWrap(True)

        self.result_box = QWidget(self)
        result = QVBoxLayout(self.result_box)
        result.setContentsMargins(0, 6, 0, 0)
        self.headline = QLabel(self.result_box)
        self.headline.setWordWrap(True)
        font = QFont(self.headline.font())
        font.setBold(True)
        font.setPointSizeF(font.pointSizeF() * 1.2)
        self.headline.setFont(font)
        self.headline.setAccessibleName("Result")
        result.addWidget(self.headline)
        self.explanation = QLabel(self.result_box)
        self.explanation.setWordWrap(True)
        self.explanation.setAccessibleName("What this means")
        result.addWidget(self.explanation)
        self.problems_label = QLabel("What failed, and what to do:", self.result_box)
        result.addWidget(self.problems_label)
        self.problems = QListWidget(self.result_box)
        self.problems.setAccessibleName("What failed, and what to do")
        self.problems.setWordWrap(True)
        self.problems.setMaximumHeight(150)
        self.problems_label.setBuddy(self.problems)
        result.addWidget(self.problems)
        buttons = QHBoxLayout()
        self.certificate_button = QPushButton("Show the cer&tificate", self.result_box)
        self.certificate_button.setAccessibleName("Show the certificate")
        self.certificate_button.clicked.connect(lambda: self.certificate_requested.emit(False))
        self.pdf_button = QPushButton("Open &PDF", self.result_box)
        self.pdf_button.setAccessibleName("Open the certificate as PDF")
        self.pdf_button.clicked.connect(lambda: self.certificate_requested.emit(True))
        self.email_button = QPushButton("&Email the manager", self.result_box)
        self.email_button.setAccessibleName("Email the manager")
        self.email_button.setToolTip("Opens your mail program and saves a draft with the "
                                     "certificate attached (Alt+E)")
        self.email_button.clicked.connect(self.email_requested)
        self.forget_button = QPushButton("&Stop offering to finish", self.result_box)
        self.forget_button.setAccessibleName("Stop offering to finish this destruction")
        self.forget_button.setToolTip("peerdesk will no longer offer to finish it at start-up; "
                                      "the certificate is kept")
        self.forget_button.clicked.connect(self.forget_requested)
        self.forget_button.hide()
        self.folder_button = QPushButton("Open the &folder", self.result_box)
        self.folder_button.setAccessibleName("Open the folder holding the certificate and "
                                             "the email draft")
        self.folder_button.clicked.connect(self.folder_requested)
        for button in (self.certificate_button, self.pdf_button, self.email_button,
                       self.folder_button, self.forget_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        result.addLayout(buttons)
        self.email_result = QLabel(self.result_box)
        self.email_result.setWordWrap(True)
        self.email_result.setAccessibleName("What happened to the email")
        self.email_result.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        result.addWidget(self.email_result)
        self.copy_email_button = QPushButton("Cop&y the email's text", self.result_box)
        self.copy_email_button.setAccessibleName("Copy the email's text")
        self.copy_email_button.clicked.connect(self._copy_email)
        self.copy_email_button.hide()
        self.email_text = ""
        copy_row = QHBoxLayout()
        copy_row.addWidget(self.copy_email_button)
        copy_row.addStretch(1)
        result.addLayout(copy_row)
        self.result_box.hide()
        layout.addWidget(self.result_box)   # the result first, then every step and check
        layout.addWidget(self.log, 1)

    def _put(self, key: tuple[str, str], text: str) -> None:
        item = self.items.get(key)
        if item is None:
            item = QListWidgetItem(text)
            self.items[key] = item
            self.log.addItem(item)
            self.log.scrollToItem(item)
        else:
            item.setText(text)
        item.setData(Qt.ItemDataRole.AccessibleTextRole, text)

    def prefill(self, steps: list[StepEntry]) -> None:
        """Steps settled before this run: kept copies, or steps done before an interruption."""
        for step in steps:
            if step.key == "close":
                continue
            if step.state.value == "kept":
                self._put(("step", step.key), step_line(step.label, "kept",
                                                         f"because {step.keep_reason}"))
            elif step.state.value == "done":
                self._put(("step", step.key), step_line(
                    step.label, "done", f"{_sentence(step.outcome)} (before the interruption)"))

    def show_progress(self, event: Progress) -> None:
        self.bar.setValue(round(event.fraction * 1000))
        if event.phase == "finished":
            return
        status = event.status
        if event.phase == "check" and status == "failed":
            status = "check-failed"
        label = event.label
        if event.phase == "certificate":
            label, detail = "Certificate written", ""
        else:
            detail = event.detail
        text = step_line(label, status, detail)
        self.current.setText(text)
        self._put((event.phase, event.key), text)

    def show_failure(self, message: str) -> None:
        self.bar.setValue(self.bar.maximum())
        self.heading.setText("Step 4 of 4: the result")
        self.headline.setText("Destruction stopped")
        self.explanation.setText(message)
        self.problems.hide()
        self.problems_label.hide()
        for button in (self.certificate_button, self.pdf_button, self.email_button,
                       self.folder_button):
            button.hide()
        self.result_box.show()
        self.headline.setFocus()

    def show_result(self, result: DestructionResult, resumed: bool = False) -> None:
        self.bar.setValue(self.bar.maximum())
        self.current.setText("Finished. Every step and check is listed below the result.")
        self.heading.setText("Step 4 of 4: the result")
        steps = [s for s in result.steps if s.key != "close"]
        done = sum(s.state.value == "done" for s in steps)
        kept = sum(s.state.value == "kept" for s in steps)
        passed = sum(c.passed for c in result.checks)
        counts = (f"{done} of {len(steps)} items destroyed"
                  + (f", {kept} kept as you chose" if kept else "")
                  + f"; {passed} of {len(result.checks)} checks passed.")
        if result.ok:
            self.headline.setText("Destruction complete")
            self.explanation.setText(
                f"{counts} The notebook can no longer be opened. The certificate records "
                "every step and check: email it to the manager.")
            self.problems.hide()
            self.problems_label.hide()
        else:
            self.headline.setText("Destruction NOT complete")
            why = STORE_UNREACHABLE if store_unreachable(result.checks) else (
                "Some steps or checks failed; they are listed below with what to do. The "
                "certificate says so too. Put them right, then choose Finish destruction "
                "(peerdesk offers it each time it starts).")
            self.explanation.setText(f"{counts} {why}")
            self.problems.clear()
            for problem in result.problems:
                item = QListWidgetItem(problem)
                item.setData(Qt.ItemDataRole.AccessibleTextRole, problem)
                self.problems.addItem(item)
            self.problems.setVisible(bool(result.problems))
            self.problems_label.setVisible(bool(result.problems))
            self.forget_button.setVisible(resumed and not result.journal_removed)
        self.headline.setAccessibleDescription(self.explanation.text())
        has_files = result.files is not None
        for button in (self.certificate_button, self.pdf_button, self.email_button,
                       self.folder_button):
            button.setVisible(has_files)
        self.result_box.show()
        (self.email_button if has_files else self.headline).setFocus()

    def show_email(self, message: str, text: str = "") -> None:
        """What happened to the email; ``text`` (when no mail program opened) can be copied."""
        self.email_result.setText(message)
        self.email_result.setAccessibleDescription(message)
        self.email_text = text
        self.copy_email_button.setVisible(bool(text))
        if text:
            self.copy_email_button.setFocus()

    def _copy_email(self) -> None:
        from peerdesk.gui.destruction.manager_email import copy_email

        if self.email_text:
            self.email_result.setText(copy_email(self.email_text))
