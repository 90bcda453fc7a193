"""The destruction wizard's first three pages: what will be destroyed (with the copies the
peer may keep), the peer's own confirmations, and typing the title to confirm."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QGridLayout,
    QGroupBox,
    QLabel,
    QLineEdit,
    QProgressBar,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from peerdesk.destruction.certificate import (
    ATTESTATION_TEXTS,
    LEFT_ONLY,
    Attestations,
    plural,
    size_text,
)
from peerdesk.destruction.inventory import Action, Artefact, Inventory, Kind
from peerdesk.gui.widgets.headings import style_heading
from peerdesk.vault.errors import ValidationError

KEEP_HINT = "why, for example: the manager already holds it"


def page_heading(text: str, parent: QWidget) -> QLabel:
    label = QLabel(text, parent)
    label.setObjectName("pageHeading")
    style_heading(label)
    label.setAccessibleName(text)
    label.setWordWrap(True)
    return label


def what_happens(artefact: Artefact) -> str:
    if artefact.present is False:
        return "Not there any more; it will be checked absent"
    if artefact.action is Action.KEEP:
        return f"Kept, because {artefact.keep_reason}"
    if artefact.kind is Kind.ORIGINAL:
        return "Outside peerdesk: will be overwritten with random data, then deleted"
    text = artefact.promise
    text = text[0].upper() + text[1:]
    if artefact.note and artefact.kind is not Kind.SETTINGS:  # settings' note names keys
        return f"{text}. {artefact.note}"
    return text


class InventoryPage(QWidget):
    """Step 1. ``set_inventory`` fills it once the list is made off the UI thread."""

    changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAccessibleName("What will be destroyed")
        self.inventory: Inventory | None = None
        self.keeps: dict[int, tuple[QCheckBox, QLineEdit]] = {}
        layout = QVBoxLayout(self)
        layout.addWidget(page_heading("Step 1 of 4: what peerdesk will destroy", self))
        self.status = QLabel("Listing everything peerdesk holds for this engagement…", self)
        self.status.setWordWrap(True)
        self.status.setAccessibleName("About this list")
        layout.addWidget(self.status)
        self.busy = QProgressBar(self)
        self.busy.setRange(0, 0)
        self.busy.setAccessibleName("Listing")
        layout.addWidget(self.busy)
        self.table = QTableWidget(0, 4, self)
        self.table.setAccessibleName("What will be destroyed")
        self.table.setHorizontalHeaderLabels(["What", "Size", "What happens", "Where"])
        self.table.verticalHeader().hide()
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QTableWidget.SelectionBehavior.SelectRows)
        self.table.setWordWrap(True)
        self.table.setTextElideMode(Qt.TextElideMode.ElideMiddle)
        self.table.setTabKeyNavigation(False)
        header = self.table.horizontalHeader()
        for column, width in ((0, 290), (1, 80), (2, 330)):
            header.resizeSection(column, width)
        header.setStretchLastSection(True)
        layout.addWidget(self.table, 1)
        self.keep_box = QGroupBox("Copies written out of the notebook: keep one only if the "
                                  "manager already holds it", self)
        self.keep_box.setAccessibleName("Copies you may keep")
        self.keep_grid = QGridLayout(self.keep_box)
        self.keep_box.hide()
        layout.addWidget(self.keep_box)
        self.originals_box = QGroupBox("Files you imported from your own folders (outside "
                                       "peerdesk): untick one to leave it where it is", self)
        self.originals_box.setAccessibleName("Files you imported, outside peerdesk")
        self.originals_layout = QVBoxLayout(self.originals_box)
        self.originals: dict[int, QCheckBox] = {}
        self.originals_box.hide()
        layout.addWidget(self.originals_box)
        self.total = QLabel(self)
        self.total.setWordWrap(True)
        self.total.setAccessibleName("In all")
        layout.addWidget(self.total)

    def set_inventory(self, inventory: Inventory) -> None:
        self.inventory = inventory
        self.busy.hide()
        self.status.setText(
            f"For “{inventory.title}”, peerdesk holds what is listed below. The key is "
            "deleted first, so that any copy of the encrypted notebook left anywhere can no "
            "longer be read; then each file is overwritten and deleted, and everything is "
            "checked.")
        for artefact in inventory.exports:
            if artefact.present is False or artefact.export_id is None:
                continue
            row = len(self.keeps)
            box = QCheckBox(f"Keep: {artefact.label}", self.keep_box)
            box.setAccessibleName(f"Keep {artefact.label}")
            reason = QLineEdit(self.keep_box)
            reason.setPlaceholderText(KEEP_HINT)
            reason.setAccessibleName(f"Why you keep {artefact.label}")
            reason.setAccessibleDescription("Written on the certificate.")
            if artefact.action is Action.KEEP:
                box.setChecked(True)
                reason.setText(artefact.keep_reason or "")
            reason.setEnabled(box.isChecked())
            box.toggled.connect(reason.setEnabled)
            box.toggled.connect(lambda _on, r=reason: r.setFocus())
            box.toggled.connect(self._choices_changed)
            reason.textChanged.connect(self._choices_changed)
            self.keep_grid.addWidget(box, row, 0)
            self.keep_grid.addWidget(reason, row, 1)
            self.keeps[artefact.export_id] = (box, reason)
        self.keep_box.setVisible(bool(self.keeps))
        for artefact in inventory.originals:
            if artefact.present is False or artefact.original_id is None:
                continue
            folder = artefact.path.parent if artefact.path is not None else ""
            box = QCheckBox(f"Delete: {artefact.label}, in {folder}", self.originals_box)
            box.setAccessibleName(f"Delete {artefact.label}")
            box.setAccessibleDescription("Overwritten, deleted and checked, like peerdesk's "
                                         "own files. Untick to leave it in its folder.")
            box.setChecked(artefact.action is Action.OVERWRITE_DELETE)
            box.toggled.connect(self._choices_changed)
            self.originals_layout.addWidget(box)
            self.originals[artefact.original_id] = box
        self.originals_box.setVisible(bool(self.originals))
        self._choices_changed()
        self.table.setFocus()

    def show_problem(self, text: str) -> None:
        self.busy.hide()
        self.status.setText(text)
        self.status.setAccessibleDescription(text)

    def chosen(self) -> Inventory:
        """The inventory with the peer's choices (raises ValidationError on a bad one)."""
        assert self.inventory is not None
        inventory = self.inventory
        for export_id, (box, reason) in self.keeps.items():
            inventory = inventory.choose(export_id, reason.text() if box.isChecked() else None)
        for original_id, delete in self.originals.items():
            inventory = inventory.choose_original(original_id, delete.isChecked())
        return inventory

    def problem(self) -> str:
        """Why Next is not possible yet, or ''."""
        if self.inventory is None:
            return "Wait until the list is made."
        for box, reason in self.keeps.values():
            if box.isChecked() and not reason.text().strip():
                return "Say why you keep the copy you ticked, or untick it."
        return ""

    def _choices_changed(self, *args: object) -> None:
        assert self.inventory is not None
        try:
            shown = self.chosen()
        except ValidationError:  # an unfinished reason: show the list as it was
            shown = self.inventory
        self.table.setRowCount(len(shown.artefacts))
        for row, artefact in enumerate(shown.artefacts):
            where = "" if artefact.path is None else str(artefact.path)
            if artefact.kind is Kind.CREDENTIAL:
                where = "This computer's credential store"
            texts = [artefact.label, size_text(artefact.size), what_happens(artefact), where]
            for column, text in enumerate(texts):
                cell = QTableWidgetItem(text)
                cell.setToolTip(text)
                if column == 1:
                    cell.setTextAlignment(Qt.AlignmentFlag.AlignRight
                                          | Qt.AlignmentFlag.AlignVCenter)
                self.table.setItem(row, column, cell)
        self.table.resizeRowsToContents()
        kept = [a for a in shown.artefacts if a.action is Action.KEEP]
        text = (f"In all: {plural(len(shown.overwritten), 'file')} "
                f"({size_text(shown.total_bytes)}) to overwrite and delete")
        if shown.deleted_only:
            text += f"; {plural(len(shown.deleted_only), 'other')} only deleted"
        text += f"; {plural(len(kept), 'copy', 'copies')} kept." if kept else "."
        self.total.setText(text)
        self.changed.emit()


