"""Dates typed as dd/mm/yyyy, left empty for "not set", with a calendar that opens on the
engagement's month rather than January 2000."""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtCore import QDate
from pytestqt.qtbot import QtBot

from peerdesk.gui.widgets.date_field import DateField, read_day


@pytest.mark.parametrize(("text", "day"), [
    ("03/03/2026", date(2026, 3, 3)), ("3/3/26", date(2026, 3, 3)),
    ("03.03.2026", date(2026, 3, 3)), ("03032026", date(2026, 3, 3)), ("", None),
])
def test_dates_are_read_day_first(text: str, day: date | None) -> None:
    assert read_day(text) == day


def test_a_date_that_is_not_real_says_so() -> None:
    with pytest.raises(ValueError, match="not a real date"):
        read_day("31/02/2026")
    with pytest.raises(ValueError, match="dd/mm/yyyy"):
        read_day("March")


def test_typing_a_date_and_the_calendar(qtbot: QtBot) -> None:
    field = DateField()
    qtbot.addWidget(field)
    field.setAccessibleName("First on-site day")
    assert field.edit.accessibleName() == "First on-site day"
    qtbot.keyClicks(field.edit, "03/03/2026")
    assert field.edit.text() == "03/03/2026"  # nothing but what was typed
    assert field.date() == date(2026, 3, 3) and field.problem() is None
    field.edit.clear()
    qtbot.keyClicks(field.edit, "Not set")  # letters are refused as they are typed
    assert field.edit.text() == " "
    assert field.date() is None
    field.edit.clear()
    field.set_reference(date(2026, 3, 3))
    field.open_calendar()
    assert field.calendar is not None
    assert field.calendar.selectedDate() == QDate(2026, 3, 3)  # the engagement's month
    field.calendar.clicked.emit(QDate(2026, 3, 6))
    assert field.date() == date(2026, 3, 6) and field.calendar is None
