"""The lock files in requirements/ cover what pyproject.toml declares, on every platform and
Python that peerdesk supports; every pin is hashed; requirements/minimum.txt holds the floors.

When one of these fails after a change to pyproject.toml, refresh the locks with
`python3 dev.py lock`.
"""

from __future__ import annotations

import itertools
import tomllib
from dataclasses import dataclass

import pytest
from packaging.markers import Marker
from packaging.requirements import Requirement
from packaging.utils import canonicalize_name
from packaging.version import Version

from tests.locations import ROOT

REQUIREMENTS = ROOT / "requirements"
PROJECT = tomllib.loads((ROOT / "pyproject.toml").read_text("utf-8"))
REFRESH = "refresh the locks with `python3 dev.py lock`"

PLATFORMS = {  # sys_platform: (platform_system, os_name, platform_machine)
    "linux": ("Linux", "posix", "x86_64"),
    "win32": ("Windows", "nt", "AMD64"),
    "darwin": ("Darwin", "posix", "arm64"),
}
PYTHONS = ("3.11", "3.12", "3.13", "3.14")


def environments() -> list[dict[str, str]]:
    return [{"python_version": py, "python_full_version": f"{py}.0", "sys_platform": sys_platform,
             "platform_system": system, "os_name": os_name, "platform_machine": machine,
             "platform_python_implementation": "CPython", "implementation_name": "cpython",
             "platform_release": "", "platform_version": "", "implementation_version": f"{py}.0",
             "extra": ""}
            for py, (sys_platform, (system, os_name, machine))
            in itertools.product(PYTHONS, PLATFORMS.items())]


@dataclass(frozen=True)
class Pin:
    name: str
    version: Version
    marker: Marker | None
    hashes: int

    def applies(self, env: dict[str, str]) -> bool:
        return self.marker is None or self.marker.evaluate(env)


def pins(lock: str) -> list[Pin]:
    text = (REQUIREMENTS / lock).read_text("utf-8").replace("\\\n", " ")
    found = []
    for line in text.splitlines():
        if not line.strip() or line.startswith((" ", "#", "-")):
            continue
        requirement, *hashes = line.split(" --hash=")
        parsed = Requirement(requirement)
        (spec,) = parsed.specifier
        assert spec.operator == "==", line
        found.append(Pin(canonicalize_name(parsed.name), Version(spec.version), parsed.marker,
                         len(hashes)))
    return found


def declared(*extras: str) -> list[Requirement]:
    names = [*PROJECT["project"]["dependencies"], *PROJECT["build-system"]["requires"]]
    for extra in extras:
        names += PROJECT["project"]["optional-dependencies"][extra]
    return [Requirement(r) for r in names]


def uncovered(lock: str, requirements: list[Requirement]) -> list[str]:
    """Each requirement that, somewhere it applies, has no pin in the lock that meets it."""
    locked = pins(lock)
    missing = []
    for requirement in requirements:
        name = canonicalize_name(requirement.name)
        where = [env for env in environments()
                 if (requirement.marker is None or requirement.marker.evaluate(env))
                 and not any(p.name == name and p.applies(env) and requirement.specifier.contains(
                     p.version, prereleases=True) for p in locked)]
        if where:
            missing.append(f"{requirement} (unmet on {len(where)} of the "
                           f"{len(environments())} Python and platform pairs, such as Python "
                           f"{where[0]['python_version']} on {where[0]['sys_platform']})")
    return missing


@pytest.mark.parametrize(("lock", "extras"), [
    ("app.txt", ()), ("dev.txt", ("test", "bundle", "lock"))])
def test_the_lock_holds_everything_pyproject_declares(lock: str, extras: tuple[str, ...]) -> None:
    missing = uncovered(lock, declared(*extras))
    assert not missing, f"requirements/{lock} does not hold {missing}: {REFRESH}"


def test_the_app_lock_holds_no_developer_tool() -> None:
    tools = {canonicalize_name(Requirement(r).name)
             for extra in ("test", "bundle", "lock")
             for r in PROJECT["project"]["optional-dependencies"][extra]}
    assert not tools & {p.name for p in pins("app.txt")}


def test_the_app_lock_has_the_dev_locks_versions() -> None:
    """dev.py treats an environment set up from dev.txt as set up for the app as well."""
    dev = {(p.name, p.version) for p in pins("dev.txt")}
    assert {(p.name, p.version) for p in pins("app.txt")} <= dev, REFRESH


@pytest.mark.parametrize("lock", ["app.txt", "dev.txt", "minimum.txt"])
def test_every_pin_is_hashed(lock: str) -> None:
    locked = pins(lock)
    assert locked
    assert [p.name for p in locked if p.hashes == 0] == []
    assert "python3 dev.py lock" in (REQUIREMENTS / lock).read_text("utf-8")


def test_the_minimum_lock_pins_each_dependency_at_its_declared_floor() -> None:
    minimum = pins("minimum.txt")
    wrong = []
    for requirement in map(Requirement, PROJECT["project"]["dependencies"]):
        floors = [Version(s.version) for s in requirement.specifier if s.operator == ">="]
        versions = {p.version for p in minimum if p.name == canonicalize_name(requirement.name)}
        if floors and versions != {max(floors)}:
            wrong.append(f"{requirement}: minimum.txt has {sorted(map(str, versions))}")
    assert not wrong, f"{wrong}: {REFRESH}"
