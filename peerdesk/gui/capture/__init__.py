"""Screens for capture: the timetable, the live session and its panels, documents and
themes."""
