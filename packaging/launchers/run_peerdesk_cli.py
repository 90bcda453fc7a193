"""Bundle entry point of the headless tool (``peerdesk-cli``, console): peerdesk.cli.main:main."""

from peerdesk.cli.main import main

raise SystemExit(main())
