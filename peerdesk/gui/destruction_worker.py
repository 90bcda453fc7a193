"""Destruction's slow work (listing, destroying, finishing) on a Python thread.

The core calls its progress callback from that thread; here each event becomes a Qt
signal, which Qt delivers on the UI thread, so the handlers may touch widgets.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, Signal

Work = Callable[[Callable[[Any], None]], Any]


class DestructionWorker(QObject):
    """Runs ``work(progress)`` once, off the UI thread.

    ``progress`` carries each ``destruction.Progress``; then ``finished`` carries the
    result, or ``failed`` the exception (the caller decides how to explain it).
    """

    progress = Signal(object)
    finished = Signal(object)
    failed = Signal(object)

    def __init__(self, work: Work, name: str, parent: QObject | None = None) -> None:
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

    def _run(self) -> None:
        try:
            result = self._work(self.progress.emit)
        except Exception as exc:  # handed to the UI thread, which explains it
            self.failed.emit(exc)
        else:
            self.finished.emit(result)
