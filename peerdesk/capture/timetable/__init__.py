"""The timetable: days of sessions, and importing a plan from CSV or iCalendar."""
