#!/usr/bin/env python3
"""One command for developers: it makes the virtual environment itself, then acts.

    python3 dev.py run [APP ARGS]        set up what the app needs and start peerdesk
    python3 dev.py test [PYTEST ARGS]    set up the developer tools; run ruff, mypy, every test
    python3 dev.py bench [--quick]       set up and run every benchmark, printing one table
    python3 dev.py lock [--upgrade]      refresh requirements/*.txt from pyproject.toml
                                         (--upgrade moves every pin to the newest release)
    python3 dev.py minimum [PYTEST ARGS] install the declared minimum versions into
                                         .venv-minimum; run the core tests and a GUI smoke

Everything is installed from the hashed lock files in requirements/ (app.txt for run,
dev.txt for the rest); peerdesk itself is installed editable on top of them.
"""

from __future__ import annotations

import hashlib
import os
import re
import shutil
import subprocess
import sys
import tempfile
import venv
from pathlib import Path

ROOT = Path(__file__).resolve().parent
VENV = ROOT / ".venv"
MINIMUM_VENV = ROOT / ".venv-minimum"
REQUIREMENTS = ROOT / "requirements"
LOCKS = {"app": REQUIREMENTS / "app.txt", "dev": REQUIREMENTS / "dev.txt",
         "minimum": REQUIREMENTS / "minimum.txt"}
STAMP = "peerdesk-installed.txt"
REFRESH = "python3 dev.py lock"
# What the core tests need besides peerdesk's own dependencies, installed beside their
# minimum versions at the dev lock's versions (a pytest plugin that pyproject's pytest
# options or a core test come to need belongs here too; then run python3 dev.py lock).
MINIMUM_TOOLS = ("pytest", "pytest-qt", "pytest-timeout", "hypothesis", "import-linter",
                 "setuptools", "wheel")
# The GUI tests run on the minimum versions, chosen by module name (pytest -k).
MINIMUM_GUI_TESTS = "matrix or main_window or board or live_session or summary_tab"
# Left out there: the compiled forms are made by the dev lock's pyside6-uic, and another
# version writes other (equivalent) bytes.
MINIMUM_SKIP = "not test_generated_files_are_current"


def bin_dir(env: Path) -> Path:
    return env / ("Scripts" if os.name == "nt" else "bin")


def python(env: Path = VENV) -> str:
    return str(bin_dir(env) / ("python.exe" if os.name == "nt" else "python"))


def digest(level: str) -> str:
    """What an environment at this level was installed from: pyproject.toml and the lock."""
    sha = hashlib.sha256()
    for path in (ROOT / "pyproject.toml", LOCKS[level]):
        sha.update(path.read_bytes())
    return sha.hexdigest()


def installed(env: Path) -> dict[str, str]:
    stamp = env / STAMP
    if not stamp.exists():
        return {}
    pairs = (line.split() for line in stamp.read_text().splitlines())
    return {p[0]: p[1] for p in pairs if len(p) == 2}


def make_venv(env: Path) -> None:
    if Path(python(env)).exists():
        return
    try:
        venv.EnvBuilder(with_pip=True).create(env)
    except (OSError, subprocess.CalledProcessError) as error:
        shutil.rmtree(env, ignore_errors=True)  # half made (no pip): the next try starts over
        raise SystemExit(f"Could not make the virtual environment {env} ({error}). On "
                         "Debian or Ubuntu, install python3-venv first.") from None


def pip_install(env: Path, lock: Path) -> None:
    pip = [python(env), "-m", "pip", "install", "--quiet", "--disable-pip-version-check"]
    # The lock holds the build backend too, so peerdesk builds without fetching anything.
    for args in (["--require-hashes", "-r", str(lock)],
                 ["--no-deps", "--no-build-isolation", "-e", str(ROOT)]):
        if subprocess.run([*pip, *args]).returncode != 0:
            raise SystemExit(f"Installing into {env} failed (pip says why above).")


def setup(level: str) -> None:
    """Install requirements/<level>.txt and peerdesk into .venv, unless already current.

    "run" needs only the app's lock; "test", "bench" and "lock" need the dev lock, which
    holds the same versions of the app's packages plus the tools.
    """
    current = installed(VENV)
    if current.get(level) == digest(level) or (
            level == "app" and current.get("dev") == digest("dev")):
        return
    first = not Path(python()).exists()
    if first and level == "app":
        print(f"Setting up peerdesk for its first run, in {VENV}.\n"
              "This downloads Qt (PySide6) and the other libraries peerdesk needs, about "
              "800 MB on disk,\nand takes a minute or more. Later runs start at once.",
              flush=True)
    elif first:
        print(f"Setting up {VENV} for development: peerdesk's libraries (Qt among them) and "
              "the test,\nlint and bundle tools, about 950 MB on disk. This takes a minute "
              "or more, the first time only.", flush=True)
    elif level == "app" or level in current:
        print(f"Updating {VENV} to {LOCKS[level].relative_to(ROOT).as_posix()} ...", flush=True)
    else:
        print(f"Installing the developer tools into {VENV} "
              f"({LOCKS[level].relative_to(ROOT).as_posix()}) ...", flush=True)
    make_venv(VENV)
    pip_install(VENV, LOCKS[level])
    stamp = {level: digest(level)}
    if level == "dev":  # the dev lock holds the app's versions too
        stamp["app"] = digest("app")
    (VENV / STAMP).write_text("".join(f"{k} {v}\n" for k, v in stamp.items()))


