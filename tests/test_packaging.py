"""packaging/: the desktop entry and AppStream data validate, the icons exist in every size,
the PyInstaller spec builds both programs with reportlab's and peerdesk's data, and the
scripts parse. Building a bundle is slow: packaging/build_linux.sh then
packaging/check_bundle.sh do that (see packaging/README.md)."""

from __future__ import annotations

import os
import re
import struct
import subprocess
import tomllib
from pathlib import Path
from xml.etree import ElementTree

import pytest

import peerdesk
from tests.conftest import need_tools

ROOT = Path(__file__).resolve().parent.parent
PACKAGING = ROOT / "packaging"
APP_ID = "org.peerdesk.Peerdesk"
DESKTOP = PACKAGING / "linux" / f"{APP_ID}.desktop"
METAINFO = PACKAGING / "linux" / f"{APP_ID}.metainfo.xml"
ICONS = PACKAGING / "icons"
SPEC = PACKAGING / "peerdesk.spec"
LINUX_SIZES = (16, 22, 24, 32, 48, 64, 128, 256, 512)


def png_size(data: bytes) -> tuple[int, int]:
    assert data[:8] == b"\x89PNG\r\n\x1a\n", "not a PNG"
    width, height = struct.unpack(">II", data[16:24])
    return width, height


