"""peerdesk-cli commands for engagements themselves: ``list``, ``new``, ``check``, ``passwd``."""

from __future__ import annotations

import argparse
import sys
from typing import TYPE_CHECKING

from peerdesk.cli.common import parse_day, parse_member, read_passphrase
from peerdesk.vault.domain import EngagementDetails
from peerdesk.vault.errors import ValidationError
from peerdesk.vault.keys.keyfile import passphrase_hint
from peerdesk.vault.library import Library

if TYPE_CHECKING:
    from peerdesk.cli.common import SubParsers


def cmd_list(args: argparse.Namespace, library: Library) -> int:
    entries = library.entries()
    if not entries:
        print("No engagements yet. Make one with: peerdesk-cli new --title TITLE")
        return 0
    for entry in entries:
        if entry.stage is not None:
            state = entry.stage.label
            if entry.notice:
                state += f"; key file DAMAGED: {entry.notice}"
        elif entry.damaged:
            state = f"DAMAGED: {entry.problem}"
        elif entry.problem_kind in ("CredentialStoreUnavailableError", "KeyMissingError"):
            state = "locked: it opens with its passphrase"
        else:
            state = entry.problem or ""
        print(f"{entry.id}  {entry.label}  [{state}]")
    return 0


def cmd_new(args: argparse.Namespace, library: Library) -> int:
    team = list(args.team or [])
    details = EngagementDetails(
        title=args.title, client_system=args.client or "", onsite_start=args.onsite_start,
        onsite_end=args.onsite_end, my_name=args.my_name or "",
        my_initials=args.my_initials or "", my_role=args.my_role or "",
        manager_name=args.manager_name or "", manager_email=args.manager_email or "",
        team=team,
    )
    problems = details.problems()
    if problems:
        raise ValidationError(" ".join(problems))
    passphrase = read_passphrase(args, "Choose a passphrase for this notebook", confirm=True)
    _score, hint = passphrase_hint(passphrase)
    print(f"Passphrase strength: {hint}", file=sys.stderr)
    with library.create(details, passphrase) as notebook:
        print(notebook.id)
        if not notebook.keyring_holds_key:
            print("The computer's credential store is not available: this notebook will ask "
                  "for its passphrase each time.", file=sys.stderr)
    return 0


def cmd_check(args: argparse.Namespace, library: Library) -> int:
    """Every check, each reported even where another finds damage; nothing is written."""
    notebook_id = library.resolve(args.notebook)
    passphrase = read_passphrase(args, "Passphrase") if args.passphrase_stdin else None
    report = library.inspect(notebook_id, passphrase)
    print(f"notebook: {report.path}")
    settings = report.settings
    if settings is not None:
        print(f"cipher: SQLCipher {settings['cipher_version']}, page size "
              f"{settings['cipher_page_size']}; temporary storage: "
              f"{'memory' if settings['temp_store'] in (0, 2) else 'FILE'}")
    for finding in report.findings:
        mark = "passed" if finding.passed else "FAILED"
        summary = finding.summary if finding.summary != "passed" else ""
        print(f"{finding.label}: {mark}" + (f" ({summary})" if summary else ""))
        for detail in finding.details:
            print(f"  {detail}")
    if not report.ok:
        print(f"peerdesk: {report.advice()}", file=sys.stderr)
    return 0 if report.ok else 1


def cmd_passwd(args: argparse.Namespace, library: Library) -> int:
    notebook_id = library.resolve(args.notebook)
    current = read_passphrase(args, "Current passphrase")
    new = read_passphrase(args, "New passphrase", confirm=True)
    library.change_passphrase(notebook_id, current, new)
    print("Passphrase changed.")
    return 0


def add_commands(sub: SubParsers) -> None:
    """Add ``list``, ``new``, ``check`` and ``passwd`` to peerdesk-cli."""
    listing = sub.add_parser("list", help="list the engagements")
    listing.set_defaults(handler=cmd_list)

    new = sub.add_parser("new", help="make a new engagement (passphrase from stdin or a prompt)")
    new.add_argument("--title", required=True)
    new.add_argument("--client", help="the client system")
    new.add_argument("--onsite-start", type=parse_day, metavar="DD/MM/YYYY")
    new.add_argument("--onsite-end", type=parse_day, metavar="DD/MM/YYYY")
    new.add_argument("--my-name")
    new.add_argument("--my-initials")
    new.add_argument("--my-role")
    new.add_argument("--manager-name")
    new.add_argument("--manager-email")
    new.add_argument("--team", action="append", type=parse_member, metavar="'NAME|ROLE|XY'",
                     help="a peer on the team (repeat for each)")
    new.add_argument("--passphrase-stdin", action="store_true")
    new.set_defaults(handler=cmd_new)

    check = sub.add_parser("check", help="run SQLCipher's and SQLite's integrity checks")
    check.add_argument("notebook", help="notebook id (or a unique start of it)")
    check.add_argument("--passphrase-stdin", action="store_true",
                       help="unlock with a passphrase read from stdin, not the credential store")
    check.set_defaults(handler=cmd_check)

    passwd = sub.add_parser("passwd", help="change a notebook's passphrase")
    passwd.add_argument("notebook")
    passwd.add_argument("--passphrase-stdin", action="store_true",
                        help="read the current and the new passphrase from stdin, a line each")
    passwd.set_defaults(handler=cmd_passwd)
