"""Passphrase fields: hidden as they are typed, with a box to show them."""

from __future__ import annotations

from PySide6.QtWidgets import QCheckBox, QFormLayout, QLineEdit, QWidget

SHOW = "Sho&w the passphrase as I type"


def add_show_toggle(form: QFormLayout, *fields: QLineEdit, text: str = SHOW) -> QCheckBox:
    """A box under ``form`` that shows or hides every one of ``fields`` (keyboard: Alt+W).

    Hidden again whenever the box is unticked, and hidden at the start."""
    parent = fields[0].parentWidget() if fields else None
    box = QCheckBox(text, parent if isinstance(parent, QWidget) else None)
    box.setAccessibleName(text.replace("&", ""))
    box.setAccessibleDescription("Shows what you type in the passphrase fields, for anyone "
                                 "looking at the screen too.")

    def show(on: bool) -> None:
        for field in fields:
            field.setEchoMode(QLineEdit.EchoMode.Normal if on else QLineEdit.EchoMode.Password)

    box.toggled.connect(show)
    show(False)
    form.addRow(box)
    return box
