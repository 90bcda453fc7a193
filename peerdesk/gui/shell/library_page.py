"""The first screen: the peer's engagements, and the way into each."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QFileSystemWatcher, QObject, Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from peerdesk.gui.destruction.destroyed_list import DestroyedList
from peerdesk.gui.widgets.headings import style_heading

if TYPE_CHECKING:
    from peerdesk.vault.errors import PeerdeskError
    from peerdesk.vault.library import NotebookEntry


class LibraryPage(QWidget):
    open_requested = Signal(str)
    new_requested = Signal()
    sample_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAccessibleName("Your engagements")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 18, 24, 18)
        self.heading = QLabel("Your engagements", self)
        self.heading.setObjectName("pageHeading")
        style_heading(self.heading)
        self.heading.setAccessibleName("Your engagements")
        layout.addWidget(self.heading)
        self.hint = QLabel(self)
        self.hint.setWordWrap(True)
        self.hint.setAccessibleName("About this list")
        layout.addWidget(self.hint)
        self.list = QListWidget(self)
        self.list.setAccessibleName("Engagements")
        self.list.setAccessibleDescription("Press Enter to open the selected engagement.")
        self.list.setSpacing(2)
        self.list.itemActivated.connect(self._activated)
        self.list.currentItemChanged.connect(self._selection_changed)
        layout.addWidget(self.list, 1)
        buttons = QHBoxLayout()
        self.open_button = QPushButton("&Open", self)
        self.open_button.setAccessibleName("Open the selected engagement")
        self.open_button.clicked.connect(self._open_current)
        self.new_button = QPushButton("&New engagement…", self)
        self.new_button.setAccessibleName("Make a new engagement")
        self.new_button.clicked.connect(self.new_requested)
        self.sample_button = QPushButton("Try a &sample engagement", self)
        self.sample_button.setAccessibleName("Try a sample engagement")
        self.sample_button.setAccessibleDescription(
            "Makes a wholly fictional engagement to explore peerdesk with.")
        self.sample_button.clicked.connect(self.sample_requested)
        self.sample_button.hide()
        for button in (self.open_button, self.new_button, self.sample_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        layout.addLayout(buttons)
        self.damage_seen: dict[str, PeerdeskError] = {}
        self.destroyed_list = DestroyedList(self)
        layout.addWidget(self.destroyed_list)
        self.set_entries([], locked=False)

    def remember_damage(self, notebook_id: str, problem: PeerdeskError) -> bool:
        """Damage found on opening (after the passphrase, say): the list shows it from now
        on. True when it is damage."""
        from peerdesk.vault.library import DAMAGE_ERRORS

        if isinstance(problem, DAMAGE_ERRORS):
            self.damage_seen[notebook_id] = problem
            return True
        return False

    def set_entries(self, entries: list[NotebookEntry], locked: bool,
                    last: str | None = None) -> None:
        """List the engagements, the one opened last chosen (Enter opens it)."""
        if self.damage_seen:
            from dataclasses import replace

            entries = [e if e.stage is not None or e.id not in self.damage_seen
                       else replace(e, problem=self.damage_seen[e.id].message,
                                    problem_kind=type(self.damage_seen[e.id]).__name__)
                       for e in entries]
        self.list.clear()
        no_store = False
        for entry in entries:
            detail = entry.problem or entry.notice or ""
            if entry.stage is not None:
                second = entry.stage.label
                if entry.notice:
                    second += " · Its key file is damaged: open it to see what to do"
            elif entry.damaged:
                second = _DAMAGE_LABELS.get(entry.problem_kind or "", _DAMAGE_LABELS[""])
            elif locked or entry.problem_kind in _NEEDS_PASSPHRASE:
                no_store |= entry.problem_kind == "CredentialStoreUnavailableError"
                second = _NEEDS_PASSPHRASE.get(entry.problem_kind or "", "Locked: open it with "
                                               "its passphrase to see its title")
            else:
                second = short_problem(entry.problem or "")
            item = QListWidgetItem(f"{entry.label}\n{second}")
            item.setData(Qt.ItemDataRole.UserRole, entry.id)
            item.setData(Qt.ItemDataRole.AccessibleTextRole, f"{entry.label}. {second}")
            if detail:
                item.setToolTip(detail)
                item.setData(Qt.ItemDataRole.AccessibleDescriptionRole, detail)
            self.list.addItem(item)
        if entries:
            ids = [e.id for e in entries]
            self.list.setCurrentRow(ids.index(last) if last in ids else 0)
            if locked:
                hint = ("peerdesk is locked. Choose an engagement and press Enter; you will be "
                        "asked for its passphrase.")
            elif no_store:
                hint = ("This computer's credential store cannot be used, so each engagement "
                        "opens with its passphrase. Choose one and press Enter.")
            else:
                hint = "Choose an engagement and press Enter to open it."
            self.hint.setText(hint)
        else:
            self.hint.setText("You have no engagements yet. Make one for each peer challenge "
                              "you join: everything in it is encrypted on this computer.")
        self._selection_changed()

    def _selection_changed(self, *args: object) -> None:
        self.open_button.setEnabled(self.list.currentItem() is not None)

    def _activated(self, item: QListWidgetItem) -> None:
        self.open_requested.emit(str(item.data(Qt.ItemDataRole.UserRole)))

    def _open_current(self) -> None:
        item = self.list.currentItem()
        if item is not None:
            self._activated(item)


_DAMAGE_LABELS = {
    "NotebookDamagedError": "DAMAGED: the notebook file cannot be read. Press Enter to see "
                            "what to do.",
    "SidecarDamagedError": "DAMAGED: its write-ahead log (-wal file) cannot be used. Press "
                           "Enter to see what to do.",
    "KeyFileDamagedError": "DAMAGED: its key file cannot be read. Press Enter to see what "
                           "to do.",
    "NotebookTooNewError": "Made by a newer peerdesk: update peerdesk to open it.",
    "": "DAMAGED: it cannot be read. Press Enter to see what to do.",
}
_NEEDS_PASSPHRASE = {
    "CredentialStoreUnavailableError": "Locked: opens with its passphrase",
    "KeyMissingError": "Locked: its key is not in the credential store; opens with its "
                       "passphrase",
}


def short_problem(message: str) -> str:
    """The list shows only the first sentence of a problem."""
    first = message.split(". ")[0].rstrip(".")
    return first + "."


def follow_folder(owner: QObject, folder: Path, showing: Callable[[], bool],
                  refresh: Callable[[], None]) -> QFileSystemWatcher:
    """Refresh the list when a notebook is copied into (or out of) ``folder`` while the
    list is on screen: a peer putting back a copy sees it at once. Changes come in bursts
    (a copy writes the file, then its key file), so one refresh follows each burst."""
    watcher = QFileSystemWatcher([str(folder)], owner)
    settle = QTimer(owner)
    settle.setSingleShot(True)
    settle.setInterval(250)
    settle.timeout.connect(lambda: refresh() if showing() else None)
    watcher.directoryChanged.connect(lambda _path: settle.start())
    return watcher
