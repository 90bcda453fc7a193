"""What the commands that check texts share: how a hit is printed (with the id a decisions
file names it by), as JSON, the exit status when something was found, and an export
behind the attribution gate with a decisions file."""

from __future__ import annotations

import json
import sys
from collections.abc import Callable
from typing import TextIO

from peerdesk.summary.attribution import CLEAR_TEXT, Hit
from peerdesk.summary.attribution.decisions import Decision, apply_decisions
from peerdesk.summary.edits import SUMMARY_PLACES, Places
from peerdesk.summary.export import UnresolvedHitsError
from peerdesk.vault.exports import ExportRecord
from peerdesk.vault.notebook import Notebook

FOUND = 3
"""Exit status when a check found something (0: nothing found; 1: export refused)."""

DECISIONS_HINT = (
    "To resolve them here, write a decisions file (JSON or CSV) with, for each hit, its id "
    "and a decision: “accept” (not attributable, for that place only) or “replace” with "
    "the new words in “text”; then run: peerdesk-cli export NOTEBOOK --decisions FILE ...")


def _line_of(text: str, offset: int) -> int:
    return text.count("\n", 0, offset) + 1


def print_hits(hits: list[Hit], out: TextIO | None = None, text: str | None = None) -> None:
    """Each hit with its id, where it is, why it was flagged, and its context."""
    stream = out if out is not None else sys.stdout
    for hit in hits:
        where = f"line {_line_of(text, hit.start)}" if text is not None else hit.where
        print(f"[{hit.id}] {where}: {hit.why}", file=stream)
        print(f"    found “{hit.term}” in: {hit.context}", file=stream)


def hits_json(hits: list[Hit]) -> str:
    return json.dumps([{"hit": h.id, "place": h.source.place, "where": h.where,
                        "term": h.term, "category": h.category.value, "why": h.why,
                        "context": h.context} for h in hits], ensure_ascii=False, indent=2)


def report_check(hits: list[Hit], as_json: bool, what: str, hint: str = DECISIONS_HINT) -> int:
    """Print what a ``check-…`` command found in ``what`` ("the summary"); its exit status."""
    if as_json:
        print(hits_json(hits))
    elif hits:
        count = len(hits)
        print(f"{count} thing{'s' if count != 1 else ''} in {what} could identify someone:")
        print_hits(hits)
        print(hint)
    else:
        print(f"Nothing left to resolve. {CLEAR_TEXT}")
    return FOUND if hits else 0


def export_behind_gate(notebook: Notebook, decisions: list[Decision],
                       hits_now: Callable[[], list[Hit]], export: Callable[[], ExportRecord],
                       places: Places = SUMMARY_PLACES, what: str = "the summary",
                       hint: str = DECISIONS_HINT) -> int:
    """Apply the decisions file's decisions to the hits as they are now, then export (which
    checks again and refuses while a hit is unresolved); print the outcome, return the exit
    status."""
    if decisions:
        applied = apply_decisions(notebook, hits_now(), decisions, places, what)
        print(f"Applied {len(decisions)} decision{'s' if len(decisions) != 1 else ''} "
              f"to {applied} hit{'s' if applied != 1 else ''}.")
    try:
        record = export()
    except UnresolvedHitsError as exc:
        print(f"peerdesk: {exc.message}", file=sys.stderr)
        print_hits(exc.hits, sys.stderr)
        print(hint, file=sys.stderr)
        return 1
    print(f"Saved {record.path} ({record.size} bytes, SHA-256 {record.sha256}).")
    print("It is listed in the notebook's register of copies, so destruction will find it.")
    return 0
