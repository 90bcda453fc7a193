"""peerdesk-cli: the headless entry point, on the same core as the desktop app."""

from __future__ import annotations

import argparse
import getpass
import os
import sys
from collections.abc import Callable, Sequence
from datetime import date, datetime

from peerdesk import __version__
from peerdesk.domain import EngagementDetails, TeamMember
from peerdesk.errors import PeerdeskError, ValidationError
from peerdesk.keyfile import passphrase_hint
from peerdesk.library import Library
from peerdesk.notebook import Notebook
from peerdesk.paths import AppPaths

Command = Callable[[argparse.Namespace, Library], int]
COMMANDS: dict[str, Command] = {}


def command(name: str) -> Callable[[Command], Command]:
    def register(func: Command) -> Command:
        COMMANDS[name] = func
        return func

    return register


def read_passphrase(args: argparse.Namespace, prompt: str, confirm: bool = False) -> str:
    """From stdin when piped (one line per passphrase), else asked for without echo."""
    if getattr(args, "passphrase_stdin", False) or not sys.stdin.isatty():
        line = sys.stdin.readline()
        if not line:
            raise ValidationError("A passphrase was expected on standard input.")
        return line.rstrip("\r\n")
    first = getpass.getpass(f"{prompt}: ")
    if confirm and getpass.getpass("Type it again: ") != first:
        raise ValidationError("The two passphrases are not the same.")
    return first


def parse_day(text: str) -> date:
    for fmt in ("%d/%m/%Y", "%Y-%m-%d"):
        try:
            return datetime.strptime(text, fmt).date()
        except ValueError:
            pass
    raise argparse.ArgumentTypeError(f"{text!r} is not a date like 24/03/2026")


def parse_member(text: str) -> TeamMember:
    parts = [p.strip() for p in text.split("|")]
    if not parts[0]:
        raise argparse.ArgumentTypeError("a team member needs a name: 'Name|Role|Initials'")
    parts += [""] * (3 - len(parts))
    return TeamMember(name=parts[0], role=parts[1], initials=parts[2])


def open_notebook(args: argparse.Namespace, library: Library) -> Notebook:
    """The notebook named on the command line, unlocked from the credential store or, with
    --passphrase-stdin, with a passphrase read from standard input."""
    notebook_id = library.resolve(args.notebook)
    passphrase = read_passphrase(args, "Passphrase") if args.passphrase_stdin else None
    return library.open(notebook_id, passphrase)


@command("list")
def cmd_list(args: argparse.Namespace, library: Library) -> int:
    entries = library.entries()
    if not entries:
        print("No engagements yet. Make one with: peerdesk-cli new --title TITLE")
        return 0
    for entry in entries:
        stage = entry.stage.label if entry.stage else (entry.problem or "")
        print(f"{entry.id}  {entry.label}  [{stage}]")
    return 0


@command("new")
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


@command("check")
def cmd_check(args: argparse.Namespace, library: Library) -> int:
    with open_notebook(args, library) as notebook:
        report = notebook.integrity()
        settings = notebook.settings()
    print(f"cipher: SQLCipher {settings['cipher_version']}, page size "
          f"{settings['cipher_page_size']}")
    print(f"journal mode: {settings['journal_mode']}; temporary storage: "
          f"{'memory' if settings['temp_store'] in (0, 2) else 'FILE'}; "
          f"foreign keys: {'on' if settings['foreign_keys'] else 'off'}")
    print("encryption check (every page's HMAC): "
          + ("passed" if not report.cipher_problems else "FAILED"))
    for problem in report.cipher_problems:
        print(f"  {problem}")
    print("database check: " + ("passed" if not report.sqlite_problems else "FAILED"))
    for problem in report.sqlite_problems:
        print(f"  {problem}")
    return 0 if report.ok else 1


@command("passwd")
def cmd_passwd(args: argparse.Namespace, library: Library) -> int:
    notebook_id = library.resolve(args.notebook)
    current = read_passphrase(args, "Current passphrase")
    new = read_passphrase(args, "New passphrase", confirm=True)
    library.change_passphrase(notebook_id, current, new)
    print("Passphrase changed.")
    return 0


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="peerdesk-cli", description="peerdesk without a window: manage encrypted notebooks.")
    parser.add_argument("--version", action="version", version=f"peerdesk {__version__}")
    parser.add_argument("--data-dir", help="keep peerdesk's files in this folder")
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    sub.add_parser("list", help="list the engagements")

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

    check = sub.add_parser("check", help="run SQLCipher's and SQLite's integrity checks")
    check.add_argument("notebook", help="notebook id (or a unique start of it)")
    check.add_argument("--passphrase-stdin", action="store_true",
                       help="unlock with a passphrase read from stdin, not the credential store")

    passwd = sub.add_parser("passwd", help="change a notebook's passphrase")
    passwd.add_argument("notebook")
    passwd.add_argument("--passphrase-stdin", action="store_true",
                        help="read the current and the new passphrase from stdin, a line each")
    for add_commands in extensions():
        add_commands(sub)
    return parser


Extension = Callable[["argparse._SubParsersAction[argparse.ArgumentParser]"], None]


def extensions() -> list[Extension]:
    """The commands of the other parts of peerdesk, each in its own module."""
    from peerdesk import cli_capture, cli_destroy, cli_summary, cli_synthesis

    return [cli_capture.add_commands, cli_synthesis.add_commands, cli_summary.add_commands,
            cli_destroy.add_commands]


def main(argv: Sequence[str] | None = None) -> int:
    os.umask(0o077)
    args = build_parser().parse_args(argv)
    paths = AppPaths.from_environment(args.data_dir)
    library = Library(paths)
    try:
        return COMMANDS[args.command](args, library)
    except PeerdeskError as exc:
        print(f"peerdesk: {exc.message}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print("peerdesk: stopped.", file=sys.stderr)
        return 130


if __name__ == "__main__":
    # Run as ``python -m peerdesk.cli``: use the package's own copy of this module, where
    # the other parts register their commands, not this ``__main__`` copy.
    from peerdesk import cli

    raise SystemExit(cli.main())
