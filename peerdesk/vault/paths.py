"""Where peerdesk keeps its files. One ``AppPaths`` is made in ``main()`` and passed down."""

from __future__ import annotations

import os
from collections.abc import Mapping
from pathlib import Path
from typing import NamedTuple

from peerdesk.vault.files import make_private_dir

APP_NAME = "peerdesk"
NOTEBOOK_SUFFIX = ".peerdesk"
KEYFILE_SUFFIX = ".peerdesk-key"
LOCK_SUFFIX = ".lock"
HOME_ENV = "PEERDESK_HOME"


class AppPaths(NamedTuple):
    """(A NamedTuple rather than a dataclass: it is made at every start, before the
    window shows, and importing dataclasses costs more than all of this.)"""

    data: Path
    config: Path
    cache: Path

    @classmethod
    def under(cls, root: Path) -> AppPaths:
        """Everything in one folder: for tests and portable use."""
        root = root.expanduser().absolute()
        return cls(data=root / "data", config=root / "config", cache=root / "cache")

    @classmethod
    def from_environment(
        cls, data_dir: str | None = None, environ: Mapping[str, str] = os.environ
    ) -> AppPaths:
        root = data_dir or environ.get(HOME_ENV)
        if root:
            return cls.under(Path(root))
        import platformdirs

        dirs = platformdirs.PlatformDirs(APP_NAME, appauthor=False, roaming=False)
        return cls(
            data=Path(dirs.user_data_dir),
            config=Path(dirs.user_config_dir),
            cache=Path(dirs.user_cache_dir),
        )

    @property
    def notebooks(self) -> Path:
        return self.data / "notebooks"

    @property
    def settings_file(self) -> Path:
        return self.config / "settings.json"

    def roots(self) -> tuple[Path, ...]:
        """Every folder peerdesk writes to."""
        return (self.data, self.config, self.cache)

    def ensure(self) -> AppPaths:
        for folder in (*self.roots(), self.notebooks):
            make_private_dir(folder)
        return self

    def notebook_file(self, notebook_id: str) -> Path:
        return self.notebooks / f"{notebook_id}{NOTEBOOK_SUFFIX}"

    def key_file(self, notebook_id: str) -> Path:
        return self.notebooks / f"{notebook_id}{KEYFILE_SUFFIX}"

    def lock_file(self, notebook_id: str) -> Path:
        return self.notebooks / f"{notebook_id}{LOCK_SUFFIX}"
