"""Where each text on the slides is kept, so a hit of the attribution check can be edited
in place (and marked not attributable) from the Feedback day tab or a decisions file.

- A finding's headline and detail, a flip chart's title, a participant's recommendation:
  the very stored texts the summary prints, at the same places, handed to the summary's
  own ``edits``.
- The title slide's engagement title and client system: the engagement's details (their
  place is the slides' own: the summary's cover lets the peer's own name pass, the slides
  name no one).
- The next steps: the notebook's next steps, of which each line is one text.
- The support and challenge wording, the marking and the template's own texts are made,
  not typed: they can be marked not attributable, not edited here (a template's texts are
  changed in the template, or by going back to the plain one).
"""

from __future__ import annotations

from peerdesk.feedback.next_steps import next_steps_text, set_next_steps
from peerdesk.summary import edits
from peerdesk.summary.edits import Places
from peerdesk.summary.model import OutgoingText
from peerdesk.vault.errors import ValidationError
from peerdesk.vault.notebook import Notebook

_TITLE_SLIDE = {"engagement_title", "client_system"}


def _as_summary_place(source: OutgoingText) -> OutgoingText | None:
    """The summary's place holding the same stored text, or None for the slides' own."""
    if source.owner == "title_slide" and source.field in _TITLE_SLIDE:
        return OutgoingText("cover", 0, source.field, source.text)
    if source.owner in ("finding", "chart", "recommendation") and edits.editable(source):
        return source
    return None


def editable(source: OutgoingText) -> bool:
    if source.owner == "next_steps":
        return True
    return _as_summary_place(source) is not None


def current_text(notebook: Notebook, source: OutgoingText) -> str:
    if source.owner == "next_steps":
        return next_steps_text(notebook)
    shared = _as_summary_place(source)
    return source.text if shared is None else edits.current_text(notebook, shared)


def save_text(notebook: Notebook, source: OutgoingText, text: str) -> None:
    if source.owner == "next_steps":
        set_next_steps(notebook, text)
        return
    shared = _as_summary_place(source)
    if shared is None:
        raise ValidationError("This text is made by peerdesk, not typed: it cannot be changed "
                              "from the slides. Mark it as not attributable if it is right.")
    edits.save_text(notebook, shared, text)


FEEDBACK_PLACES = Places(editable, current_text, save_text)
