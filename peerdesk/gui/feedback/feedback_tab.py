"""The Feedback day tab: the presentation to the client on the last on-site day, and an
outline of it for the manager's report, from the findings the team agreed.

A tab of its own rather than a part of the Summary tab: the summary goes to the manager,
the slides to the whole partnership on the day, and the lead peer comes here on the
Friday with a different question ("what do we say in the room?"). The choice and order
of findings stay one: the Summary tab's ticks and order serve both.

The check and the preview run off the UI thread after every change; nothing leaves the
notebook until an export, which is recorded in the register of copies.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QLabel, QSplitter, QTabWidget, QVBoxLayout, QWidget

from peerdesk.feedback.export import FORMAT_NAMES, FORMATS, build, default_file_name
from peerdesk.feedback.export import export_feedback as export_work
from peerdesk.feedback.model import Built
from peerdesk.feedback.places import FEEDBACK_PLACES
from peerdesk.feedback.slides import Slide, slide_numbers, slides
from peerdesk.feedback.template import SlideTemplate
from peerdesk.gui.feedback.deck_options import DeckOptions
from peerdesk.gui.feedback.slides_preview import SlidesPreview
from peerdesk.gui.summary.attribution_panel import AttributionPanel
from peerdesk.gui.summary.choice import FindingsChoice
from peerdesk.gui.summary.export_panel import ExportPanel
from peerdesk.gui.summary.export_task import ProgressTask, TaskHandle
from peerdesk.gui.summary.exports_register import ExportsRegister
from peerdesk.gui.widgets.context import GuiContext
from peerdesk.gui.widgets.file_choice import choose_save_path
from peerdesk.summary.attribution import Hit, check, split
from peerdesk.summary.export import ExportCancelledError, UnresolvedHitsError
from peerdesk.vault.errors import PeerdeskError
from peerdesk.vault.exports import ExportRecord
from peerdesk.vault.notebook import Notebook

CHANGE_DELAY_MS = 250
TEARDOWN_WAIT_S = 15.0
WHAT = "the slides"
BUTTONS = {
    "pptx": ("Export the slides (.&pptx)…", "Export the slides as PowerPoint"),
    "outline": ("Export the outline (&Word)…", "Export the outline as a Word document"),
    "outline-txt": ("Export the outline (te&xt)…", "Export the outline as plain text"),
}
NAME_FILTERS = {"pptx": "PowerPoint presentations (*.pptx)",
                "outline": "Word documents (*.docx)", "outline-txt": "Plain text files (*.txt)"}


@dataclass(frozen=True)
class Preview:
    built: Built
    template: SlideTemplate
    deck: list[Slide]
    unresolved: list[Hit]
    accepted: list[Hit]

    @property
    def numbers(self) -> dict[int, str]:
        return {fid: f"slide {n}" for fid, n in slide_numbers(self.deck).items()}


def _preview_work(notebook: Notebook, handle: TaskHandle) -> Preview:
    built, template = build(notebook)
    handle.check()
    unresolved, accepted = split(notebook, check(notebook, built.feedback))
    handle.check()
    return Preview(built, template, slides(built.feedback, template.capacity), unresolved,
                   accepted)


class FeedbackTab(QWidget):
    tab_title = "Feedback da&y"

    def __init__(self, context: GuiContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.notebook: Notebook | None = context.notebook
        self.setAccessibleName("Feedback day: slides and outline")
        layout = QVBoxLayout(self)
        intro = QLabel("Slides for the feedback presentation, and an outline of them for the "
                       "manager's report, from the findings the team agreed. Choose and order "
                       "them, check them, look at the outline, then export. Nothing leaves "
                       "the notebook until you export.", self)
        intro.setWordWrap(True)
        layout.addWidget(intro)
        splitter = QSplitter(Qt.Orientation.Horizontal, self)
        splitter.setChildrenCollapsible(False)
        left = QWidget(splitter)
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 6, 0)
        self.choice = FindingsChoice(
            left, only=lambda f: f.status == "agreed",
            label="&Choose and order the agreed findings (the same ticks and order as the "
                  "summary's):",
            empty_text="No agreed finding on this flip chart")
        self.choice.setAccessibleName("Agreed findings for the slides")
        self.options = DeckOptions(left)
        left_layout.addWidget(self.choice, 1)
        left_layout.addWidget(self.options)
        right = QWidget(splitter)
        right_layout = QVBoxLayout(right)
        right_layout.setContentsMargins(6, 0, 0, 0)
        self.views = QTabWidget(right)
        self.views.setAccessibleName("Preview, check and copies")
        self.preview = SlidesPreview(self.views)
        self.attribution = AttributionPanel(self.views, FEEDBACK_PLACES,
                                            "the slides and outline", "")
        self.register = ExportsRegister(self.views)
        self.views.addTab(self.preview, "Pre&view")
        self.views.addTab(self.attribution, "Chec&k")
        self.views.addTab(self.register, "&Register of copies")
        self.views.currentChanged.connect(self._view_changed)
        right_layout.addWidget(self.views, 1)
        self.export_panel = ExportPanel(right, BUTTONS, "the slides and outline", copy=False)
        right_layout.addWidget(self.export_panel)
        splitter.addWidget(left)
        splitter.addWidget(right)
        splitter.setStretchFactor(0, 9)
        splitter.setStretchFactor(1, 11)
        splitter.setSizes([540, 660])
        layout.addWidget(splitter, 1)

        self.choice.changed.connect(self.schedule_check)
        self.options.changed.connect(self._text_changed)
        for part in (self.choice, self.options, self.attribution):
            part.problem.connect(context.messages.error)
        self.options.told.connect(context.messages.info)
        self.attribution.changed.connect(self._text_changed)
        self.export_panel.export_requested.connect(lambda fmt: self.export(fmt))
        self.export_panel.cancel_requested.connect(self.cancel_export)
        self.export_panel.check_requested.connect(self.show_check)

        self._delay = QTimer(self)
        self._delay.setSingleShot(True)
        self._delay.setInterval(CHANGE_DELAY_MS)
        self._delay.timeout.connect(self._start_preview)
        self.preview_task: ProgressTask | None = None
        self.export_task: ProgressTask | None = None
        self.latest: Preview | None = None
        self.last_record: ExportRecord | None = None
        self._want_preview = False
        self.attribution.notebook = self.notebook
        self.refresh()

    # -- reading ------------------------------------------------------------------------

    def refresh(self) -> None:
        """Read everything again (the tab was shown; another tab may have changed it)."""
        if self.notebook is None:
            return
        try:
            self.choice.load(self.notebook)
            self.options.load(self.notebook)
            self.register.refresh(self.notebook)
        except PeerdeskError as exc:
            self.context.messages.error(exc.message)
        self.schedule_check(0)

    def _text_changed(self) -> None:
        if self.notebook is not None:
            self.choice.load(self.notebook)
            self.options.load(self.notebook)
        self.schedule_check(0)

    def schedule_check(self, delay_ms: int = CHANGE_DELAY_MS) -> None:
        """Check and preview again soon; until then export waits."""
        self.latest = None
        self.export_panel.set_ready(None, 0)
        self.attribution.set_checking()
        self._want_preview = True
        if self.preview_task is not None and self.preview_task.running:
            self.preview_task.cancel()   # the next one starts when it has stopped
        self._delay.start(delay_ms)

    def _start_preview(self) -> None:
        notebook = self.notebook
        if notebook is None or not self._want_preview:
            return
        if self.preview_task is not None and self.preview_task.running:
            return   # _preview_ended starts the next
        self._want_preview = False
        task = ProgressTask(lambda handle: _preview_work(notebook, handle), self)
        task.finished.connect(lambda result, t=task: self._previewed(t, result))
        task.failed.connect(lambda exc, t=task: self._preview_failed(t, exc))
        task.stopped.connect(lambda t=task: self._preview_ended(t))
        self.preview_task = task
        task.start()

    def _previewed(self, task: ProgressTask, result: Preview) -> None:
        if task is self.preview_task and not task.cancel_event.is_set() \
                and not self._want_preview:
            self.latest = result
            numbers = result.numbers
            self.attribution.show_hits(result.unresolved, result.accepted, numbers)
            self.choice.set_numbers(numbers)
            self.preview.show_deck(result.deck, result.built.left_out, result.template.name)
            count = len(result.unresolved)
            self.views.setTabText(1, f"Chec&k: {count} to resolve" if count
                                  else "Chec&k: clear")
            self.export_panel.set_ready(not result.unresolved, count)
        self._preview_ended(task)

    def _preview_failed(self, task: ProgressTask, exc: object) -> None:
        if task is self.preview_task and not task.cancel_event.is_set():
            if not isinstance(exc, PeerdeskError):
                self._preview_ended(task)
                raise exc if isinstance(exc, BaseException) else RuntimeError(exc)
            self.context.messages.error(exc.message)
            self.preview.show_status("The preview could not be made.")
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
        if self.views.currentWidget() is self.attribution and self.attribution.unresolved:
            QTimer.singleShot(0, self.show_check)

    def show_check(self) -> None:
        self.views.setCurrentWidget(self.attribution)
        first = next((c.first_button() for c in self.attribution.cards), None)
        if first is not None:
            first.setFocus()
        else:
            self.attribution.scroll_area.setFocus()

    # -- exporting ----------------------------------------------------------------------

    def export(self, fmt: str, path: Path | None = None) -> None:
        """Export ``fmt`` to ``path``, or to where the peer chooses in a save dialog."""
        notebook = self.notebook
        if notebook is None or (self.export_task is not None and self.export_task.running):
            return
        if path is None:
            day = self.context.clock.now().date()
            path = choose_save_path(self, f"Save the {FORMAT_NAMES[fmt]}",
                                    default_file_name(fmt, day), NAME_FILTERS[fmt],
                                    FORMATS[fmt][1].lstrip("."))
            if path is None:
                return
        target = path
        task = ProgressTask(lambda handle: export_work(
            notebook, fmt, target, handle.progress, handle.cancel_event), self)
        task.progressed.connect(self.export_panel.show_progress)
        task.finished.connect(lambda record, t=task: self._exported(t, fmt, record))
        task.failed.connect(lambda exc, t=task: self._export_failed(t, exc))
        task.stopped.connect(lambda t=task: self._export_failed(t, ExportCancelledError()))
        self.export_task = task
        self.export_panel.set_busy(True)
        task.start()

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
            f"The {FORMAT_NAMES[fmt]} {'are' if fmt == 'pptx' else 'is'} saved as "
            f"{record.path}. It is in the register of copies, so destruction will find it.",
            timeout_ms=0)

    def _export_failed(self, task: ProgressTask, exc: object) -> None:
        self._export_done(task)
        if isinstance(exc, UnresolvedHitsError):
            self.context.messages.error(exc.message)
            self.schedule_check(0)
        elif isinstance(exc, PeerdeskError):
            (self.context.messages.info if isinstance(exc, ExportCancelledError)
             else self.context.messages.error)(exc.message)
        elif isinstance(exc, OSError):
            self.context.messages.error(
                f"The file could not be written there ({exc.strerror or exc}). Choose "
                "another folder and try again. Nothing was recorded.")
        else:
            raise exc if isinstance(exc, BaseException) else RuntimeError(exc)

    # -- locking ------------------------------------------------------------------------

    def teardown(self) -> None:
        """Keep the next steps typed, stop the work in hand, and let go of everything."""
        self.options.flush()
        self._delay.stop()
        self._want_preview = False
        for task in (self.preview_task, self.export_task):
            if task is not None:
                task.cancel()
                task.wait(TEARDOWN_WAIT_S)
        self.preview_task = self.export_task = None
        self.notebook = None
        self.latest = None
        self.last_record = None
        self.choice.clear()
        self.options.clear()
        self.attribution.clear()
        self.preview.clear()
        self.register.clear()
