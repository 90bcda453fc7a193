"""The attribution check, hit by hit: what was found, where, why, in its context, and the
two ways to resolve it (edit the text, or mark it not attributable for that one place).

From the keyboard: Tab moves between the buttons; on a hit, E edits its text, N marks it
not attributable, W withdraws that, and the Up and Down arrows move to the hit before or
after."""

from __future__ import annotations

from html import escape as _escape

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtGui import QKeyEvent, QKeySequence, QShortcut, QTextCursor
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from peerdesk.summary.attribution import CLEAR_TEXT, Hit, accept, withdraw
from peerdesk.summary.edits import current_text, editable, save_text
from peerdesk.vault.errors import PeerdeskError
from peerdesk.vault.notebook import Notebook


def escape(text: str) -> str:
    return _escape(text, quote=False)


def where_text(hit: Hit, numbers: dict[int, str]) -> str:
    """"Finding 12: headline (1.2 in the summary)"."""
    where = hit.where
    if hit.source.owner == "finding" and hit.source.owner_id in numbers:
        where += f" ({numbers[hit.source.owner_id]} in the summary)"
    return where


def context_html(hit: Hit) -> str:
    """The context with the term in bold and underlined (not colour alone)."""
    c = hit.context
    return (escape(c[:hit.context_start]) + "<b><u>" + escape(c[hit.context_start:hit.context_end])
            + "</u></b>" + escape(c[hit.context_end:]))