def step(title: str, args: list[str], env: dict[str, str] | None = None) -> None:
    print(f"\n== {title}", flush=True)
    result = subprocess.run(args, cwd=ROOT, env=env)
    if result.returncode == 5 and "pytest" in args:
        print("pytest found no test to run: is the selection in dev.py still right?")
    if result.returncode != 0:
        raise SystemExit(result.returncode)


def qt_env() -> dict[str, str]:
    return {**os.environ, "QT_QPA_PLATFORM": os.environ.get("QT_QPA_PLATFORM", "offscreen")}


def test(extra: list[str]) -> None:
    step("ruff (lint)", [python(), "-m", "ruff", "check", "."])
    step("mypy (strict on the core)", [python(), "-m", "mypy"])
    step("import contracts (the layers)", [str(bin_dir(VENV) / "lint-imports"), "--no-cache"])
    step("compiled forms and resources are current",
         [python(), "packaging/compile_assets.py", "--check"])
    step("pytest", [python(), "-m", "pytest", *extra], env=qt_env())


def pins(lock: Path) -> dict[str, str]:
    """name -> version of each package pinned in a lock file (the first pin of a name)."""
    found: dict[str, str] = {}
    for line in lock.read_text("utf-8").splitlines():
        match = re.match(r"([A-Za-z0-9][A-Za-z0-9._-]*)==([^\s;\\]+)", line)
        if match:
            found.setdefault(re.sub(r"[-_.]+", "-", match[1]).lower(), match[2])
    return found


def lock(extra: list[str]) -> None:
    """Compile requirements/*.txt from pyproject.toml with uv (itself in the dev lock)."""
    import tomllib

    setup("dev")
    project = tomllib.loads((ROOT / "pyproject.toml").read_text("utf-8"))
    build = "\n".join(project["build-system"]["requires"])
    (REQUIREMENTS / "build.in").write_text(
        f"# Made by `{REFRESH}` from [build-system] requires in pyproject.toml: locked too, so\n"
        "# that peerdesk installs with --no-build-isolation from the hashed lock files.\n"
        f"{build}\n", newline="\n")
    compile_ = [python(), "-m", "uv", "pip", "compile", "--quiet", "--universal",
                "--python-version", "3.11", "--generate-hashes",
                "--custom-compile-command", REFRESH, *extra]

    def run(*args: str) -> None:
        if subprocess.run([*compile_, *args], cwd=ROOT).returncode != 0:
            raise SystemExit(f"Locking failed (uv says why above); {args[-1]} is unchanged.")

    run("pyproject.toml", "requirements/build.in", "--extra", "test", "--extra", "bundle",
        "--extra", "lock", "--output-file", "requirements/dev.txt")
    run("pyproject.toml", "requirements/build.in", "--constraint", "requirements/dev.txt",
        "--output-file", "requirements/app.txt")
    dev_pins = pins(LOCKS["dev"])
    (REQUIREMENTS / "minimum.in").write_text(
        f"# Made by `{REFRESH}`: the test runners and the build backend at the versions of\n"
        "# requirements/dev.txt, installed beside the lowest versions that pyproject.toml\n"
        "# allows (requirements/minimum.txt, used by `python3 dev.py minimum`).\n"
        + "".join(f"{name}=={dev_pins[name]}\n" for name in MINIMUM_TOOLS), newline="\n")
    run("pyproject.toml", "requirements/minimum.in", "--resolution", "lowest-direct",
        "--output-file", "requirements/minimum.txt")
    print("requirements/ refreshed.", flush=True)
    setup("dev")


def minimum(extra: list[str]) -> None:
    """The declared minimum versions: core tests, a GUI smoke and a few GUI tests on them."""
    if installed(MINIMUM_VENV).get("minimum") != digest("minimum"):
        print(f"Installing the minimum versions (requirements/minimum.txt) into {MINIMUM_VENV}"
              " ...", flush=True)
        make_venv(MINIMUM_VENV)
        pip_install(MINIMUM_VENV, LOCKS["minimum"])
        (MINIMUM_VENV / STAMP).write_text(f"minimum {digest('minimum')}\n")
    py = python(MINIMUM_VENV)
    step("versions under test", [py, "-m", "pip", "list", "--disable-pip-version-check",
                                 "--format", "freeze", "--exclude-editable"])
    pytest = [py, "-m", "pytest", "-p", "no:cacheprovider"]
    step("core tests on the minimum versions",
         [*pytest, "--ignore=tests/gui", "-m", "not slow", "-k", MINIMUM_SKIP, *extra],
         env=qt_env())
    with tempfile.TemporaryDirectory() as home:
        step("GUI smoke on the minimum versions",
             [py, "-m", "peerdesk", "--smoke", "--data-dir", home], env=qt_env())
    step("GUI tests on the minimum versions",
         [*pytest, "tests/gui", "-k", MINIMUM_GUI_TESTS, *extra], env=qt_env())


def main(argv: list[str]) -> int:
    if sys.version_info < (3, 11):  # noqa: UP036 - dev.py may be run by an older python3
        raise SystemExit("peerdesk needs Python 3.11 or newer.")
    commands = ("run", "test", "bench", "lock", "minimum")
    if not argv or argv[0] not in commands:
        print(__doc__)
        return 2
    command, rest = argv[0], argv[1:]
    if command == "lock":
        lock(rest)
        return 0
    if command == "minimum":
        minimum(rest)
        return 0
    setup("app" if command == "run" else "dev")
    if command == "run":
        return subprocess.run([python(), "-m", "peerdesk", *rest]).returncode
    if command == "bench":
        return subprocess.run([python(), "benchmarks/run.py", *rest], cwd=ROOT).returncode
    test(rest)
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
