"""The export controls of the summary: three formats, a copy for an email, the reason
when they cannot be used, and the progress of an export with a way to stop it. The
feedback slides use the same controls with their own formats."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QApplication,
    QHBoxLayout,
    QLabel,
    QProgressBar,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from peerdesk.gui.widgets.file_choice import choose_save_path
from peerdesk.summary.export import FORMAT_NAMES, FORMATS

NAME_FILTERS = {"pdf": "PDF documents (*.pdf)", "docx": "Word documents (*.docx)",
                "txt": "Plain text files (*.txt)"}
BUTTON_TEXTS = {"pdf": "Export &PDF…", "docx": "Export &Word…", "txt": "Export text &file…"}


def ask_save_path(parent: QWidget | None, fmt: str, suggested_name: str) -> Path | None:
    """Where to save the summary (None when the peer cancels), leaving no trail of folders
    (see peerdesk/gui/widgets/file_choice.py)."""
    return choose_save_path(parent, f"Save the summary as a {FORMAT_NAMES[fmt]}",
                            suggested_name, NAME_FILTERS[fmt], FORMATS[fmt][1].lstrip("."))


SUMMARY_BUTTONS = {fmt: (BUTTON_TEXTS[fmt], f"Export the summary as a {FORMAT_NAMES[fmt]}")
                   for fmt in FORMATS}


class ExportPanel(QWidget):
    export_requested = Signal(str)   # "pdf", "docx" or "txt" (or the given formats)
    copy_requested = Signal()
    cancel_requested = Signal()
    check_requested = Signal()       # the peer followed "resolve them" to the check

    def __init__(self, parent: QWidget | None = None,
                 buttons: dict[str, tuple[str, str]] | None = None,
                 what: str = "the summary", copy: bool = True) -> None:
        """``buttons``: format -> (button text, accessible name); the summary's by default.
        ``what`` names the export in the reasons; ``copy``: offer the copy for an email."""
        super().__init__(parent)
        self.what = what
        self.setAccessibleName(f"Export {what}")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 4, 0, 0)
        row = QHBoxLayout()
        self.buttons: dict[str, QPushButton] = {}
        for fmt, (text, name) in (buttons or SUMMARY_BUTTONS).items():
            button = QPushButton(text, self)
            button.setAccessibleName(name)
            button.clicked.connect(lambda _=False, f=fmt: self.export_requested.emit(f))
            row.addWidget(button)
            self.buttons[fmt] = button
        self.copy_button = QPushButton("&Copy text for an email", self)
        if not copy:
            self.copy_button.hide()
        self.copy_button.setAccessibleName("Copy the plain text for an email")
        self.copy_button.setToolTip("Puts the plain-text summary on the clipboard, which is "
                                    "outside peerdesk")
        self.copy_button.clicked.connect(self.copy_requested.emit)
        row.addWidget(self.copy_button)
        row.addStretch(1)
        layout.addLayout(row)
        self.reason = QLabel(self)
        self.reason.setWordWrap(True)
        self.reason.setAccessibleName("Why export is not available")
        self.reason.setTextFormat(Qt.TextFormat.RichText)
        self.reason.setTextInteractionFlags(Qt.TextInteractionFlag.LinksAccessibleByMouse
                                            | Qt.TextInteractionFlag.LinksAccessibleByKeyboard)
        self.reason.linkActivated.connect(lambda _link: self.check_requested.emit())
        layout.addWidget(self.reason)
        busy = QHBoxLayout()
        self.progress_label = QLabel(self)
        self.progress_label.setAccessibleName("What the export is doing")
        self.progress = QProgressBar(self)
        self.progress.setAccessibleName("Export progress")
        self.progress.setRange(0, 100)
        self.cancel_button = QPushButton("Stop the export", self)
        self.cancel_button.setAccessibleName("Stop the export")
        self.cancel_button.setToolTip("Stop before the file is written (Escape)")
        self.cancel_button.clicked.connect(self.cancel_requested.emit)
        escape = QShortcut(QKeySequence("Escape"), self)
        escape.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        escape.activated.connect(self._escape)
        busy.addWidget(self.progress_label)
        busy.addWidget(self.progress, 1)
        busy.addWidget(self.cancel_button)
        layout.addLayout(busy)
        self.busy: bool = False
        self._ready = False
        self.set_busy(False)
        self.set_ready(None, 0)

    def _escape(self) -> None:
        if self.busy:
            self.cancel_requested.emit()

    def set_ready(self, ready: bool | None, unresolved: int) -> None:
        """``None`` while the check runs; otherwise whether nothing is left to resolve."""
        self._ready = bool(ready)
        if ready is None:
            self.reason.setText(f"Export waits until the check of {self.what} has finished…")
        elif not ready:
            things = "thing" if unresolved == 1 else "things"
            self.reason.setText(
                f"Export is not available: {unresolved} {things} in {self.what} could "
                "identify someone. Resolve each one in the <a href='#check'>Check</a> "
                "(Alt+K): edit the text, or mark it as not attributable.")
        else:
            self.reason.setText("Ready: nothing is left to resolve in the check. Every file "
                                "you export is listed in the register of copies.")
        self.reason.setAccessibleDescription(self.reason.text().replace(
            "<a href='#check'>", "").replace("</a>", ""))
        self._update_enabled()

    def set_busy(self, busy: bool) -> None:
        self.busy = busy
        for widget in (self.progress_label, self.progress, self.cancel_button):
            widget.setVisible(busy)
        focus = QApplication.focusWidget()
        had_focus = focus is not None and self.isAncestorOf(focus)
        if busy:
            self.progress.setValue(0)
            self.progress_label.setText("Starting the export")
            self.cancel_button.setEnabled(True)
        self._update_enabled()
        if had_focus:   # keep the keyboard where the peer can use it: Stop, then Export
            target = self.cancel_button if busy else next(iter(self.buttons.values()))
            if target.isEnabled():
                target.setFocus()

    def show_progress(self, fraction: float, text: str) -> None:
        self.progress.setValue(round(fraction * 100))
        if text:
            self.progress_label.setText(text)

    def stopping(self) -> None:
        self.cancel_button.setEnabled(False)
        self.progress_label.setText("Stopping…")

    def _update_enabled(self) -> None:
        usable = self._ready and not self.busy
        for button in (*self.buttons.values(), self.copy_button):
            button.setEnabled(usable)
