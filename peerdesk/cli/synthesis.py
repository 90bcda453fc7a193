"""peerdesk-cli commands for synthesis: ``demo`` and ``search``.

Listed in peerdesk/cli/main.py, which calls ``add_commands``.
"""

from __future__ import annotations

import argparse
import sys
from typing import TYPE_CHECKING

from peerdesk.cli.common import ON_THE_COMMAND_LINE, ask, read_passphrase
from peerdesk.sample.content import TITLE
from peerdesk.sample.generator import MAX_SCALE, create_demo
from peerdesk.synthesis.search import Search
from peerdesk.vault.errors import (
    ImmutableFileError,
    PermissionDeniedError,
    ReadOnlyError,
    ValidationError,
)
from peerdesk.vault.keys.keyfile import passphrase_hint
from peerdesk.vault.library import Library

if TYPE_CHECKING:
    from peerdesk.cli.common import SubParsers


def _scale(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a whole number") from None
    if not 1 <= value <= MAX_SCALE:
        raise argparse.ArgumentTypeError(f"the scale is from 1 to {MAX_SCALE}")
    return value


def cmd_demo(args: argparse.Namespace, library: Library) -> int:
    passphrase = read_passphrase(args, "Choose a passphrase for the demo notebook",
                                 confirm=True)
    _score, hint = passphrase_hint(passphrase)
    print(f"Passphrase strength: {hint}", file=sys.stderr)
    with create_demo(library, passphrase, args.scale, args.title) as notebook:
        print(notebook.id)
    return 0


def cmd_search(args: argparse.Namespace, library: Library) -> int:
    if args.query is not None and not args.query.strip():
        raise ValidationError("Type something to search for.")
    notebook_id = library.resolve(args.notebook)
    passphrase = read_passphrase(args, "Passphrase") if args.passphrase_stdin else None
    try:
        notebook = library.open(notebook_id, passphrase)
    except (ReadOnlyError, ImmutableFileError, PermissionDeniedError) as exc:
        # Searching only reads: a notebook that cannot be written can still be searched.
        notebook = library.open(notebook_id, passphrase, read_only=True)
        print(f"peerdesk: {exc.message.split('. ')[0]}; searching it without changing it.",
              file=sys.stderr)
    with notebook:
        search = Search(notebook)
        if search.stale:
            print("peerdesk: notes saved since the last search are not searched, because "
                  "the notebook cannot be changed just now.", file=sys.stderr)
        query = args.query if args.query is not None else ask("Search for", required=True)
        hits = search.search(query, args.limit)
    if not hits:
        print("Nothing found.")
        return 1
    for hit in hits:
        snippet = "".join(f"[{t}]" if marked else t for t, marked in hit.parts())
        where = f"{hit.kind} {hit.target_id}"
        if hit.session_id is not None and hit.kind != "session":
            where += f" (session {hit.session_id})"
        shown = hit.plain.strip("…")
        repeats = hit.heading.startswith(shown) or shown.startswith(hit.heading)
        heading = f" {hit.heading}:" if hit.heading and not repeats else ""
        print(f"{where}\t{hit.kind_text}:{heading} {' '.join(snippet.split())}")
    return 0


def add_commands(sub: SubParsers) -> None:
    """Add ``demo`` and ``search`` to peerdesk-cli."""
    demo = sub.add_parser("demo", help="make a new notebook holding a fictional demo "
                                       "engagement (prints its id)")
    demo.add_argument("title", nargs="?", default=TITLE, help="the demo engagement's title")
    demo.add_argument("--scale", type=_scale, default=1,
                      help="multiply the demo (500 gives 20,000 sessions and 50,000 post-its)")
    demo.add_argument("--passphrase-stdin", action="store_true")
    demo.set_defaults(handler=cmd_demo)
    search = sub.add_parser(
        "search", help="search a notebook's notes, post-its and findings (asks what for)",
        description="Search a notebook. Leave out QUERY and peerdesk-cli asks what to search "
                    "for (from standard input when that is not a terminal: after the "
                    "passphrase, if --passphrase-stdin), so the words stay off the command "
                    "line.")
    search.add_argument("notebook", help="notebook id (or a unique start of it)")
    search.add_argument("query", nargs="?", help=f"the words to look for ({ON_THE_COMMAND_LINE})")
    search.add_argument("--limit", type=int, default=50)
    search.add_argument("--passphrase-stdin", action="store_true",
                        help="unlock with a passphrase read from stdin")
    search.set_defaults(handler=cmd_search)
