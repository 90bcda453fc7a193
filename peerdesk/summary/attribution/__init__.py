"""The attribution gate: every text that leaves the notebook is checked for anything that
could point to a person, and nothing is written while a hit is unresolved.

- ``outgoing``: every string of a model, each with the place it is printed;
- ``check``: the check itself, over a model or over any text;
- ``names``, ``roles``, ``numbers``, ``people``: what it looks for;
- ``decisions``: "not attributable" for one place, new words, and decisions files.
"""

from __future__ import annotations

from peerdesk.summary.attribution.check import CLEAR_TEXT, Checker, check, check_text
from peerdesk.summary.attribution.decisions import accept, accepted_keys, split, withdraw
from peerdesk.summary.attribution.hits import Hit, HitCategory
from peerdesk.summary.attribution.outgoing import outgoing_texts
from peerdesk.vault.notebook import Notebook

__all__ = ["CLEAR_TEXT", "Checker", "Hit", "HitCategory", "accept", "accepted_keys",
           "check", "check_text", "outgoing_texts", "split", "unresolved", "withdraw"]


def unresolved(notebook: Notebook, model: object) -> list[Hit]:
    """The hits the peer has neither edited away nor marked not attributable."""
    return split(notebook, check(notebook, model))[0]
