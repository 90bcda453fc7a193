"""peerdesk-cli commands for the manager's summary: ``export`` and ``exports``.

Listed in peerdesk/cli/main.py, which calls ``add_commands``.
"""

from __future__ import annotations

import argparse
import sys
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

from peerdesk.cli.common import open_notebook
from peerdesk.summary.export import FORMATS, UnresolvedHitsError, export_summary
from peerdesk.summary.model import day_text
from peerdesk.vault.exports import list_exports
from peerdesk.vault.library import Library

if TYPE_CHECKING:
    from peerdesk.cli.common import SubParsers


def cmd_export(args: argparse.Namespace, library: Library) -> int:
    with open_notebook(args, library) as notebook:
        try:
            record = export_summary(notebook, args.format, Path(args.output))
        except UnresolvedHitsError as exc:
            print(f"peerdesk: {exc.message}", file=sys.stderr)
            for hit in exc.hits:
                print(f"  {hit.category.text}: “{hit.term}” in {hit.where}: {hit.context}",
                      file=sys.stderr)
            return 1
    print(f"Saved {record.path} ({record.size} bytes, SHA-256 {record.sha256}).")
    print("It is listed in the notebook's register of copies, so destruction will find it.")
    return 0


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


def add_commands(sub: SubParsers) -> None:
    """Add ``export`` and ``exports`` to peerdesk-cli."""
    export = sub.add_parser(
        "export", help="write the summary for the manager (refused while the attribution "
                       "check has unresolved hits)")
    export.add_argument("notebook", help="notebook id (or a unique start of it)")
    export.add_argument("--format", required=True, choices=sorted(FORMATS))
    export.add_argument("-o", "--output", required=True, metavar="FILE",
                        help="the file to write (or a folder: a dated name is chosen)")
    export.add_argument("--passphrase-stdin", action="store_true",
                        help="unlock with a passphrase read from stdin")
    exports = sub.add_parser("exports", help="list every copy written out of the notebook")
    exports.add_argument("notebook", help="notebook id (or a unique start of it)")
    exports.add_argument("--passphrase-stdin", action="store_true",
                         help="unlock with a passphrase read from stdin")
    export.set_defaults(handler=cmd_export)
    exports.set_defaults(handler=cmd_exports)