class HitCard(QFrame):
    """One hit. Unresolved: Edit the text / Not attributable. Accepted: Withdraw."""

    def __init__(self, panel: AttributionPanel, hit: Hit, accepted: bool,
                 numbers: dict[int, str]) -> None:
        super().__init__(panel.cards_host)
        self.panel = panel
        self.hit = hit
        self.accepted = accepted
        self.setFrameShape(QFrame.Shape.StyledPanel)
        where = where_text(hit, numbers)
        self.setAccessibleName(f"{hit.category.text} in {where}")
        layout = self.card_layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 6, 8, 6)
        state = " · marked not attributable here" if accepted else ""
        self.title = QLabel(f"<b>{escape(hit.category.text)}</b> · {escape(where)}{state}", self)
        self.title.setAccessibleName("What was found and where")
        self.title.setWordWrap(True)
        layout.addWidget(self.title)
        self.context = QLabel(context_html(hit), self)
        self.context.setTextFormat(Qt.TextFormat.RichText)
        self.context.setWordWrap(True)
        self.context.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.context.setAccessibleName("Found in context")
        self.context.setAccessibleDescription(f"“{hit.term}” in: {hit.context}")
        layout.addWidget(self.context)
        self.reason = QLabel(f"Why: {escape(hit.reason)}." if hit.reason else "", self)
        self.reason.setWordWrap(True)
        self.reason.setAccessibleName("Why it was flagged")
        layout.addWidget(self.reason)
        buttons = QHBoxLayout()
        self.edit_button: QPushButton | None = None
        self.accept_button: QPushButton | None = None
        self.withdraw_button: QPushButton | None = None
        if accepted:
            self.withdraw_button = QPushButton("Withdraw (W)", self)
            self.withdraw_button.setAccessibleName(f"Withdraw: check “{hit.term}” again")
            self.withdraw_button.setToolTip("Undo “not attributable”: the hit must be "
                                            "resolved again before export")
            self.withdraw_button.clicked.connect(lambda: panel.withdraw(hit))
            buttons.addWidget(self.withdraw_button)
        else:
            if editable(hit.source):
                self.edit_button = QPushButton("Edit the text (E)", self)
                self.edit_button.setAccessibleName(f"Edit the text of {where}")
                self.edit_button.clicked.connect(self.open_editor)
                buttons.addWidget(self.edit_button)
            self.accept_button = QPushButton("Not attributable (N)", self)
            self.accept_button.setAccessibleName(
                f"Mark “{hit.term}” as not attributable in {where} only")
            self.accept_button.setToolTip("Accept it in this one place: the same words "
                                          "elsewhere are still checked; it holds while "
                                          "this text stays exactly the same, and can be "
                                          "withdrawn")
            self.accept_button.clicked.connect(lambda: panel.accept(hit))
            buttons.addWidget(self.accept_button)
        buttons.addStretch(1)
        layout.addLayout(buttons)
        for button in (self.edit_button, self.accept_button, self.withdraw_button):
            if button is not None:
                button.installEventFilter(self)   # a button keeps Up and Down to itself
        self.editor_box: QWidget | None = None
        self.editor: QPlainTextEdit | None = None

    def first_button(self) -> QPushButton | None:
        return self.edit_button or self.accept_button or self.withdraw_button

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.KeyPress and isinstance(event, QKeyEvent) and (
                event.key() in (Qt.Key.Key_Up, Qt.Key.Key_Down)):
            self.keyPressEvent(event)
            return True
        return super().eventFilter(watched, event)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        """E edit, N not attributable, W withdraw, Up/Down the hit before or after."""
        key = event.key()
        editing = self.editor is not None and self.editor.hasFocus()
        if not editing and event.modifiers() in (Qt.KeyboardModifier.NoModifier,
                                                 Qt.KeyboardModifier.KeypadModifier):
            if key == Qt.Key.Key_E and self.edit_button is not None:
                self.open_editor()
                return
            if key == Qt.Key.Key_N and self.accept_button is not None:
                self.panel.accept(self.hit)
                return
            if key == Qt.Key.Key_W and self.withdraw_button is not None:
                self.panel.withdraw(self.hit)
                return
            if key in (Qt.Key.Key_Up, Qt.Key.Key_Down):
                self.panel.move_focus(self, -1 if key == Qt.Key.Key_Up else 1)
                return
        super().keyPressEvent(event)

    # -- editing in place ---------------------------------------------------------------

    def open_editor(self) -> None:
        notebook = self.panel.notebook
        if notebook is None:
            return
        if self.editor_box is None:
            self._build_editor()
        assert self.editor is not None and self.editor_box is not None
        try:
            stored = current_text(notebook, self.hit.source)
        except PeerdeskError as exc:
            self.panel.problem.emit(exc.message)
            return
        self.editor.setPlainText(stored)
        offset = max(0, stored.find(self.hit.source.text))
        cursor = self.editor.textCursor()
        cursor.setPosition(offset + self.hit.start)
        cursor.setPosition(offset + self.hit.end, QTextCursor.MoveMode.KeepAnchor)
        self.editor.setTextCursor(cursor)
        self.editor_box.show()
        self.editor.setFocus()
        self.panel.editing = self

    def _build_editor(self) -> None:
        box = QWidget(self)
        layout = QVBoxLayout(box)
        layout.setContentsMargins(0, 4, 0, 0)
        label = QLabel("Change the words so that nobody can be identified (the term "
                       "found is selected), then Save:", box)
        label.setWordWrap(True)
        layout.addWidget(label)
        editor = QPlainTextEdit(box)
        editor.setAccessibleName(f"Text of {self.hit.where}")
        editor.setTabChangesFocus(True)
        editor.setFixedHeight(96)
        label.setBuddy(editor)
        layout.addWidget(editor)
        row = QHBoxLayout()
        save = QPushButton("Save", box)
        save.setAccessibleName("Save the changed text")
        save.setToolTip("Save the text and check again (Ctrl+Return)")
        save.clicked.connect(self.save)
        cancel = QPushButton("Cancel", box)
        cancel.setAccessibleName("Cancel the change")
        cancel.setToolTip("Leave the text as it was (Escape)")
        cancel.clicked.connect(lambda: self.close_editor())
        row.addWidget(save)
        row.addWidget(cancel)
        row.addStretch(1)
        layout.addLayout(row)
        for keys, slot in (("Ctrl+Return", self.save), ("Escape", lambda: self.close_editor())):
            shortcut = QShortcut(QKeySequence(keys), box)
            shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            shortcut.activated.connect(slot)
        self.card_layout.addWidget(box)
        self.editor_box, self.editor = box, editor

    def save(self) -> None:
        if self.editor is None:
            return
        if self.panel.save(self.hit, self.editor.toPlainText()):
            self.close_editor(refocus=False)

    def close_editor(self, refocus: bool = True) -> None:
        if self.editor_box is not None:
            self.editor_box.hide()
        if self.panel.editing is self:
            self.panel.editing = None
            self.panel.apply_pending()
        if refocus and self.edit_button is not None and not self.edit_button.isHidden():
            self.edit_button.setFocus()


