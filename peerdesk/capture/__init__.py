"""Capture: flip charts, sessions and the timetable, focus groups, post-its, documents
and the notes' autosave. Stands on the vault only."""
