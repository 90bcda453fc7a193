"""A wholly fictional sample engagement, for trying peerdesk out and for benchmarks."""
