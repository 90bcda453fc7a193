"""Draws a post-it card: its kind in words and colour, up to three lines of text, its
source and the peer's initials. Every card has the same height (uniform item sizes)."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QRect, QSize, Qt
from PySide6.QtGui import QColor, QFont, QFontMetrics, QPainter, QPen, QTextLayout
from PySide6.QtWidgets import QStyle, QStyledItemDelegate, QStyleOptionViewItem, QWidget

from peerdesk.gui.synthesis.board_model import CARD_ROLE
from peerdesk.synthesis.board import Card

# kind: (card background, accent for the strip and the kind's name)
KIND_COLOURS = {
    "strength": ("#e3f4e6", "#1e6b2a"),
    "area_to_explore": ("#fff2cf", "#7a4b00"),
    "suggestion": ("#e4eefb", "#1c4f8f"),
    "participant_recommendation": ("#f0e7f8", "#5b2f86"),
    "observation": ("#efefef", "#444444"),
}
TEXT_LINES = 3
PAD = 6
STRIP = 5


COMPACT_LINES = 1
"""Lines of text on a card when the whole board is shown at once."""


def card_height(metrics: QFontMetrics, lines: int = TEXT_LINES) -> int:
    """Every card's height: a heading line, ``lines`` of text and the source line."""
    return PAD * 3 + metrics.lineSpacing() * (lines + 2) + 4


def kind_colours(kind: str) -> tuple[QColor, QColor]:
    back, accent = KIND_COLOURS.get(kind, ("#f4f4f4", "#333333"))
    return QColor(back), QColor(accent)


class PostitDelegate(QStyledItemDelegate):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.lines = TEXT_LINES

    def sizeHint(self, option: QStyleOptionViewItem,
                 index: QModelIndex | QPersistentModelIndex) -> QSize:
        return QSize(200, card_height(QFontMetrics(option.font), self.lines))

    def paint(self, painter: QPainter, option: QStyleOptionViewItem,
              index: QModelIndex | QPersistentModelIndex) -> None:
        card = index.data(CARD_ROLE)
        if not isinstance(card, Card):
            return
        rect: QRect = option.rect.adjusted(3, 2, -3, -2)
        state = option.state
        selected = bool(state & QStyle.StateFlag.State_Selected)
        focused = bool(state & QStyle.StateFlag.State_HasFocus)
        back, accent = kind_colours(card.kind)
        palette = option.palette
        painter.save()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
        border = palette.highlight().color() if selected else QColor("#b8b8b8")
        painter.setPen(QPen(border, 3 if selected else 1))
        painter.setBrush(back)
        painter.drawRoundedRect(rect, 4, 4)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(accent)
        painter.drawRect(QRect(rect.left() + 1, rect.top() + 1, STRIP, rect.height() - 1))

        font = QFont(option.font)
        metrics = QFontMetrics(font)
        line = metrics.lineSpacing()
        inner = rect.adjusted(STRIP + PAD, PAD - 2, -PAD, -PAD)
        bold = QFont(font)
        bold.setBold(True)
        painter.setFont(bold)
        painter.setPen(accent)
        head = QRect(inner.left(), inner.top(), inner.width(), line)
        room = inner.width() - metrics.horizontalAdvance(card.initials + "  ")
        painter.drawText(head, Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
                         QFontMetrics(bold).elidedText(card.kind_label,
                                                       Qt.TextElideMode.ElideRight, room))
        painter.setPen(QColor("#222222"))
        painter.drawText(head, Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter,
                         card.initials)
        painter.setFont(font)
        self._draw_text(painter, font, card.text,
                        QRect(inner.left(), inner.top() + line + 2, inner.width(),
                              line * self.lines), self.lines)
        small = QFont(font)
        small.setPointSizeF(max(6.0, font.pointSizeF() * 0.9))
        painter.setFont(small)
        painter.setPen(QColor("#4a4a4a"))
        foot = QRect(inner.left(), inner.bottom() - line, inner.width(), line)
        source = card.source_text + (f" · {card.day[8:10]}/{card.day[5:7]}"
                                     if len(card.day) == 10 else "")
        share = 3 if self.lines < TEXT_LINES else 2  # of thirds of the width
        painter.drawText(foot, Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
                         QFontMetrics(small).elidedText(
                             source, Qt.TextElideMode.ElideRight,
                             inner.width() * share // 3 - (30 if share == 3 else 0)))
        marks = []
        compact = self.lines < TEXT_LINES  # the whole board at once: narrow cards
        if card.suggested:
            marks.append("✎" if compact else "✎ change offered")
        if card.findings:
            marks.append(f"◆{card.findings}" if compact else
                         f"◆ {card.findings} finding{'s' if card.findings != 1 else ''}")
        if marks:
            painter.drawText(foot, Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter,
                             " ".join(marks))
        if focused:
            painter.setPen(QPen(palette.highlight().color(), 1, Qt.PenStyle.DashLine))
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.drawRoundedRect(rect.adjusted(3, 3, -3, -3), 3, 3)
        painter.restore()

    @staticmethod
    def _draw_text(painter: QPainter, font: QFont, text: str, box: QRect,
                   most: int = TEXT_LINES) -> None:
        """Up to ``most`` wrapped lines; the last one ends in an ellipsis if cut short."""
        metrics = QFontMetrics(font)
        layout = QTextLayout(" ".join(text.split()), font)
        layout.beginLayout()
        lines: list[tuple[int, int]] = []
        while len(lines) < most:
            tl = layout.createLine()
            if not tl.isValid():
                break
            tl.setLineWidth(box.width())
            lines.append((tl.textStart(), tl.textLength()))
        layout.endLayout()
        flat = layout.text()
        y = box.top()
        for i, (start, length) in enumerate(lines):
            piece = flat[start:start + length]
            if i == len(lines) - 1 and start + length < len(flat):
                piece = metrics.elidedText(flat[start:], Qt.TextElideMode.ElideRight,
                                           box.width())
            painter.drawText(QRect(box.left(), y, box.width(), metrics.lineSpacing()),
                             Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter, piece)
            y += metrics.lineSpacing()