class AttributionPanel(QWidget):
    """Every hit of the latest check, unresolved first, then those marked not
    attributable."""

    changed = Signal()        # something was saved, accepted or withdrawn: check again
    problem = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAccessibleName("Attribution check")
        self.notebook: Notebook | None = None
        self.editing: HitCard | None = None
        self.cards: list[HitCard] = []
        self._pending: tuple[list[Hit], list[Hit], dict[int, str]] | None = None
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.status_label = QLabel("The check has not run yet.", self)
        self.status_label.setWordWrap(True)
        self.status_label.setAccessibleName("Result of the attribution check")
        layout.addWidget(self.status_label)
        self.scroll_area = QScrollArea(self)
        self.scroll_area.setWidgetResizable(True)
        self.scroll_area.setAccessibleName("Hits of the attribution check")
        self.cards_host = QWidget(self.scroll_area)
        self.cards_layout = QVBoxLayout(self.cards_host)
        self.cards_layout.setContentsMargins(0, 0, 4, 0)
        self.cards_layout.addStretch(1)
        self.scroll_area.setWidget(self.cards_host)
        layout.addWidget(self.scroll_area, 1)
        self.unresolved: list[Hit] = []
        self.accepted: list[Hit] = []

    def set_checking(self) -> None:
        if not self.unresolved and not self.accepted:
            self.status_label.setText("Checking the summary for anything that could "
                                      "identify someone…")

    def show_hits(self, unresolved: list[Hit], accepted: list[Hit],
                  numbers: dict[int, str]) -> None:
        """Show the latest check; while the peer is editing a text, wait until they are
        done so nothing they typed is lost."""
        if self.editing is not None:
            self._pending = (unresolved, accepted, numbers)
            return
        self._pending = None
        focus_index = self._focused_card_index()
        self.unresolved, self.accepted = unresolved, accepted
        for card in self.cards:
            card.hide()
            card.deleteLater()
        self.cards = []
        while self.cards_layout.count() > 1:
            item = self.cards_layout.takeAt(0)
            widget = item.widget() if item is not None else None
            if widget is not None:
                widget.deleteLater()
        count = len(unresolved)
        if count:
            things = "thing" if count == 1 else "things"
            self.status_label.setText(
                f"{count} {things} in the summary could identify someone. For each one, "
                "edit the text (E) or mark it as not attributable in that place (N); the "
                "arrow keys move between them.")
        elif accepted:
            self.status_label.setText("Nothing is left to resolve. " + CLEAR_TEXT + " What "
                                      "you marked as not attributable is listed below.")
        else:
            self.status_label.setText(CLEAR_TEXT)
        at = 0
        for hit in unresolved:
            self._add(HitCard(self, hit, False, numbers), at)
            at += 1
        if accepted:
            heading = QLabel(f"<b>Marked not attributable ({len(accepted)})</b>: each holds "
                             "for its one place, while its text stays exactly the same.",
                             self.cards_host)
            heading.setWordWrap(True)
            self.cards_layout.insertWidget(at, heading)
            heading.show()
            at += 1
            for hit in accepted:
                self._add(HitCard(self, hit, True, numbers), at)
                at += 1
        if focus_index is not None and self.cards:
            card = self.cards[min(focus_index, len(self.cards) - 1)]
            button = card.first_button()
            if button is not None:
                button.setFocus()
                self.scroll_area.ensureWidgetVisible(card)

    def move_focus(self, card: HitCard, step: int) -> None:
        if card not in self.cards:
            return
        i = self.cards.index(card) + step
        if 0 <= i < len(self.cards):
            button = self.cards[i].first_button()
            if button is not None:
                button.setFocus()
                self.scroll_area.ensureWidgetVisible(self.cards[i])

    def _add(self, card: HitCard, at: int) -> None:
        self.cards_layout.insertWidget(at, card)
        card.show()   # at once, not on the next turn of the event loop
        self.cards.append(card)

    def _focused_card_index(self) -> int | None:
        for i, card in enumerate(self.cards):
            if card.isAncestorOf(self.focusWidget() or self) or card.hasFocus():
                return i
        return None

    def apply_pending(self) -> None:
        if self._pending is not None:
            self.show_hits(*self._pending)

    # -- resolving ----------------------------------------------------------------------

    def accept(self, hit: Hit) -> None:
        if self.notebook is None:
            return
        try:
            accept(self.notebook, hit)
        except PeerdeskError as exc:
            self.problem.emit(exc.message)
            return
        self.changed.emit()

    def withdraw(self, hit: Hit) -> None:
        if self.notebook is None:
            return
        try:
            withdraw(self.notebook, hit)
        except PeerdeskError as exc:
            self.problem.emit(exc.message)
            return
        self.changed.emit()

    def save(self, hit: Hit, text: str) -> bool:
        if self.notebook is None:
            return False
        try:
            save_text(self.notebook, hit.source, text)
        except PeerdeskError as exc:
            self.problem.emit(exc.message)
            return False
        self.changed.emit()
        return True

    def card_for(self, term: str, accepted: bool = False) -> HitCard | None:
        return next((c for c in self.cards if c.hit.term == term and c.accepted == accepted),
                    None)

    def clear(self) -> None:
        self.notebook = None
        self.editing = None
        self._pending = None
        self.show_hits([], [], {})
        self.status_label.setText("")
