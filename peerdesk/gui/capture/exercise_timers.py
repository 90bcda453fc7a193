"""The focus group's timed opening exercises, always in view above the notes.

Each exercise has a count-down ("07:41 left"), Start/Pause and Reset. When the time is up
the timer says so in words and the window asks for attention (``QApplication.alert``):
no sound, no dialog. The time run so far is kept in the notebook.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QApplication, QFrame, QGridLayout, QLabel, QPushButton, QWidget

from peerdesk.capture.focus_groups import ExerciseTimer, FocusGroupStore
from peerdesk.gui.widgets.text_size import follow_text_size
from peerdesk.vault.errors import PeerdeskError
from peerdesk.vault.template import ExerciseTemplate

TICK_MS = 250
SHORTCUTS = ("F7", "F8", "F9")


def timer_text(timer: ExerciseTimer) -> str:
    """What the count-down shows, in words as well as figures."""
    if timer.finished:
        return f"Time is up ({timer.display()} over)"
    state = "" if timer.running or timer.elapsed == 0 else " (paused)"
    return f"{timer.display()} left{state}"


class _ExerciseRow:
    def __init__(self, panel: ExerciseTimers, row: int, exercise: ExerciseTemplate,
                 timer: ExerciseTimer, shortcut: str | None) -> None:
        self.panel = panel
        self.exercise = exercise
        self.timer = timer
        self.shortcut = shortcut
        grid = panel.grid
        self.title = QLabel(f"{row + 1}. {exercise.title}", panel)
        self.title.setToolTip(exercise.question)
        self.title.setAccessibleDescription(exercise.question)
        self.clock = QLabel(panel)
        self.clock.setAccessibleName(f"Time left for exercise {row + 1}")
        follow_text_size(self.clock, 1.2, bold=True)
        self.clock.setMinimumWidth(self.clock.fontMetrics().horizontalAdvance(
            "Time is up (88:88 over)"))
        self.toggle_button = QPushButton(panel)
        self.toggle_button.setFocusPolicy(Qt.FocusPolicy.TabFocus)
        self.toggle_button.setAccessibleName(f"Start or pause exercise {row + 1}")
        self.toggle_button.clicked.connect(self.toggle)
        self.reset_button = QPushButton("Reset", panel)
        self.reset_button.setFocusPolicy(Qt.FocusPolicy.TabFocus)
        self.reset_button.setAccessibleName(f"Reset the timer of exercise {row + 1}")
        self.reset_button.clicked.connect(self.reset)
        grid.addWidget(self.title, row, 0)
        grid.addWidget(self.clock, row, 1)
        grid.addWidget(self.toggle_button, row, 2)
        grid.addWidget(self.reset_button, row, 3)
        self.update()

    def toggle(self) -> None:
        self.timer.toggle()
        if self.timer.running:
            self.panel.started.emit(self.exercise.key)
        self.panel.save(self)
        self.update()
        self.panel.run_ticks()

    def reset(self) -> None:
        self.timer.reset()
        self.panel.save(self)
        self.update()

    def update(self) -> None:
        text = timer_text(self.timer)
        self.clock.setText(text)
        self.clock.setAccessibleDescription(text)
        key = f" ({self.shortcut})" if self.shortcut else ""
        if self.timer.running:
            self.toggle_button.setText(f"Pause{key}")
        elif self.timer.elapsed == 0:
            self.toggle_button.setText(f"Start{key}")
        else:
            self.toggle_button.setText(f"Carry on{key}")


class ExerciseTimers(QFrame):
    """One row per exercise of the session kind; hidden when there are none."""

    started = Signal(str)  # the exercise's key

    def __init__(self, store: FocusGroupStore, report_error: Callable[[str], None],
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.store = store
        self._report_error = report_error
        self.session_id: int | None = None
        self.rows: list[_ExerciseRow] = []
        self.setObjectName("exerciseTimers")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setAccessibleName("Opening exercises")
        self.grid = QGridLayout(self)
        self.grid.setContentsMargins(8, 4, 8, 4)
        self.grid.setColumnStretch(0, 1)
        self.ticker = QTimer(self)
        self.ticker.setInterval(TICK_MS)
        self.ticker.timeout.connect(self.tick)
        self.shortcuts: list[QShortcut] = []
        for index, key in enumerate(SHORTCUTS):
            shortcut = QShortcut(QKeySequence(key), self)
            shortcut.setContext(Qt.ShortcutContext.WindowShortcut)
            shortcut.activated.connect(lambda i=index: self._toggle(i))
            self.shortcuts.append(shortcut)
        self.hide()

    def load(self, session_id: int, exercises: tuple[ExerciseTemplate, ...]) -> None:
        self.clear()
        self.session_id = session_id
        for index, exercise in enumerate(exercises):
            timer = self.store.timer(session_id, exercise.key, exercise.seconds)
            shortcut = SHORTCUTS[index] if index < len(SHORTCUTS) else None
            self.rows.append(_ExerciseRow(self, index, exercise, timer, shortcut))
        self.setVisible(bool(self.rows))
        self.run_ticks()

    def _toggle(self, index: int) -> None:
        if self.isVisible() and index < len(self.rows):
            self.rows[index].toggle()

    def run_ticks(self) -> None:
        if any(r.timer.running for r in self.rows):
            self.ticker.start()
        else:
            self.ticker.stop()

    def tick(self) -> None:
        for row in self.rows:
            row.update()
            if row.timer.take_alert():
                self.save(row)
                window = self.window()
                QApplication.alert(window, 0)
        self.run_ticks()

    def save(self, row: _ExerciseRow) -> None:
        if self.session_id is None:
            return
        try:
            self.store.save_timer(self.session_id, row.exercise.key, row.timer)
        except PeerdeskError as exc:
            self._report_error(exc.message)

    def save_all(self) -> None:
        for row in self.rows:
            self.save(row)

    def clear(self) -> None:
        self.ticker.stop()
        while self.grid.count():
            item = self.grid.takeAt(0)
            widget = item.widget() if item is not None else None
            if widget is not None:
                widget.deleteLater()
        self.rows = []
        self.session_id = None
        self.hide()
