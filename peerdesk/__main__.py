"""``python -m peerdesk`` starts the desktop app."""

from peerdesk.app import main

raise SystemExit(main())
