"""Page headings: half as large again as the app's text, whatever size the peer chose."""

from __future__ import annotations

from PySide6.QtWidgets import QWidget

from peerdesk.gui.widgets.text_size import follow_text_size


def style_heading(widget: QWidget) -> None:
    follow_text_size(widget, 1.5, bold=True)
