"""The facilitation checklist beside the notes: the session kind's prompts by phase.

Ticking an item records it at once. The checkboxes take focus only from the keyboard
(F6 jumps here and back, Tab moves on, Enter ticks, Esc returns to the notes), so ticking
one with the mouse never takes the cursor out of the notes. Typing while the keyboard is
here goes on in the notes: a space or a letter never ticks a box (see typing_guard).
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QKeyEvent, QMouseEvent
from PySide6.QtWidgets import (
    QCheckBox,
    QFrame,
    QHBoxLayout,
    QLabel,
    QScrollArea,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from peerdesk.capture.sessions import SessionStore
from peerdesk.gui.capture.live.typing_guard import TypingGoesToNotes
from peerdesk.vault.errors import PeerdeskError
from peerdesk.vault.template import CONFIDENTIALITY_KEY, PHASE_LABELS, PHASES, PhasePrompts


def explained_text(moment: datetime | None) -> str:
    if moment is None:
        return "Not yet explained"
    return f"Explained at {moment.astimezone().strftime('%H:%M')}"


class _PromptText(QLabel):
    """The prompt's words: wrapped, and a click on them ticks the box like a click on it."""

    def __init__(self, text: str, box: QCheckBox, parent: QWidget) -> None:
        super().__init__(text, parent)
        self.box = box
        policy = QSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        policy.setHeightForWidth(True)
        self.setSizePolicy(policy)
        self.setWordWrap(True)
        self.setBuddy(box)
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)

    def mousePressEvent(self, event: QMouseEvent) -> None:
        if event.button() == Qt.MouseButton.LeftButton:
            self.box.click()
        event.accept()


class _Box(QCheckBox):
    escaped = Signal()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() == Qt.Key.Key_Escape:
            self.escaped.emit()
            return
        super().keyPressEvent(event)


class PromptsPanel(QScrollArea):
    """Scrolling list of phases, each a heading and its prompts with checkboxes."""

    leave_requested = Signal()

    def __init__(self, store: SessionStore, report_error: Callable[[str], None],
                 parent: QWidget | None = None,
                 notes: Callable[[], QWidget | None] = lambda: None) -> None:
        super().__init__(parent)
        self.store = store
        self.guard = TypingGoesToNotes(notes, self._enter, self)
        self._report_error = report_error
        self.session_id: int | None = None
        self.boxes: dict[str, QCheckBox] = {}
        self.headings: dict[str, QLabel] = {}
        self.explained: QLabel | None = None
        self.setAccessibleName("Prompts for this session")
        self.setAccessibleDescription("A checklist by phase. F6 moves here from the notes and "
                                      "back; Enter ticks an item; typing goes on in the "
                                      "notes; Esc returns to the notes.")
        self.setWidgetResizable(True)
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self._phase_prompts: PhasePrompts = {}
        self._show_empty()

    def _show_empty(self) -> None:
        holder = QWidget(self)
        layout = QVBoxLayout(holder)
        layout.addWidget(QLabel("Open a session to see its prompts.", holder))
        layout.addStretch(1)
        self.setWidget(holder)
        self.boxes, self.headings, self.explained = {}, {}, None

    def load(self, session_id: int, prompts: PhasePrompts, ticks: dict[str, datetime]) -> None:
        self.session_id = session_id
        self._phase_prompts = prompts
        holder = QWidget(self)
        holder.setAccessibleName("Prompts by phase")
        layout = QVBoxLayout(holder)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.setSpacing(2)
        self.boxes, self.headings, self.explained = {}, {}, None
        for phase in PHASES:
            items = prompts.get(phase, ())
            if not items:
                continue
            heading = QLabel(holder)
            heading.setTextFormat(Qt.TextFormat.PlainText)
            font = heading.font()
            font.setBold(True)
            heading.setFont(font)
            layout.addSpacing(6)
            layout.addWidget(heading)
            self.headings[phase] = heading
            for prompt in items:
                layout.addWidget(self._row(holder, prompt.key, prompt.text,
                                           ticks.get(prompt.key)))
        layout.addStretch(1)
        self.setWidget(holder)
        self._count()
        QTimer.singleShot(0, self._scroll_to_work)

    def _scroll_to_work(self) -> None:
        """Start the view at the first phase with something left to tick."""
        for phase, heading in self.headings.items():
            keys = [p.key for p in self._phase_prompts.get(phase, ())]
            if any(not self.boxes[k].isChecked() for k in keys):
                self.verticalScrollBar().setValue(max(0, heading.y() - 4))
                return

    def _row(self, parent: QWidget, key: str, text: str, ticked: datetime | None) -> QWidget:
        row = QWidget(parent)
        outer = QVBoxLayout(row)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.setSpacing(0)
        line = QHBoxLayout()
        line.setContentsMargins(0, 0, 0, 0)
        box = _Box(row)
        box.setFocusPolicy(Qt.FocusPolicy.TabFocus)
        box.setAccessibleName(text)
        box.setChecked(ticked is not None)
        box.clicked.connect(lambda checked, k=key: self._ticked(k, checked))
        box.escaped.connect(self.leave_requested)
        self.guard.watch(box)
        line.addWidget(box, 0, Qt.AlignmentFlag.AlignTop)
        line.addWidget(_PromptText(text, box, row), 1)
        outer.addLayout(line)
        if key == CONFIDENTIALITY_KEY:
            self.explained = QLabel(explained_text(ticked), row)
            self.explained.setAccessibleName("When confidentiality was explained")
            self.explained.setIndent(24)
            font = self.explained.font()
            font.setItalic(True)
            self.explained.setFont(font)
            outer.addWidget(self.explained)
            box.setAccessibleDescription(explained_text(ticked))
        self.boxes[key] = box
        return row

    @staticmethod
    def _enter(widget: QWidget) -> None:
        if isinstance(widget, QCheckBox):
            widget.click()

    def _ticked(self, key: str, checked: bool) -> None:
        if self.session_id is None:
            return
        box = self.boxes[key]
        try:
            when = self.store.tick_prompt(self.session_id, key, checked)
        except PeerdeskError as exc:
            box.setChecked(not checked)
            self._report_error(exc.message)
            return
        if key == CONFIDENTIALITY_KEY and self.explained is not None:
            self.explained.setText(explained_text(when))
            box.setAccessibleDescription(explained_text(when))
        self._count()

    def _count(self) -> None:
        for phase, heading in self.headings.items():
            keys = [p.key for p in self._phase_prompts.get(phase, ())]
            done = sum(1 for k in keys if self.boxes[k].isChecked())
            heading.setText(f"{PHASE_LABELS[phase]}: {done} of {len(keys)} done")

    def focus_first(self) -> bool:
        """Put the keyboard on the first item not yet ticked (or the first item)."""
        if not self.boxes:
            return False
        boxes = list(self.boxes.values())
        target = next((b for b in boxes if not b.isChecked()), boxes[0])
        target.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.ensureWidgetVisible(target)
        return True

    def has_focus_inside(self) -> bool:
        return any(b.hasFocus() for b in self.boxes.values())

    def clear(self) -> None:
        self.session_id = None
        self._phase_prompts = {}
        self._show_empty()
