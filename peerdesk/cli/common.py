"""What every group of peerdesk-cli commands shares: reading a passphrase, an answer, a
date, a team member, and opening the notebook named on the command line.

Nothing confidential needs to be typed on the command line, where it would stay in the
shell's history and show in the list of running programs: titles, names, confirmations,
search words and reasons are asked for (``ask``) when their option is left out, or read
from standard input, one a line, when that is not a terminal."""

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


ON_THE_COMMAND_LINE = ("it lands in the shell's history and in the list of running "
                       "programs; leave it out to be asked")
"""Said in the help of every option that takes something confidential."""


def ask(prompt: str, *, required: bool = False) -> str:
    """An answer typed at a prompt (on a terminal) or read as one line of standard input.

    A piped answer is read without a prompt; an empty line is no answer."""
    if sys.stdin.isatty():
        print(f"{prompt}: ", end="", file=sys.stderr, flush=True)
    line = sys.stdin.readline()
    if not line and required:
        raise ValidationError(f"An answer was expected on standard input ({prompt.lower()}).")
    answer = line.rstrip("\r\n").strip()
    if required and not answer:
        raise ValidationError(f"Nothing was typed for: {prompt.lower()}.")
    return answer


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
