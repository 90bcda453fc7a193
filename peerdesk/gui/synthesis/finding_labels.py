"""How a finding's triangulation label looks: always its words, plus a shape and colour
(a hollow ring, one dot, two dots, a filled triangle), and the support in words."""

from __future__ import annotations

from collections.abc import Mapping
from functools import cache

from PySide6.QtCore import QPointF, Qt
from PySide6.QtGui import QBrush, QColor, QIcon, QPainter, QPen, QPixmap, QPolygonF

from peerdesk.synthesis.findings import STATUS_TEXTS
from peerdesk.synthesis.triangulation import SOURCE_KIND_LABELS, Label

LABEL_COLOURS = {
    Label.NO_EVIDENCE: "#6b6b6b",
    Label.SINGLE_SOURCE: "#a05a00",
    Label.CORROBORATED: "#1c4f8f",
    Label.TRIANGULATED: "#1e6b2a",
}
CHALLENGE_COLOUR = "#8a1c25"
SIZE = 16


@cache
def label_icon(label: Label) -> QIcon:
    pixmap = QPixmap(SIZE, SIZE)
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
    colour = QColor(LABEL_COLOURS[label])
    painter.setPen(QPen(colour, 1.6))
    painter.setBrush(QBrush(colour))
    if label is Label.NO_EVIDENCE:
        painter.setBrush(Qt.BrushStyle.NoBrush)
        painter.drawEllipse(QPointF(8, 8), 5.5, 5.5)
    elif label is Label.SINGLE_SOURCE:
        painter.drawEllipse(QPointF(8, 8), 4, 4)
    elif label is Label.CORROBORATED:
        painter.drawEllipse(QPointF(4.5, 8), 3.2, 3.2)
        painter.drawEllipse(QPointF(11.5, 8), 3.2, 3.2)
    else:
        painter.drawPolygon(QPolygonF([QPointF(8, 1.5), QPointF(15, 14.5), QPointF(1, 14.5)]))
    painter.end()
    return QIcon(pixmap)


def support_text(counts: dict[str, int], labels: Mapping[str, str] | None = None) -> str:
    """Like "Meetings 2 · Focus groups 1", in the usual order of source kinds; ``labels``
    names them all (with those the template added), in order."""
    if not counts:
        return "No sources yet"
    named = labels or SOURCE_KIND_LABELS
    order = list(named)
    keys = sorted(counts, key=lambda k: (order.index(k) if k in order else 99, k))
    return " · ".join(f"{named.get(k, k)} {counts[k]}" for k in keys)


def sources_text(sources: int, kinds: int) -> str:
    if sources == 0:
        return "no sources"
    return (f"{sources} source{'s' if sources != 1 else ''} of {kinds} "
            f"kind{'s' if kinds != 1 else ''}")


def challenge_text(challenges: int) -> str:
    if not challenges:
        return ""
    return f"Challenged by {challenges} source{'s' if challenges != 1 else ''}"


def status_text(status: str) -> str:
    return STATUS_TEXTS.get(status, status)
