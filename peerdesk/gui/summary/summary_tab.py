"""The Summary tab: choose what goes to the manager, check it, preview it, export it.

Nothing leaves the notebook until the peer exports a file (recorded in the register of
copies) or copies the plain text to the clipboard. The check and the preview run off the
UI thread after every change; export runs off it too, with progress and a way to stop.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

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
from peerdesk.gui.summary.export_task import ProgressTask, TaskHandle
from peerdesk.gui.summary.exports_register import ExportsRegister
from peerdesk.gui.summary.preview import PdfPreview, TextPreview
from peerdesk.gui.summary.signposting_panel import SignpostingPanel
from peerdesk.gui.widgets.clipboard_guard import private_text
from peerdesk.gui.widgets.context import GuiContext
from peerdesk.summary.attribution import Hit, check, split
from peerdesk.summary.export import (
    FORMAT_NAMES,
    ExportCancelledError,
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

CHANGE_DELAY_MS = 250   # ticks in quick succession make one new preview
TEARDOWN_WAIT_S = 15.0


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


class SummaryTab(QWidget):
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
        self.attribution.changed.connect(self._text_changed)
        self.attribution.problem.connect(context.messages.error)
        self.export_panel.export_requested.connect(lambda fmt: self.export(fmt))
        self.export_panel.copy_requested.connect(self.copy_text)
        self.export_panel.cancel_requested.connect(self.cancel_export)
        self.export_panel.check_requested.connect(self.show_check)

        self._delay = QTimer(self)
        self._delay.setSingleShot(True)
        self._delay.setInterval(CHANGE_DELAY_MS)
        self._delay.timeout.connect(self._start_preview)
        self.preview_task: ProgressTask | None = None
        self.export_task: ProgressTask | None = None
        self.latest: CheckResult | None = None
        self.rendering: Rendering | None = None
        self.last_record: ExportRecord | None = None
        self._want_preview = False
        self.attribution.notebook = self.notebook
        self.check_text.notebook = self.notebook
        self.refresh()

    # -- reading ------------------------------------------------------------------------

    def refresh(self) -> None:
        """Read everything again (the tab was shown; another tab may have changed it)."""
        if self.notebook is None:
            return
        try:
            self.choice.load(self.notebook)
            self.signposting.load(self.notebook)
            self.register.refresh(self.notebook)
        except PeerdeskError as exc:
            self.context.messages.error(exc.message)
        self.schedule_check(0)

    def schedule_check(self, delay_ms: int = CHANGE_DELAY_MS) -> None:
        """Check and preview again soon; until then export waits."""
        self.latest = None
        self.export_panel.set_ready(None, 0)
        self.attribution.set_checking()
        self.pdf_preview.show_status("Updating…")
        self._want_preview = True
        if self.preview_task is not None and self.preview_task.running:
            self.preview_task.cancel()   # the next one starts when it has stopped
        self._delay.start(delay_ms)

    def _text_changed(self) -> None:
        if self.notebook is not None:
            self.choice.load(self.notebook)
            self.signposting.load(self.notebook)
        self.schedule_check(0)

    def _start_preview(self) -> None:
        notebook = self.notebook
        if notebook is None or not self._want_preview:
            return
        if self.preview_task is not None and self.preview_task.running:
            return   # _preview_ended starts the next
        self._want_preview = False
        task = ProgressTask(lambda handle: _preview_work(notebook, handle), self)
        task.partial.connect(lambda result, t=task: self._checked(t, result))
        task.progressed.connect(lambda f, _text, t=task: self._preview_progress(t, f))
        task.finished.connect(lambda result, t=task: self._rendered(t, result))
        task.failed.connect(lambda exc, t=task: self._preview_failed(t, exc))
        task.stopped.connect(lambda t=task: self._preview_ended(t))
        self.preview_task = task
        task.start()

    def _current(self, task: ProgressTask) -> bool:
        return task is self.preview_task and not task.cancel_event.is_set()

    def _checked(self, task: ProgressTask, result: CheckResult) -> None:
        if not self._current(task) or self._want_preview:
            return
        self.latest = result
        self.attribution.show_hits(result.unresolved, result.accepted, result.numbers)
        self.choice.set_numbers(result.numbers)
        count = len(result.unresolved)
        self.views.setTabText(0, f"Chec&k: {count} to resolve" if count else "Chec&k: clear")
        self.export_panel.set_ready(not result.unresolved, count)

    def _preview_progress(self, task: ProgressTask, fraction: float) -> None:
        if self._current(task):
            self.pdf_preview.show_status(f"Drawing the preview… {round(fraction * 100)}%")

    def _rendered(self, task: ProgressTask, result: Rendering) -> None:
        if self._current(task) and not self._want_preview:
            self.rendering = result
            self.pdf_preview.show_pdf(result.pdf)
            self.text_preview.show_text(result.text)
        self._preview_ended(task)

    def _preview_failed(self, task: ProgressTask, exc: object) -> None:
        if self._current(task):
            why = exc.message if isinstance(exc, PeerdeskError) else (
                f"something unexpected went wrong while drawing it ({type(exc).__name__})")
            self.context.messages.error(f"The preview could not be made: {why}")
            self.pdf_preview.show_status(f"The preview could not be made: {why}")
        self._preview_ended(task)

    def _preview_ended(self, task: ProgressTask) -> None:
        if task is self.preview_task:
            self.preview_task = None
        task.deleteLater()
        if self._want_preview and not self._delay.isActive():
            self._start_preview()

    @property
    def checking(self) -> bool:
        return self.latest is None

    def _view_changed(self) -> None:
        """Arriving at the check (Alt+K, a click) with hits to resolve: straight to the
        first, so E and N work at once; at Check a text, straight to the text."""
        if self.views.currentWidget() is self.attribution and self.attribution.unresolved:
            QTimer.singleShot(0, self.show_check)
        elif self.views.currentWidget() is self.check_text:
            QTimer.singleShot(0, self.check_text.editor.setFocus)

    def show_check(self) -> None:
        self.views.setCurrentWidget(self.attribution)
        first = next((c.first_button() for c in self.attribution.cards), None)
        if first is not None:
            first.setFocus()
        else:
            self.attribution.scroll_area.setFocus()

    # -- exporting ----------------------------------------------------------------------

    def export(self, fmt: str, path: Path | None = None) -> None:
        """Export in ``fmt`` to ``path``, or to where the peer chooses in a save dialog."""
        notebook = self.notebook
        if notebook is None or (self.export_task is not None and self.export_task.running):
            return
        if path is None:
            day = self.context.clock.now().date()
            path = ask_save_path(self, fmt, default_file_name(fmt, day))
            if path is None:
                return
        target = path
        task = ProgressTask(lambda handle: export_summary(
            notebook, fmt, target, handle.progress, handle.cancel_event), self)
        task.progressed.connect(self.export_panel.show_progress)
        task.finished.connect(lambda record, t=task: self._exported(t, fmt, record))
        task.failed.connect(lambda exc, t=task: self._export_failed(t, exc))
        task.stopped.connect(lambda t=task: self._export_failed(t, ExportCancelledError()))
        self.export_task = task
        self.export_panel.set_busy(True)
        task.start()

    @property
    def exporting(self) -> bool:
        return self.export_task is not None

    def cancel_export(self) -> None:
        if self.export_task is not None:
            self.export_task.cancel()
            self.export_panel.stopping()

    def _export_done(self, task: ProgressTask) -> None:
        if task is self.export_task:
            self.export_task = None
        task.deleteLater()
        self.export_panel.set_busy(False)
        if self.notebook is not None:
            self.register.refresh(self.notebook)

    def _exported(self, task: ProgressTask, fmt: str, record: ExportRecord) -> None:
        self.last_record = record
        self._export_done(task)
        self.context.messages.info(
            f"The {FORMAT_NAMES[fmt]} is saved as {record.path}. It is in the register of "
            "copies (Summary tab), so destruction will find it.", timeout_ms=0)

    def _export_failed(self, task: ProgressTask, exc: object) -> None:
        self._export_done(task)
        if isinstance(exc, ExportCancelledError):
            self.context.messages.info(exc.message)
        elif isinstance(exc, UnresolvedHitsError):
            self.context.messages.error(exc.message)
            self.schedule_check(0)
        elif isinstance(exc, PeerdeskError):
            self.context.messages.error(exc.message)
        elif isinstance(exc, OSError):
            self.context.messages.error(
                f"The file could not be written there ({exc.strerror or exc}). Choose "
                "another folder and try again. Nothing was recorded.")
        else:
            self.context.messages.error(
                "The summary was not saved: something unexpected went wrong while making it "
                f"({type(exc).__name__}). Nothing was written or recorded.")

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
        self._delay.stop()
        self._want_preview = False
        for task in (self.preview_task, self.export_task):
            if task is not None:
                task.cancel()
                task.wait(TEARDOWN_WAIT_S)
        self.preview_task = self.export_task = None
        self.notebook = None
        self.latest = None
        self.rendering = None
        self.last_record = None
        self.choice.clear()
        self.signposting.clear()
        self.attribution.clear()
        self.check_text.clear()
        self.pdf_preview.clear()
        self.text_preview.clear()
        self.register.clear()
