"""The architecture, checked: import-linter's contracts (pyproject.toml) hold, nothing in
peerdesk imports in a circle, and the core runs without Qt. Each check is also shown to
catch a deliberate break, in a copy of the package."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from collections.abc import Iterable
from pathlib import Path

import pytest

from tests.locations import ROOT, TESTS

LINT_IMPORTS = Path(sys.executable).with_name("lint-imports")


def lint_imports(project: Path) -> subprocess.CompletedProcess[str]:
    """Run lint-imports on the package found in ``project`` (its own pyproject.toml)."""
    return subprocess.run(
        [str(LINT_IMPORTS), "--config", str(project / "pyproject.toml"), "--no-cache"],
        cwd=project, env={"PYTHONPATH": str(project), "PATH": "/usr/bin:/bin"},
        capture_output=True, text=True, timeout=300)


def cycles(project: Path) -> list[list[str]]:
    result = subprocess.run([sys.executable, str(TESTS / "import_cycles.py"), "peerdesk"],
                            cwd=project, env={"PYTHONPATH": str(project)},
                            capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stderr
    found: list[list[str]] = json.loads(result.stdout)
    return found


@pytest.fixture
def copy_of_project(tmp_path: Path) -> Path:
    shutil.copytree(ROOT / "peerdesk", tmp_path / "peerdesk",
                    ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copy(ROOT / "pyproject.toml", tmp_path / "pyproject.toml")
    return tmp_path


def add_line(module: Path, line: str) -> None:
    module.write_text(module.read_text("utf-8") + f"\n{line}\n", "utf-8")


def test_every_contract_is_kept() -> None:
    result = lint_imports(ROOT)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "0 broken" in result.stdout


BREAKS = [
    ("vault/errors.py", "from peerdesk.capture import sessions", "Stages stand on the base"),
    ("capture/postits.py", "from peerdesk.summary import model", "Stages stand on the base"),
    ("summary/text.py", "from peerdesk.feedback import model", "Stages stand on the base"),
    ("feedback/model.py", "from peerdesk.destruction import steps", "Stages stand on the base"),
    ("cli/common.py", "from peerdesk.gui.widgets import colours", "Stages stand on the base"),
    ("summary/text.py", "from PySide6.QtCore import Qt", "Only peerdesk.gui imports Qt"),
    ("gui/capture/notes_editor.py", "from peerdesk.gui.synthesis import board_model",
     "The GUI is layered like the stages"),
    ("gui/capture/prompts_panel.py", "from peerdesk.synthesis import findings",
     "The GUI's capture screens use no later stage"),
    ("gui/summary/choice.py", "from peerdesk.feedback import model",
     "The GUI's summary screens use no later stage"),
]


@pytest.mark.parametrize(("module", "line", "contract"), BREAKS,
                         ids=[b[0] for b in BREAKS])
def test_a_deliberate_break_is_caught(copy_of_project: Path, module: str, line: str,
                                      contract: str) -> None:
    add_line(copy_of_project / "peerdesk" / module, line)
    result = lint_imports(copy_of_project)
    assert result.returncode == 1, result.stdout + result.stderr
    broken = [row for row in result.stdout.splitlines() if row.endswith("BROKEN")]
    assert len(broken) >= 1 and any(row.startswith(contract) for row in broken), result.stdout


def test_no_module_imports_in_a_circle() -> None:
    assert cycles(ROOT) == []


def test_the_circle_check_sees_a_circle_inside_a_function(copy_of_project: Path) -> None:
    add_line(copy_of_project / "peerdesk" / "vault" / "clock.py",
             "def _late() -> None:\n    from peerdesk.vault import errors  # noqa: F401")
    add_line(copy_of_project / "peerdesk" / "vault" / "errors.py",
             "from peerdesk.vault import clock  # noqa: F401")
    assert cycles(copy_of_project) == [["peerdesk.vault.clock",
                                                    "peerdesk.vault.errors"]]


def importable_modules(exclude: Iterable[str]) -> str:
    return (
        "import sys, pkgutil, importlib, peerdesk\n"
        "for m in pkgutil.walk_packages(peerdesk.__path__, 'peerdesk.'):\n"
        f"    if not m.name.startswith({tuple(exclude)!r}) and not m.name.endswith('__main__'):\n"
        "        importlib.import_module(m.name)\n"
    )


def test_core_and_cli_import_without_qt() -> None:
    """The contracts read imports as text; this runs them, so nothing slips in by
    importlib."""
    code = importable_modules(["peerdesk.gui"]) + (
        "import peerdesk.cli.main, peerdesk.app\n"
        "bad = [m for m in sys.modules if m.startswith(('PySide6', 'shiboken6'))]\n"
        "print(bad); sys.exit(1 if bad else 0)\n")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                            cwd=ROOT)
    assert result.returncode == 0, result.stdout + result.stderr


def test_nothing_heavy_at_import_time() -> None:
    """Importing the CLI or the app entry point loads no keyring, reportlab or Qt."""
    code = ("import sys, peerdesk.cli.main, peerdesk.app\n"
            "heavy = [m for m in ('keyring', 'reportlab', 'PySide6', 'docx', 'icalendar')"
            " if m in sys.modules]\nprint(heavy); sys.exit(1 if heavy else 0)\n")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                            cwd=ROOT)
    assert result.returncode == 0, result.stdout + result.stderr
