"""The team screens: team codes, sending and receiving bundles."""
