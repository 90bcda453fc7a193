"""What every group of peerdesk-cli commands shares: reading a passphrase, a date, a team
member, and opening the notebook named on the command line."""

from __future__ import annotations

import argparse
import getpass
import sys
from collections.abc import Callable
from datetime import date, datetime
from typing import TYPE_CHECKING

from peerdesk.vault.domain import TeamMember
from peerdesk.vault.errors import ValidationError
from peerdesk.vault.library import Library
from peerdesk.vault.notebook import Notebook

Command = Callable[[argparse.Namespace, Library], int]
"""A command's handler, set on its sub-parser with ``set_defaults(handler=...)``."""

if TYPE_CHECKING:
    SubParsers = argparse._SubParsersAction[argparse.ArgumentParser]


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


def open_notebook(args: argparse.Namespace, library: Library,
                  read_only: bool = False) -> Notebook:
    """The notebook named on the command line, unlocked from the credential store or, with
    --passphrase-stdin, with a passphrase read from standard input. ``read_only`` for the
    commands that only look: then nothing of the notebook can change."""
    notebook_id = library.resolve(args.notebook)
    passphrase = read_passphrase(args, "Passphrase") if args.passphrase_stdin else None
    return library.open(notebook_id, passphrase, read_only=read_only)