class AttestationPage(QWidget):
    """Step 2: what the peer did outside peerdesk. Not required; recorded either way."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAccessibleName("Your own confirmations")
        layout = QVBoxLayout(self)
        layout.addWidget(page_heading("Step 2 of 4: what you have done yourself", self))
        intro = QLabel("peerdesk can only destroy what it holds. Tick what you have done with "
                       "paper and copies outside peerdesk. None of these is required; the "
                       "certificate says which you ticked and which you did not.", self)
        intro.setWordWrap(True)
        layout.addWidget(intro)
        self.boxes: dict[str, QCheckBox] = {}
        for name, text in ATTESTATION_TEXTS:
            box = QCheckBox(text, self)
            box.setAccessibleName(text)
            box.setVisible(name not in LEFT_ONLY)
            layout.addWidget(box)
            self.boxes[name] = box
        layout.addStretch(1)

    def set_inventory(self, inventory: Inventory) -> None:
        """Ask about the imported files only when peerdesk is to leave one in its folder."""
        left = any(a.action is Action.KEEP for a in inventory.originals)
        for name in LEFT_ONLY:
            self.boxes[name].setVisible(left)
            if not left:
                self.boxes[name].setChecked(False)

    def attestations(self) -> Attestations:
        """What the peer ticked among the confirmations shown."""
        return Attestations(**{name: box.isChecked() and not box.isHidden()
                               for name, box in self.boxes.items()})

    def asked(self) -> int:
        return sum(not box.isHidden() for box in self.boxes.values())


class ConfirmPage(QWidget):
    """Step 3: type the engagement's title; ``matches`` is emitted as it is typed."""

    matches = Signal(bool)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAccessibleName("Confirm destruction")
        self.inventory: Inventory | None = None
        layout = QVBoxLayout(self)
        layout.addWidget(page_heading("Step 3 of 4: confirm", self))
        self.summary = QLabel(self)
        self.summary.setWordWrap(True)
        self.summary.setAccessibleName("What will happen")
        layout.addWidget(self.summary)
        self.prompt = QLabel("To confirm, &type the engagement's title:", self)
        self.prompt.setWordWrap(True)
        layout.addWidget(self.prompt)
        self.title_shown = QLabel(self)
        self.title_shown.setTextFormat(Qt.TextFormat.PlainText)
        self.title_shown.setAccessibleName("The engagement's title")
        self.title_shown.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        bold = self.title_shown.font()
        bold.setBold(True)
        self.title_shown.setFont(bold)
        layout.addWidget(self.title_shown)
        self.title_edit = QLineEdit(self)
        self.title_edit.setAccessibleName("The engagement's title, typed to confirm")
        self.prompt.setBuddy(self.title_edit)
        self.title_edit.textChanged.connect(self._typed)
        layout.addWidget(self.title_edit)
        self.match_label = QLabel(self)
        self.match_label.setAccessibleName("Does the title match")
        layout.addWidget(self.match_label)
        layout.addStretch(1)

    def set_inventory(self, inventory: Inventory, attestations: Attestations,
                      asked: int = 3) -> None:
        self.inventory = inventory
        files = inventory.overwritten
        kept = [a for a in inventory.artefacts if a.action is Action.KEEP]
        ticked = sum(t for _, t in attestations.items(files_left=asked > 3))
        store = next((a for a in inventory.artefacts if a.kind is Kind.CREDENTIAL), None)
        if store is not None and store.present is None:
            key = ("peerdesk cannot reach this computer's credential store now, so the key "
                   "there (if any) can be neither deleted nor checked: the result and the "
                   "certificate will say so. The key file will be deleted, then ")
        elif store is not None and store.present is False:
            key = ("The credential store does not hold the notebook's key (this will be "
                   "checked). The key file will be deleted, then ")
        else:
            key = ("The notebook's key will be deleted from this computer's credential store "
                   "and from its key file, then ")
        lines = [
            key +
            f"{plural(len(files), 'file')} ({size_text(inventory.total_bytes)}) will be "
            "overwritten and deleted, and every step checked.",
            f"{plural(len(kept), 'copy', 'copies')} kept, with the reason on the certificate."
            if kept else "No copy is kept.",
            f"You ticked {ticked} of {asked} confirmations.",
            "This cannot be undone: nobody, including you, will be able to open the notebook "
            "again.",
        ]
        self.summary.setText("\n".join(lines))
        self.title_shown.setText(inventory.title)
        self._typed(self.title_edit.text())

    def typed(self) -> str:
        return self.title_edit.text()

    def _typed(self, text: str) -> None:
        ok = self.inventory is not None and self.inventory.title_matches(text)
        if ok:
            self.match_label.setText("The title matches.")
        elif text.strip():
            self.match_label.setText("The title does not match yet.")
        else:
            self.match_label.setText("Nothing is destroyed until the title matches.")
        self.matches.emit(ok)
