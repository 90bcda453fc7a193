"""Bundle entry point of the desktop app (``peerdesk``, windowed): peerdesk.app:main."""

from peerdesk.app import main

raise SystemExit(main())
