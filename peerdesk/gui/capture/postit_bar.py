"""The inline post-it bar under the notes: make or edit a post-it without the mouse.

Ctrl+K in the notes opens it with the selected text (or the current line); "Change or
move…" opens it with a post-it already filed. Both behave the same way, and a line in the
bar says how the keys work at that moment:
- choosing (the bar has the keyboard; how it opens whenever there is text): a digit picks
  the flip chart, a letter the kind, Enter files, Esc closes, Tab goes into the text;
- typing the text (how it opens when there is none yet): keys type, Alt+digit still picks
  the chart, Enter files, Esc closes, Tab goes on to the initials (for a colleague's card,
  a point relayed aloud) and Tab again back to choosing.
No dialog, ever.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QFocusEvent, QKeyEvent
from PySide6.QtWidgets import (
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QScrollArea,
    QWidget,
)

from peerdesk.capture.postits import KIND_LABELS, Postit, PostitStore
from peerdesk.gui.capture.live.postit_choices import KIND_KEYS, chart_choices, kind_choices
from peerdesk.gui.capture.notes_editor import VIEW_KEYS
from peerdesk.gui.widgets.colours import problem_style
from peerdesk.vault.domain import FlipChart
from peerdesk.vault.errors import PeerdeskError, StorageError

DEFAULT_KIND = "observation"
RETRY_MS = 3000
"""How often a post-it the disk refused is offered to it again."""
CHOOSING_KEYS = ("Keys now: a number picks the flip chart, a letter the kind · Enter files · "
                 "Tab changes the text · Esc cancels")
TYPING_KEYS = ("Keys now: typing the text · Enter files · Alt+number picks the flip chart · "
               "Tab goes on (a colleague's initials, then choosing) · Esc cancels")
INITIALS_KEYS = ("Keys now: a colleague's initials for a point they relayed, or empty for "
                 "yours · Enter files · Tab goes back to choosing · Esc cancels")


class PostitBar(QFrame):
    filed = Signal(object)  # the Postit made or changed
    closed = Signal()

    def __init__(self, store: PostitStore, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.store = store
        self.charts: list[FlipChart] = []
        self.chart_id: int | None = None
        self.kind = DEFAULT_KIND
        self.session_id: int | None = None
        self.editing: Postit | None = None
        self.setObjectName("postitBar")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setAccessibleName("Post-it bar")
        self.setStyleSheet("#postitBar { background: #fffbe6; border: 1px solid #8a6d00; }"
                           "#postitBar QLabel { color: #222222; }"
                           "#postitBar:focus { border: 2px solid #0b3d66; }")
        grid = QGridLayout(self)
        grid.setContentsMargins(8, 6, 8, 6)
        grid.setHorizontalSpacing(8)
        grid.setVerticalSpacing(3)
        self.title = QLabel(self)
        font = self.title.font()
        font.setBold(True)
        self.title.setFont(font)
        grid.addWidget(self.title, 0, 0)
        line = QHBoxLayout()
        self.text = QLineEdit(self)
        self.text.setAccessibleName("Post-it text")
        self.text.setAccessibleDescription("One finding. Enter files the post-it, Esc cancels, "
                                           "Shift+Tab goes back to choosing chart and kind.")
        self.text.setPlaceholderText("One finding per post-it")
        self.text.installEventFilter(self)
        line.addWidget(self.text, 1)
        self.initials = QLineEdit(self)
        self.initials.setMaxLength(4)
        self.initials.setFixedWidth(self.initials.fontMetrics().horizontalAdvance("WWWW") + 16)
        self.initials.setPlaceholderText("Mine")
        self.initials.setToolTip("A colleague's initials, for a point they relayed; "
                                 "empty for your own")
        self.initials.setAccessibleName("Whose post-it: a colleague's initials, or empty for "
                                        "your own")
        self.initials.installEventFilter(self)
        line.addWidget(self.initials)
        self.file_button = QPushButton("File (Enter)", self)
        self.file_button.setAccessibleName("File the post-it")
        self.file_button.clicked.connect(self.file)
        self.cancel_button = QPushButton("Cancel (Esc)", self)
        self.cancel_button.setAccessibleName("Close the post-it bar without filing")
        self.cancel_button.clicked.connect(self.cancel)
        for button in (self.file_button, self.cancel_button):  # their keys are Enter and Esc,
            button.setFocusPolicy(Qt.FocusPolicy.NoFocus)     # so Tab never lands on them
        line.addWidget(self.file_button)
        line.addWidget(self.cancel_button)
        grid.addLayout(line, 0, 1)
        chart_caption = QLabel("Flip chart, press its number:", self)
        grid.addWidget(chart_caption, 1, 0)
        self.chart_list = self._choices_label("Flip charts to choose from")
        grid.addWidget(self.chart_list, 1, 1)
        kind_caption = QLabel("Kind, press its letter:", self)
        grid.addWidget(kind_caption, 2, 0)
        self.kind_list = self._choices_label("Kinds of post-it to choose from")
        grid.addWidget(self.kind_list, 2, 1)
        self.keys = QLabel(CHOOSING_KEYS, self)
        self.keys.setWordWrap(True)
        self.keys.setAccessibleName("How the keys work now")
        grid.addWidget(self.keys, 3, 0, 1, 2)
        self.problem = QLabel(self)
        self.problem.setWordWrap(True)
        self.problem.setAccessibleName("Problem with this post-it")
        self.problem.setStyleSheet(problem_style(bold=False))
        grid.addWidget(self.problem, 4, 0, 1, 2)
        grid.setColumnStretch(1, 1)
        self.retry_timer = QTimer(self)
        self.retry_timer.setSingleShot(True)
        self.retry_timer.setInterval(RETRY_MS)
        self.retry_timer.timeout.connect(self._retry)
        self.hide()

    def _choices_label(self, name: str) -> QLabel:
        label = QLabel(self)
        label.setWordWrap(True)
        label.setTextFormat(Qt.TextFormat.RichText)
        label.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        label.setTextInteractionFlags(Qt.TextInteractionFlag.LinksAccessibleByMouse)
        label.setAccessibleName(name)
        label.linkActivated.connect(self._link)
        return label

    # -- opening ----------------------------------------------------------------------

    def set_charts(self, charts: list[FlipChart]) -> None:
        self.charts = list(charts)
        if self.chart_id not in {c.id for c in self.charts}:
            self.chart_id = None
        self._render()

    def open_new(self, session_id: int, text: str, chart_id: int | None = None) -> None:
        self.editing = None
        self.session_id = session_id
        if chart_id is not None and self.chart_id is None:
            self.chart_id = chart_id
        self.initials.setEnabled(True)
        self.title.setText("New post-it (Ctrl+K):")
        self.file_button.setText("File (Enter)")
        self._open(text)

    def open_edit(self, postit: Postit) -> None:
        self.editing = postit
        self.session_id = postit.session_id
        self.chart_id = postit.flip_chart_id
        self.kind = postit.kind
        self.initials.setText(postit.initials)
        self.initials.setEnabled(False)  # whose it is stays as filed
        self.title.setText("Change post-it:")
        self.file_button.setText("Save (Enter)")
        self._open(postit.text)

    def _open(self, text: str) -> None:
        """Choosing when there is text already (new or filed alike), typing when not."""
        self.text.setText(" ".join(text.split()))
        self.problem.clear()
        self._render()
        self.show()
        QTimer.singleShot(0, self._bring_into_view)  # once the bar is laid out
        if text.strip():
            self.choose()
        else:
            self.type_text()

    def _bring_into_view(self) -> None:
        """On a small screen the page scrolls: the bar comes into view when it opens."""
        holder = self.parentWidget()
        while holder is not None and not isinstance(holder, QScrollArea):
            holder = holder.parentWidget()
        if holder is not None:
            holder.ensureWidgetVisible(self, 0, 0)

    def choose(self) -> None:
        self.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self._show_keys(CHOOSING_KEYS)

    def type_text(self) -> None:
        self.text.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.text.end(False)
        self._show_keys(TYPING_KEYS)

    def typing(self) -> bool:
        """True when keys type into the text, False when they choose chart and kind."""
        return self.text.hasFocus()

    def _show_keys(self, text: str) -> None:
        self.keys.setText(text)
        self.keys.setAccessibleDescription(text)

    # -- choosing ---------------------------------------------------------------------

    def pick_chart(self, index: int) -> bool:
        if 0 <= index < len(self.charts):
            self.chart_id = self.charts[index].id
            self.problem.clear()
            self._render()
            return True
        return False

    def pick_kind(self, kind: str) -> None:
        self.kind = kind
        self._render()

    def _link(self, link: str) -> None:
        what, _, value = link.partition(":")
        if what == "chart":
            self.pick_chart(int(value))
        elif what == "kind":
            self.pick_kind(value)

    def chart(self) -> FlipChart | None:
        return next((c for c in self.charts if c.id == self.chart_id), None)

    def _render(self) -> None:
        self.chart_list.setText(chart_choices(self.charts, self.chart_id))
        self.kind_list.setText(kind_choices(self.kind))
        chart = self.chart()
        chosen = (f"Flip chart: {chart.title}. " if chart else "No flip chart chosen yet. ")
        self.setAccessibleDescription(
            f"{chosen}Kind: {KIND_LABELS[self.kind]}. Press 1 to 9 for the flip chart, a letter "
            "for the kind (S, A, G, R or O), Enter to file, Esc to cancel, Tab to change the "
            "text.")

    # -- keys -------------------------------------------------------------------------

    def event(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.KeyPress and isinstance(event, QKeyEvent) and \
                event.key() in (Qt.Key.Key_Tab, Qt.Key.Key_Backtab):
            self.type_text()
            return True
        return super().event(event)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        key = event.key()
        mods = event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier
        text = event.text().upper()
        if mods & (Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.AltModifier
                   | Qt.KeyboardModifier.MetaModifier):
            super().keyPressEvent(event)
            return
        if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self.file()
        elif key == Qt.Key.Key_Escape:
            self.cancel()
        elif text.isdigit() and len(text) == 1:
            self.pick_chart(9 if text == "0" else int(text) - 1)
        elif text in KIND_KEYS:
            self.pick_kind(KIND_KEYS[text])
        elif key in (Qt.Key.Key_Down, Qt.Key.Key_Up) and self.charts:
            ids = [c.id for c in self.charts]
            now = ids.index(self.chart_id) if self.chart_id in ids else -1
            step = 1 if key == Qt.Key.Key_Down else -1
            self.pick_chart((now + step) % len(ids))
        elif key in (Qt.Key.Key_Right, Qt.Key.Key_Left):
            kinds = list(KIND_LABELS)
            step = 1 if key == Qt.Key.Key_Right else -1
            self.pick_kind(kinds[(kinds.index(self.kind) + step) % len(kinds)])
        else:
            super().keyPressEvent(event)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.text and event.type() == QEvent.Type.ShortcutOverride and \
                isinstance(event, QKeyEvent) and event.keyCombination().toCombined() in VIEW_KEYS:
            event.ignore()  # Ctrl+K stays the view's (on X11 it would delete to the line end)
            return True
        if (watched in (self.text, self.initials) and event.type() == QEvent.Type.KeyPress
                and isinstance(event, QKeyEvent)):
            # QLineEdit passes Return on to its parent after handling it: take it here
            # so that one Enter files one post-it.
            if event.key() == Qt.Key.Key_Escape:
                self.cancel()
                return True
            if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
                self.file()
                return True
            if event.key() in (Qt.Key.Key_Tab, Qt.Key.Key_Backtab):
                self._tab_from(watched, forward=event.key() == Qt.Key.Key_Tab)
                return True
            alt = event.modifiers() & Qt.KeyboardModifier.AltModifier
            if alt and Qt.Key.Key_0 <= event.key() <= Qt.Key.Key_9:
                digit = event.key() - Qt.Key.Key_0
                self.pick_chart(9 if digit == 0 else digit - 1)
                return True
        if watched is self.text and event.type() == QEvent.Type.FocusIn:
            self._show_keys(TYPING_KEYS)
        if watched is self.initials and event.type() == QEvent.Type.FocusIn:
            self._show_keys(INITIALS_KEYS)
        return super().eventFilter(watched, event)

    def _tab_from(self, field: QObject, forward: bool) -> None:
        """One cycle for Tab: choosing, the text, the initials (when they can change), and
        back to choosing; Shift+Tab the other way."""
        initials = self.initials.isEnabled()
        if field is self.text and forward and initials:
            self.initials.setFocus(Qt.FocusReason.TabFocusReason)
        elif field is self.initials and not forward:
            self.text.setFocus(Qt.FocusReason.BacktabFocusReason)
        else:
            self.choose()

    def focusInEvent(self, event: QFocusEvent) -> None:
        super().focusInEvent(event)
        self._show_keys(CHOOSING_KEYS)
        self._render()

    # -- filing -----------------------------------------------------------------------

    def file(self) -> None:
        if self.isHidden():  # closed (not merely on a tab the peer has left)
            return
        chart = self.chart()
        if chart is None:
            self.problem.setText("Choose a flip chart first: press its number (Alt+number "
                                 "while typing the text).")
            return
        text = self.text.text()
        if not text.strip():
            self.problem.setText("Type the finding first.")
            self.type_text()
            return
        initials = self.initials.text().strip().upper()
        if initials and not (initials[0].isalpha() and initials.isalnum()):
            self.problem.setText("Initials are letters, such as JL (empty for your own).")
            self.initials.setFocus(Qt.FocusReason.OtherFocusReason)
            return
        try:
            if self.editing is None:
                postit = self.store.add(chart.id, text, self.kind, session_id=self.session_id,
                                        initials=initials or None)
            else:
                postit = self.store.update(self.editing.id, text, self.kind)
                if postit.flip_chart_id != chart.id:
                    postit = self.store.move(postit.id, chart.id)
        except StorageError as exc:
            # The disk said no (full, read-only): the post-it stays here, marked, and is
            # offered again by itself until it is saved or the peer cancels it.
            self.problem.setText(f"Not saved yet: {exc.while_retrying} peerdesk tries again "
                                 "by itself; Esc gives up this post-it.")
            self.title.setText("Post-it NOT SAVED YET:")
            self.retry_timer.start()
            return
        except PeerdeskError as exc:
            self.problem.setText(exc.message)
            return
        self.retry_timer.stop()
        self.editing = None
        self.initials.clear()
        self.hide()
        self.filed.emit(postit)
        self.closed.emit()

    @property
    def unsaved(self) -> bool:
        """True while a post-it the disk refused waits here to be saved."""
        return self.retry_timer.isActive()

    def _retry(self) -> None:
        if not self.isHidden():
            self.file()

    def cancel(self) -> None:
        self.retry_timer.stop()
        self.editing = None
        self.problem.clear()
        self.hide()
        self.closed.emit()

    def forget(self) -> None:
        """Drop what the bar holds (teardown on lock), after a last try to save a post-it
        the disk refused."""
        if self.unsaved:
            self.file()
        self.retry_timer.stop()
        self.text.clear()
        self.initials.clear()
        self.editing = None
        self.session_id = None
        self.charts = []
        self.chart_id = None
        self.hide()
