from __future__ import annotations

from pathlib import Path

from peerdesk.vault.files import atomic_write
from peerdesk.vault.paths import AppPaths


def test_data_dir_and_environment(tmp_path: Path) -> None:
    assert AppPaths.from_environment(str(tmp_path)).data == tmp_path / "data"
    env = {"PEERDESK_HOME": str(tmp_path / "env")}
    assert AppPaths.from_environment(None, env).config == tmp_path / "env" / "config"


def test_default_is_the_platform_user_folder() -> None:
    paths = AppPaths.from_environment(None, {})
    assert "peerdesk" in str(paths.data) and paths.data != paths.config


def test_atomic_write_is_private_and_leaves_no_temporary(tmp_path: Path) -> None:
    target = tmp_path / "file.json"
    atomic_write(target, b"one")
    atomic_write(target, b"two")
    assert target.read_bytes() == b"two"
    assert target.stat().st_mode & 0o777 == 0o600
    assert [p.name for p in tmp_path.iterdir()] == ["file.json"]
