"""What every screen of an open engagement is given: one value, passed down."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from peerdesk.clock import Clock
from peerdesk.library import Library
from peerdesk.notebook import Notebook
from peerdesk.paths import AppPaths
from peerdesk.settings import Settings

if TYPE_CHECKING:
    from peerdesk.gui.main_window import MainWindow
    from peerdesk.gui.message_bar import MessageBar


@dataclass
class GuiContext:
    paths: AppPaths
    library: Library
    settings: Settings
    clock: Clock
    notebook: Notebook
    messages: MessageBar
    window: MainWindow
