"""Run a slow piece of core work off the UI thread and hand its result back to the UI."""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, Signal


class BackgroundTask(QObject):
    """One call of ``work`` on a Python thread; ``finished`` or ``failed`` is then emitted
    on the thread that made this object (the UI thread), so the handlers may touch widgets.

    ``failed`` carries the exception: the caller decides which ones it can explain.
    """

    finished = Signal(object)
    failed = Signal(object)

    def __init__(self, work: Callable[..., Any], parent: QObject | None = None,
                 name: str = "peerdesk-task") -> None:
        super().__init__(parent)
        self._work = work
        self._name = name
        self._thread: threading.Thread | None = None

    @property
    def running(self) -> bool:
        return self._thread is not None and self._thread.is_alive()

    def start(self) -> None:
        self._thread = threading.Thread(target=self._run, name=self._name, daemon=True)
        self._thread.start()

    def wait(self, timeout: float | None = None) -> None:
        if self._thread is not None:
            self._thread.join(timeout)

    def _call(self) -> Any:
        return self._work()

    def _run(self) -> None:
        try:
            result = self._call()
        except Exception as exc:  # handed to the UI thread, which shows it or re-raises
            self.failed.emit(exc)
        else:
            self.finished.emit(result)


class ReportingTask(BackgroundTask):
    """Runs ``work(report)``: each ``report(event)`` call from the worker thread becomes a
    ``progress`` signal on the UI thread (destruction's steps and checks, for instance)."""

    progress = Signal(object)

    def _call(self) -> Any:
        return self._work(self.progress.emit)
