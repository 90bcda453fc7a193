"""The live notes editor: no save button, every change committed within about a second.

Typing only marks the text as changed and (re)starts two short timers. When the pause
timer or the longest-wait timer runs out, the whole text is handed to the background
writer (``peerdesk.capture.autosave``), which commits it; the typing thread never waits on the
database. The status line says, in words, whether everything is saved.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QKeyEvent, QKeySequence, QTextCursor
from PySide6.QtWidgets import QLabel, QPlainTextEdit, QWidget

from peerdesk.capture.autosave import (
    DEBOUNCE_SECONDS,
    MAX_DELAY_SECONDS,
    AutosaveWriter,
    SaveOutcome,
)
from peerdesk.gui.widgets.text_size import follow_text_size
from peerdesk.vault.clock import Clock

RETRY_MS = 2000
NOT_SAVED = "Not saved yet: peerdesk keeps trying"


class SaveStatus(QLabel):
    """Whether the notes are saved, in words. The label keeps one size, that of its longest
    words: it changes every second or so while the peer types, and a label that changed
    size would make Qt lay out the whole view again each time, which a keystroke then waits
    for."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAccessibleName("Saving")
        self.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        self._fit()

    def _fit(self) -> None:
        metrics = self.fontMetrics()
        margin = 2 * self.margin() + metrics.averageCharWidth()
        self.setFixedSize(max(150, metrics.horizontalAdvance(NOT_SAVED) + margin),
                          metrics.height() + 2 * self.margin())

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.FontChange:  # Settings > Text size
            self._fit()
        super().changeEvent(event)


TAB_STOP_CHARACTERS = 4
VIEW_KEYS = frozenset(QKeySequence(keys)[0].toCombined()  # type: ignore[index]
                      for keys in ("Ctrl+K",))
"""Keys the live view owns even where a text editor has a binding of its own."""


class _Bridge(QObject):
    """Carries the worker thread's news to the UI thread (a queued signal)."""

    done = Signal(object)


class NotesEditor(QPlainTextEdit):
    """A plain-text editor bound to one session at a time, saving as the peer types."""

    saved = Signal(int)  # session id, after a successful commit

    def __init__(self, save: Callable[[int, str], None], clock: Clock,
                 status: QLabel, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.clock = clock
        self.status = status
        self.session_id: int | None = None
        self.problem: str | None = None
        self.on_problem: Callable[[str], None] | None = None
        self._loading = False
        self._dirty = False
        self._last_submitted: str | None = None
        self.setAccessibleName("Notes")
        self.setAccessibleDescription("Notes for this session. They save by themselves as you "
                                      "type. Ctrl+K makes a post-it from the current line; "
                                      "Tab indents; Ctrl+Tab moves on to the next tab.")
        # Tab types a tab, like any editor: moving the focus instead sent the next letters
        # to a button, where they were lost.
        self.setTabChangesFocus(False)
        self.setLineWrapMode(QPlainTextEdit.LineWrapMode.WidgetWidth)
        follow_text_size(self, 1.15)
        self._tab_stops()
        self.setPlaceholderText("Type your notes here. They save by themselves.")
        self._bridge = _Bridge(self)
        self._bridge.done.connect(self._saved)
        self.writer: AutosaveWriter | None = AutosaveWriter(save, self._bridge.done.emit)
        self.pause_timer = self._timer(int(DEBOUNCE_SECONDS * 1000))
        self.longest_timer = self._timer(int(MAX_DELAY_SECONDS * 1000))
        self.retry_timer = self._timer(RETRY_MS)
        self.document().contentsChanged.connect(self._changed)
        self.status.setText("")

    def event(self, event: QEvent) -> bool:
        """The live view's keys win over the editor's own: on X11 Ctrl+K would otherwise
        delete to the end of the line instead of making a post-it."""
        if event.type() == QEvent.Type.ShortcutOverride and isinstance(event, QKeyEvent) \
                and event.keyCombination().toCombined() in VIEW_KEYS:
            event.ignore()
            return True
        return super().event(event)

    def _tab_stops(self) -> None:
        self.setTabStopDistance(self.fontMetrics().horizontalAdvance(" ") * TAB_STOP_CHARACTERS)

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.FontChange:
            self._tab_stops()
        super().changeEvent(event)

    def _timer(self, ms: int) -> QTimer:
        timer = QTimer(self)
        timer.setSingleShot(True)
        timer.setInterval(ms)
        timer.setTimerType(Qt.TimerType.PreciseTimer)
        timer.timeout.connect(self.hand_over)
        return timer

    # -- one session at a time ---------------------------------------------------------

    def load(self, session_id: int, text: str) -> None:
        """Show a session's notes with the cursor at the end (the caller flushes first)."""
        self._loading = True
        try:
            self.setPlainText(text)
        finally:
            self._loading = False
        self.session_id = session_id
        self._dirty = False
        self._last_submitted = text
        self.problem = None
        self.moveCursor(QTextCursor.MoveOperation.End)
        self.ensureCursorVisible()
        self.status.setText("All saved" if text else "Nothing typed yet")

    def flush(self, timeout: float = 10.0) -> bool:
        """Hand over any change and wait until it is committed (lock, switch, close)."""
        self.hand_over()
        return self.writer.flush(timeout) if self.writer is not None else True

    def unload(self) -> None:
        """Forget the session (after a flush): the text leaves memory."""
        self._stop_timers()
        self._loading = True
        try:
            self.clear()
        finally:
            self._loading = False
        self.document().clearUndoRedoStacks()
        self.session_id = None
        self._dirty = False
        self._last_submitted = None
        self.status.setText("")

    def shut_down(self, timeout: float = 10.0) -> bool:
        """Flush, stop the writer thread and forget the text (teardown on lock)."""
        ok = self.flush(timeout)
        if self.writer is not None:
            ok = self.writer.close(timeout) and ok
            self.writer = None
        self.unload()
        return ok

    # -- saving ------------------------------------------------------------------------

    @property
    def dirty(self) -> bool:
        return self._dirty

    def _changed(self) -> None:
        if self._loading or self.session_id is None:
            return
        self._dirty = True
        self.pause_timer.start()
        if not self.longest_timer.isActive():
            self.longest_timer.start()
        if not self.problem:
            self.status.setText("Saving…")

    def hand_over(self) -> None:
        """Give the current text to the writer; cheap, never waits."""
        self._stop_timers()
        if not self._dirty or self.session_id is None or self.writer is None:
            return
        self._dirty = False
        text = self.toPlainText()
        if text == self._last_submitted:
            return
        self._last_submitted = text
        self.writer.submit(self.session_id, text)

    def _stop_timers(self) -> None:
        self.pause_timer.stop()
        self.longest_timer.stop()
        self.retry_timer.stop()

    def _saved(self, outcome: SaveOutcome) -> None:
        if outcome.session_id != self.session_id:
            return
        if outcome.error is not None:
            self.problem = outcome.error.message
            self._last_submitted = None
            self._dirty = True
            self.retry_timer.start()
            self.status.setText(NOT_SAVED)
            if self.on_problem is not None:
                self.on_problem(outcome.error.message)
            return
        self.problem = None
        if not self._dirty and outcome.text == self._last_submitted:
            when = self.clock.now().astimezone().strftime("%H:%M:%S")
            self.status.setText(f"Saved {when}")
        self.saved.emit(outcome.session_id)
