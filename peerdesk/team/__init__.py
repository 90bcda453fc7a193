"""The team's base room: team codes, bundles sent and received, and their merge."""
