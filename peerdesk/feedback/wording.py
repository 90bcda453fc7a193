"""The fixed wording of the feedback slides and the outline, shared by every format so
that they say the same thing."""

from __future__ import annotations

PRESENTATION_TITLE = "Peer challenge feedback"
OUTLINE_TITLE = "Peer challenge feedback: outline"
SUBTITLE = "Feedback from the peer team"
KIND_HEADINGS = {
    "strength": "Strengths",
    "area_to_explore": "Areas to explore",
    "suggestion": "Suggestions",
}
KIND_ORDER = tuple(KIND_HEADINGS)
CONTINUED = "(continued)"
RECOMMENDATIONS_TITLE = "What participants recommended"
RECOMMENDATIONS_NOTE = (
    "Each focus group participant wrote one recommendation as if they were on the peer "
    "team. They are grouped by theme and given without names.")
NEXT_STEPS_TITLE = "Next steps"
DEFAULT_NEXT_STEPS = (
    "A written report follows, built on these findings and the evidence behind them",
    "You will see a draft within about four weeks, to check it for accuracy",
    "The final report is agreed with you, then published",
)
TITLE_NOTES = (
    "Thank everyone for their openness. Remind the room that nothing in this feedback is "
    "attributable to any individual, and that every finding was triangulated by the team.")
NO_FINDINGS = "No finding agreed by the team has been chosen for the slides yet."
NOTES_SUPPORT = "Support"
NOTES_CHALLENGE = "Challenge"
NOTES_DETAIL = "To say"
