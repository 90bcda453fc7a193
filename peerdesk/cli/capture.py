"""peerdesk-cli commands for capture: ``import-timetable NOTEBOOK FILE``.

Listed in peerdesk/cli/main.py, which calls ``add_commands``.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from peerdesk.capture.session_kinds import KIND_LABELS
from peerdesk.capture.sessions import local
from peerdesk.capture.timetable.importer import FIELD_LABELS, import_preview, read_timetable
from peerdesk.capture.timetable.plan import PlannedSession
from peerdesk.cli.common import open_notebook
from peerdesk.vault.errors import ValidationError
from peerdesk.vault.library import Library

if TYPE_CHECKING:
    from peerdesk.cli.common import SubParsers

IMPORT_TIMETABLE = "import-timetable"


def add_commands(sub: SubParsers) -> None:
    """Add the capture commands to peerdesk-cli (safe to call more than once)."""
    if IMPORT_TIMETABLE in sub.choices:
        return
    fields = ", ".join(FIELD_LABELS)
    parser = sub.add_parser(
        IMPORT_TIMETABLE, help="add sessions from a CSV or iCalendar (.ics) timetable",
        description="Add every session in a timetable file to a notebook, or none if the "
                    "file has a problem. CSV as saved from Excel (UTF-8 or Windows-1252, "
                    "comma or semicolon, dates like 03/03/2026) or iCalendar (.ics).")
    parser.add_argument("notebook", help="notebook id (or a unique start of it)")
    parser.add_argument("file", help="the timetable file (.csv or .ics)")
    parser.add_argument("--passphrase-stdin", action="store_true",
                        help="unlock with a passphrase read from stdin, not the credential store")
    parser.add_argument("--map", action="append", default=[], metavar="COLUMN=FIELD",
                        help=f"read a CSV column as one of: {fields} (or 'none' to ignore it)")
    parser.add_argument("--dry-run", action="store_true",
                        help="show what would be added and change nothing")
    parser.set_defaults(handler=cmd_import_timetable)


def parse_mapping(items: Sequence[str]) -> dict[str, str | None]:
    mapping: dict[str, str | None] = {}
    for item in items:
        column, sep, field = item.rpartition("=")
        field = field.strip().lower()
        if not sep or not column.strip():
            raise ValidationError(f"--map {item!r} should look like 'Column heading=field'.")
        if field in ("none", "ignore", ""):
            mapping[column.strip()] = None
        elif field in FIELD_LABELS:
            mapping[column.strip()] = field
        else:
            raise ValidationError(f"--map {item!r}: {field!r} is not one of "
                                  f"{', '.join(FIELD_LABELS)}.")
    return mapping


def describe(planned: PlannedSession) -> str:
    start = local(planned.starts_at)
    if planned.all_day:
        when = f"{start:%d/%m/%Y} all day  "
    else:
        end = f"-{local(planned.ends_at):%H:%M}" if planned.ends_at else "      "
        when = f"{start:%d/%m/%Y %H:%M}{end}"
    place = f"  ({planned.place})" if planned.place else ""
    return f"{when}  {KIND_LABELS[planned.kind]:<24}  {planned.title}{place}"


def cmd_import_timetable(args: argparse.Namespace, library: Library) -> int:
    path = Path(args.file)
    mapping = parse_mapping(args.map)
    with open_notebook(args, library) as notebook:
        preview = read_timetable(notebook, path)
        if mapping:
            preview = preview.with_mapping(mapping)
        for column in preview.unmapped_columns:
            print(f"Column not used: {column!r} (use --map to read it)", file=sys.stderr)
        for notice in preview.notices:
            print(notice, file=sys.stderr)
        preview.check()
        for planned in preview.sessions:
            print(describe(planned))
        if args.dry_run:
            print(f"{len(preview.sessions)} sessions would be added; nothing was changed "
                  "(--dry-run).")
            return 0
        ids = import_preview(notebook, preview)
    print(f"Added {len(ids)} session{'s' if len(ids) != 1 else ''} from {path.name}.")
    return 0
