"""Where the tests find the project's own files, wherever a test module sits in tests/."""

from __future__ import annotations

from pathlib import Path

TESTS = Path(__file__).resolve().parent
ROOT = TESTS.parent
FIXTURES = TESTS / "fixtures"
TIMETABLES = FIXTURES / "timetable"
