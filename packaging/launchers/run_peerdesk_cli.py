"""Bundle entry point of the headless tool (``peerdesk-cli``, console): peerdesk.cli:main."""

from peerdesk.cli import main

raise SystemExit(main())
