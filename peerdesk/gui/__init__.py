"""The Qt layer. Only this package imports PySide6 (tests/test_layering.py checks it)."""
