"""The board's filter row: day, kind of source, kind of post-it, session and peer (whose
initials), a button to clear them, and how many post-its are shown."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QPushButton, QWidget

from peerdesk.capture.postits import KIND_LABELS
from peerdesk.synthesis.board import SOURCE_TEXTS, BoardFilter, SessionChoice


def day_text(day: str) -> str:
    try:
        return date.fromisoformat(day).strftime("%a %d/%m/%Y")
    except ValueError:
        return day


class BoardFilters(QWidget):
    changed = Signal()   # the peer chose another filter: read ``value()``

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.filled = False
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)

        def combo(text: str, name: str) -> QComboBox:
            box = QComboBox(self)
            box.setAccessibleName(name)
            box.setSizeAdjustPolicy(
                QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
            box.setMinimumContentsLength(10)
            box.addItem("Any", None)
            label = QLabel(text, self)
            label.setBuddy(box)
            row.addWidget(label)
            row.addWidget(box)
            box.activated.connect(lambda _: self.changed.emit())
            return box

        self.day_box = combo("Da&y:", "Show post-its from the day")
        self.source_box = combo("So&urce:", "Show post-its from the kind of source")
        self.kind_box = combo("&Kind:", "Show post-its of the kind")
        self.session_box = combo("Sess&ion:", "Show post-its from the session")
        self.session_box.setMinimumContentsLength(22)
        self.peer_box = combo("Pee&r:", "Show post-its of the peer")
        self.peer_box.setMinimumContentsLength(4)
        self.clear_button = QPushButton("&Clear filters", self)
        self.clear_button.setAccessibleName("Clear the filters")
        row.addWidget(self.clear_button)
        row.addStretch(1)
        self.shown_label = QLabel(self)
        self.shown_label.setAccessibleName("Post-its shown")
        row.addWidget(self.shown_label)

    def boxes(self) -> tuple[QComboBox, QComboBox, QComboBox, QComboBox, QComboBox]:
        return self.day_box, self.source_box, self.kind_box, self.session_box, self.peer_box

    def fill(self, days: list[str], sessions: list[SessionChoice], current: BoardFilter,
             peers: list[str] | None = None, sources: dict[str, str] | None = None) -> None:
        for box in self.boxes():
            box.blockSignals(True)
            while box.count() > 1:
                box.removeItem(1)
        for day in days:
            self.day_box.addItem(day_text(day), day)
        for key, text in (sources or SOURCE_TEXTS).items():
            self.source_box.addItem(text, key)
        for key, text in KIND_LABELS.items():
            self.kind_box.addItem(text, key)
        for s in sessions:
            when = f"{s.day[8:10]}/{s.day[5:7]} " if len(s.day) == 10 else ""
            self.session_box.addItem(f"{when}{s.title}", s.id)
        for initials in peers or []:
            self.peer_box.addItem(initials, initials)
        self.filled = True
        self.show_filter(current)
        for box in self.boxes():
            box.blockSignals(False)

    def show_filter(self, flt: BoardFilter) -> None:
        if not self.filled:
            return
        for box, value in zip(self.boxes(), (flt.day, flt.source_kind, flt.kind,
                                             flt.session_id, flt.initials), strict=True):
            box.setCurrentIndex(max(0, box.findData(value)))

    def value(self) -> BoardFilter:
        day, source, kind, session, peer = (box.currentData() for box in self.boxes())
        return BoardFilter(day=None if day is None else str(day),
                           source_kind=None if source is None else str(source),
                           kind=None if kind is None else str(kind),
                           session_id=None if session is None else int(session),
                           initials=None if peer is None else str(peer))

    def clear(self) -> None:
        for box in self.boxes():
            while box.count() > 1:
                box.removeItem(1)
        self.filled = False
