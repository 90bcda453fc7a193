"""An open engagement: a header and one tab per part of the work."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QTabWidget, QVBoxLayout, QWidget

from peerdesk.gui.shell.overview_tab import OverviewTab
from peerdesk.gui.widgets.context import GuiContext
from peerdesk.gui.widgets.headings import style_heading

TabFactory = Callable[[GuiContext], QWidget]


class LazyTab:
    """A tab's factory that imports the tab's module only when the tab is first shown, so
    that opening a notebook does not load every screen's code. ``load`` imports and returns
    the tab's class; ``options`` gives any further arguments it takes."""

    def __init__(self, tab_title: str, load: Callable[[], type[QWidget]],
                 options: Callable[[], dict[str, Any]] = dict) -> None:
        self.tab_title = tab_title
        self.load = load
        self.options = options

    def __call__(self, context: GuiContext) -> QWidget:
        return self.load()(context, **self.options())  # type: ignore[arg-type]  # every tab takes a context


def _timetable() -> type[QWidget]:
    from peerdesk.gui.capture.timetable.tab import TimetableTab

    return TimetableTab


def _live_session() -> type[QWidget]:
    from peerdesk.gui.capture.live_session_tab import LiveSessionTab

    return LiveSessionTab


def _team_log_panel(context: GuiContext, parent: QWidget) -> QWidget:
    from peerdesk.gui.synthesis.team_log_view import TeamLogView

    return TeamLogView(context, parent=parent)


def _documents() -> type[QWidget]:
    from peerdesk.gui.capture.documents_tab import DocumentsTab

    return DocumentsTab


def _board() -> type[QWidget]:
    from peerdesk.gui.synthesis.board_tab import BoardTab

    return BoardTab


def _matrix() -> type[QWidget]:
    from peerdesk.gui.synthesis.matrix_tab import MatrixTab

    return MatrixTab


def _search() -> type[QWidget]:
    from peerdesk.gui.synthesis.search_panel import SearchPanel

    return SearchPanel


def _team() -> type[QWidget]:
    from peerdesk.gui.team.team_tab import TeamTab

    return TeamTab


def _summary() -> type[QWidget]:
    from peerdesk.gui.summary.summary_tab import SummaryTab

    return SummaryTab


def tab_factories() -> list[TabFactory]:
    """The tabs, in reading order. Each is a QWidget with a ``tab_title`` attribute and,
    optionally, ``refresh()`` (called when shown), ``teardown()`` (called on lock) and
    ``busy()`` (true while it times something for the peer, which holds off the idle lock).
    """
    return [
        OverviewTab,
        LazyTab("&Timetable", _timetable),
        LazyTab("&In session", _live_session, lambda: {"panels": [_team_log_panel]}),
        LazyTab("&Documents", _documents),
        LazyTab("&Board", _board),
        LazyTab("&Matrix", _matrix),
        LazyTab("&Search", _search),
        LazyTab("Team", _team),
        LazyTab("S&ummary", _summary),
    ]


class TabSlot(QWidget):
    """Holds one tab and builds it the first time it is needed, so that opening a notebook
    does not wait for screens the peer has not looked at yet."""

    def __init__(self, factory: TabFactory, context: GuiContext, parent: QWidget) -> None:
        super().__init__(parent)
        self.factory = factory
        self.context = context
        self.title = str(getattr(factory, "tab_title", "Tab"))
        self.setAccessibleName(self.title.replace("&", ""))
        self.layout_ = QVBoxLayout(self)
        self.layout_.setContentsMargins(0, 0, 0, 0)
        self.content: QWidget | None = None

    def ensure(self) -> QWidget:
        if self.content is None:
            self.content = self.factory(self.context)
            self.layout_.addWidget(self.content)
        return self.content


class EngagementPage(QWidget):
    def __init__(self, context: GuiContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.setAccessibleName("Open engagement")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(12, 8, 12, 8)
        self.heading = QLabel(self)
        self.heading.setObjectName("pageHeading")
        style_heading(self.heading)
        self.heading.setAccessibleName("Engagement title")
        self.heading.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout.addWidget(self.heading)
        self.stage_label = QLabel(self)
        self.stage_label.setAccessibleName("Stage")
        layout.addWidget(self.stage_label)
        self.tabs = QTabWidget(self)
        self.tabs.setAccessibleName("Parts of the engagement")
        self.tabs.setDocumentMode(True)
        layout.addWidget(self.tabs, 1)
        for factory in tab_factories():
            slot = TabSlot(factory, context, self.tabs)
            self.tabs.addTab(slot, slot.title)
        self.slot(0).ensure()
        self.tabs.currentChanged.connect(self._tab_shown)
        self.refresh_header()

    def slot(self, index: int) -> TabSlot:
        widget = self.tabs.widget(index)
        assert isinstance(widget, TabSlot)
        return widget

    def refresh_header(self) -> None:
        engagement = self.context.notebook.engagement()
        self.heading.setText(engagement.title)
        client = f"{engagement.client_system} · " if engagement.client_system else ""
        self.stage_label.setText(f"{client}Stage: {engagement.stage.label}")

    def tab(self, title: str) -> QWidget:
        """The tab's own widget (built if it was not yet), by its title without the '&'."""
        for index in range(self.tabs.count()):
            if self.tabs.tabText(index).replace("&", "") == title:
                return self.slot(index).ensure()
        raise KeyError(title)

    def show_tab(self, title: str) -> QWidget:
        widget = self.tab(title)
        parent = widget.parentWidget()
        if parent is not None:
            self.tabs.setCurrentWidget(parent)
        return widget

    def start_session(self, session_id: int) -> None:
        """Open a session in the live view, ready to type: one action from the timetable,
        a board card or a search result."""
        live = self.show_tab("In session")
        live.open_session(session_id)  # type: ignore[attr-defined]

    def _tab_shown(self, index: int) -> None:
        if index < 0:
            return
        widget = self.slot(index).ensure()
        refresh = getattr(widget, "refresh", None)
        if callable(refresh):
            refresh()

    def teardown(self) -> None:
        """Drop every view's data before the notebook closes."""
        for index in range(self.tabs.count()):
            content = self.slot(index).content
            teardown = getattr(content, "teardown", None)
            if callable(teardown):
                teardown()
        self.tabs.clear()
