"""peerdesk: the desktop app's entry point. Qt is imported only once arguments are parsed."""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Sequence

from peerdesk import __version__


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="peerdesk",
                                     description="peerdesk: a peer's confidential notebook.")
    parser.add_argument("--version", action="version", version=f"peerdesk {__version__}")
    parser.add_argument("--data-dir", help="keep peerdesk's files in this folder "
                        "(also PEERDESK_HOME)")
    parser.add_argument("--smoke", action="store_true",
                        help="start, show the main window, process events and exit 0 "
                        "(for packaging and CI)")
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    os.umask(0o077)
    from peerdesk.vault.paths import AppPaths

    paths = AppPaths.from_environment(args.data_dir)
    from peerdesk.gui.shell.application import run

    return run(paths, smoke=args.smoke, argv=[sys.argv[0]])


if __name__ == "__main__":
    raise SystemExit(main())
