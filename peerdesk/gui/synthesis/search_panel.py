"""Search everything in the notebook as you type: notes, post-its, findings, participants'
roles, groups' feedback and documents. Matches are shown in bold; Enter or a double
click goes to the place found."""

from __future__ import annotations

from PySide6.QtCore import (
    QAbstractListModel,
    QModelIndex,
    QPersistentModelIndex,
    QRectF,
    QSize,
    Qt,
    QTimer,
)
from PySide6.QtGui import QAbstractTextDocumentLayout, QKeyEvent, QPainter, QTextDocument
from PySide6.QtWidgets import (
    QAbstractItemView,
    QLabel,
    QLineEdit,
    QListView,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QVBoxLayout,
    QWidget,
)

from peerdesk.gui.widgets.context import GuiContext
from peerdesk.synthesis.search import Search, SearchHit
from peerdesk.vault.errors import PeerdeskError

DEBOUNCE_MS = 150
HIT_ROLE = Qt.ItemDataRole.UserRole + 1
HTML_ROLE = Qt.ItemDataRole.UserRole + 2

AnyIndex = QModelIndex | QPersistentModelIndex


def hit_html(hit: SearchHit) -> str:
    from html import escape

    heading = f" · {escape(hit.heading)}" if hit.heading else ""
    return (f"<span style='color:#444'>{escape(hit.kind_text)}{heading}</span><br>"
            f"{hit.html('b')}")


class HitsModel(QAbstractListModel):
    def __init__(self) -> None:
        super().__init__()
        self.hits: list[SearchHit] = []

    def set_hits(self, hits: list[SearchHit]) -> None:
        self.beginResetModel()
        self.hits = hits
        self.endResetModel()

    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.hits)

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid() or not 0 <= index.row() < len(self.hits):
            return None
        hit = self.hits[index.row()]
        if role == HIT_ROLE:
            return hit
        if role == HTML_ROLE:
            return hit_html(hit)
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            heading = f": {hit.heading}" if hit.heading else ""
            return f"{hit.kind_text}{heading}. {hit.plain}"
        return None


class HitDelegate(QStyledItemDelegate):
    """Draws a result as rich text: where it is, then the snippet with matches in bold."""

    def _document(self, option: QStyleOptionViewItem, html: str) -> QTextDocument:
        doc = QTextDocument()
        doc.setDefaultFont(option.font)
        doc.setHtml(html)
        doc.setTextWidth(max(100, option.rect.width() - 12))
        return doc

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: AnyIndex) -> None:
        html = str(index.data(HTML_ROLE) or "")
        if option.state & QStyle.StateFlag.State_Selected:
            html = html.replace(" style='color:#444'", "")  # grey is hard to read on blue
        opt = QStyleOptionViewItem(option)
        self.initStyleOption(opt, index)
        opt.text = ""
        style = opt.widget.style() if opt.widget else None
        if style is not None:
            style.drawControl(QStyle.ControlElement.CE_ItemViewItem, opt, painter, opt.widget)
        doc = self._document(option, html)
        painter.save()
        rect = option.rect
        painter.translate(rect.left() + 6, rect.top() + 3)
        context = QAbstractTextDocumentLayout.PaintContext()
        if option.state & QStyle.StateFlag.State_Selected:
            palette = option.palette
            context.palette.setColor(context.palette.ColorRole.Text,
                                     palette.highlightedText().color())
        context.clip = QRectF(0, 0, rect.width() - 12, rect.height() - 6)
        doc.documentLayout().draw(painter, context)
        painter.restore()

    def sizeHint(self, option: QStyleOptionViewItem, index: AnyIndex) -> QSize:
        doc = self._document(option, str(index.data(HTML_ROLE) or ""))
        return QSize(int(doc.idealWidth()), int(doc.size().height()) + 8)


class ResultsView(QListView):
    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and self.currentIndex().isValid():
            self.activated.emit(self.currentIndex())
            return
        super().keyPressEvent(event)


