"""peerdesk: a peer's confidential notebook for a health and care system peer challenge."""

__version__ = "0.1.0"
