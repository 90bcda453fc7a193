"""The live view's helpers: its keys, the meeting clock, the questions panel, the typing guard
and how it fits a small screen."""
