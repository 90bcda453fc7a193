"""Checking a notebook before it is trusted: its -wal log, a read-only first open that
changes nothing, and the full report ``peerdesk-cli check`` prints."""
