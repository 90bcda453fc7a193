"""peerdesk-cli for feedback day: ``export --format pptx`` (the slides), ``--format outline``
(Word, or plain text for a .txt file) and ``--format outline-txt``, through the same
attribution gate and decisions file as the summary; and ``check-feedback``.

The ``export`` command itself lives with the summary's (peerdesk/cli/summary.py), which
hands these formats here. Listed in peerdesk/cli/main.py, which calls ``add_commands``.
"""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import TYPE_CHECKING

from peerdesk.cli.common import open_notebook
from peerdesk.cli.hits import DECISIONS_HINT, export_behind_gate, report_check
from peerdesk.feedback.export import FORMATS, build, export_feedback
from peerdesk.feedback.places import FEEDBACK_PLACES
from peerdesk.feedback.template import read_template
from peerdesk.summary.attribution import unresolved
from peerdesk.summary.attribution.decisions import read_decisions
from peerdesk.vault.errors import ValidationError
from peerdesk.vault.library import Library

if TYPE_CHECKING:
    from peerdesk.cli.common import SubParsers
    from peerdesk.feedback.template import SlideTemplate

FEEDBACK_FORMATS = tuple(FORMATS)
WHAT = "the slides and outline"
HINT = DECISIONS_HINT.replace("export NOTEBOOK", "export NOTEBOOK --format pptx")


def export_arguments(export: argparse.ArgumentParser) -> None:
    """What ``export`` takes for the slides, besides the summary's own options."""
    export.add_argument("--template", metavar="FILE",
                        help="for --format pptx: lay the slides out with this .pptx or .potx "
                             "(by default the template kept in the notebook, or the plain "
                             "one)")


def _template(args: argparse.Namespace) -> SlideTemplate | None:
    if not getattr(args, "template", None):
        return None
    path = Path(args.template)
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise ValidationError(f"The template {path.name} cannot be read "
                              f"({exc.strerror or exc}).") from None
    return read_template(data, path.name)


def cmd_export_feedback(args: argparse.Namespace, library: Library) -> int:
    """``export`` with a feedback format."""
    decisions = read_decisions(Path(args.decisions)) if args.decisions else []
    template = _template(args)
    with open_notebook(args, library) as notebook:
        return export_behind_gate(
            notebook, decisions, lambda: unresolved(notebook, build(notebook, template)[0]
                                                    .feedback),
            lambda: export_feedback(notebook, args.format, Path(args.output),
                                    template=template), FEEDBACK_PLACES, WHAT, HINT)


def cmd_check_feedback(args: argparse.Namespace, library: Library) -> int:
    with open_notebook(args, library) as notebook:
        built, _template_used = build(notebook, _template(args))
        hits = unresolved(notebook, built.feedback)
    return report_check(hits, args.json, WHAT, HINT)


def add_commands(sub: SubParsers) -> None:
    """Add ``check-feedback`` to peerdesk-cli (``export`` takes the feedback formats)."""
    check = sub.add_parser(
        "check-feedback", help="list what in the feedback slides and outline could identify "
                               "someone (exit 3 when something is found)")
    check.add_argument("notebook", help="notebook id (or a unique start of it)")
    check.add_argument("--passphrase-stdin", action="store_true",
                       help="unlock with a passphrase read from stdin")
    check.add_argument("--json", action="store_true", help="print the hits as JSON")
    export_arguments(check)
    check.set_defaults(handler=cmd_check_feedback)
