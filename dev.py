#!/usr/bin/env python3
"""One command for developers: it makes the virtual environment itself, then acts.

    python3 dev.py run [APP ARGS]     set up and start peerdesk
    python3 dev.py test [PYTEST ARGS] set up and run ruff, mypy and every test
    python3 dev.py bench [--quick]    set up and run every benchmark, printing one table
"""

from __future__ import annotations

import hashlib
import os
import subprocess
import sys
import venv
from pathlib import Path

ROOT = Path(__file__).resolve().parent
VENV = ROOT / ".venv"
BIN = VENV / ("Scripts" if os.name == "nt" else "bin")
STAMP = VENV / "peerdesk-installed.txt"


def python() -> str:
    return str(BIN / ("python.exe" if os.name == "nt" else "python"))


def setup() -> None:
    """Create .venv and install peerdesk with its test tools, unless already current."""
    if sys.version_info < (3, 11):  # noqa: UP036 - dev.py may be run by an older python3
        raise SystemExit("peerdesk needs Python 3.11 or newer.")
    wanted = hashlib.sha256((ROOT / "pyproject.toml").read_bytes()).hexdigest()
    if STAMP.exists() and STAMP.read_text().strip() == wanted:
        return
    if not (BIN / "python").exists() and not (BIN / "python.exe").exists():
        print("Making the virtual environment in .venv ...", flush=True)
        venv.EnvBuilder(with_pip=True).create(VENV)
    print("Installing peerdesk and its test tools ...", flush=True)
    subprocess.run([python(), "-m", "pip", "install", "--quiet", "--upgrade", "pip"], check=True)
    subprocess.run([python(), "-m", "pip", "install", "--quiet", "-e", f"{ROOT}[test]"],
                   check=True)
    STAMP.write_text(wanted + "\n")


def step(title: str, args: list[str], env: dict[str, str] | None = None) -> None:
    print(f"\n== {title}", flush=True)
    result = subprocess.run(args, cwd=ROOT, env=env)
    if result.returncode != 0:
        raise SystemExit(result.returncode)


def test(extra: list[str]) -> None:
    env = {**os.environ, "QT_QPA_PLATFORM": os.environ.get("QT_QPA_PLATFORM", "offscreen")}
    step("ruff (lint)", [python(), "-m", "ruff", "check", "."])
    step("mypy (strict on the core)", [python(), "-m", "mypy"])
    step("import contracts (the layers)", [str(BIN / "lint-imports"), "--no-cache"])
    step("compiled forms and resources are current",
         [python(), "packaging/compile_assets.py", "--check"])
    step("pytest", [python(), "-m", "pytest", *extra], env=env)


def main(argv: list[str]) -> int:
    if not argv or argv[0] not in ("run", "test", "bench"):
        print(__doc__)
        return 2
    setup()
    command, rest = argv[0], argv[1:]
    if command == "run":
        return subprocess.run([python(), "-m", "peerdesk", *rest]).returncode
    if command == "bench":
        return subprocess.run([python(), "benchmarks/run.py", *rest], cwd=ROOT).returncode
    test(rest)
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
