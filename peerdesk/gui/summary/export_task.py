"""Slow summary work (the preview, an export) on a Python thread, reporting to the UI.

The work function runs off the UI thread; every signal it causes is delivered on the
thread that made the task (the UI thread), so the handlers may touch widgets. Cancelling
sets a ``threading.Event`` that the work checks (``export_summary`` takes it directly).
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, Signal


class TaskStopped(Exception):
    """Raised inside the work when the task was cancelled; nothing is reported."""


class TaskHandle:
    """What the work function is given: report progress, hand over a partial result,
    and learn whether it should stop."""

    def __init__(self, task: ProgressTask) -> None:
        self._task = task
        self.cancel_event = task.cancel_event

    @property
    def cancelled(self) -> bool:
        return self.cancel_event.is_set()

    def check(self) -> None:
        if self.cancelled:
            raise TaskStopped()

    def progress(self, fraction: float, text: str = "") -> None:
        self.check()
        self._task._emit(self._task.progressed, max(0.0, min(1.0, fraction)), text)

    def partial(self, value: object) -> None:
        self.check()
        self._task._emit(self._task.partial, value)


class ProgressTask(QObject):
    """One run of ``work(handle)`` on a thread: ``progressed``, ``partial``, then
    ``finished`` with its result or ``failed`` with the exception; nothing after a cancel
    has stopped it (``stopped`` is emitted instead)."""

    progressed = Signal(float, str)
    partial = Signal(object)
    finished = Signal(object)
    failed = Signal(object)
    stopped = Signal()

    def __init__(self, work: Callable[[TaskHandle], Any], parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._work = work
        self.cancel_event = threading.Event()
        self._thread: threading.Thread | None = None

    @property
    def running(self) -> bool:
        return self._thread is not None and self._thread.is_alive()

    def start(self) -> None:
        self._thread = threading.Thread(target=self._run, name="peerdesk-summary", daemon=True)
        self._thread.start()

    def cancel(self) -> None:
        self.cancel_event.set()

    def wait(self, timeout: float | None = None) -> bool:
        """Wait for the thread to end; True when it has."""
        if self._thread is not None:
            self._thread.join(timeout)
        return not self.running

    def _emit(self, signal: Any, *args: object) -> None:
        try:
            signal.emit(*args)
        except RuntimeError:  # the widgets went away (the notebook was locked)
            self.cancel_event.set()

    def _run(self) -> None:
        handle = TaskHandle(self)
        try:
            result = self._work(handle)
        except TaskStopped:
            self._emit(self.stopped)
        except Exception as exc:  # handed to the UI thread, which explains or re-raises it
            self._emit(self.failed, exc)
        else:
            # Reported even after a late cancel: a file written is a file to know about.
            self._emit(self.finished, result)
