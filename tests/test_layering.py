"""Only peerdesk/gui/ may import Qt: the core must run (and be tested) without it."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

PACKAGE = Path(__file__).resolve().parent.parent / "peerdesk"
QT_MODULES = ("PySide6", "shiboken6", "PyQt5", "PyQt6")


def qt_imports(path: Path) -> list[str]:
    tree = ast.parse(path.read_text("utf-8"), str(path))
    found = []
    for node in ast.walk(tree):
        names: list[str] = []
        if isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names = [node.module]
        found += [n for n in names if n.split(".")[0] in QT_MODULES]
    return found


def test_only_gui_imports_qt() -> None:
    offenders = {}
    for path in PACKAGE.rglob("*.py"):
        rel = path.relative_to(PACKAGE)
        if rel.parts[0] == "gui":
            continue
        imports = qt_imports(path)
        if imports:
            offenders[str(rel)] = imports
    assert offenders == {}


def test_the_check_itself_sees_a_qt_import(tmp_path: Path) -> None:
    sample = tmp_path / "sample.py"
    sample.write_text("import os\nfrom PySide6.QtCore import Qt\nimport shiboken6\n")
    assert qt_imports(sample) == ["PySide6.QtCore", "shiboken6"]


def test_core_and_cli_import_without_qt() -> None:
    code = (
        "import sys, pkgutil, importlib, peerdesk\n"
        "for m in pkgutil.walk_packages(peerdesk.__path__, 'peerdesk.'):\n"
        "    if not m.name.startswith('peerdesk.gui') and not m.name.endswith('__main__'):\n"
        "        importlib.import_module(m.name)\n"
        "import peerdesk.cli, peerdesk.app\n"
        "bad = [m for m in sys.modules if m.startswith(('PySide6', 'shiboken6'))]\n"
        "print(bad); sys.exit(1 if bad else 0)\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr


def test_nothing_heavy_at_import_time() -> None:
    """Importing the CLI or the app entry point loads no keyring, reportlab or Qt."""
    code = ("import sys, peerdesk.cli, peerdesk.app\n"
            "heavy = [m for m in ('keyring', 'reportlab', 'PySide6', 'docx', 'icalendar')"
            " if m in sys.modules]\nprint(heavy); sys.exit(1 if heavy else 0)\n")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr
