"""The slides as they will be, in outline: each slide's title, its points and its speaker
notes, in the order they will be shown; and what is left off the slides, and why."""

from __future__ import annotations

from html import escape

from PySide6.QtWidgets import QTextBrowser, QWidget

from peerdesk.feedback.model import LeftOut
from peerdesk.feedback.slides import Slide


def outline_html(deck: list[Slide], left_out: LeftOut, template_name: str) -> str:
    parts = [f"<p><b>{len(deck)} slides</b>, laid out with {escape(template_name)}. On each "
             "flip chart, triangulated findings come first in each group, then the order "
             "you set.</p>"]
    if left_out.not_agreed:
        listed = "".join(f"<li>{escape(h)}</li>" for h in left_out.not_agreed)
        parts.append("<p><b>Not on the slides</b> because the team has not agreed them yet "
                     "(mark a finding “Agreed by the team” on the Board to include it):</p>"
                     f"<ul>{listed}</ul>")
    if left_out.not_chosen:
        n = left_out.not_chosen
        parts.append(f"<p>{n} agreed finding{'s are' if n != 1 else ' is'} unticked, so "
                     f"{'they are' if n != 1 else 'it is'} left out.</p>")
    if left_out.empty_charts:
        parts.append("<p>No slide for these flip charts (no agreed finding chosen): "
                     f"{escape(', '.join(left_out.empty_charts))}.</p>")
    for n, slide in enumerate(deck, start=1):
        parts.append(f"<h3>Slide {n}: {escape(slide.title)}</h3>")
        items: list[str] = []
        for line in slide.lines:
            if line.heading:
                if items:
                    parts.append(f"<ul>{''.join(items)}</ul>")
                    items = []
                parts.append(f"<p><b>{escape(line.text)}</b></p>")
            elif line.level == 0 and slide.kind == "title":
                parts.append(f"<p>{escape(line.text)}</p>")
            else:
                items.append(f"<li>{escape(line.text)}</li>")
        if items:
            parts.append(f"<ul>{''.join(items)}</ul>")
        if slide.notes:
            notes = "<br>".join(escape(note).replace("    ", "&nbsp;&nbsp;&nbsp;&nbsp;")
                                for note in slide.notes)
            parts.append(f"<p><i>Speaker notes:</i><br>{notes}</p>")
    return "\n".join(parts)


class SlidesPreview(QTextBrowser):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAccessibleName("The slides in outline, with their speaker notes")
        self.setOpenLinks(False)
        self.show_status("The preview has not been made yet.")

    def show_status(self, text: str) -> None:
        self.setHtml(f"<p>{escape(text)}</p>")

    def show_deck(self, deck: list[Slide], left_out: LeftOut, template_name: str) -> None:
        bar = self.verticalScrollBar()
        at = bar.value()
        self.setHtml(outline_html(deck, left_out, template_name))
        bar.setValue(at)
