"""peerdesk-cli commands for the manager's summary: ``export``, ``exports``,
``check-summary`` and ``check-text``. ``export`` also writes the feedback slides and
outline (``--format pptx``, ``outline``, ``outline-txt``: see peerdesk/cli/feedback.py).

Listed in peerdesk/cli/main.py, which calls ``add_commands``.
"""

from __future__ import annotations

import argparse
import sys
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

from peerdesk.cli import feedback
from peerdesk.cli.common import open_notebook, read_passphrase
from peerdesk.cli.hits import FOUND, export_behind_gate, hits_json, print_hits, report_check
from peerdesk.summary.attribution import CLEAR_TEXT, check_text, unresolved
from peerdesk.summary.attribution.decisions import read_decisions
from peerdesk.summary.export import FORMATS, export_summary
from peerdesk.summary.model import build_summary, day_text
from peerdesk.vault.errors import ValidationError
from peerdesk.vault.exports import list_exports
from peerdesk.vault.library import Library

if TYPE_CHECKING:
    from peerdesk.cli.common import SubParsers

def cmd_export(args: argparse.Namespace, library: Library) -> int:
    if args.format in feedback.FEEDBACK_FORMATS:
        return feedback.cmd_export_feedback(args, library)
    decisions = read_decisions(Path(args.decisions)) if args.decisions else []
    with open_notebook(args, library) as notebook:
        return export_behind_gate(
            notebook, decisions, lambda: unresolved(notebook, build_summary(notebook)),
            lambda: export_summary(notebook, args.format, Path(args.output)))


def cmd_check_summary(args: argparse.Namespace, library: Library) -> int:
    with open_notebook(args, library) as notebook:
        hits = unresolved(notebook, build_summary(notebook))
    return report_check(hits, args.json, "the summary")


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
        "export", help="write the summary for the manager, or the feedback slides or "
                       "outline (refused while the attribution check has unresolved hits)")
    _notebook_args(export)
    export.add_argument("--format", required=True,
                        choices=[*sorted(FORMATS), *feedback.FEEDBACK_FORMATS],
                        help="the summary: pdf, docx, txt; feedback day: pptx (slides), "
                             "outline (Word, or text to a .txt file), outline-txt")
    export.add_argument("-o", "--output", required=True, metavar="FILE",
                        help="the file to write (or a folder: a dated name is chosen)")
    export.add_argument("--decisions", metavar="FILE",
                        help="resolve hits first from a JSON or CSV file: hit id (or place "
                             "and term), decision (accept or replace) and text")
    feedback.export_arguments(export)
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
