"""Synthesis: the board, findings, triangulation, the matrix, search and the team log.
Stands on the vault and capture."""
