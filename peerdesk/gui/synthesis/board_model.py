"""One flip chart's post-its as a list model that reads only what is drawn.

A column knows how many cards it holds; ``data()`` reads the block of rows it needs
(BLOCK rows, one query) and keeps a few blocks, so 50,000 post-its cost a count and a
screenful. With a filter, the column holds the ids it keeps and reads them by id.
Drags carry post-it ids; a drop moves them in the notebook, then the board reloads.
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Callable, Sequence

from PySide6.QtCore import (
    QAbstractListModel,
    QByteArray,
    QMimeData,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
)

from peerdesk.synthesis.board import BoardReader, Card

MIME_TYPE = "application/x-peerdesk-postit-ids"
BLOCK = 64
KEEP_BLOCKS = 48
CARD_ROLE = Qt.ItemDataRole.UserRole + 1
ID_ROLE = Qt.ItemDataRole.UserRole + 2

AnyIndex = QModelIndex | QPersistentModelIndex
DropHandler = Callable[[list[int], int, int], bool]


def encode_ids(ids: Sequence[int]) -> QMimeData:
    mime = QMimeData()
    mime.setData(MIME_TYPE, QByteArray(",".join(str(i) for i in ids).encode()))
    return mime


def decode_ids(mime: QMimeData) -> list[int]:
    if not mime.hasFormat(MIME_TYPE):
        return []
    raw = bytes(mime.data(MIME_TYPE).data()).decode()
    return [int(part) for part in raw.split(",") if part.strip().isdigit()]


class ChartModel(QAbstractListModel):
    """The cards of one flip chart, in board order."""

    def __init__(self, reader: BoardReader, chart_id: int, count: int,
                 on_drop: DropHandler) -> None:
        super().__init__()
        self.reader = reader
        self.chart_id = chart_id
        self._count = count
        self._ids: list[int] | None = None     # set while a filter is on
        self._blocks: OrderedDict[int, list[Card]] = OrderedDict()
        self._on_drop = on_drop

    # -- contents ---------------------------------------------------------------------

    def reload(self, count: int, ids: list[int] | None) -> None:
        """New contents: ``count`` cards in all, or only ``ids`` when filtered."""
        self.beginResetModel()
        self._count = count
        self._ids = ids
        self._blocks.clear()
        self.endResetModel()

    def forget(self) -> None:
        self.reload(0, None)

    @property
    def total(self) -> int:
        return self._count

    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        if parent.isValid():
            return 0
        return len(self._ids) if self._ids is not None else self._count

    def card(self, row: int) -> Card | None:
        if not 0 <= row < self.rowCount():
            return None
        block_no = row // BLOCK
        block = self._blocks.get(block_no)
        if block is None:
            first = block_no * BLOCK
            if self._ids is not None:
                block = self.reader.cards_by_id(self._ids[first:first + BLOCK])
            else:
                block = self.reader.cards(self.chart_id, first, BLOCK)
            self._blocks[block_no] = block
            while len(self._blocks) > KEEP_BLOCKS:
                self._blocks.popitem(last=False)
        else:
            self._blocks.move_to_end(block_no)
        offset = row - block_no * BLOCK
        return block[offset] if offset < len(block) else None

    def row_of(self, postit_id: int) -> int:
        """The row showing this post-it, or -1 (reads blocks until it is found)."""
        if self._ids is not None:
            try:
                return self._ids.index(postit_id)
            except ValueError:
                return -1
        for row in range(0, self.rowCount(), BLOCK):
            card = self.card(row)
            block = self._blocks.get(row // BLOCK, [])
            for offset, c in enumerate(block):
                if c.id == postit_id:
                    return row + offset
            if card is None:
                break
        return -1

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid():
            return None
        card = self.card(index.row())
        if card is None:
            return None
        if role == CARD_ROLE:
            return card
        if role == ID_ROLE:
            return card.id
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return card.text
        if role == Qt.ItemDataRole.AccessibleTextRole:
            return accessible_text(card)
        return None

    # -- drag and drop ------------------------------------------------------------------

    def flags(self, index: AnyIndex) -> Qt.ItemFlag:
        base = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsDropEnabled
        if index.isValid():
            return base | Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemIsDragEnabled
        return base

    def supportedDropActions(self) -> Qt.DropAction:
        return Qt.DropAction.MoveAction

    def supportedDragActions(self) -> Qt.DropAction:
        return Qt.DropAction.MoveAction

    def mimeTypes(self) -> list[str]:
        return [MIME_TYPE]

    def mimeData(self, indexes: Sequence[QModelIndex]) -> QMimeData:
        rows = sorted({i.row() for i in indexes if i.isValid()})
        ids = [c.id for c in (self.card(r) for r in rows) if c is not None]
        return encode_ids(ids)

    def canDropMimeData(self, data: QMimeData, action: Qt.DropAction, row: int, column: int,
                        parent: AnyIndex) -> bool:
        return data.hasFormat(MIME_TYPE)

    def dropMimeData(self, data: QMimeData, action: Qt.DropAction, row: int, column: int,
                     parent: AnyIndex) -> bool:
        ids = decode_ids(data)
        if not ids or action == Qt.DropAction.IgnoreAction:
            return False
        if row < 0:  # dropped on a card: before it; on empty space: at the end
            row = parent.row() if parent.isValid() else self.rowCount()
        return self._on_drop(ids, self.chart_id, self.position_for_row(row))

    def position_for_row(self, row: int) -> int:
        """The chart position a drop before ``row`` means (filters hide some cards)."""
        if self._ids is None:
            return row
        card = self.card(row)
        if card is not None:
            return card.position
        last = self.card(self.rowCount() - 1)
        return last.position + 1 if last is not None else self._count


def accessible_text(card: Card) -> str:
    source = card.source_text
    who = f", {card.initials}" if card.initials else ""
    linked = f" In {card.findings} finding{'s' if card.findings != 1 else ''}." \
        if card.findings else ""
    offered = " Its author offers a change: see the Team tab." if card.suggested else ""
    return f"{card.kind_label}: {card.text}. From: {source}{who}.{linked}{offered}"
