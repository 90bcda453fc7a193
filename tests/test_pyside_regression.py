"""PySide6 6.12.0 on Python 3.11 aborts after a few thousand void Qt calls ("none_dealloc").

pyproject.toml keeps PySide6 below 6.12 on Python 3.11; this test makes 20,000 setter
calls in a fresh process and fails if the process dies.
"""

from __future__ import annotations

import os
import subprocess
import sys

CODE = """
from PySide6.QtWidgets import QApplication, QLabel
app = QApplication([])
label = QLabel()
for i in range(20000):
    label.setText(str(i))
    label.setVisible(False)
print("done", label.text())
"""


def test_twenty_thousand_setter_calls_do_not_abort() -> None:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    result = subprocess.run([sys.executable, "-c", CODE], capture_output=True, text=True,
                            env=env, timeout=120)
    assert result.returncode == 0, result.stderr[-2000:]
    assert "done 19999" in result.stdout


def test_the_marker_in_pyproject_is_there() -> None:
    from pathlib import Path

    text = (Path(__file__).resolve().parent.parent / "pyproject.toml").read_text()
    assert "PySide6-Essentials>=6.10,<6.12; python_version < '3.12'" in text
