"""What a tab that exports behind the attribution check does, whatever it exports (the
summary for the manager, the feedback slides): check and preview off the UI thread after
every change, export off it too with progress and a way to stop, report the outcome in
plain words, and let go of everything on lock.

A tab built on it has ``choice`` (a FindingsChoice), ``attribution`` (the check's panel,
the tab ``views``' page at ``CHECK_TAB``), ``export_panel`` and ``register``, and gives:
``preview_work`` (off the UI thread: it hands the check's result over with
``handle.partial`` and returns what the preview shows), ``rendered`` (shows it),
``export_work`` and ``ask_path``, and ``saved_message``.
"""

from __future__ import annotations

import threading
from pathlib import Path
from typing import Any, Protocol

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QTabWidget, QWidget

from peerdesk.gui.summary.attribution_panel import AttributionPanel
from peerdesk.gui.summary.choice import FindingsChoice
from peerdesk.gui.summary.export_panel import ExportPanel
from peerdesk.gui.summary.export_task import ProgressTask, TaskHandle
from peerdesk.gui.summary.exports_register import ExportsRegister
from peerdesk.gui.widgets.context import GuiContext
from peerdesk.summary.attribution import Hit
from peerdesk.summary.export import ExportCancelledError, Progress, UnresolvedHitsError
from peerdesk.vault.errors import PeerdeskError
from peerdesk.vault.exports import ExportRecord
from peerdesk.vault.notebook import Notebook

CHANGE_DELAY_MS = 250   # ticks in quick succession make one new preview
TEARDOWN_WAIT_S = 15.0


class CheckedResult(Protocol):
    """What the check hands over: the hits, and the number each finding has ("1.2",
    "slide 3")."""

    @property
    def unresolved(self) -> list[Hit]: ...

    @property
    def accepted(self) -> list[Hit]: ...

    @property
    def numbers(self) -> dict[int, str]: ...


