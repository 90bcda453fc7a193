"""peerdesk-cli commands for the end of an engagement: sign-off, hold, destroy, finish.

Listed in peerdesk/cli/main.py, which calls ``add_commands``.
"""

from __future__ import annotations

import argparse
import sys
from typing import TYPE_CHECKING

from peerdesk.cli.common import ON_THE_COMMAND_LINE, ask, open_notebook, parse_day
from peerdesk.destruction import destroy as destruction
from peerdesk.destruction import retention
from peerdesk.destruction.certificate import (
    MEMORY_ENDS,
    MEMORY_NOT_OPENED,
    Attestations,
    size_text,
)
from peerdesk.destruction.certificates import destroyed_engagements
from peerdesk.destruction.destroy import DestructionResult, Progress
from peerdesk.destruction.inventory import Inventory
from peerdesk.vault.errors import ValidationError
from peerdesk.vault.library import Library

if TYPE_CHECKING:
    from peerdesk.cli.common import SubParsers


def parse_keep(text: str) -> tuple[int, str]:
    number, _, reason = text.partition(":")
    try:
        export_id = int(number)
    except ValueError:
        raise argparse.ArgumentTypeError(
            f"{text!r} should look like 3:'the manager already holds it'") from None
    if not reason.strip():
        raise argparse.ArgumentTypeError(f"say why copy {export_id} is kept: {export_id}:REASON")
    return export_id, reason.strip()


def print_inventory(inventory: Inventory) -> None:
    print(f"Destroying: {inventory.title}")
    print("Inventory:")
    for artefact in inventory.artefacts:
        number = f"[copy {artefact.export_id}] " if artefact.export_id is not None else \
            f"[imported file {artefact.original_id}] " if artefact.original_id is not None \
            else ""
        size = f" [{size_text(artefact.size)}]" if artefact.size is not None else ""
        print(f"  - {number}{artefact.description}{size}")


def print_progress(event: Progress) -> None:
    if event.status == "working" or event.phase in ("journal", "finished"):
        return
    if event.phase == "certificate":
        print(f"  certificate written: {event.detail}", flush=True)
        return
    mark = {"done": "done", "passed": "passed", "kept": "kept"}.get(event.status, "FAILED")
    kind = "check" if event.phase == "check" else "step"
    print(f"  {kind} {mark}: {event.label}: {event.detail}", flush=True)


def print_result(result: DestructionResult) -> int:
    print("Result: " + ("every step was carried out and every check passed." if result.ok
                        else "NOT COMPLETE: something failed (see below)."))
    for problem in result.problems:
        print(f"  FAILED: {problem}")
    if result.files is not None:
        print(f"Certificate (PDF): {result.files.pdf}")
        print(f"Certificate (text): {result.files.text}")
        if result.files.draft is not None:
            print(f"Email draft for the manager: {result.files.draft}")
    if not result.ok:
        print("Put right what failed, then run: peerdesk-cli finish-destruction")
    return 0 if result.ok else 1


def report_set_aside(found: destruction.Review) -> None:
    for message in found.set_aside:
        print(f"peerdesk: {message}", file=sys.stderr)


def cmd_destroy(args: argparse.Namespace, library: Library) -> int:
    found = destruction.review(library.paths)
    report_set_aside(found)
    if found.journals:
        print(f"Note: {len(found.journals)} earlier destruction(s) not finished; "
              "run 'peerdesk-cli finish-destruction'.", file=sys.stderr)
    with open_notebook(args, library) as notebook:
        inventory = destruction.plan(library, notebook, keep=dict(args.keep or []),
                                     leave_originals=args.leave_original or ())
        typed = args.confirm_title
        if typed is None:
            print_inventory(inventory)
            typed = ask("To destroy it, type the engagement's title", required=True)
        if not inventory.title_matches(typed):
            raise ValidationError("The title typed does not match this engagement's title, "
                                  "so nothing was destroyed.")
        if args.confirm_title is not None:
            print_inventory(inventory)
        attestations = Attestations(args.attest_notes, args.attest_printed, args.attest_copies,
                                    args.attest_originals)
        print("Destroying, step by step:")
        result = destruction.run(library, inventory, notebook, confirm_title=typed,
                                 attestations=attestations, progress=print_progress,
                                 memory=MEMORY_ENDS)
    return print_result(result)


