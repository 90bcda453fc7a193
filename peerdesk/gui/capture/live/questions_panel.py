"""The questions at hand: for each theme (flip chart) chosen for the session, its headline
question and probes from the template, beside the notes. The themes can be chosen here,
from the keyboard: F4 comes here and goes back, Enter ticks a theme, typing goes on in
the notes."""

from __future__ import annotations

from collections.abc import Callable
from html import escape

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QFrame,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QScrollArea,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from peerdesk.capture.sessions import SessionStore
from peerdesk.gui.capture.live.typing_guard import TypingGoesToNotes
from peerdesk.vault.domain import FlipChart
from peerdesk.vault.errors import PeerdeskError

CHART_ID = Qt.ItemDataRole.UserRole


def questions_html(charts: list[FlipChart]) -> str:
    """The chosen themes' questions and probes, as the panel shows them."""
    if not charts:
        return ("<p>No themes chosen for this session yet. Tick the ones to explore above "
                "(Enter ticks); their questions and probes appear here.</p>")
    parts = []
    for chart in charts:
        parts.append(f"<p><b>{escape(chart.title)}</b><br>{escape(chart.question)}</p>")
        if chart.probes:
            items = "".join(f"<li>{escape(p)}</li>" for p in chart.probes)
            parts.append(f"<ul style='margin-top:0'>{items}</ul>")
    return "".join(parts)


class QuestionsPanel(QWidget):
    """``themes_changed(ids)`` after the peer ticks or unticks a theme."""

    themes_changed = Signal(tuple)
    panel_title = "Questions (F4)"

    def __init__(self, store: SessionStore, report_error: Callable[[str], None],
                 notes: Callable[[], QWidget | None], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.store = store
        self._report_error = report_error
        self.session_id: int | None = None
        self.charts: list[FlipChart] = []
        self.setAccessibleName("Questions for this session's themes")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        split = QSplitter(Qt.Orientation.Vertical, self)
        split.setChildrenCollapsible(False)
        top = QWidget(split)
        top_layout = QVBoxLayout(top)
        top_layout.setContentsMargins(0, 0, 0, 0)
        label = QLabel("T&hemes for this session (Enter ticks; typing goes to the notes):", top)
        label.setWordWrap(True)
        top_layout.addWidget(label)
        self.list = QListWidget(top)
        self.list.setAccessibleName("Themes for this session")
        self.list.setAccessibleDescription("Up and Down move, Enter ticks or unticks a theme; "
                                           "letters you type go to the notes. F4 or Esc "
                                           "returns to the notes.")
        label.setBuddy(self.list)
        top_layout.addWidget(self.list, 1)
        self.guard = TypingGoesToNotes(notes, lambda _w: self.toggle_current(), self)
        self.guard.watch(self.list)
        self.list.itemChanged.connect(self._ticked)
        self.questions = QLabel(self)
        self.questions.setAccessibleName("Questions and probes")
        self.questions.setTextFormat(Qt.TextFormat.RichText)
        self.questions.setWordWrap(True)
        self.questions.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        self.questions.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        scroll = QScrollArea(split)
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        scroll.setWidget(self.questions)
        split.addWidget(top)
        split.addWidget(scroll)
        split.setStretchFactor(0, 1)
        split.setStretchFactor(1, 3)
        split.setSizes([100, 300])  # the questions get most of the room
        layout.addWidget(split, 1)

    def load(self, session_id: int, charts: list[FlipChart], chosen: tuple[int, ...]) -> None:
        self.session_id = session_id
        self.charts = list(charts)
        self.list.blockSignals(True)
        self.list.clear()
        for number, chart in enumerate(charts, start=1):
            item = QListWidgetItem(f"{number} {chart.title}", self.list)
            item.setData(CHART_ID, chart.id)
            item.setToolTip(chart.question)
            item.setFlags((item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
                          & ~Qt.ItemFlag.ItemIsEditable)
            item.setCheckState(Qt.CheckState.Checked if chart.id in chosen
                               else Qt.CheckState.Unchecked)
        if self.list.count():
            self.list.setCurrentRow(0)
        self.list.blockSignals(False)
        self._show_questions()

    def chosen(self) -> tuple[int, ...]:
        return tuple(int(self.list.item(r).data(CHART_ID)) for r in range(self.list.count())
                     if self.list.item(r).checkState() == Qt.CheckState.Checked)

    def toggle_current(self) -> None:
        item = self.list.currentItem()
        if item is not None:
            ticked = item.checkState() == Qt.CheckState.Checked
            item.setCheckState(Qt.CheckState.Unchecked if ticked else Qt.CheckState.Checked)

    def _ticked(self, _item: QListWidgetItem) -> None:
        if self.session_id is None:
            return
        chosen = self.chosen()
        try:
            self.store.set_themes(self.session_id, chosen)
        except PeerdeskError as exc:
            self._report_error(exc.message)
            return
        self._show_questions()
        self.themes_changed.emit(chosen)

    def _show_questions(self) -> None:
        chosen = set(self.chosen())
        html = questions_html([c for c in self.charts if c.id in chosen])
        self.questions.setText(html)

    def focus_list(self) -> None:
        self.list.setFocus(Qt.FocusReason.ShortcutFocusReason)

    def has_focus_inside(self) -> bool:
        return self.list.hasFocus()

    def clear(self) -> None:
        self.session_id = None
        self.charts = []
        self.list.blockSignals(True)
        self.list.clear()
        self.list.blockSignals(False)
        self.questions.clear()