class GatedExportTab(QWidget):
    CHECK_TAB = 0   # where the check is among ``views``' pages

    context: GuiContext
    notebook: Notebook | None
    choice: FindingsChoice
    attribution: AttributionPanel
    export_panel: ExportPanel
    register: ExportsRegister
    views: QTabWidget

    def start_gate(self) -> None:
        """Called at the end of the subclass's ``__init__``, its widgets made."""
        self.attribution.changed.connect(self._text_changed)
        self.attribution.problem.connect(self.context.messages.error)
        self.export_panel.export_requested.connect(lambda fmt: self.export(fmt))
        self.export_panel.cancel_requested.connect(self.cancel_export)
        self.export_panel.check_requested.connect(self.show_check)
        self._delay = QTimer(self)
        self._delay.setSingleShot(True)
        self._delay.setInterval(CHANGE_DELAY_MS)
        self._delay.timeout.connect(self._start_preview)
        self.preview_task: ProgressTask | None = None
        self.export_task: ProgressTask | None = None
        self.latest: Any = None
        self.last_record: ExportRecord | None = None
        self._want_preview = False
        self.attribution.notebook = self.notebook

    # -- what a tab gives -------------------------------------------------------------

    def preview_work(self, notebook: Notebook, handle: TaskHandle) -> object:
        raise NotImplementedError

    def rendered(self, result: Any) -> None:
        raise NotImplementedError

    def export_work(self, notebook: Notebook, fmt: str, path: Path, progress: Progress,
                    cancel: threading.Event) -> ExportRecord:
        raise NotImplementedError

    def ask_path(self, fmt: str) -> Path | None:
        raise NotImplementedError

    def saved_message(self, fmt: str, record: ExportRecord) -> str:
        raise NotImplementedError

    def parts(self) -> list[Any]:
        """The panels that read the notebook (``load(notebook)``): the choice and others."""
        return [self.choice]

    def refresh(self) -> None:
        """Read everything again (the tab was shown; another tab may have changed it)."""
        if self.notebook is None:
            return
        try:
            self.load_texts()
            self.register.refresh(self.notebook)
        except PeerdeskError as exc:
            self.context.messages.error(exc.message)
        self.schedule_check(0)

    def load_texts(self) -> None:
        """Read again what the check's edits may have changed."""
        if self.notebook is not None:
            for part in self.parts():
                part.load(self.notebook)

    def checking_started(self) -> None:
        """The preview is out of date (say so)."""

    def preview_progress(self, fraction: float) -> None:
        """The preview is being drawn."""

    def preview_failed(self, why: str) -> None:
        """The preview could not be made: say so, and why."""

    # -- checking and previewing ------------------------------------------------------

    def schedule_check(self, delay_ms: int = CHANGE_DELAY_MS) -> None:
        """Check and preview again soon; until then export waits."""
        self.latest = None
        self.export_panel.set_ready(None, 0)
        self.attribution.set_checking()
        self.checking_started()
        self._want_preview = True
        if self.preview_task is not None and self.preview_task.running:
            self.preview_task.cancel()   # the next one starts when it has stopped
        self._delay.start(delay_ms)

    def _text_changed(self) -> None:
        self.load_texts()
        self.schedule_check(0)

    def _start_preview(self) -> None:
        notebook = self.notebook
        if notebook is None or not self._want_preview:
            return
        if self.preview_task is not None and self.preview_task.running:
            return   # _preview_ended starts the next
        self._want_preview = False
        task = ProgressTask(lambda handle: self.preview_work(notebook, handle), self)
        task.partial.connect(lambda result, t=task: self._checked(t, result))
        task.progressed.connect(lambda f, _text, t=task: self._progress(t, f))
        task.finished.connect(lambda result, t=task: self._rendered(t, result))
        task.failed.connect(lambda exc, t=task: self._preview_failed(t, exc))
        task.stopped.connect(lambda t=task: self._preview_ended(t))
        self.preview_task = task
        task.start()

    def _current(self, task: ProgressTask) -> bool:
        return task is self.preview_task and not task.cancel_event.is_set()

    def _checked(self, task: ProgressTask, result: CheckedResult) -> None:
        if not self._current(task) or self._want_preview:
            return
        self.latest = result
        self.attribution.show_hits(result.unresolved, result.accepted, result.numbers)
        self.choice.set_numbers(result.numbers)
        count = len(result.unresolved)
        self.views.setTabText(self.CHECK_TAB, f"Chec&k: {count} to resolve" if count
                              else "Chec&k: clear")
        self.export_panel.set_ready(not result.unresolved, count)

    def _progress(self, task: ProgressTask, fraction: float) -> None:
        if self._current(task):
            self.preview_progress(fraction)

    def _rendered(self, task: ProgressTask, result: object) -> None:
        if self._current(task) and not self._want_preview:
            self.rendered(result)
        self._preview_ended(task)

    def _preview_failed(self, task: ProgressTask, exc: object) -> None:
        if self._current(task):
            why = exc.message if isinstance(exc, PeerdeskError) else (
                f"something unexpected went wrong while drawing it ({type(exc).__name__})")
            self.context.messages.error(f"The preview could not be made: {why}")
            self.preview_failed(why)
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

    def show_check(self) -> None:
        self.views.setCurrentWidget(self.attribution)
        first = next((c.first_button() for c in self.attribution.cards), None)
        if first is not None:
            first.setFocus()
        else:
            self.attribution.scroll_area.setFocus()

    # -- exporting --------------------------------------------------------------------

    def export(self, fmt: str, path: Path | None = None) -> None:
        """Export in ``fmt`` to ``path``, or to where the peer chooses in a save dialog."""
        notebook = self.notebook
        if notebook is None or (self.export_task is not None and self.export_task.running):
            return
        if path is None:
            path = self.ask_path(fmt)
            if path is None:
                return
        target = path
        task = ProgressTask(lambda handle: self.export_work(
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
        self.context.messages.info(self.saved_message(fmt, record), timeout_ms=0)

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
                "Nothing was saved: something unexpected went wrong while making it "
                f"({type(exc).__name__}). Nothing was written or recorded.")

    # -- locking ----------------------------------------------------------------------

    def stop_work(self) -> None:
        """Stop the work in hand and wait for it (the notebook is about to close)."""
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
