"""Saving live notes in the background: the latest text of each session, committed soon.

``AutosaveWriter`` owns one worker thread. The editor hands it the whole text with
``submit`` (a quick, non-blocking call) whenever its own short delay runs out; the worker
saves the newest text of each session, dropping any older one still waiting (coalescing).
The thread that types never waits for the database or the disk; ``flush`` does wait, and is
meant for the moments when waiting is right: locking, switching session, closing.

Plain Python, no Qt: the GUI gives callbacks and turns them into signals.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from dataclasses import dataclass

from peerdesk.vault.errors import PeerdeskError

SaveFunction = Callable[[int, str], None]
"""Writes one session's notes (``SessionStore.save_notes``)."""

DEBOUNCE_SECONDS = 0.3
"""How long typing may pause before the text is handed over for saving."""
MAX_DELAY_SECONDS = 0.7
"""The longest a change waits to be handed over while typing goes on without a pause."""


class AutosaveStoppedError(PeerdeskError):
    default_message = "Notes can no longer be saved here: the session view has been closed."


@dataclass(frozen=True)
class SaveOutcome:
    """What the worker did with one hand-over: saved (``error`` None) or not."""

    session_id: int
    text: str
    seconds: float
    """How long the database took."""
    error: PeerdeskError | None = None


class AutosaveWriter:
    """One background thread that saves the newest text of each session it is given."""

    def __init__(self, save: SaveFunction,
                 on_done: Callable[[SaveOutcome], None] | None = None) -> None:
        self._save = save
        self._on_done = on_done
        self._pending: dict[int, str] = {}
        self._busy = False
        self._stopping = False
        self._cond = threading.Condition()
        self._thread = threading.Thread(target=self._run, name="peerdesk-autosave", daemon=True)
        self._thread.start()

    @property
    def alive(self) -> bool:
        return self._thread.is_alive()

    def submit(self, session_id: int, text: str) -> None:
        """Hand over the whole current text; returns at once."""
        with self._cond:
            if self._stopping:
                raise AutosaveStoppedError()
            self._pending[session_id] = text
            self._cond.notify_all()

    def pending(self) -> bool:
        with self._cond:
            return bool(self._pending) or self._busy

    def flush(self, timeout: float | None = 10.0) -> bool:
        """Wait until everything handed over is saved (or failed); False on time-out."""
        deadline = None if timeout is None else time.monotonic() + timeout
        with self._cond:
            while self._pending or self._busy:
                if not self._thread.is_alive():
                    return False
                left = None if deadline is None else deadline - time.monotonic()
                if left is not None and left <= 0:
                    return False
                self._cond.wait(left)
        return True

    def close(self, timeout: float | None = 10.0) -> bool:
        """Save what is waiting, then stop the thread. Safe to call twice."""
        done = self.flush(timeout)
        with self._cond:
            self._stopping = True
            self._cond.notify_all()
        self._thread.join(timeout)
        return done and not self._thread.is_alive()

    def _run(self) -> None:
        while True:
            with self._cond:
                while not self._pending and not self._stopping:
                    self._cond.wait()
                if not self._pending:
                    return
                session_id = next(iter(self._pending))
                text = self._pending.pop(session_id)
                self._busy = True
            outcome = self._save_one(session_id, text)
            with self._cond:
                self._busy = False
                self._cond.notify_all()
            if self._on_done is not None:
                self._on_done(outcome)

    def _save_one(self, session_id: int, text: str) -> SaveOutcome:
        started = time.perf_counter()
        try:
            self._save(session_id, text)
        except PeerdeskError as exc:
            return SaveOutcome(session_id, text, time.perf_counter() - started, exc)
        except Exception as exc:  # a database error must not kill the thread
            problem = PeerdeskError("The notes could not be saved just now "
                                    f"({type(exc).__name__}). Keep typing: peerdesk will try "
                                    "again with your next change.")
            return SaveOutcome(session_id, text, time.perf_counter() - started, problem)
        return SaveOutcome(session_id, text, time.perf_counter() - started)
