"""The timetable: sessions by day, today's next one marked and selected, one action to start."""

from __future__ import annotations

from datetime import date, time

from PySide6.QtCore import QModelIndex, Qt, QTimer, Signal
from PySide6.QtGui import (
    QFont,
    QKeyEvent,
    QKeySequence,
    QShortcut,
    QStandardItem,
    QStandardItemModel,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QTreeView,
    QVBoxLayout,
    QWidget,
)

from peerdesk.capture.session_kinds import notebook_kinds
from peerdesk.capture.sessions import (
    MY_PARTS,
    Session,
    SessionStore,
    local,
)
from peerdesk.capture.timetable.days import status_text, timetable_days
from peerdesk.gui.widgets.context import GuiContext
from peerdesk.vault.errors import PeerdeskError

COLUMNS = ("Time", "Kind", "Title", "Place", "My part", "Partner", "Status")
SESSION_ID = Qt.ItemDataRole.UserRole + 1
DAY_KEY = Qt.ItemDataRole.UserRole + 2
NEXT_MARK = "Next ▸"
_PART_SHORT = {"lead": "Lead questions", "notes": "Take notes"}
_FIRST_START = time(9, 0)


def time_text(session: Session) -> str:
    if session.starts_at is None:
        return "No time yet"
    if session.all_day:
        return "All day"
    start = local(session.starts_at).strftime("%H:%M")
    end = f"–{local(session.ends_at).strftime('%H:%M')}" if session.ends_at else ""
    return start + end


class SessionTree(QTreeView):
    """The timetable's view: Enter starts the current session (double-click too)."""

    start_requested = Signal()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and not event.modifiers():
            self.start_requested.emit()
            event.accept()
            return
        super().keyPressEvent(event)


