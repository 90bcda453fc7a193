"""Screens for synthesis: the board, findings, the matrix, search and the team log."""
