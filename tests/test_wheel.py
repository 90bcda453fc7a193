"""The wheel is self-contained: built, installed into a fresh environment and run from
another folder, it starts and finds its forms, icons, template and fonts."""

from __future__ import annotations

import os
import subprocess
import sys
import sysconfig
import zipfile
from pathlib import Path

import pytest

from peerdesk import __version__

ROOT = Path(__file__).resolve().parent.parent


@pytest.mark.slow
def test_wheel_installs_and_runs_from_elsewhere(tmp_path: Path) -> None:
    dist = tmp_path / "dist"
    subprocess.run([sys.executable, "-m", "build", "--wheel", "--outdir", str(dist), str(ROOT)],
                   check=True, capture_output=True, timeout=600)
    wheel = next(dist.glob("peerdesk-*.whl"))
    names = zipfile.ZipFile(wheel).namelist()
    for expected in ("peerdesk/assets/templates/standard.json",
                     "peerdesk/assets/fonts/DejaVuSans.ttf",
                     "peerdesk/assets/slides/plain.pptx",
                     "peerdesk/gui/resources_rc.py", "peerdesk/gui/forms/ui_unlock.py",
                     "peerdesk/py.typed"):
        assert expected in names
    assert not any(n.startswith(("tests/", "packaging/", "ui/", "resources/")) for n in names)

    fresh = tmp_path / "fresh"
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", str(fresh)], check=True)
    fresh_python = fresh / "bin" / "python"
    fresh_site = Path(subprocess.run(
        [str(fresh_python), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
        capture_output=True, text=True, check=True).stdout.strip())
    # Third-party dependencies come from this environment; peerdesk itself only from the
    # wheel (a path added by a .pth file does not run that folder's own .pth files, so the
    # editable install of the source tree is not visible).
    (fresh_site / "deps.pth").write_text(sysconfig.get_paths()["purelib"] + "\n")
    subprocess.run([sys.executable, "-m", "pip", "--python", str(fresh_python), "install",
                    "--no-deps", "--quiet", str(wheel)], check=True, timeout=300)

    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "PEERDESK_HOME")}
    env |= {"QT_QPA_PLATFORM": "offscreen",
            "PYTHON_KEYRING_BACKEND": "keyring.backends.null.Keyring"}
    where = subprocess.run([str(fresh_python), "-c", "import peerdesk; print(peerdesk.__file__)"],
                           cwd=elsewhere, env=env, capture_output=True, text=True, check=True)
    assert where.stdout.startswith(str(fresh_site))
    version = subprocess.run([str(fresh / "bin" / "peerdesk"), "--version"], cwd=elsewhere,
                             env=env, capture_output=True, text=True, timeout=60)
    assert version.stdout.strip() == f"peerdesk {__version__}"
    listing = subprocess.run([str(fresh / "bin" / "peerdesk-cli"), "--data-dir",
                              str(tmp_path / "home"), "list"], cwd=elsewhere, env=env,
                             capture_output=True, text=True, timeout=60)
    assert listing.returncode == 0 and "No engagements yet" in listing.stdout
    made = subprocess.run([str(fresh / "bin" / "peerdesk-cli"), "--data-dir",
                           str(tmp_path / "home"), "new", "--title", "From the wheel",
                           "--passphrase-stdin"], input="wheel test passphrase\n" * 2,
                          cwd=elsewhere, env=env, capture_output=True, text=True, timeout=60)
    assert made.returncode == 0, made.stderr
    smoke = subprocess.run([str(fresh / "bin" / "peerdesk"), "--data-dir",
                            str(tmp_path / "home"), "--smoke"], cwd=elsewhere, env=env,
                           capture_output=True, text=True, timeout=120)
    assert smoke.returncode == 0, smoke.stderr
    assert "smoke test passed" in smoke.stdout
