"""peerdesk-cli: the headless entry point, on the same core as the desktop app.

Each group of commands lives in its own module and adds its sub-commands with
``add_commands(sub)``, setting each handler with ``set_defaults(handler=...)``. This module
lists the groups; none of them imports it back.
"""

from __future__ import annotations

import argparse
import contextlib
import os
import sys
from collections.abc import Sequence

from peerdesk import __version__
from peerdesk.cli import (
    capture,
    destruction,
    engagements,
    feedback,
    summary,
    synthesis,
    team,
)
from peerdesk.vault.errors import PeerdeskError, UnexpectedError
from peerdesk.vault.files import storage_error, sweep_temporary
from peerdesk.vault.library import Library
from peerdesk.vault.paths import AppPaths

GROUPS = (engagements, capture, synthesis, team, summary, feedback, destruction)
"""The groups of commands, in the order ``--help`` lists them."""


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="peerdesk-cli", description="peerdesk without a window: manage encrypted notebooks.",
        epilog="Nothing confidential needs to go on the command line, where it would stay in "
               "the shell's history and show in the list of running programs: leave out a "
               "title, a name, a confirmation, search words or a reason and peerdesk-cli "
               "asks for it (or reads it from standard input, one a line). Passphrases are "
               "never taken as arguments.")
    parser.add_argument("--version", action="version", version=f"peerdesk {__version__}")
    parser.add_argument("--data-dir", help="keep peerdesk's files in this folder")
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    for group in GROUPS:
        group.add_commands(sub)
    return parser


EXIT_PROBLEM = 2
"""A plain problem (wrong passphrase, damaged file, full disk ...), told in one sentence."""
EXIT_UNEXPECTED = 4
"""Something peerdesk did not foresee; still one sentence, never a traceback. (3 is the
attribution check's "something found".)"""


def main(argv: Sequence[str] | None = None) -> int:
    if argv is None:  # started as a program (a test passes its own arguments)
        from peerdesk.vault.keys.hardening import start_hardened

        start_hardened()
    os.umask(0o077)
    args = build_parser().parse_args(argv)
    paths = AppPaths.from_environment(args.data_dir)
    library = Library(paths)
    try:
        sweep_temporary(paths.roots())  # what a killed peerdesk left behind
        result: int = args.handler(args, library)
        return result
    except PeerdeskError as exc:
        print(f"peerdesk: {exc.message}", file=sys.stderr)
        return EXIT_PROBLEM
    except KeyboardInterrupt:
        print("peerdesk: stopped.", file=sys.stderr)
        return 130
    except BrokenPipeError:  # the reader of the output went away (``| head``)
        with contextlib.suppress(OSError):
            sys.stdout = open(os.devnull, "w")  # noqa: SIM115 - no flush error at exit
        return 0
    except OSError as exc:
        print(f"peerdesk: {storage_error(exc, 'finish').message}", file=sys.stderr)
        return EXIT_PROBLEM
    except Exception as exc:  # the last resort: the specific cases are handled in the core
        print(f"peerdesk: {UnexpectedError.about(exc, 'finish this command').message}",
              file=sys.stderr)
        return EXIT_UNEXPECTED
