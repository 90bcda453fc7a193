"""peerdesk-cli, the headless entry point: one module per group of commands, on the same
core as the desktop app."""
