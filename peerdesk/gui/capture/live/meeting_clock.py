"""The meeting clock above the notes: time used and left against the session's slot, in
words and figures, so the peer can pace the questions without looking at a watch."""

from __future__ import annotations

from datetime import datetime

from PySide6.QtCore import QSize, Qt, QTimer
from PySide6.QtWidgets import QLabel, QWidget

from peerdesk.capture.sessions import Session, local
from peerdesk.gui.widgets.text_size import follow_text_size
from peerdesk.vault.clock import Clock

TICK_MS = 10_000
_LONGEST = "10:30–12:00 · 888 min used · 888 min over the slot"


def _minutes(seconds: float) -> int:
    return int(seconds // 60)


def _minutes_up(seconds: float) -> int:
    return -int(-seconds // 60)


def clock_text(session: Session, now: datetime) -> str:
    """"09:00–10:00 · 22 min used · 38 min left", or what stands for it."""
    starts, ends = session.starts_at, session.ends_at
    if starts is None or session.all_day:
        if session.started_at is None:
            return "No time slot"
        return f"Started {local(session.started_at):%H:%M} · " \
               f"{_minutes((now - session.started_at).total_seconds())} min so far"
    slot = f"{local(starts):%H:%M}" + (f"–{local(ends):%H:%M}" if ends else "")
    if now < starts:
        return f"{slot} · starts in {_minutes_up((starts - now).total_seconds())} min"
    used = f"{_minutes((now - starts).total_seconds())} min used"
    if ends is None:
        return f"{slot} · {used}"
    left = (ends - now).total_seconds()
    if left > 0:
        return f"{slot} · {used} · {_minutes_up(left)} min left"
    return f"{slot} · {used} · {_minutes(-left)} min over the slot"


class MeetingClock(QLabel):
    """Updated every few seconds while a session is open; one size, so that its changing
    words never make the view lay itself out again."""

    def __init__(self, clock: Clock, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.clock = clock
        self.session: Session | None = None
        self.setAccessibleName("Meeting clock")
        self.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        follow_text_size(self, 1.1, bold=True)
        self.ticker = QTimer(self)
        self.ticker.setInterval(TICK_MS)
        self.ticker.timeout.connect(self.update_text)

    def show_session(self, session: Session | None) -> None:
        self.session = session
        self.update_text()
        if session is None:
            self.ticker.stop()
        else:
            self.ticker.start()

    def update_text(self) -> None:
        text = "" if self.session is None else clock_text(self.session, self.clock.now())
        self.setText(text)
        self.setAccessibleDescription(text)

    def sizeHint(self) -> QSize:
        hint = super().sizeHint()
        hint.setWidth(self.fontMetrics().horizontalAdvance(_LONGEST) + 8)
        return hint

    def minimumSizeHint(self) -> QSize:
        hint = super().minimumSizeHint()
        hint.setWidth(min(self.sizeHint().width(), self.fontMetrics().averageCharWidth() * 30))
        return hint
