"""peerdesk-cli commands for the manager's summary: ``export``, ``exports``,
``check-summary`` and ``check-text``.

Listed in peerdesk/cli/main.py, which calls ``add_commands``.
"""

from __future__ import annotations

import argparse
import json
import sys
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, TextIO

from peerdesk.cli.common import open_notebook, read_passphrase
from peerdesk.summary.attribution import CLEAR_TEXT, Hit, check_text, unresolved
from peerdesk.summary.attribution.decisions import apply_decisions, read_decisions
from peerdesk.summary.export import FORMATS, UnresolvedHitsError, export_summary
from peerdesk.summary.model import build_summary, day_text
from peerdesk.vault.errors import ValidationError
from peerdesk.vault.exports import list_exports
from peerdesk.vault.library import Library

if TYPE_CHECKING:
    from peerdesk.cli.common import SubParsers

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


def cmd_export(args: argparse.Namespace, library: Library) -> int:
    decisions = read_decisions(Path(args.decisions)) if args.decisions else []
    with open_notebook(args, library) as notebook:
        if decisions:
            applied = apply_decisions(notebook, unresolved(notebook, build_summary(notebook)),
                                      decisions)
            print(f"Applied {len(decisions)} decision{'s' if len(decisions) != 1 else ''} "
                  f"to {applied} hit{'s' if applied != 1 else ''}.")
        try:
            record = export_summary(notebook, args.format, Path(args.output))
        except UnresolvedHitsError as exc:
            print(f"peerdesk: {exc.message}", file=sys.stderr)
            print_hits(exc.hits, sys.stderr)
            print(DECISIONS_HINT, file=sys.stderr)
            return 1
    print(f"Saved {record.path} ({record.size} bytes, SHA-256 {record.sha256}).")
    print("It is listed in the notebook's register of copies, so destruction will find it.")
    return 0


def cmd_check_summary(args: argparse.Namespace, library: Library) -> int:
    with open_notebook(args, library) as notebook:
        hits = unresolved(notebook, build_summary(notebook))
    if args.json:
        print(hits_json(hits))
    elif hits:
        count = len(hits)
        print(f"{count} thing{'s' if count != 1 else ''} in the summary could identify "
              "someone:")
        print_hits(hits)
        print(DECISIONS_HINT)
    else:
        print(f"Nothing left to resolve. {CLEAR_TEXT}")
    return FOUND if hits else 0


def _read_text(args: argparse.Namespace) -> str:
    if args.file == "-":
        return sys.stdin.read()
    path = Path(args.file)
    try:
        return path.read_text(encoding="utf-8-sig")
    except OSError as exc:
        raise ValidationError(f"{path.name} cannot be read ({exc.strerror}).") from None
    except UnicodeDecodeError:
        raise ValidationError(f"{path.name} is not UTF-8 text.") from None


def cmd_check_text(args: argparse.Namespace, library: Library) -> int:
    notebook_id = library.resolve(args.notebook)
    passphrase = read_passphrase(args, "Passphrase") if args.passphrase_stdin else None
    text = _read_text(args)   # after the passphrase: with "-" the text follows it
    with library.open(notebook_id, passphrase) as notebook:
        hits = check_text(notebook, text)
    if args.json:
        print(hits_json(hits))
    elif hits:
        count = len(hits)
        print(f"{count} thing{'s' if count != 1 else ''} in the text could identify someone:")
        print_hits(hits, text=text)
    else:
        print(CLEAR_TEXT)
    return FOUND if hits else 0


def cmd_exports(args: argparse.Namespace, library: Library) -> int:
    with open_notebook(args, library, read_only=True) as notebook:
        records = list_exports(notebook)
    if not records:
        print("No copies have been written out of this notebook.")
        return 0
    for r in records:
        when = r.created_at
        try:
            moment = datetime.fromisoformat(r.created_at)
            when = f"{day_text(moment.date())} {moment:%H:%M}"
        except ValueError:
            pass
        state = "on disk" if r.on_disk else "no longer on disk"
        kept = f"; kept: {r.keep_reason}" if r.keep_reason else ""
        print(f"{r.id}  {when}  {r.kind}  {r.size} bytes  {r.sha256}  {r.path}  "
              f"[{state}{kept}]")
    return 0


def _notebook_args(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("notebook", help="notebook id (or a unique start of it)")
    parser.add_argument("--passphrase-stdin", action="store_true",
                        help="unlock with a passphrase read from stdin")


def add_commands(sub: SubParsers) -> None:
    """Add ``export``, ``exports``, ``check-summary`` and ``check-text`` to peerdesk-cli."""
    export = sub.add_parser(
        "export", help="write the summary for the manager (refused while the attribution "
                       "check has unresolved hits)")
    _notebook_args(export)
    export.add_argument("--format", required=True, choices=sorted(FORMATS))
    export.add_argument("-o", "--output", required=True, metavar="FILE",
                        help="the file to write (or a folder: a dated name is chosen)")
    export.add_argument("--decisions", metavar="FILE",
                        help="resolve hits first from a JSON or CSV file: hit id (or place "
                             "and term), decision (accept or replace) and text")
    check = sub.add_parser(
        "check-summary", help="list what in the summary could identify someone (exit 3 "
                              "when something is found)")
    _notebook_args(check)
    check.add_argument("--json", action="store_true", help="print the hits as JSON")
    text = sub.add_parser(
        "check-text", help="check any text before it leaves (an email to the manager, "
                           "comments on the draft report); exit 3 when something is found")
    _notebook_args(text)
    text.add_argument("file", metavar="FILE", help="the text file, or - for standard input")
    text.add_argument("--json", action="store_true", help="print the hits as JSON")
    exports = sub.add_parser("exports", help="list every copy written out of the notebook")
    _notebook_args(exports)
    export.set_defaults(handler=cmd_export)
    check.set_defaults(handler=cmd_check_summary)
    text.set_defaults(handler=cmd_check_text)
    exports.set_defaults(handler=cmd_exports)
