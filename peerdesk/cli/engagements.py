"""peerdesk-cli commands for engagements themselves: ``list``, ``new``, ``check``, ``passwd``."""

from __future__ import annotations

import argparse
import sys
from typing import TYPE_CHECKING

from peerdesk.cli.common import (
    ON_THE_COMMAND_LINE,
    ask,
    parse_day,
    parse_member,
    read_passphrase,
)
from peerdesk.vault.domain import EngagementDetails
from peerdesk.vault.errors import ValidationError
from peerdesk.vault.keys.keyfile import passphrase_hint
from peerdesk.vault.library import Library

if TYPE_CHECKING:
    from peerdesk.cli.common import SubParsers


def cmd_list(args: argparse.Namespace, library: Library) -> int:
    entries = library.entries()
    if not entries:
        print("No engagements yet. Make one with: peerdesk-cli new")
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


ASKED = (  # (option, prompt), in the order they are asked when --title is left out
    ("title", "Title of the engagement"),
    ("client", "Client system (Enter for none)"),
    ("onsite_start", "First on-site day, DD/MM/YYYY (Enter for none)"),
    ("onsite_end", "Last on-site day, DD/MM/YYYY (Enter for none)"),
    ("my_name", "Your name (Enter for none)"),
    ("my_initials", "Your initials (Enter for none)"),
    ("my_role", "Your role on the team (Enter for none)"),
    ("manager_name", "The peer challenge manager's name (Enter for none)"),
    ("manager_email", "The manager's email address (Enter for none)"),
)


def ask_details(args: argparse.Namespace) -> None:
    """Fill in each detail not given as an option, by asking (or from standard input)."""
    for option, prompt in ASKED:
        if getattr(args, option) is not None:
            continue
        answer = ask(prompt, required=option == "title")
        if option.startswith("onsite_"):
            try:
                setattr(args, option, parse_day(answer) if answer else None)
            except argparse.ArgumentTypeError as exc:
                raise ValidationError(f"{exc}.") from None
        else:
            setattr(args, option, answer)
    if args.team is None:
        args.team = []
        while line := ask("A peer on the team as NAME|ROLE|INITIALS (Enter when done)"):
            try:
                args.team.append(parse_member(line))
            except argparse.ArgumentTypeError as exc:
                raise ValidationError(f"{exc}.") from None


def cmd_new(args: argparse.Namespace, library: Library) -> int:
    if args.title is None:
        ask_details(args)
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
    _score, hint = passphrase_hint(passphrase, [details.title, details.client_system,
                                                details.my_name, details.manager_name])
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

    new = sub.add_parser(
        "new", help="make a new engagement (asks for its details and a passphrase)",
        description="Make a new engagement. Leave out --title and peerdesk-cli asks for "
                    "each detail, so none goes on the command line: on a terminal at "
                    "prompts, otherwise from standard input, one a line, in this order: "
                    "title, client, first and last on-site day, your name, initials and "
                    "role, the manager's name and email (an empty line for none), then "
                    "team members as NAME|ROLE|INITIALS until an empty line, then the "
                    "passphrase twice. Details given as options are not asked for.")
    careful = f"({ON_THE_COMMAND_LINE})"
    new.add_argument("--title", help=f"the engagement's title {careful}")
    new.add_argument("--client", help=f"the client system {careful}")
    new.add_argument("--onsite-start", type=parse_day, metavar="DD/MM/YYYY")
    new.add_argument("--onsite-end", type=parse_day, metavar="DD/MM/YYYY")
    new.add_argument("--my-name", help=f"your name {careful}")
    new.add_argument("--my-initials")
    new.add_argument("--my-role")
    new.add_argument("--manager-name", help=f"the manager's name {careful}")
    new.add_argument("--manager-email", help=f"the manager's email {careful}")
    new.add_argument("--team", action="append", type=parse_member, metavar="'NAME|ROLE|XY'",
                     help=f"a peer on the team (repeat for each) {careful}")
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
