"""What every screen of an open engagement is given: one value, passed down."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Protocol

from peerdesk.vault.clock import Clock
from peerdesk.vault.library import Library
from peerdesk.vault.notebook import Notebook
from peerdesk.vault.paths import AppPaths
from peerdesk.vault.settings import Settings

if TYPE_CHECKING:
    from PySide6.QtWidgets import QWidget

    from peerdesk.gui.widgets.message_bar import MessageBar


class EngagementView(Protocol):
    """The open engagement's page, as a screen may ask it to move."""

    def show_tab(self, title: str) -> QWidget: ...

    def start_session(self, session_id: int) -> None: ...


class EngagementHost(Protocol):
    """The window that holds the open engagement, as a screen sees it (the main window)."""

    @property
    def page(self) -> EngagementView | None: ...

    def refresh_header(self) -> None: ...


@dataclass
class GuiContext:
    paths: AppPaths
    library: Library
    settings: Settings
    clock: Clock
    notebook: Notebook
    messages: MessageBar
    window: EngagementHost
