"""Focus groups: the timed opening exercises and each small group's feedback.

``ExerciseTimer`` is plain Python driven by a ``Clock``: the GUI polls it (a QTimer
calling ``remaining`` and ``take_alert``) and tests move a ``ManualClock``. The time
run so far is kept in the notebook, so a timer survives a restart of the app.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from peerdesk.capture.sessions import from_text, to_text
from peerdesk.vault.clock import Clock
from peerdesk.vault.errors import PeerdeskError, ValidationError
from peerdesk.vault.notebook import Notebook

DEFAULT_SECONDS = 600.0


class ExerciseTimer:
    """A count-down for one exercise: start, pause, start again; ``finished`` at zero."""

    def __init__(self, clock: Clock, seconds: float = DEFAULT_SECONDS, elapsed: float = 0.0,
                 started_at: datetime | None = None,
                 finished_at: datetime | None = None) -> None:
        if seconds <= 0:
            raise ValueError("an exercise needs a positive length")
        self.clock = clock
        self.seconds = float(seconds)
        self._elapsed = max(0.0, float(elapsed))
        self._since: float | None = None
        self.started_at = started_at
        self.finished_at = finished_at
        self._alerted = finished_at is not None

    @property
    def running(self) -> bool:
        return self._since is not None

    @property
    def elapsed(self) -> float:
        """Seconds run so far; it goes on past the end while running (an overrun)."""
        value = self._elapsed
        if self._since is not None:
            value += self.clock.monotonic() - self._since
        if value >= self.seconds and self.finished_at is None:
            overrun = value - self.seconds
            self.finished_at = (self.clock.now() - timedelta(seconds=overrun)).replace(
                microsecond=0)
        return value

    @property
    def remaining(self) -> float:
        return max(0.0, self.seconds - self.elapsed)

    @property
    def finished(self) -> bool:
        return self.elapsed >= self.seconds

    def start(self) -> None:
        if self._since is None:
            self._since = self.clock.monotonic()
            if self.started_at is None:
                self.started_at = self.clock.now().replace(microsecond=0)

    def pause(self) -> None:
        if self._since is not None:
            self._elapsed += self.clock.monotonic() - self._since
            self._since = None

    def toggle(self) -> None:
        if self.running:
            self.pause()
        else:
            self.start()

    def reset(self) -> None:
        self._elapsed, self._since = 0.0, None
        self.started_at = self.finished_at = None
        self._alerted = False

    def take_alert(self) -> bool:
        """True exactly once, the first time it is asked after the time is up."""
        if self.finished and not self._alerted:
            self._alerted = True
            return True
        return False

    def display(self) -> str:
        """What the timer shows: "09:41" left, or "+00:15" over time."""
        elapsed = self.elapsed
        if elapsed < self.seconds:
            left = int(self.seconds - elapsed + 0.999)
            return f"{left // 60:02d}:{left % 60:02d}"
        over = int(elapsed - self.seconds)
        return f"+{over // 60:02d}:{over % 60:02d}"


@dataclass(frozen=True)
class ExerciseState:
    session_id: int
    key: str
    elapsed_seconds: float
    started_at: datetime | None
    finished_at: datetime | None


@dataclass(frozen=True)
class GroupFeedback:
    id: int
    session_id: int
    exercise_key: str
    group_label: str
    text: str
    created_at: datetime


class FeedbackNotFoundError(PeerdeskError):
    default_message = "That feedback is no longer in the notebook."


class FocusGroupStore:
    def __init__(self, notebook: Notebook) -> None:
        self.notebook = notebook

    # -- exercises ------------------------------------------------------------------

    def save_timer(self, session_id: int, key: str, timer: ExerciseTimer) -> None:
        """Keep the timer's progress (call on start, pause, finish and now and then)."""
        with self.notebook.write() as conn:
            conn.execute(
                "INSERT INTO exercise (session_id, key, elapsed_seconds, started_at, finished_at)"
                " VALUES (?, ?, ?, ?, ?) ON CONFLICT (session_id, key) DO UPDATE SET"
                " elapsed_seconds = excluded.elapsed_seconds, started_at = excluded.started_at,"
                " finished_at = excluded.finished_at",
                (session_id, key, round(timer.elapsed, 3), to_text(timer.started_at),
                 to_text(timer.finished_at)))

    def exercises(self, session_id: int) -> dict[str, ExerciseState]:
        with self.notebook.read() as conn:
            rows = conn.execute("SELECT key, elapsed_seconds, started_at, finished_at FROM"
                                " exercise WHERE session_id = ?", (session_id,)).fetchall()
        return {r[0]: ExerciseState(session_id, r[0], float(r[1]), from_text(r[2]),
                                    from_text(r[3])) for r in rows}

    def timer(self, session_id: int, key: str,
              seconds: float = DEFAULT_SECONDS) -> ExerciseTimer:
        """A paused timer carrying on from what was saved (a fresh one if nothing was)."""
        state = self.exercises(session_id).get(key)
        if state is None:
            return ExerciseTimer(self.notebook.clock, seconds)
        return ExerciseTimer(self.notebook.clock, seconds, state.elapsed_seconds,
                             state.started_at, state.finished_at)

    def clear_timer(self, session_id: int, key: str) -> None:
        with self.notebook.write() as conn:
            conn.execute("DELETE FROM exercise WHERE session_id = ? AND key = ?",
                         (session_id, key))

    # -- group feedback -------------------------------------------------------------

    def add_feedback(self, session_id: int, exercise_key: str, text: str,
                     group_label: str = "") -> GroupFeedback:
        if not text.strip():
            raise ValidationError("Type what the group said before adding it.")
        now = self.notebook.now_text()
        with self.notebook.write() as conn:
            cur = conn.execute("INSERT INTO group_feedback (session_id, exercise_key,"
                               " group_label, text, created_at) VALUES (?, ?, ?, ?, ?)",
                               (session_id, exercise_key, group_label.strip(), text.strip(),
                                now))
            feedback_id = int(cur.lastrowid or 0)
        return GroupFeedback(feedback_id, session_id, exercise_key, group_label.strip(),
                             text.strip(), datetime.fromisoformat(now))

    def update_feedback(self, feedback_id: int, text: str, group_label: str = "") -> None:
        if not text.strip():
            raise ValidationError("Feedback cannot be empty: delete it instead.")
        with self.notebook.write() as conn:
            cur = conn.execute("UPDATE group_feedback SET text = ?, group_label = ? WHERE id = ?",
                               (text.strip(), group_label.strip(), feedback_id))
            if cur.rowcount == 0:
                raise FeedbackNotFoundError()

    def delete_feedback(self, feedback_id: int) -> None:
        with self.notebook.write() as conn:
            conn.execute("DELETE FROM group_feedback WHERE id = ?", (feedback_id,))

    def feedback(self, session_id: int, exercise_key: str | None = None) -> list[GroupFeedback]:
        sql = ("SELECT id, session_id, exercise_key, group_label, text, created_at"
               " FROM group_feedback WHERE session_id = ?")
        args: tuple[object, ...] = (session_id,)
        if exercise_key is not None:
            sql += " AND exercise_key = ?"
            args += (exercise_key,)
        with self.notebook.read() as conn:
            rows = conn.execute(sql + " ORDER BY created_at, id", args).fetchall()
        return [GroupFeedback(r[0], r[1], r[2], r[3], r[4], datetime.fromisoformat(r[5]))
                for r in rows]
