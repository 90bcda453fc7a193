"""Every key of the live capture view: the list for Help > Keyboard shortcuts, and the
view's own shortcuts, side by side so that the sheet and the view never disagree."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QWidget

KEYS: tuple[tuple[str, str], ...] = (
    ("Enter (timetable)", "Start the selected session, notes ready to type"),
    ("Ctrl+K", "Post-it from the current line or the selected text"),
    ("1–9, 0 (post-it bar)", "Choose the flip chart (Alt+number while typing the text)"),
    ("S, A, G, R, O (post-it bar)", "Kind: strength, area to explore, suggestion, "
                                    "participant recommendation, observation"),
    ("Enter / Esc (post-it bar)", "File the post-it / close the bar without filing"),
    ("Tab (post-it bar)", "Between choosing chart and kind and typing the text"),
    ("Ctrl+Shift+P", "The session's post-its"),
    ("Enter or F2 (post-its)", "Change or move the selected post-it"),
    ("Delete (post-its)", "Delete the selected post-it"),
    ("Ctrl+Z (post-its)", "Put back the post-it just deleted"),
    ("F4", "The questions for the session's themes, and back to the notes"),
    ("Enter (themes, prompts)", "Tick or untick; typing goes on in the notes"),
    ("F6", "The facilitation prompts, and back to the notes"),
    ("Esc", "From any side panel or list, back to the notes at the same place"),
    ("Tab (notes)", "Indent (Ctrl+Tab moves on to the next tab)"),
    ("F7, F8, F9", "Start or pause the focus group's exercise timers"),
    ("Ctrl+Shift+A", "Add a participant (role, organisation; Enter adds)"),
    ("Ctrl+Shift+G", "Focus group: what a small group fed back (Enter adds)"),
    ("Ctrl+Shift+R", "Focus group: a participant's one recommendation (Enter adds)"),
    ("Ctrl+Shift+D", "Mark the session as done (the idle lock applies again)"),
    ("Ctrl+Shift+S", "Choose another session"),
    ("Ctrl+L", "Lock the notebook now"),
)


def install_shortcuts(tab: Any) -> None:
    """The live view's own keys (each listed in KEYS); ``tab`` is the LiveSessionTab."""

    def add(keys: str, slot: object) -> None:
        shortcut = QShortcut(QKeySequence(keys), tab)
        shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        shortcut.activated.connect(slot)

    add("Ctrl+K", tab.make_postit)
    add("F4", tab.toggle_questions)
    add("F6", tab.toggle_prompts)
    add("Ctrl+Shift+D", tab.mark_done)
    add("Ctrl+Shift+S", lambda: tab.chooser.setFocus(Qt.FocusReason.ShortcutFocusReason))
    def to_postits() -> None:
        tab.room.show_postits()
        tab.postits.list.setFocus(Qt.FocusReason.ShortcutFocusReason)

    add("Ctrl+Shift+P", to_postits)

    def to_field(page: QWidget, field: QWidget) -> None:
        if tab.session is None or not tab.side.isTabVisible(tab.side.indexOf(page)):
            return
        tab.side.setCurrentWidget(page)
        tab.room.show_side()
        field.setFocus(Qt.FocusReason.ShortcutFocusReason)

    add("Ctrl+Shift+A", lambda: to_field(tab.participants_page, tab.participants.role_edit))
    add("Ctrl+Shift+G", lambda: to_field(tab.groups_page, tab.groups.feedback_edit))
    add("Ctrl+Shift+R", lambda: to_field(tab.groups_page, tab.groups.rec_edit))
    # Esc, from any side panel or list: back to the notes where the cursor was (the
    # post-it bar has its own Esc, which closes it and comes back too).
    for scope in (tab.side, tab.postits, tab.chooser):
        escape = QShortcut(QKeySequence(Qt.Key.Key_Escape), scope)
        escape.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        escape.activated.connect(tab.focus_editor)
