"""peerdesk-cli commands for the team: ``team-code``, ``team-add``, ``team-remove``, ``team``,
``send``, ``receive`` and ``team-link``.

Bundles are files: ``send`` writes one (listed by ``exports``), ``receive`` reads one.
Listed in peerdesk/cli/main.py, which calls ``add_commands``.
"""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import TYPE_CHECKING

from peerdesk.cli.common import open_notebook, read_passphrase
from peerdesk.team import codes, links, receive, register, send
from peerdesk.team.bundle import PassphraseNeededError
from peerdesk.team.suggestions import suggestions
from peerdesk.vault.library import Library

if TYPE_CHECKING:
    from peerdesk.cli.common import SubParsers


def cmd_code(args: argparse.Namespace, library: Library) -> int:
    with open_notebook(args, library) as notebook:
        code = codes.my_code(notebook)
    print(code)
    print(f"Fingerprint: {codes.fingerprint(code)}")
    return 0


def cmd_add(args: argparse.Namespace, library: Library) -> int:
    with open_notebook(args, library) as notebook:
        peer = codes.add_peer(notebook, args.initials, args.code)
    print(f"Added {peer.initials}: fingerprint {peer.fingerprint}. Check it with them aloud.")
    return 0


def cmd_remove(args: argparse.Namespace, library: Library) -> int:
    with open_notebook(args, library) as notebook:
        codes.remove_peer(notebook, args.initials)
    print(f"{args.initials.upper()} is off the team list: nothing more will be sent to them.")
    return 0


def cmd_team(args: argparse.Namespace, library: Library) -> int:
    with open_notebook(args, library) as notebook:
        code = codes.my_code(notebook)
        team = codes.peers(notebook)
        sent = register.bundles(notebook, "sent")
        got = register.bundles(notebook, "received")
        others = links.unlinked(notebook)
        offers = suggestions(notebook)
    print(f"This notebook's team code: {code} (fingerprint {codes.fingerprint(code)})")
    if not team:
        print("No colleague's team code has been added yet.")
    for peer in team:
        print(f"{peer.initials}\t{peer.fingerprint}\t{peer.code}")
    print(f"Bundles sent: {len(sent)}; received: {len(got)}.")
    for source in others:
        counted = "" if source.counts else " (relays evidence; not a source)"
        print(f"Colleagues' session not linked: {source.ref} {source.kind} {source.day or ''}"
              f" ({source.postits} post-its from {', '.join(source.initials)}){counted}")
    if offers:
        print(f"{len(offers)} suggested change(s) from colleagues wait on the board.")
    return 0


def cmd_send(args: argparse.Namespace, library: Library) -> int:
    with open_notebook(args, library) as notebook:
        bundle_passphrase = (read_passphrase(args, "A passphrase for the bundle", confirm=True)
                             if args.with_passphrase else None)
        peers = send.recipients(notebook, args.to.split(",")) if args.to else []
        if args.session is not None:
            if args.names:
                print(f"Warning: {send.NAMES_WARNING}")
            bundle = send.handover(notebook, args.session, args.names)
        else:
            bundle = send.pool(notebook, peers, everything=args.all)
        sent = send.write(notebook, bundle, Path(args.output), peers, bundle_passphrase)
    who = ", ".join(sent.recipients) or "whoever has the passphrase"
    print(f"Wrote {sent.record.path}: {sent.postits} post-its for {who}"
          f" (SHA-256 {sent.record.sha256}).")
    print("It is in the register of copies, so destruction will find it.")
    return 0


def cmd_receive(args: argparse.Namespace, library: Library) -> int:
    path = Path(args.file)
    with open_notebook(args, library) as notebook:
        try:
            incoming = receive.read(notebook, path, None, args.into)
        except PassphraseNeededError:
            bundle_passphrase = read_passphrase(args, "The bundle's passphrase")
            incoming = receive.read(notebook, path, bundle_passphrase, args.into)
        for line in incoming.preview_lines():
            print(line)
        if args.preview:
            print("Nothing was changed (preview only).")
            return 0
        done = receive.accept(notebook, incoming)
    print(f"Received: {done.sentence()}")
    return 0


def cmd_link(args: argparse.Namespace, library: Library) -> int:
    with open_notebook(args, library) as notebook:
        moved = links.link_session(notebook, args.source, args.session)
    print(f"Linked: one source now; {moved} colleague post-it(s) now belong to session "
          f"{args.session}.")
    return 0


def _notebook(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("notebook", help="notebook id (or a unique start of it)")
    parser.add_argument("--passphrase-stdin", action="store_true",
                        help="unlock with a passphrase read from stdin")


def add_commands(sub: SubParsers) -> None:
    """Add the team's commands to peerdesk-cli."""
    code = sub.add_parser("team-code", help="print this notebook's team code and fingerprint")
    _notebook(code)
    code.set_defaults(handler=cmd_code)
    add = sub.add_parser("team-add", help="add a colleague's team code against their initials")
    _notebook(add)
    add.add_argument("--initials", required=True)
    add.add_argument("code", help="the colleague's team code (age1...)")
    add.set_defaults(handler=cmd_add)
    remove = sub.add_parser("team-remove", help="take a colleague off the team list")
    _notebook(remove)
    remove.add_argument("--initials", required=True)
    remove.set_defaults(handler=cmd_remove)
    team = sub.add_parser("team", help="list the team's codes, bundles and sessions to link")
    _notebook(team)
    team.set_defaults(handler=cmd_team)
    out = sub.add_parser("send", help="write a bundle of post-its or a hand-over for colleagues")
    _notebook(out)
    out.add_argument("--to", default="", help="initials, comma-separated (XY,AB)")
    what = out.add_mutually_exclusive_group(required=True)
    what.add_argument("--postits", action="store_true", help="post-its new since the last send")
    what.add_argument("--session", type=int, help="hand over this session (its id)")
    out.add_argument("--all", action="store_true", help="every post-it, not only new ones")
    out.add_argument("--names", action="store_true",
                     help="include participants' names in a hand-over (personal data)")
    out.add_argument("--with-passphrase", action="store_true",
                     help="lock the bundle with a passphrase (read after the notebook's)")
    out.add_argument("-o", "--output", required=True, help="the bundle file to write")
    out.set_defaults(handler=cmd_send)
    into = sub.add_parser("receive", help="receive a bundle from a colleague")
    _notebook(into)
    into.add_argument("file")
    into.add_argument("--into", type=int, help="the session a hand-over goes into")
    into.add_argument("--preview", action="store_true", help="show what it adds, change nothing")
    into.set_defaults(handler=cmd_receive)
    link = sub.add_parser("team-link", help="make a colleague's session one of your own")
    _notebook(link)
    link.add_argument("source", help="the colleague's source id, as `team` lists it")
    link.add_argument("--session", type=int, required=True)
    link.set_defaults(handler=cmd_link)