def test_desktop_entry_validates() -> None:
    need_tools("desktop-file-validate")
    result = subprocess.run(["desktop-file-validate", str(DESKTOP)],
                            capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "error" not in result.stdout + result.stderr


def test_metainfo_validates() -> None:
    need_tools("appstreamcli")
    result = subprocess.run(["appstreamcli", "validate", "--no-net", str(METAINFO)],
                            capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stdout + result.stderr


def test_desktop_entry_and_metainfo_agree_with_the_project() -> None:
    entry = dict(line.split("=", 1) for line in DESKTOP.read_text().splitlines() if "=" in line)
    assert entry["Exec"].split()[0] == "peerdesk"
    assert entry["Icon"] == APP_ID
    component = ElementTree.parse(METAINFO).getroot()
    assert component.findtext("id") == APP_ID
    assert component.findtext("launchable") == DESKTOP.name
    binaries = {b.text for b in component.iter("binary")}
    scripts = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    assert binaries == set(scripts["scripts"]) | set(scripts["gui-scripts"])
    releases = [r.get("version") for r in component.iter("release")]
    assert peerdesk.__version__ in releases, (
        "add a <release> for the new version to the AppStream file")


@pytest.mark.parametrize("size", LINUX_SIZES)
def test_linux_icon_in_each_hicolor_size(size: int) -> None:
    icon = ICONS / "hicolor" / f"{size}x{size}" / "apps" / f"{APP_ID}.png"
    assert png_size(icon.read_bytes()) == (size, size)


def test_linux_scalable_icon_is_the_app_svg() -> None:
    scalable = ICONS / "hicolor" / "scalable" / "apps" / f"{APP_ID}.svg"
    assert scalable.read_bytes() == (ROOT / "resources" / "icons" / "peerdesk.svg").read_bytes()


def test_windows_ico_holds_every_size_as_png() -> None:
    data = (ICONS / "peerdesk.ico").read_bytes()
    reserved, kind, count = struct.unpack("<HHH", data[:6])
    assert (reserved, kind) == (0, 1)
    sizes = set()
    for i in range(count):
        width, height, _c, _r, _p, _b, length, offset = struct.unpack(
            "<BBBBHHII", data[6 + 16 * i: 22 + 16 * i])
        actual = png_size(data[offset: offset + length])
        assert actual == (width or 256, height or 256)
        sizes.add(actual[0])
    assert {16, 24, 32, 48, 64, 256} <= sizes


def test_macos_icns_holds_every_size_up_to_1024() -> None:
    data = (ICONS / "peerdesk.icns").read_bytes()
    assert data[:4] == b"icns"
    assert struct.unpack(">I", data[4:8])[0] == len(data)
    found, at = {}, 8
    while at < len(data):
        kind, length = data[at: at + 4], struct.unpack(">I", data[at + 4: at + 8])[0]
        found[kind] = png_size(data[at + 8: at + length])[0]
        at += length
    assert found == {b"icp4": 16, b"icp5": 32, b"ic11": 32, b"icp6": 64, b"ic12": 64,
                     b"ic07": 128, b"ic08": 256, b"ic13": 256, b"ic09": 512,
                     b"ic14": 512, b"ic10": 1024}


def test_spec_builds_both_programs_from_the_declared_entry_points() -> None:
    spec = SPEC.read_text()
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    programs = {"peerdesk": project["gui-scripts"]["peerdesk"],
                "peerdesk-cli": project["scripts"]["peerdesk-cli"]}
    assert programs == {"peerdesk": "peerdesk.app:main", "peerdesk-cli": "peerdesk.cli.main:main"}
    for name, console, launcher in (("peerdesk", False, "run_peerdesk.py"),
                                    ("peerdesk-cli", True, "run_peerdesk_cli.py")):
        assert re.search(rf'name="{name}", console={console}', spec), name
        assert f'"{launcher}"' in spec
        module, func = programs[name].split(":")
        text = (PACKAGING / "launchers" / launcher).read_text()
        assert f"from {module} import {func}" in text
        assert f"raise SystemExit({func}())" in text
    assert spec.count("COLLECT(") == 1, "both programs share one folder of libraries"


def test_spec_collects_reportlab_data_package_assets_and_forms() -> None:
    spec = SPEC.read_text()
    assert 'collect_data_files("reportlab")' in spec
    assert '(str(ROOT / "peerdesk" / "assets"), "peerdesk/assets")' in spec
    assert 'collect_submodules("peerdesk")' in spec  # forms and resources_rc included
    for font in ("DejaVuSans.ttf", "DejaVuSans-Bold.ttf"):
        assert (ROOT / "peerdesk" / "assets" / "fonts" / font).is_file()
    assert (ROOT / "peerdesk" / "assets" / "slides" / "plain.pptx").is_file()
    assert 'collect_data_files("pptx", includes=["templates/notes*.xml"' in spec  # notes master
    assert 'bundle_identifier=APP_ID' in spec and f'APP_ID = "{APP_ID}"' in spec


def test_spec_keeps_the_qt_modules_peerdesk_uses() -> None:
    spec = SPEC.read_text()
    used = re.search(r"QT_USED = \[(.*?)\]", spec, re.S)
    excluded = re.search(r"QT_EXCLUDED = \[(.*?)\]", spec, re.S)
    assert used and excluded
    used_names = set(re.findall(r'"(\w+)"', used.group(1)))
    excluded_names = set(re.findall(r'"(\w+)"', excluded.group(1)))
    assert {"QtCore", "QtGui", "QtWidgets", "QtSvg", "QtPdf", "QtPdfWidgets"} <= used_names
    assert not used_names & excluded_names
    assert {"QtWebEngineCore", "Qt3DCore", "QtQuick", "QtQml", "QtMultimedia",
            "QtCharts", "QtDataVisualization", "QtNetwork"} <= excluded_names
    imported = set()
    for module in (ROOT / "peerdesk" / "gui").rglob("*.py"):
        imported |= set(re.findall(r"PySide6\.(Qt\w+)", module.read_text(encoding="utf-8")))
    assert not imported & excluded_names, f"the app imports excluded Qt modules: {imported}"


def test_no_init_py_in_packaging() -> None:
    # a package named "packaging" would shadow the PyPI library of that name
    assert not list(PACKAGING.rglob("__init__.py"))


@pytest.mark.parametrize("script", ["build_linux.sh", "check_bundle.sh",
                                    "macos/build_dmg.sh", "linux/install.sh"])
def test_scripts_parse_and_are_executable(script: str) -> None:
    path = PACKAGING / script
    assert os.access(path, os.X_OK), f"{script} is not executable"
    shell = "sh" if path.read_text().startswith("#!/bin/sh") else "bash"
    result = subprocess.run([shell, "-n", str(path)], capture_output=True, text=True,
                            check=False)
    assert result.returncode == 0, result.stderr


def test_inno_setup_script_installs_per_user_and_keeps_notebooks() -> None:
    iss = (PACKAGING / "windows" / "peerdesk.iss").read_text()
    assert re.search(r"^PrivilegesRequired=lowest$", iss, re.M)
    assert re.search(r"^AppId=\{\{[0-9A-F-]{36}\}$", iss, re.M)
    assert "{userprograms}" in iss or "{group}" in iss
    assert "peerdesk-cli.exe" in iss and "peerdesk.exe" in iss
    assert "not removed" in iss.lower()  # notebooks are destroyed from the app, not here
    assert not re.search(r"^\[UninstallDelete\]", iss, re.M)
