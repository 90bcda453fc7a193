"""The fixed wording of the summary, shared by the PDF, the DOCX and the text, so that
they say the same thing."""

from __future__ import annotations

MARKING = "Confidential, not attributable to individuals"
DOCUMENT_TITLE = "Peer challenge summary"
PREPARED_FOR = "The peer challenge manager"

HEADINGS = {
    "method": "Method in numbers",
    "key": "How to read the findings",
    "findings": "Findings by line of enquiry",
    "recommendations": "Participants' recommendations",
    "signposting": "Signposting",
}
READING_NOTE = (
    "Each finding says whether it is a strength, an area to explore or a suggestion, and "
    "how well it is supported. Support counts distinct sources of each kind (meetings, "
    "focus groups, documents and so on); no source is named, and nothing in this summary "
    "is attributable to an individual.")
RECOMMENDATIONS_NOTE = (
    "Each focus group participant was invited to write one recommendation as if they were "
    "on the peer team. They are listed without names.")
NO_FINDINGS = "No findings chosen for this line of enquiry."
NO_RECOMMENDATIONS = "No recommendations were recorded."
NO_SIGNPOSTING = "No signposting suggestions yet."

KIND_TEXTS = {
    "strength": "Strength",
    "area_to_explore": "Area to explore",
    "suggestion": "Suggestion",
}
SIGNPOST_TEXTS = {
    "good_practice": "Good practice elsewhere",
    "person": "People who could help",
}
# Source kinds in words, singular and plural, for "2 meetings, 1 document".
SOURCE_KIND_WORDS = {
    "meeting": ("meeting", "meetings"),
    "focus_group": ("focus group", "focus groups"),
    "document": ("document", "documents"),
    "call": ("call", "calls"),
    "team_session": ("team session", "team sessions"),
    "client_catch_up": ("client catch-up", "client catch-ups"),
    "feedback": ("feedback session", "feedback sessions"),
    "document_review": ("document review", "document reviews"),
    "other": ("other source", "other sources"),
    "observation": ("observation", "observations"),
}
