"""Every key of the live capture view, for Help > Keyboard shortcuts (one list, so the
sheet and the view never disagree)."""

from __future__ import annotations

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
    ("Ctrl+Shift+S", "Choose another session"),
    ("Ctrl+L", "Lock the notebook now"),
)
