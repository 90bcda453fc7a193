"""peerdesk: the desktop app's entry point. Qt is imported only once arguments are parsed."""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Mapping, Sequence

from peerdesk import __version__


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="peerdesk",
                                     description="peerdesk: a peer's confidential notebook.")
    parser.add_argument("--version", action="version", version=f"peerdesk {__version__}")
    parser.add_argument("--data-dir", help="keep peerdesk's files in this folder "
                        "(also PEERDESK_HOME)")
    parser.add_argument("--after-destruction", action="store_true",
                        help="say that peerdesk has started afresh after destroying an "
                        "engagement (peerdesk passes this to itself)")
    parser.add_argument("--smoke", action="store_true",
                        help="start, show the main window, process events and exit 0 "
                        "(for packaging and CI)")
    return parser


NO_DISPLAY = (
    "peerdesk is a desktop app and needs a graphical session (an X11 or Wayland display), "
    "and there is none here. Start it from your desktop; in a terminal without one, "
    "peerdesk-cli does the same work without a window."
)


def display_missing(environ: Mapping[str, str], platform: str = sys.platform) -> bool:
    """True on Linux and the BSDs when Qt would look for a display that is not there (Qt's
    own message then speaks of xcb plug-ins, which tells a peer nothing)."""
    if platform.startswith(("win", "darwin")):
        return False
    chosen = environ.get("QT_QPA_PLATFORM", "").split(";")[0].split(":")[0].strip().lower()
    if chosen and chosen not in ("xcb", "wayland", "wayland-egl"):
        return False   # offscreen, vnc, eglfs...: Qt needs no display for those
    return not (environ.get("DISPLAY") or environ.get("WAYLAND_DISPLAY"))


def main(argv: Sequence[str] | None = None) -> int:
    if argv is None:  # started as a program (a test passes its own arguments)
        from peerdesk.vault.keys.hardening import start_hardened

        start_hardened()
    args = build_parser().parse_args(argv)
    if display_missing(os.environ):
        print(f"peerdesk: {NO_DISPLAY}", file=sys.stderr)
        return 1
    os.umask(0o077)
    from peerdesk.vault.paths import AppPaths

    paths = AppPaths.from_environment(args.data_dir)
    from peerdesk.gui.shell.application import run

    return run(paths, smoke=args.smoke, argv=[sys.argv[0]], data_dir=args.data_dir,
               after_destruction=args.after_destruction)


if __name__ == "__main__":
    raise SystemExit(main())