def cmd_finish(args: argparse.Namespace, library: Library) -> int:
    found = destruction.review(library.paths)
    report_set_aside(found)
    if not found.journals:
        print("No unfinished destruction.")
        return 1 if found.set_aside else 0
    status = 1 if found.set_aside else 0
    for journal in found.journals:
        print(f"Finishing the destruction of: {journal.title}")
        status = max(status, print_result(destruction.resume(library, journal, print_progress,
                                                             MEMORY_NOT_OPENED)))
    return status


def cmd_signoff(args: argparse.Namespace, library: Library) -> int:
    with open_notebook(args, library) as notebook:
        state = retention.record_signoff(notebook, args.date)
        today = notebook.clock.now().date()
    print(f"Report signed off on {retention.en_gb(args.date)}.")
    print(retention.reminder(state, today) or "")
    return 0


def cmd_hold(args: argparse.Namespace, library: Library) -> int:
    with open_notebook(args, library) as notebook:
        if args.lift:
            state = retention.lift_hold(notebook)
            print("The hold is lifted.")
        else:
            reason = args.reason if args.reason is not None else ask(
                "Why must destruction wait", required=True)
            state = retention.hold(notebook, reason)
        today = notebook.clock.now().date()
    print(retention.reminder(state, today) or "Destruction is not due yet.")
    return 0


def cmd_destroyed(args: argparse.Namespace, library: Library) -> int:
    entries = destroyed_engagements(library.paths)
    if not entries:
        print("No engagement has been destroyed yet.")
    for entry in entries:
        print(f"{entry.title}  [{entry.label}]  {entry.files.pdf}")
    return 0


def add_commands(sub: SubParsers) -> None:
    destroy = sub.add_parser(
        "destroy", help="destroy an engagement's notebook, verify it and write a certificate",
        description="Destroy an engagement's notebook. peerdesk-cli shows what it will "
                    "destroy and asks you to type the engagement's title to confirm (from "
                    "standard input when that is not a terminal: after the passphrase, if "
                    "--passphrase-stdin).")
    destroy.add_argument("notebook", help="notebook id (or a unique start of it)")
    destroy.add_argument("--confirm-title", metavar="TITLE",
                         help="the engagement's title, typed out as a deliberate confirmation "
                              f"({ON_THE_COMMAND_LINE})")
    destroy.add_argument("--keep", action="append", type=parse_keep, metavar="COPY:REASON",
                         help="keep a recorded copy (number from the inventory) and say why")
    destroy.add_argument("--leave-original", action="append", type=int, metavar="N",
                         help="leave a file you imported from (number from the inventory) "
                              "in its folder; by default each is deleted too")
    destroy.add_argument("--attest-notes", action="store_true",
                         help="confirm that your handwritten notes have been shredded")
    destroy.add_argument("--attest-printed", action="store_true",
                         help="confirm that printed documents went to confidential waste")
    destroy.add_argument("--attest-copies", action="store_true",
                         help="confirm that emailed or downloaded copies have been deleted")
    destroy.add_argument("--attest-originals", action="store_true",
                         help="confirm that you deleted the files you imported from that "
                              "peerdesk leaves in their folders (see --leave-original)")
    destroy.add_argument("--passphrase-stdin", action="store_true",
                         help="unlock with a passphrase read from stdin")

    finish = sub.add_parser("finish-destruction",
                            help="finish or retry an interrupted destruction")
    finish.set_defaults(handler=cmd_finish)
    destroyed = sub.add_parser("destroyed",
                               help="list destroyed engagements and their certificates")
    destroyed.set_defaults(handler=cmd_destroyed)

    signoff = sub.add_parser("signoff", help="record the day the report was signed off")
    signoff.add_argument("notebook")
    signoff.add_argument("date", type=parse_day, metavar="DD/MM/YYYY")
    signoff.add_argument("--passphrase-stdin", action="store_true")

    hold = sub.add_parser("hold", help="put destruction on hold with a reason (asked for), "
                                       "or lift it")
    hold.add_argument("notebook")
    which = hold.add_mutually_exclusive_group()
    which.add_argument("--reason", help=f"why destruction must wait ({ON_THE_COMMAND_LINE})")
    which.add_argument("--lift", action="store_true", help="lift the hold")
    hold.add_argument("--passphrase-stdin", action="store_true")
    destroy.set_defaults(handler=cmd_destroy)
    signoff.set_defaults(handler=cmd_signoff)
    hold.set_defaults(handler=cmd_hold)