class TimetableTab(QWidget):
    tab_title = "&Timetable"

    def __init__(self, context: GuiContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.setAccessibleName("Timetable")
        self.store: SessionStore | None = SessionStore(context.notebook)
        self.next_id: int | None = None
        self._now = local(context.clock.now())
        layout = QVBoxLayout(self)

        tools = QHBoxLayout()
        self.start_button = self._button("St&art this session", "Start the selected session "
                                         "and open its notes, ready to type (Enter)",
                                         self.start_selected, tools)
        self.start_button.setDefault(True)
        self.new_button = self._button("&New session…", "Add a session to the timetable "
                                       "(Ctrl+Shift+N)", self.new_session, tools)
        self.edit_button = self._button("&Edit…", "Change the selected session's details "
                                        "(F2)", self.edit_selected, tools)
        self.delete_button = self._button("De&lete…", "Delete the selected session (Delete)",
                                          self.delete_selected, tools)
        tools.addStretch(1)
        self.import_button = self._button("Im&port timetable…", "Add sessions from a CSV "
                                          "file or a calendar (.ics) file",
                                          self.import_timetable, tools)
        self.themes_button = self._button("&Flip charts…", "Add, rename, reorder or retire "
                                          "the flip charts (themes)", self.edit_themes, tools)
        layout.addLayout(tools)

        self.summary = QLabel(self)
        self.summary.setAccessibleName("Next session")
        self.summary.setWordWrap(True)
        layout.addWidget(self.summary)

        self.model = QStandardItemModel(0, len(COLUMNS), self)
        self.model.setHorizontalHeaderLabels(list(COLUMNS))
        self.tree = SessionTree(self)
        self.tree.setModel(self.model)
        self.tree.setAccessibleName("Sessions by day")
        self.tree.setAccessibleDescription("Enter or double-click starts the selected "
                                           "session. F2 edits it.")
        self.tree.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.tree.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.tree.setUniformRowHeights(True)
        self.tree.setAlternatingRowColors(True)
        self.tree.start_requested.connect(self.start_selected)
        self.tree.doubleClicked.connect(self._double_clicked)
        self.tree.selectionModel().currentChanged.connect(self._update_buttons)
        layout.addWidget(self.tree, 1)
        self.summary.setBuddy(self.tree)

        # Ctrl+Shift+N works wherever the focus is while the timetable is on screen (a
        # hidden tab's shortcuts do not fire); F2 and Delete only in the list.
        for keys, slot, scope, where in (
                ("Ctrl+Shift+N", self.new_session, self, Qt.ShortcutContext.WindowShortcut),
                ("F2", self.edit_selected, self.tree, Qt.ShortcutContext.WidgetShortcut),
                ("Delete", self.delete_selected, self.tree, Qt.ShortcutContext.WidgetShortcut)):
            shortcut = QShortcut(QKeySequence(keys), scope)
            shortcut.setContext(where)
            shortcut.activated.connect(slot)
        self.refresh()

    def _button(self, text: str, tip: str, slot: object, row: QHBoxLayout) -> QPushButton:
        button = QPushButton(text, self)
        button.setAccessibleName(text.replace("&", "").rstrip("…"))
        button.setToolTip(tip)
        button.setAccessibleDescription(tip)
        button.clicked.connect(slot)
        row.addWidget(button)
        return button

    # -- filling ----------------------------------------------------------------------

    def refresh(self) -> None:
        """Reload the timetable; select today's next session (else keep the selection)."""
        if self.store is None:
            return
        keep = self.selected_id()
        try:
            engagement = self.context.notebook.engagement()
            sessions = self.store.list_all()
            now = local(self.context.clock.now())
            upcoming = self.store.next_session(now)
        except PeerdeskError as exc:
            self.context.messages.error(exc.message)
            return
        self.next_id = upcoming.id if upcoming else None
        self._now = now
        partners = {m.id: m.initials or m.name for m in engagement.team}
        self.model.removeRows(0, self.model.rowCount())
        for day in timetable_days(engagement, sessions, now.date()):
            label = day.label + ("  (today)" if day.is_today else "")
            if not day.sessions:
                label += ": nothing planned yet"
            head = QStandardItem(label)
            head.setData(day.key, DAY_KEY)
            head.setData(day.day.isoformat() if day.day else "", DAY_KEY + 10)
            font = QFont(head.font())
            font.setBold(True)
            head.setFont(font)
            head.setSelectable(not day.sessions)
            self.model.appendRow([head] + [QStandardItem() for _ in COLUMNS[1:]])
            for session in day.sessions:
                head.appendRow(self._row(session, partners, with_date=day.day is None))
            self.tree.setFirstColumnSpanned(head.row(), QModelIndex(), True)
        self.tree.expandAll()
        for column in range(len(COLUMNS)):
            self.tree.resizeColumnToContents(column)
        self._show_summary(upcoming)
        todays = [s.id for s in sessions if s.starts_at and local(s.starts_at).date() == now.date()]
        target = self.next_id if self.next_id is not None else keep
        if target is None and todays:
            target = todays[0]
        if target is None or not self.select_session(target):
            self._select_first()
        self._update_buttons()
        QTimer.singleShot(0, self.take_focus)

    def take_focus(self) -> None:
        """On show, the list takes the keyboard so that Enter starts the selected session
        (Ctrl+Tab still moves on to the next tab). Also called at once when the notebook
        opens on the timetable, so that an Enter typed straight away lands here."""
        if self.isVisible():
            self.tree.setFocus()
            self.tree.scrollTo(self.tree.currentIndex(),
                               QAbstractItemView.ScrollHint.PositionAtCenter)

    def _row(self, session: Session, partners: dict[int | None, str],
             with_date: bool = False) -> list[QStandardItem]:
        """One session's cells; ``with_date`` for groups that span several days."""
        when = time_text(session)
        if with_date and session.starts_at is not None:
            when = f"{local(session.starts_at).strftime('%a %d/%m/%Y')} {when}"
        if session.id == self.next_id:
            when = f"{NEXT_MARK} {when}"
        status = status_text(session, self._now)  # "No notes" for a missed one
        cells = [when, session.kind_label, session.title, session.place,
                 _PART_SHORT.get(session.my_part or "", ""),
                 partners.get(session.partner_id, "") if session.partner_id else "", status]
        items = []
        for text in cells:
            item = QStandardItem(text)
            item.setData(session.id, SESSION_ID)
            item.setToolTip(f"{session.title}: {session.when_text()}, "
                            f"{MY_PARTS.get(session.my_part or '', 'part not agreed')}")
            if session.id == self.next_id:
                font = QFont(item.font())
                font.setBold(True)
                item.setFont(font)
            items.append(item)
        if session.id == self.next_id:
            items[0].setAccessibleDescription("Your next session today")
        return items

    def _show_summary(self, upcoming: Session | None) -> None:
        if upcoming is None:
            text = "No more sessions today. Choose any session and press Enter to start it."
        else:
            mark = "Now ▸" if upcoming.is_now(self._now) else NEXT_MARK
            text = (f"{mark} {upcoming.title}, {time_text(upcoming)}"
                    f"{', ' + upcoming.place if upcoming.place else ''}. "
                    "Press Enter to start it.")
        self.summary.setText(text)
        self.summary.setAccessibleDescription(text)

    # -- selection --------------------------------------------------------------------

    def _session_indexes(self) -> list[QModelIndex]:
        out = []
        for row in range(self.model.rowCount()):
            head = self.model.index(row, 0)
            out += [self.model.index(r, 0, head) for r in range(self.model.rowCount(head))]
        return out

    def select_session(self, session_id: int) -> bool:
        for index in self._session_indexes():
            if index.data(SESSION_ID) == session_id:
                self.tree.setCurrentIndex(index)
                self.tree.scrollTo(index)
                return True
        return False

    def _select_first(self) -> None:
        indexes = self._session_indexes()
        if indexes:
            self.tree.setCurrentIndex(indexes[0])
        elif self.model.rowCount():
            self.tree.setCurrentIndex(self.model.index(0, 0))

    def selected_id(self) -> int | None:
        value = self.tree.currentIndex().data(SESSION_ID)
        return int(value) if value is not None else None

    def _selected_day(self) -> date | None:
        index = self.tree.currentIndex()
        if not index.isValid():
            return None
        head = index.parent() if index.parent().isValid() else index.siblingAtColumn(0)
        text = head.data(DAY_KEY + 10)
        return date.fromisoformat(text) if text else None

    def _update_buttons(self) -> None:
        has = self.selected_id() is not None
        for button in (self.start_button, self.edit_button, self.delete_button):
            button.setEnabled(has)

    # -- actions ----------------------------------------------------------------------

    def _double_clicked(self, index: QModelIndex) -> None:
        if index.data(SESSION_ID) is not None:
            self.start_selected()

    def start_selected(self) -> None:
        session_id = self.selected_id()
        page = self.context.window.page
        if session_id is None or page is None:
            return
        try:
            page.start_session(session_id)
        except KeyError:
            self.context.messages.error("The live session view is not available.")
        except PeerdeskError as exc:
            self.context.messages.error(exc.message)

    def _default_start(self, day: date) -> time:
        """After the day's last session, else 09:00."""
        ends = [local(s.ends_at) for s in (self.store.list_all() if self.store else [])
                if s.ends_at and s.starts_at and local(s.starts_at).date() == day]
        if not ends:
            return _FIRST_START
        last = max(ends)
        return last.time() if last.date() == day else _FIRST_START

    def new_session(self) -> None:
        day = self._selected_day()
        if day is None:
            engagement = self.context.notebook.engagement()
            today = local(self.context.clock.now()).date()
            day = today if not engagement.onsite_start or today >= engagement.onsite_start \
                else engagement.onsite_start
        self._edit(None, day)

    def edit_selected(self) -> None:
        session_id = self.selected_id()
        if session_id is not None and self.store is not None:
            self._edit(self.store.get(session_id),
                       local(self.context.clock.now()).date())

    def _edit(self, session: Session | None, day: date) -> None:
        from peerdesk.gui.capture.timetable.session_dialog import SessionDialog

        if self.store is None:
            return
        notebook = self.context.notebook
        dialog = SessionDialog(self, notebook.flip_charts(), notebook.team(), day,
                               self._default_start(day), session, notebook_kinds(notebook))
        while dialog.exec() == QDialog.DialogCode.Accepted:
            try:
                saved = (self.store.update(session.id, dialog.details()) if session
                         else self.store.add(dialog.details()))
            except PeerdeskError as exc:
                dialog.show_problem(exc.message)
                continue
            self.refresh()
            self.select_session(saved.id)
            self.context.messages.info(f"Saved: {saved.title}, {saved.when_text()}.")
            break
        self.tree.setFocus()

    def delete_selected(self) -> None:
        session_id = self.selected_id()
        if session_id is None or self.store is None:
            return
        session = self.store.get(session_id)
        answer = QMessageBox.question(
            self, "Delete session",
            f"Delete “{session.title}” ({session.when_text()})?\n\nIts notes, participants and "
            "ticked prompts are deleted with it. Post-its made in it stay on their flip charts.",
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            QMessageBox.StandardButton.No)
        if answer == QMessageBox.StandardButton.Yes:
            self.store.delete(session_id)
            self.refresh()
            self.context.messages.info("The session is deleted.")

    def import_timetable(self) -> None:
        from peerdesk.gui.capture.timetable.import_dialog import TimetableImportDialog

        dialog = TimetableImportDialog(self.context.notebook, self)
        if dialog.exec() == QDialog.DialogCode.Accepted and dialog.imported:
            self.refresh()
            count = len(dialog.imported)
            self.context.messages.info(
                f"{count} session{'s' if count != 1 else ''} added to the timetable.")
            self.select_session(dialog.imported[0])

    def edit_themes(self) -> None:
        from peerdesk.gui.capture.themes_dialog import ThemesDialog

        ThemesDialog(self.context.notebook, self).exec()

    def teardown(self) -> None:
        self.store = None
        self.next_id = None
        self.model.removeRows(0, self.model.rowCount())
