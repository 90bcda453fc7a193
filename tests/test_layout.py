"""The layout stays readable: small modules, folders of at most about fifteen, and tests/
mirroring the package, so a newcomer finds "export the summary" or "destroy an engagement"
from the folder names alone."""

from __future__ import annotations

from pathlib import Path

from tests.locations import ROOT, TESTS

PACKAGE = ROOT / "peerdesk"
GENERATED = ("peerdesk/gui/forms/", "peerdesk/gui/resources_rc.py")
MAX_LINES = 400
MAX_MODULES = 15


def own_modules() -> list[Path]:
    return [p for p in sorted(PACKAGE.rglob("*.py"))
            if not str(p.relative_to(ROOT)).startswith(GENERATED)]


def test_no_module_is_longer_than_400_lines() -> None:
    long = {str(p.relative_to(ROOT)): n for p in own_modules()
            if (n := len(p.read_text("utf-8").splitlines())) > MAX_LINES}
    assert long == {}


def test_no_folder_holds_more_than_15_modules() -> None:
    folders = {p.parent for p in own_modules()}
    crowded = {str(f.relative_to(ROOT)): n for f in folders
               if (n := len([m for m in f.glob("*.py") if m.name != "__init__.py"]))
               > MAX_MODULES}
    assert crowded == {}


def test_every_package_folder_is_a_package() -> None:
    missing = [str(f.relative_to(ROOT)) for f in {p.parent for p in own_modules()}
               if not (f / "__init__.py").exists()]
    assert missing == []


def test_tests_mirror_the_package() -> None:
    """Every folder of tests/ (but fixtures) stands for a folder of peerdesk/."""
    strays = [str(f.relative_to(TESTS)) for f in sorted(TESTS.rglob("*"))
              if f.is_dir() and "fixtures" not in f.relative_to(TESTS).parts
              and f.name != "__pycache__"
              and not (PACKAGE / f.relative_to(TESTS)).is_dir()]
    assert strays == []