class SearchField(QLineEdit):
    """Down goes to the results; Enter opens the chosen (or first) result."""

    def __init__(self, panel: SearchPanel) -> None:
        super().__init__(panel)
        self.panel = panel

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() == Qt.Key.Key_Down and self.panel.model.hits:
            self.panel.results.setFocus(Qt.FocusReason.TabFocusReason)
            return
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self.panel.run_now()
            self.panel.open_current()
            return
        super().keyPressEvent(event)


class SearchPanel(QWidget):
    tab_title = "&Search"

    def __init__(self, context: GuiContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.search = Search(context.notebook)
        self.setAccessibleName("Search")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 6, 0, 0)
        label = QLabel("&Find:", self)
        layout.addWidget(label)
        self.field = SearchField(self)
        self.field.setAccessibleName("Search the notebook")
        self.field.setAccessibleDescription(
            "Results follow your typing. Down goes to the results; Enter opens one.")
        self.field.setPlaceholderText("Words in notes, post-its, findings, participants' "
                                      "roles or documents")
        self.field.setClearButtonEnabled(True)
        label.setBuddy(self.field)
        layout.addWidget(self.field)
        self.status = QLabel(self)
        self.status.setAccessibleName("Search results found")
        layout.addWidget(self.status)
        self.model = HitsModel()
        self.results = ResultsView(self)
        self.results.setModel(self.model)
        self.results.setItemDelegate(HitDelegate(self.results))
        self.results.setAccessibleName("Search results")
        self.results.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.results.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.results.setWordWrap(True)
        self.results.activated.connect(self._open)
        layout.addWidget(self.results, 1)
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.setInterval(DEBOUNCE_MS)
        self.timer.timeout.connect(self.run_now)
        self.field.textChanged.connect(lambda _: self.timer.start())
        self._last = ""

    def refresh(self) -> None:
        """Called when the tab is shown: ready to type, results as fresh as the notes."""
        self.field.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.field.selectAll()
        if self.field.text().strip():
            self._last = ""
            self.run_now()

    def run_now(self) -> None:
        self.timer.stop()
        text = self.field.text()
        if text == self._last:
            return
        self._last = text
        try:
            hits = self.search.search(text)
            total = self.search.count(text) if len(hits) >= 50 else len(hits)
        except PeerdeskError as exc:
            self.context.messages.error(exc.message)
            return
        self.model.set_hits(hits)
        if hits:
            self.results.setCurrentIndex(self.model.index(0, 0))
        if not text.strip():
            self.status.setText("")
        elif not hits:
            self.status.setText("Nothing found.")
        elif total > len(hits):
            self.status.setText(f"The best {len(hits)} of {total:,} places found. "
                                "Down to choose, Enter to open.")
        else:
            self.status.setText(f"{total} place{'s' if total != 1 else ''} found. "
                                "Down to choose, Enter to open.")

    def open_current(self) -> None:
        index = self.results.currentIndex()
        if index.isValid():
            self._open(index)

    def _open(self, index: QModelIndex) -> None:
        hit = index.data(HIT_ROLE)
        page = self.context.window.page
        if not isinstance(hit, SearchHit) or page is None:
            return
        if hit.kind in ("postit", "finding"):
            board = page.show_tab("Board")
            select = getattr(board, "select_postit" if hit.kind == "postit" else
                             "select_finding", None)
            if callable(select) and not select(hit.target_id):
                self.context.messages.info("That is no longer in the notebook.")
        elif hit.kind == "document":
            documents = page.show_tab("Documents")
            select = getattr(documents, "select", None)
            if callable(select):
                select(hit.target_id)
        elif hit.session_id is not None:
            page.start_session(hit.session_id)

    def teardown(self) -> None:
        from peerdesk.synthesis.search import forget_search_terms

        self.timer.stop()
        self.model.set_hits([])
        self.field.clear()
        self._last = ""
        forget_search_terms()
