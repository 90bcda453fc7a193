"""Changing a text that goes out in the summary, wherever it is kept.

The attribution check points at an ``OutgoingText`` (a finding's headline, a
signposting suggestion, a flip chart's title...). This module reads the text's current
value and saves a new one through the owning core module, so the screen that resolves a
hit never needs to know where each kind of text lives.
"""

from __future__ import annotations

from peerdesk.capture import flip_charts
from peerdesk.capture.postits import PostitStore
from peerdesk.summary import signposting
from peerdesk.summary.model import OutgoingText
from peerdesk.synthesis.findings import FindingStore
from peerdesk.vault.errors import ValidationError
from peerdesk.vault.notebook import Notebook

# Cover fields and the engagement detail each one comes from.
_COVER_FIELDS = {"engagement_title": "title", "client_system": "client_system",
                 "peer_name": "my_name", "peer_initials": "my_initials", "peer_role": "my_role"}


def editable(source: OutgoingText) -> bool:
    """Whether ``save_text`` can change this text."""
    if source.owner == "cover":
        return source.field in _COVER_FIELDS
    return (source.owner, source.field) in {
        ("finding", "headline"), ("finding", "detail"), ("chart", "title"),
        ("chart", "question"), ("recommendation", "text"), ("signposting", "text"),
        ("signposting", "chart_title")}


def _signpost_chart(notebook: Notebook, source: OutgoingText) -> OutgoingText:
    """A flip chart's title printed after a signposting suggestion is that chart's title."""
    chart_id = signposting.get(notebook, source.owner_id).flip_chart_id
    if chart_id is None:
        raise ValidationError("That suggestion is no longer tied to a flip chart.")
    return OutgoingText("chart", chart_id, "title", source.text)


def current_text(notebook: Notebook, source: OutgoingText) -> str:
    """The text as it is stored now (the summary may trim it)."""
    if (source.owner, source.field) == ("signposting", "chart_title"):
        source = _signpost_chart(notebook, source)
    owner, field = source.owner, source.field
    if owner == "finding":
        finding = FindingStore(notebook).get(source.owner_id)
        return finding.headline if field == "headline" else finding.detail
    if owner == "signposting":
        return signposting.get(notebook, source.owner_id).text
    if owner == "recommendation":
        return PostitStore(notebook).get(source.owner_id).text
    if owner == "chart":
        for chart in notebook.flip_charts(include_retired=True):
            if chart.id == source.owner_id:
                return chart.title if field == "title" else chart.question
    if owner == "cover" and field in _COVER_FIELDS:
        return str(getattr(notebook.engagement(), _COVER_FIELDS[field]))
    return source.text


def save_text(notebook: Notebook, source: OutgoingText, text: str) -> None:
    """Store ``text`` in place of the outgoing text ``source`` came from."""
    if not editable(source):
        raise ValidationError("This text cannot be changed from the summary.")
    if (source.owner, source.field) == ("signposting", "chart_title"):
        source = _signpost_chart(notebook, source)
    owner, field = source.owner, source.field
    if owner == "finding":
        store = FindingStore(notebook)
        if field == "headline":
            store.update(source.owner_id, headline=text)
        else:
            store.update(source.owner_id, detail=text)
    elif owner == "signposting":
        signposting.update(notebook, source.owner_id, text=text)
    elif owner == "recommendation":
        if not text.strip():
            raise ValidationError("A recommendation cannot be empty.")
        PostitStore(notebook).update(source.owner_id, text=text)
    elif owner == "chart":
        chart = next((c for c in notebook.flip_charts(include_retired=True)
                      if c.id == source.owner_id), None)
        if chart is None:
            raise ValidationError("That flip chart is no longer in the notebook.")
        if field == "title":
            flip_charts.rename(notebook, chart.id, text)
        else:
            flip_charts.rename(notebook, chart.id, chart.title, text)
    else:
        details = notebook.engagement()
        setattr(details, _COVER_FIELDS[field], text.strip())
        notebook.update_details(details)
