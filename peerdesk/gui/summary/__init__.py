"""The Summary tab: choosing findings, signposting, the attribution check, preview and
export."""
