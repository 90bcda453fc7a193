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

import threading
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QLabel, QSplitter, QTabWidget, QVBoxLayout, QWidget

from peerdesk.feedback.export import (
    FORMAT_NAMES,
    FORMATS,
    build,
    default_file_name,
    export_feedback,
)
from peerdesk.feedback.model import Built
from peerdesk.feedback.places import FEEDBACK_PLACES
from peerdesk.feedback.slides import Slide, slide_numbers, slides
from peerdesk.feedback.template import SlideTemplate
from peerdesk.gui.feedback.deck_options import DeckOptions
from peerdesk.gui.feedback.slides_preview import SlidesPreview
from peerdesk.gui.summary.attribution_panel import AttributionPanel
from peerdesk.gui.summary.choice import FindingsChoice
from peerdesk.gui.summary.export_panel import ExportPanel
from peerdesk.gui.summary.export_task import TaskHandle
from peerdesk.gui.summary.exports_register import ExportsRegister
from peerdesk.gui.summary.gated_tab import GatedExportTab
from peerdesk.gui.widgets.context import GuiContext
from peerdesk.gui.widgets.file_choice import choose_save_path
from peerdesk.summary.attribution import Hit, check, split
from peerdesk.summary.export import Progress
from peerdesk.vault.exports import ExportRecord
from peerdesk.vault.notebook import Notebook

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
    """Off the UI thread: the presentation, its check and its slides, handed over at once."""
    built, template = build(notebook)
    handle.check()
    unresolved, accepted = split(notebook, check(notebook, built.feedback))
    preview = Preview(built, template, slides(built.feedback, template.capacity), unresolved,
                      accepted)
    handle.partial(preview)
    return preview


class FeedbackTab(GatedExportTab):
    CHECK_TAB = 1
    tab_title = "Feedback day"   # no letter of its own: all are taken (Ctrl+Tab reaches it)

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
        for part in (self.choice, self.options):
            part.problem.connect(context.messages.error)
        self.options.told.connect(context.messages.info)
        self.start_gate()
        self.refresh()

    def parts(self) -> list[Any]:
        return [self.choice, self.options]

    # -- the gate's parts (see GatedExportTab) ------------------------------------------

    def preview_work(self, notebook: Notebook, handle: TaskHandle) -> Preview:
        return _preview_work(notebook, handle)

    def rendered(self, result: Preview) -> None:
        self.preview.show_deck(result.deck, result.built.left_out, result.template.name)

    def preview_failed(self, why: str) -> None:
        self.preview.show_status(f"The preview could not be made: {why}")

    def _view_changed(self) -> None:
        if self.views.currentWidget() is self.attribution and self.attribution.unresolved:
            QTimer.singleShot(0, self.show_check)

    def ask_path(self, fmt: str) -> Path | None:
        day = self.context.clock.now().date()
        return choose_save_path(self, f"Save the {FORMAT_NAMES[fmt]}",
                                default_file_name(fmt, day), NAME_FILTERS[fmt],
                                FORMATS[fmt][1].lstrip("."))

    def export_work(self, notebook: Notebook, fmt: str, path: Path, progress: Progress,
                    cancel: threading.Event) -> ExportRecord:
        return export_feedback(notebook, fmt, path, progress, cancel)

    def saved_message(self, fmt: str, record: ExportRecord) -> str:
        return (f"The {FORMAT_NAMES[fmt]} {'are' if fmt == 'pptx' else 'is'} saved as "
                f"{record.path}. It is in the register of copies, so destruction will find "
                "it.")

    # -- locking ------------------------------------------------------------------------

    def teardown(self) -> None:
        """Keep the next steps typed, stop the work in hand, and let go of everything."""
        self.options.flush()
        self.stop_work()
        self.choice.clear()
        self.options.clear()
        self.attribution.clear()
        self.preview.clear()
        self.register.clear()
