"""A date typed as dd/mm/yyyy (or picked from a calendar that opens on a sensible month),
and left empty for "not set". Replaces QDateEdit where a date may be unknown: QDateEdit's
"not set" is a special value that typing runs into ("Not set122026")."""

from __future__ import annotations

import datetime as dt
import re
from datetime import date

from PySide6.QtCore import QDate, QPoint, Qt, Signal
from PySide6.QtGui import QRegularExpressionValidator
from PySide6.QtWidgets import (
    QCalendarWidget,
    QHBoxLayout,
    QLineEdit,
    QToolButton,
    QWidget,
)

FORMAT_HINT = "dd/mm/yyyy"
_DAY = re.compile(r"^\s*(\d{1,2})[/.\-](\d{1,2})[/.\-](\d{2}|\d{4})\s*$")


def read_day(text: str) -> date | None:
    """"03/03/2026" (also 3/3/26, 03.03.2026, 03032026) as a date; "" as None. Raises
    ValueError with a plain reason when the text is not a real date."""
    value = text.strip()
    if not value:
        return None
    if re.fullmatch(r"\d{8}", value):
        value = f"{value[:2]}/{value[2:4]}/{value[4:]}"
    match = _DAY.match(value)
    if not match:
        raise ValueError(f"“{text.strip()}” is not a date written as {FORMAT_HINT}")
    day, month, year = int(match[1]), int(match[2]), int(match[3])
    year += 2000 if len(match[3]) == 2 else 0
    try:
        return date(year, month, day)
    except ValueError:
        raise ValueError(f"“{text.strip()}” is not a real date (day first: "
                         f"{FORMAT_HINT})") from None


class DateField(QWidget):
    """``date()`` is None when empty; ``problem()`` names text that is not a date."""

    dateChanged = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        self.edit = QLineEdit(self)
        self.edit.setPlaceholderText(f"{FORMAT_HINT}, or leave empty")
        self.edit.setValidator(QRegularExpressionValidator(r"[0-9./\- ]{0,10}", self.edit))
        self.edit.setMaxLength(10)
        self.edit.textChanged.connect(self.dateChanged)
        self.setFocusProxy(self.edit)
        layout.addWidget(self.edit, 1)
        self.calendar_button = QToolButton(self)
        self.calendar_button.setText("Calendar…")
        self.calendar_button.setAccessibleName("Choose the date on a calendar")
        self.calendar_button.setFocusPolicy(Qt.FocusPolicy.TabFocus)
        self.calendar_button.clicked.connect(self.open_calendar)
        layout.addWidget(self.calendar_button)
        self.reference: dt.date | None = None
        self.calendar: QCalendarWidget | None = None

    # -- the Designer form sets these ---------------------------------------------------

    def setAccessibleName(self, name: str) -> None:
        super().setAccessibleName(name)
        self.edit.setAccessibleName(name)
        self.edit.setAccessibleDescription(f"Day, month and year, as {FORMAT_HINT}; empty if "
                                           "not known yet")

    # -- value ------------------------------------------------------------------------

    def date(self) -> dt.date | None:
        try:
            return read_day(self.edit.text())
        except ValueError:
            return None

    def problem(self) -> str | None:
        try:
            read_day(self.edit.text())
        except ValueError as exc:
            return str(exc)
        return None

    def setDate(self, value: dt.date | None) -> None:
        self.edit.setText(value.strftime("%d/%m/%Y") if value else "")

    def set_reference(self, value: dt.date | None) -> None:
        """The month the calendar opens on while the field is empty."""
        self.reference = value

    # -- calendar ---------------------------------------------------------------------

    def open_calendar(self) -> None:
        shown = self.date() or self.reference or date.today()
        calendar = QCalendarWidget(self)
        calendar.setWindowFlags(Qt.WindowType.Popup)
        calendar.setAccessibleName(self.accessibleName() or "Calendar")
        calendar.setGridVisible(True)
        calendar.setSelectedDate(QDate(shown.year, shown.month, shown.day))
        calendar.clicked.connect(self._picked)
        calendar.activated.connect(self._picked)
        calendar.move(self.mapToGlobal(QPoint(0, self.height())))
        self.calendar = calendar
        calendar.show()
        calendar.setFocus()

    def _picked(self, chosen: QDate) -> None:
        self.setDate(date(chosen.year(), chosen.month(), chosen.day()))
        if self.calendar is not None:
            self.calendar.close()
            self.calendar.deleteLater()
            self.calendar = None
        self.edit.setFocus()
