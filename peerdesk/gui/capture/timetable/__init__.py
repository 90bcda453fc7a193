"""The timetable screens: the days of sessions, a session's details, and importing a plan."""
