"""Add or edit one session of the timetable (the live view edits notes and participants)."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta
from itertools import pairwise

from PySide6.QtCore import QDate, Qt, QTime
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QSpinBox,
    QTimeEdit,
    QVBoxLayout,
    QWidget,
)

from peerdesk.capture.session_kinds import KINDS, default_minutes
from peerdesk.capture.sessions import MY_PARTS, Session, SessionDetails, local
from peerdesk.gui.widgets.colours import problem_style
from peerdesk.vault.domain import FlipChart, TeamMember
from peerdesk.vault.template import SourceKind

_NO_COUNT = 0


def _qdate(day: date) -> QDate:
    return QDate(day.year, day.month, day.day)


def _qtime(moment: time) -> QTime:
    return QTime(moment.hour, moment.minute)


class SessionDialog(QDialog):
    """The session's fields. ``details()`` gives what was typed; the caller saves it and
    calls ``show_problem`` when the notebook refuses it."""

    def __init__(self, parent: QWidget | None, charts: list[FlipChart],
                 team: list[TeamMember], day: date, start: time,
                 session: Session | None = None,
                 added: tuple[SourceKind, ...] = ()) -> None:
        super().__init__(parent)
        self.added = {k.key: k for k in added}
        self.setWindowTitle("Edit session" if session else "New session")
        self.setAccessibleName(self.windowTitle())
        self.setMinimumWidth(560)
        self._end_typed = False
        self._filling = True
        layout = QVBoxLayout(self)
        form = QFormLayout()
        layout.addLayout(form)

        self.title_edit = QLineEdit(self)
        self.title_edit.setAccessibleName("Title")
        self.title_edit.setPlaceholderText("e.g. Director of adult social services")
        self.kind_combo = QComboBox(self)
        self.kind_combo.setAccessibleName("Kind of session")
        for kind in KINDS.values():
            self.kind_combo.addItem(f"{kind.label} ({kind.minutes} min)", kind.key)
        for own in added:  # the types of session the engagement's template adds
            self.kind_combo.addItem(f"{own.session} ({own.minutes} min)", own.key)
        self.kind_combo.setAccessibleDescription(
            "Choosing a kind fills in its usual length; the end time can still be changed.")
        self.unscheduled_check = QCheckBox("&Not scheduled yet", self)
        self.unscheduled_check.setAccessibleName("Not scheduled yet")
        self.date_edit = QDateEdit(self)
        self.date_edit.setDisplayFormat("dd/MM/yyyy")
        self.date_edit.setCalendarPopup(True)
        self.date_edit.setAccessibleName("Date")
        self.date_edit.setAccessibleDescription("Day, month, year (dd/mm/yyyy)")
        self.start_edit = QTimeEdit(self)
        self.start_edit.setDisplayFormat("HH:mm")
        self.start_edit.setAccessibleName("Start time")
        self.end_edit = QTimeEdit(self)
        self.end_edit.setDisplayFormat("HH:mm")
        self.end_edit.setAccessibleName("End time")
        self.place_edit = QLineEdit(self)
        self.place_edit.setAccessibleName("Place")
        self.partner_combo = QComboBox(self)
        self.partner_combo.setAccessibleName("Partner peer")
        self.partner_combo.addItem("Nobody yet", None)
        for member in team:
            if not member.is_me:
                label = f"{member.name} ({member.initials})" if member.initials else member.name
                self.partner_combo.addItem(label, member.id)
        self.part_combo = QComboBox(self)
        self.part_combo.setAccessibleName("My part")
        self.part_combo.addItem("Not agreed yet", None)
        for key, label in MY_PARTS.items():
            self.part_combo.addItem(label, key)
        self.count_spin = QSpinBox(self)
        self.count_spin.setRange(_NO_COUNT, 500)
        self.count_spin.setSpecialValueText("Not known")
        self.count_spin.setAccessibleName("Expected participants")
        self.count_hint = QLabel(self)
        self.themes_list = QListWidget(self)
        self.themes_list.setAccessibleName("Themes to explore")
        self.themes_list.setAccessibleDescription("Tick the flip charts this session should "
                                                  "cover; Space ticks the current one.")
        self.themes_list.setMaximumHeight(170)
        for chart in charts:
            item = QListWidgetItem(chart.title, self.themes_list)
            item.setData(Qt.ItemDataRole.UserRole, chart.id)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Unchecked)

        times = QHBoxLayout()
        start_label = QLabel("&From", self)
        start_label.setBuddy(self.start_edit)
        end_label = QLabel("&to", self)
        end_label.setBuddy(self.end_edit)
        for widget in (start_label, self.start_edit, end_label, self.end_edit):
            times.addWidget(widget)
        times.addStretch(1)
        count_row = QHBoxLayout()
        count_row.addWidget(self.count_spin)
        count_row.addWidget(self.count_hint, 1)
        day_row = QHBoxLayout()
        day_row.addWidget(self.date_edit)
        day_row.addWidget(self.unscheduled_check)
        day_row.addStretch(1)

        form.addRow(self._label("&Title:", self.title_edit), self.title_edit)
        form.addRow(self._label("&Kind:", self.kind_combo), self.kind_combo)
        form.addRow(self._label("&Date:", self.date_edit), day_row)
        form.addRow("Time:", times)
        form.addRow(self._label("&Place:", self.place_edit), self.place_edit)
        form.addRow(self._label("Pa&rtner peer:", self.partner_combo), self.partner_combo)
        form.addRow(self._label("&My part:", self.part_combo), self.part_combo)
        form.addRow(self._label("E&xpected participants:", self.count_spin), count_row)
        form.addRow(self._label("T&hemes to explore:", self.themes_list), self.themes_list)

        self.problem_label = QLabel(self)
        self.problem_label.setWordWrap(True)
        self.problem_label.setAccessibleName("Problem")
        self.problem_label.setStyleSheet(problem_style(bold=False))
        self.problem_label.hide()
        layout.addWidget(self.problem_label)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self)
        self.ok_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok_button.setText("Save session")
        self.ok_button.setAccessibleName("Save session")
        cancel = self.buttons.button(QDialogButtonBox.StandardButton.Cancel)
        cancel.setAccessibleName("Cancel")
        self.buttons.accepted.connect(self._accept)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)

        self.kind_combo.currentIndexChanged.connect(self._kind_changed)
        self.start_edit.timeChanged.connect(self._start_changed)
        self.end_edit.timeChanged.connect(self._end_changed)
        self.unscheduled_check.toggled.connect(self._unscheduled_changed)
        order = (self.title_edit, self.kind_combo, self.date_edit, self.unscheduled_check,
                 self.start_edit, self.end_edit, self.place_edit, self.partner_combo,
                 self.part_combo, self.count_spin, self.themes_list, self.ok_button, cancel)
        for first, second in pairwise(order):
            QWidget.setTabOrder(first, second)
        self._fill(session, day, start)
        self._filling = False
        self.title_edit.setFocus()

    def _label(self, text: str, buddy: QWidget) -> QLabel:
        label = QLabel(text, self)
        label.setBuddy(buddy)
        return label

    def _fill(self, session: Session | None, day: date, start: time) -> None:
        kind = session.kind if session else "meeting"
        self.kind_combo.setCurrentIndex(max(0, self.kind_combo.findData(kind)))
        if session and session.starts_at:
            begins = local(session.starts_at)
            day, start = begins.date(), begins.time()
        self.date_edit.setDate(_qdate(day))
        self.start_edit.setTime(_qtime(start))
        end = (datetime.combine(day, start) + timedelta(minutes=default_minutes(kind))).time()
        if session and session.ends_at and session.starts_at:
            end = local(session.ends_at).time()
            self._end_typed = True
        self.end_edit.setTime(_qtime(end))
        self._kind_changed()
        if session is None:
            return
        self.title_edit.setText(session.title)
        self.unscheduled_check.setChecked(session.starts_at is None)
        self.place_edit.setText(session.place)
        self.partner_combo.setCurrentIndex(max(0, self.partner_combo.findData(session.partner_id)))
        self.part_combo.setCurrentIndex(max(0, self.part_combo.findData(session.my_part)))
        self.count_spin.setValue(session.expected_participants or _NO_COUNT)
        for row in range(self.themes_list.count()):
            item = self.themes_list.item(row)
            ticked = item.data(Qt.ItemDataRole.UserRole) in session.theme_ids
            item.setCheckState(Qt.CheckState.Checked if ticked else Qt.CheckState.Unchecked)

    # -- keeping the end time sensible ------------------------------------------------

    def _kind_changed(self) -> None:
        kind = KINDS.get(str(self.kind_combo.currentData()))
        if kind is not None and kind.participants:
            low, high = kind.participants
            self.count_hint.setText(f"usually {low} to {high}")
        else:
            self.count_hint.setText("")
        if not self._end_typed:
            self._set_default_end()

    def _start_changed(self) -> None:
        if not self._filling and not self._end_typed:
            self._set_default_end()

    def _end_changed(self) -> None:
        if not self._filling:
            self._end_typed = True

    def _set_default_end(self) -> None:
        filling, self._filling = self._filling, True
        key = str(self.kind_combo.currentData())
        own = self.added.get(key)
        minutes = own.minutes if own else default_minutes(key)
        self.end_edit.setTime(self.start_edit.time().addSecs(minutes * 60))
        self._filling = filling

    def _unscheduled_changed(self, unscheduled: bool) -> None:
        for widget in (self.date_edit, self.start_edit, self.end_edit):
            widget.setEnabled(not unscheduled)

    # -- result -------------------------------------------------------------------------

    def details(self) -> SessionDetails:
        starts: datetime | None = None
        ends: datetime | None = None
        if not self.unscheduled_check.isChecked():
            qd, qs, qe = self.date_edit.date(), self.start_edit.time(), self.end_edit.time()
            day = date(qd.year(), qd.month(), qd.day())
            starts = local(datetime.combine(day, time(qs.hour(), qs.minute())))
            ends = local(datetime.combine(day, time(qe.hour(), qe.minute())))
            if ends <= starts and qe == QTime(0, 0):
                ends += timedelta(days=1)  # ends at midnight
        themes = tuple(
            int(self.themes_list.item(row).data(Qt.ItemDataRole.UserRole))
            for row in range(self.themes_list.count())
            if self.themes_list.item(row).checkState() == Qt.CheckState.Checked)
        count = self.count_spin.value()
        return SessionDetails(
            title=self.title_edit.text().strip(), kind=str(self.kind_combo.currentData()),
            starts_at=starts, ends_at=ends, place=self.place_edit.text().strip(),
            partner_id=self.partner_combo.currentData(), my_part=self.part_combo.currentData(),
            expected_participants=None if count == _NO_COUNT else count, theme_ids=themes)

    def show_problem(self, text: str) -> None:
        self.problem_label.setText(text)
        self.problem_label.setAccessibleDescription(text)
        self.problem_label.show()

    def _accept(self) -> None:
        problems = self.details().problems(self.added)
        if problems:
            self.show_problem(" ".join(problems))
            return
        self.accept()
