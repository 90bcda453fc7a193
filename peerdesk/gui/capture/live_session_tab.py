"""The live session view: notes that save themselves, the themes' questions and the
prompts beside them, a meeting clock, post-its from the keyboard, and for focus groups the
timed exercises and the groups' feedback. No dialog: problems go to the message bar.
Every key is listed in Help > Keyboard shortcuts (from ``keys.KEYS``). While a session is
open (not marked done) the idle lock waits: the peer may listen without typing (``busy``).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from PySide6.QtCore import Qt
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSplitter,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from peerdesk.capture.flip_charts import notebook_template
from peerdesk.capture.focus_groups import FocusGroupStore
from peerdesk.capture.postits import Postit, PostitStore
from peerdesk.capture.sessions import OVERRUN, Session, SessionStore
from peerdesk.gui.capture.exercise_timers import ExerciseTimers
from peerdesk.gui.capture.focus_group_panel import FocusGroupPanel
from peerdesk.gui.capture.live.keys import install_shortcuts
from peerdesk.gui.capture.live.meeting_clock import MeetingClock
from peerdesk.gui.capture.live.questions_panel import QuestionsPanel
from peerdesk.gui.capture.live.room_fit import RoomFit
from peerdesk.gui.capture.notes_editor import NotesEditor, SaveStatus
from peerdesk.gui.capture.participants_panel import ParticipantsPanel
from peerdesk.gui.capture.postit_bar import PostitBar
from peerdesk.gui.capture.prompts_panel import PromptsPanel
from peerdesk.gui.capture.session_parts import (
    PanelFactory,
    SessionPanel,
    chooser_row,
    header_text,
    selection_or_line,
)
from peerdesk.gui.capture.session_postits import SessionPostits
from peerdesk.gui.widgets.context import GuiContext
from peerdesk.gui.widgets.scrolling import scrolling
from peerdesk.gui.widgets.text_size import follow_text_size
from peerdesk.vault.domain import FlipChart
from peerdesk.vault.errors import PeerdeskError
from peerdesk.vault.template import Template

HINT = ("Ctrl+K: post-it · F4: questions · F6: prompts · Esc: back to the notes · "
        "F1: every key")
LIVE_GRACE = OVERRUN
"""How long after its slot an open session still holds off the idle lock (a meeting that
runs over; and where the computer's own lock cannot be seen, the notebook still locks)."""

class LiveSessionTab(QWidget):
    tab_title = "&In session"

    def __init__(self, context: GuiContext, parent: QWidget | None = None,
                 panels: Sequence[PanelFactory] = ()) -> None:
        super().__init__(parent)
        self.context = context
        notebook = context.notebook
        self.sessions = SessionStore(notebook)
        self.postit_store = PostitStore(notebook)
        self.focus_store = FocusGroupStore(notebook)
        self.template: Template = notebook_template(notebook)
        self.session: Session | None = None
        self.charts: list[FlipChart] = []
        self.setAccessibleName("In session")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 4, 0, 0)
        row, self.chooser, self.open_button = chooser_row(self, self._chosen)
        layout.addLayout(row)
        self.clock = MeetingClock(context.clock, self)
        layout.addLayout(self._header_row())
        self.timers = ExerciseTimers(self.focus_store, self.report, self)
        layout.addWidget(self.timers)

        self.split = QSplitter(Qt.Orientation.Horizontal, self)
        self.split.setChildrenCollapsible(False)
        left = QSplitter(Qt.Orientation.Vertical, self.split)
        left.setChildrenCollapsible(False)
        top = QWidget(left)
        top_layout = QVBoxLayout(top)
        top_layout.setContentsMargins(0, 0, 0, 0)
        self.editor = NotesEditor(self.sessions.save_notes, context.clock, self.save_status, top)
        self.editor.on_problem = self._save_problem
        self._save_problem_shown = False
        self.editor.saved.connect(self._notes_saved)
        top_layout.addWidget(self.editor, 1)
        self.bar = PostitBar(self.postit_store, top)
        self.bar.filed.connect(self._postit_filed)
        self.bar.closed.connect(self.focus_editor)
        top_layout.addWidget(self.bar)
        self.postits = SessionPostits(self.postit_store, self.report, left)
        self.postits.edit_requested.connect(self.bar.open_edit)
        self.postits.notice.connect(self._notice)
        left.addWidget(top)
        left.addWidget(self.postits)
        left.setStretchFactor(0, 4)
        left.setStretchFactor(1, 1)

        self.side = QTabWidget(self.split)
        self.side.setAccessibleName("Questions, prompts, focus group and participants")
        self.questions = QuestionsPanel(self.sessions, self.report, self._notes, self.side)
        self.questions.themes_changed.connect(self._themes_changed)
        self.prompts = PromptsPanel(self.sessions, self.report, self.side, self._notes)
        self.prompts.leave_requested.connect(self.focus_editor)
        self.groups = FocusGroupPanel(self.focus_store, self.postit_store, self.report, self.side)
        self.groups.recommendation_added.connect(self._postit_filed)
        self.timers.started.connect(self.groups.select_exercise)
        self.participants = ParticipantsPanel(self.sessions, self.report, self.side)
        self.side.addTab(self.questions, self.questions.panel_title)
        self.side.addTab(self.prompts, "Prompts (F6)")
        self.groups_page = scrolling(self.groups, self.side, "Focus group")
        self.side.addTab(self.groups_page, "Focus group")
        self.participants_page = scrolling(self.participants, self.side, "Participants")
        self.side.addTab(self.participants_page, "Participants")
        self.panels: list[tuple[QWidget, SessionPanel]] = []
        for make in panels:
            widget = make(context, self.side)
            panel: SessionPanel = widget  # type: ignore[assignment]  # see PanelFactory
            self.side.addTab(widget, panel.panel_title)
            self.side.setTabVisible(self.side.indexOf(widget), False)
            self.panels.append((widget, panel))
        self.split.addWidget(left)
        self.split.addWidget(self.side)
        self.split.setStretchFactor(0, 3)
        self.split.setStretchFactor(1, 2)
        self.split.setSizes([700, 440])
        layout.addWidget(self.split, 1)
        self.hint = QLabel(HINT, self)
        self.hint.setWordWrap(True)
        self.hint.setAccessibleName("Keys for this view")
        layout.addWidget(self.hint)
        self.room = RoomFit(self.split, left, self.side, (self.heading, self.hint))
        install_shortcuts(self)
        self._set_enabled(False)

    # -- building -------------------------------------------------------------------------

    def _header_row(self) -> QHBoxLayout:
        row = QHBoxLayout()
        self.heading = QLabel("No session open. Choose one above, or start one from the "
                              "timetable.", self)
        self.heading.setWordWrap(True)
        self.heading.setAccessibleName("Session open")
        follow_text_size(self.heading, bold=True)
        row.addWidget(self.heading, 1)
        row.addWidget(self.clock)
        self.save_status = SaveStatus(self)
        row.addWidget(self.save_status)
        self.done_button = QPushButton("Mark as done", self)
        self.done_button.setAccessibleName("Mark this session as done")
        self.done_button.setToolTip("Mark the session as done (Ctrl+Shift+D)")
        self.done_button.setFocusPolicy(Qt.FocusPolicy.TabFocus)
        self.done_button.clicked.connect(self.mark_done)
        row.addWidget(self.done_button)
        return row

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self.room.resized(event.size())  # a small screen or large text: see room_fit

    def _notes(self) -> QWidget | None:
        return self.editor if self.session is not None else None

    def _set_enabled(self, on: bool) -> None:
        for widget in (self.editor, self.side, self.postits, self.done_button):
            widget.setEnabled(on)

    # -- the session list -----------------------------------------------------------------

    def refresh(self) -> None:
        """Called when the tab is shown: the session list and charts may have changed."""
        try:
            sessions = self.sessions.list_all()
            self.charts = self.context.notebook.flip_charts()
        except PeerdeskError as exc:
            self.report(exc.message)
            return
        current = self.session.id if self.session else None
        upcoming = None if current else self.sessions.next_session()
        self.chooser.fill(sessions, self.context.clock.now(), current, upcoming)
        self.open_button.setEnabled(bool(sessions))
        if self.session is None:
            self.chooser.setFocus(Qt.FocusReason.OtherFocusReason)
        self.bar.set_charts(self.charts)
        if self.session is not None:
            self.groups.set_charts(self.charts)
            self._show_postits()
            for widget, panel in self.panels:  # findings may have changed on the board
                if self.side.isTabVisible(self.side.indexOf(widget)):
                    panel.load(self.session.id)

    def _chosen(self, index: int) -> None:
        session_id = self.chooser.itemData(index)
        if session_id is not None:
            self.open_session(int(session_id))

    # -- opening a session ----------------------------------------------------------------

    def open_session(self, session_id: int) -> None:
        """Show the session ready to type: the notes focused with the cursor at the end."""
        if self.session is not None and self.session.id != session_id:
            self._leave_session()
        try:
            session = self.sessions.get(session_id)
            if session.status in ("planned", "live"):
                session = self.sessions.start(session_id)
            notes = session.notes
            ticks = self.sessions.ticks(session_id)
            self.charts = self.context.notebook.flip_charts()
        except PeerdeskError as exc:
            self.report(exc.message)
            return
        self.session = session
        if self.editor.session_id != session_id:
            self.editor.load(session_id, notes)
        self._set_enabled(True)
        self._show_header(session)
        self.clock.show_session(session)
        self.questions.load(session_id, self.charts, session.theme_ids)
        self.prompts.load(session_id, self.template.prompts_for(session.kind), ticks)
        exercises = self.template.exercises_for(session.kind)
        self.timers.load(session_id, exercises)
        self.side.setTabVisible(self.side.indexOf(self.groups_page), bool(exercises))
        if exercises:
            self.groups.load(session_id, exercises, self.charts)
        self.participants.load(session_id, session.expected_participants)
        self.side.setCurrentWidget(self.questions if session.theme_ids else self.prompts)
        self.postits.forget_deleted()
        for widget, panel in self.panels:
            shown = session.kind in panel.kinds
            self.side.setTabVisible(self.side.indexOf(widget), shown)
            if shown:
                panel.load(session_id)
        self.bar.set_charts(self.charts)
        self._show_postits()
        index = self.chooser.findData(session_id)
        if index >= 0:
            self.chooser.setCurrentIndex(index)
        self.focus_editor()

    def _show_header(self, s: Session) -> None:
        self.heading.setText(header_text(s))
        self.done_button.setText("Done" if s.status == "done" else "Mark as done")
        self.done_button.setEnabled(s.status != "done")

    def _show_postits(self, select_id: int | None = None) -> None:
        if self.session is None:
            return
        try:
            postits = self.postit_store.list_for_session(self.session.id)
        except PeerdeskError as exc:
            self.report(exc.message)
            return
        self.postits.show_postits(postits, self.charts, select_id)

    def focus_editor(self) -> None:
        if self.session is None:
            return
        self.room.fold_side()
        self.editor.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.editor.ensureCursorVisible()

    # -- actions ----------------------------------------------------------------------------

    def make_postit(self) -> None:
        if self.session is None:
            return
        if self.bar.isVisible() and self.bar.isAncestorOf(self.focusWidget()):
            self.bar.setFocus(Qt.FocusReason.ShortcutFocusReason)
            return
        text = selection_or_line(self.editor) if self.editor.hasFocus() else ""
        theme = self.session.theme_ids[0] if self.session.theme_ids else None
        self.bar.open_new(self.session.id, text, theme)

    def toggle_questions(self) -> None:
        self._toggle(self.questions, self.questions.focus_list)

    def toggle_prompts(self) -> None:
        self._toggle(self.prompts, self.prompts.focus_first)

    def _toggle(self, panel: QuestionsPanel | PromptsPanel, focus: Callable[[], object]) -> None:
        """F4 or F6: to the panel's first place, and from the panel back to the notes."""
        if self.session is None:
            return
        if panel.has_focus_inside():
            self.focus_editor()
            return
        self.side.setCurrentWidget(panel)
        self.room.show_side()
        focus()

    def _themes_changed(self, chosen: tuple[int, ...]) -> None:
        if self.session is not None:
            self.session.theme_ids = chosen

    def mark_done(self) -> None:
        if self.session is None:
            return
        try:
            self.sessions.set_status(self.session.id, "done")
            self.session = self.sessions.get(self.session.id)
        except PeerdeskError as exc:
            self.report(exc.message)
            return
        self._show_header(self.session)
        self.context.messages.info("The session is marked as done. Its notes stay editable.")
        self.refresh()
        self.focus_editor()

    def _postit_filed(self, postit: Postit) -> None:
        self.hint.setText(f"Filed: {postit.kind_label} on {self.postits.chart_title(postit)}. "
                          "Ctrl+K makes another.")
        self._show_postits(postit.id)

    def _notice(self, text: str) -> None:
        self.hint.setText(text)

    def _save_problem(self, message: str) -> None:
        self._save_problem_shown = True
        self.report(message)

    def _notes_saved(self, _session_id: int) -> None:
        if self._save_problem_shown:
            self._save_problem_shown = False
            self.context.messages.info("The notes are saved again.")

    def report(self, message: str) -> None:
        self.context.messages.error(message)

    # -- leaving ------------------------------------------------------------------------------

    def _leave_session(self) -> None:
        if not self.editor.flush():
            self.report("The last notes took too long to save; they are still being saved.")
        self.timers.save_all()
        self.timers.clear()
        self.session = None

    def busy(self) -> bool:
        """A live session is open here (not marked done, its slot not long over), or a
        focus-group exercise is being timed: the idle lock waits."""
        if any(row.timer.running for row in self.timers.rows):
            return True
        s = self.session
        if s is None or s.status in ("done", "cancelled"):
            return False
        return s.ends_at is None or self.context.clock.now() < s.ends_at + LIVE_GRACE

    def where(self) -> tuple[int, int, int] | None:
        """The open session, the notes' cursor and the side panel shown (for a lock)."""
        if self.session is None:
            return None
        return self.session.id, self.editor.textCursor().position(), self.side.currentIndex()

    def return_to(self, session_id: int, cursor: int, side_tab: int = 0) -> None:
        """After unlocking: the same session, the cursor where it was."""
        self.refresh()
        self.open_session(session_id)
        if self.session is None or self.session.id != session_id:
            return
        text_cursor = self.editor.textCursor()
        text_cursor.setPosition(max(0, min(cursor, len(self.editor.toPlainText()))))
        self.editor.setTextCursor(text_cursor)
        self.editor.ensureCursorVisible()
        if 0 <= side_tab < self.side.count() and self.side.isTabVisible(side_tab):
            self.side.setCurrentIndex(side_tab)

    def teardown(self) -> None:
        """On lock: save everything, stop the timers and the writer, forget the notes."""
        self.timers.save_all()
        self.timers.clear()
        self.editor.shut_down()
        self.bar.forget()
        self.clock.show_session(None)
        self.questions.clear()
        self.prompts.clear()
        self.groups.clear()
        self.participants.clear()
        for _widget, panel in self.panels:
            panel.clear()
        self.postits.clear()
        self.chooser.clear()
        self.heading.clear()
        self.session = None
        self.charts = []
