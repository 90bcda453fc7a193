"""The Summary tab: choose what goes to the manager, check it, preview it, export it.

Nothing leaves the notebook until the peer exports a file (recorded in the register of
copies) or copies the plain text to the clipboard. The check and the preview run off the
UI thread after every change; export runs off it too, with progress and a way to stop.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import (
    QApplication,
    QLabel,
    QSplitter,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from peerdesk.gui.summary.attribution_panel import AttributionPanel
from peerdesk.gui.summary.check_text_panel import CheckTextPanel
from peerdesk.gui.summary.choice import FindingsChoice
from peerdesk.gui.summary.export_panel import ExportPanel, ask_save_path
from peerdesk.gui.summary.export_task import TaskHandle
from peerdesk.gui.summary.exports_register import ExportsRegister
from peerdesk.gui.summary.gated_tab import GatedExportTab
from peerdesk.gui.summary.preview import PdfPreview, TextPreview
from peerdesk.gui.summary.signposting_panel import SignpostingPanel
from peerdesk.gui.widgets.clipboard_guard import private_text
from peerdesk.gui.widgets.context import GuiContext
from peerdesk.summary.attribution import Hit, check, split
from peerdesk.summary.export import (
    FORMAT_NAMES,
    Progress,
    UnresolvedHitsError,
    default_file_name,
    export_summary,
    prepare,
    render,
)
from peerdesk.summary.model import Summary
from peerdesk.vault.errors import PeerdeskError
from peerdesk.vault.exports import ExportRecord
from peerdesk.vault.notebook import Notebook


@dataclass(frozen=True)
class CheckResult:
    summary: Summary
    unresolved: list[Hit]
    accepted: list[Hit]

    @property
    def numbers(self) -> dict[int, str]:
        return {f.id: number for _n, _s, rows in self.summary.numbered()
                for number, f in rows}


@dataclass(frozen=True)
class Rendering:
    pdf: bytes
    text: str


def _preview_work(notebook: Notebook, handle: TaskHandle) -> Rendering:
    """Off the UI thread: the check first (handed over at once), then both renderings."""
    from peerdesk.summary.model import build_summary

    summary = build_summary(notebook)
    handle.check()
    unresolved, accepted = split(notebook, check(notebook, summary))
    handle.partial(CheckResult(summary, unresolved, accepted))
    pdf = render(summary, "pdf", lambda f: handle.progress(f, "Drawing the preview"))
    handle.check()
    return Rendering(pdf, render(summary, "txt").decode("utf-8"))


class SummaryTab(GatedExportTab):
    tab_title = "S&ummary"

    def __init__(self, context: GuiContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.notebook: Notebook | None = context.notebook
        self.setAccessibleName("Summary for the manager")
        layout = QVBoxLayout(self)
        intro = QLabel("Choose what goes to the challenge manager, resolve anything that "
                       "could identify someone, look at the preview, then export. Nothing "
                       "leaves the notebook until you export or copy it.", self)
        intro.setWordWrap(True)
        layout.addWidget(intro)
        splitter = QSplitter(Qt.Orientation.Horizontal, self)
        splitter.setChildrenCollapsible(False)
        left = QSplitter(Qt.Orientation.Vertical, splitter)
        left.setChildrenCollapsible(False)
        self.choice = FindingsChoice(left)
        self.signposting = SignpostingPanel(left)
        left.addWidget(self.choice)
        left.addWidget(self.signposting)
        left.setStretchFactor(0, 2)
        left.setStretchFactor(1, 1)
        left.setSizes([400, 180])
        right = QWidget(splitter)
        right_layout = QVBoxLayout(right)
        right_layout.setContentsMargins(6, 0, 0, 0)
        self.views = QTabWidget(right)
        self.views.setAccessibleName("Check, preview and copies")
        self.attribution = AttributionPanel(self.views)
        self.pdf_preview = PdfPreview(self.views)
        self.text_preview = TextPreview(self.views)
        self.register = ExportsRegister(self.views)
        self.check_text = CheckTextPanel(self.views)
        self.views.addTab(self.attribution, "Chec&k")
        self.views.addTab(self.pdf_preview, "Pre&view (PDF)")
        self.views.addTab(self.text_preview, "Plain te&xt")
        self.views.addTab(self.register, "&Register of copies")
        self.views.addTab(self.check_text, "C&heck a text")
        self.views.setCurrentWidget(self.pdf_preview)
        self.views.currentChanged.connect(self._view_changed)
        right_layout.addWidget(self.views, 1)
        self.export_panel = ExportPanel(right)
        right_layout.addWidget(self.export_panel)
        splitter.addWidget(left)
        splitter.addWidget(right)
        splitter.setStretchFactor(0, 9)
        splitter.setStretchFactor(1, 11)
        splitter.setSizes([540, 660])   # the findings' headlines need the room
        layout.addWidget(splitter, 1)
        self.setTabOrder(self.choice.tree, self.signposting.tree)

        for part in (self.choice, self.signposting):
            part.changed.connect(self.schedule_check)
            part.problem.connect(context.messages.error)
        self.export_panel.copy_requested.connect(self.copy_text)
        self.rendering: Rendering | None = None
        self.check_text.notebook = self.notebook
        self.start_gate()
        self.refresh()

    def parts(self) -> list[Any]:
        return [self.choice, self.signposting]

    # -- the gate's parts (see GatedExportTab) ------------------------------------------

    def preview_work(self, notebook: Notebook, handle: TaskHandle) -> Rendering:
        return _preview_work(notebook, handle)

    def checking_started(self) -> None:
        self.pdf_preview.show_status("Updating…")

    def preview_progress(self, fraction: float) -> None:
        self.pdf_preview.show_status(f"Drawing the preview… {round(fraction * 100)}%")

    def rendered(self, result: Rendering) -> None:
        self.rendering = result
        self.pdf_preview.show_pdf(result.pdf)
        self.text_preview.show_text(result.text)

    def preview_failed(self, why: str) -> None:
        self.pdf_preview.show_status(f"The preview could not be made: {why}")

    def _view_changed(self) -> None:
        """Arriving at the check (Alt+K, a click) with hits to resolve: straight to the
        first, so E and N work at once; at Check a text, straight to the text."""
        if self.views.currentWidget() is self.attribution and self.attribution.unresolved:
            QTimer.singleShot(0, self.show_check)
        elif self.views.currentWidget() is self.check_text:
            QTimer.singleShot(0, self.check_text.editor.setFocus)

    def ask_path(self, fmt: str) -> Path | None:
        return ask_save_path(self, fmt, default_file_name(fmt, self.context.clock.now().date()))

    def export_work(self, notebook: Notebook, fmt: str, path: Path, progress: Progress,
                    cancel: threading.Event) -> ExportRecord:
        return export_summary(notebook, fmt, path, progress, cancel)

    def saved_message(self, fmt: str, record: ExportRecord) -> str:
        return (f"The {FORMAT_NAMES[fmt]} is saved as {record.path}. It is in the register "
                "of copies (Summary tab), so destruction will find it.")

    def copy_text(self) -> None:
        """The plain text on the clipboard, after the same check as an export."""
        if self.notebook is None:
            return
        try:
            prepared = prepare(self.notebook)
        except PeerdeskError as exc:
            self.context.messages.error(exc.message)
            return
        if not prepared.ready:
            self.context.messages.error(UnresolvedHitsError(prepared.hits).message)
            self.schedule_check(0)
            return
        text = render(prepared.summary, "txt").decode("utf-8")
        QApplication.clipboard().setMimeData(private_text(text))  # cleared on lock
        self.context.messages.info(
            "The plain text is on the clipboard, ready to paste into an email. The clipboard "
            "is outside peerdesk: other programs can read it and it is not in the register "
            "of copies, so paste it now. peerdesk empties the clipboard when it locks or "
            "closes, if it still holds this text.",
            timeout_ms=0)

    # -- locking ------------------------------------------------------------------------

    def teardown(self) -> None:
        """Stop the work in hand, wait for it, and let go of every piece of the summary."""
        self.stop_work()
        self.rendering = None
        self.choice.clear()
        self.signposting.clear()
        self.attribution.clear()
        self.check_text.clear()
        self.pdf_preview.clear()
        self.text_preview.clear()
        self.register.clear()
