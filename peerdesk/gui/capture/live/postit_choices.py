"""The post-it bar's two lists of choices, flip charts and kinds: each choice with the key
that picks it, the chosen one in bold with a tick (never shown by colour alone), the others
as links for the mouse."""

from __future__ import annotations

from html import escape

from peerdesk.capture.postits import KIND_LABELS
from peerdesk.vault.domain import FlipChart

KIND_KEYS = {"S": "strength", "A": "area_to_explore", "G": "suggestion",
             "R": "participant_recommendation", "O": "observation"}
"""The letter that picks each kind in the bar."""
_LINK = "text-decoration: none; color: #0b3d66;"


def _unbroken(text: str) -> str:
    """One choice, kept on one line when the list wraps."""
    return escape(text).replace(" ", "&nbsp;")


def chart_key(index: int) -> str:
    """The key that picks the chart at ``index`` (0-based): 1 to 9, then 0 for the tenth."""
    return str(index + 1) if index < 9 else ("0" if index == 9 else "")


def _choice(label: str, chosen: bool, link: str) -> str:
    return (f"<b>[✓&nbsp;{label}]</b>" if chosen
            else f'<a href="{link}" style="{_LINK}">{label}</a>')


def chart_choices(charts: list[FlipChart], chosen_id: int | None) -> str:
    parts = []
    for index, chart in enumerate(charts):
        key = chart_key(index)
        label = _unbroken(f"{key} {chart.title}" if key else chart.title)
        parts.append(_choice(label, chart.id == chosen_id, f"chart:{index}"))
    return " · ".join(parts) or "No flip charts in use."


def kind_choices(chosen: str) -> str:
    return " · ".join(_choice(_unbroken(f"{letter} {KIND_LABELS[kind]}"), kind == chosen,
                              f"kind:{kind}") for letter, kind in KIND_KEYS.items())
