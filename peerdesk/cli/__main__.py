"""``python -m peerdesk.cli``: the same as peerdesk-cli."""

from peerdesk.cli.main import main

raise SystemExit(main())
