"""Shared pieces for the destruction tests: a credential store kept in a JSON file (so a
killed subprocess and the test that resumes its work see the same store), and an
engagement with copies written out and settings that name it."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import keyring.backend
import keyring.errors

from peerdesk.vault.exports import ExportRecord, write_export
from peerdesk.vault.library import Library
from peerdesk.vault.notebook import Notebook
from peerdesk.vault.settings import Settings

KEYRING_FILE_ENV = "PEERDESK_TEST_KEYRING_FILE"
TITLE = "Northvale health and care partnership"


class FileKeyring(keyring.backend.KeyringBackend):
    """A credential store in a JSON file named by $PEERDESK_TEST_KEYRING_FILE (tests only)."""

    priority = 1  # type: ignore[assignment]

    def _path(self) -> Path:
        return Path(os.environ[KEYRING_FILE_ENV])

    def _items(self) -> dict[str, str]:
        try:
            return dict(json.loads(self._path().read_text("utf-8")))
        except FileNotFoundError:
            return {}

    def _save(self, items: dict[str, str]) -> None:
        tmp = self._path().with_suffix(".tmp")
        tmp.write_text(json.dumps(items), "utf-8")
        os.replace(tmp, self._path())

    def get_password(self, service: str, username: str) -> str | None:
        return self._items().get(f"{service}/{username}")

    def set_password(self, service: str, username: str, password: str) -> None:
        items = self._items()
        items[f"{service}/{username}"] = password
        self._save(items)

    def delete_password(self, service: str, username: str) -> None:
        items = self._items()
        if f"{service}/{username}" not in items:
            raise keyring.errors.PasswordDeleteError("not there")
        del items[f"{service}/{username}"]
        self._save(items)


@dataclass
class Scene:
    notebook_id: str
    deleted: ExportRecord
    kept: ExportRecord
    kept_bytes: bytes
    other: Path


def set_the_scene(library: Library, notebook: Notebook, outside: Path,
                  big_export: int = 3 << 20) -> Scene:
    """Two copies written out (one big, to be deleted; one to keep), settings naming the
    notebook, and a stray cache file named after it."""
    outside.mkdir(parents=True, exist_ok=True)
    deleted = write_export(notebook, outside / "northvale summary.pdf",
                           os.urandom(big_export), "summary_pdf")
    kept_bytes = b"Summary for the manager, plain text.\n" * 50
    kept = write_export(notebook, outside / "northvale summary.txt", kept_bytes, "summary_txt")
    settings = Settings.load(library.paths)
    settings.last_notebook = notebook.id
    settings.known_notebooks = ["someothernotebook", notebook.id]
    settings.save(library.paths)
    other = library.paths.cache / f"preview-{notebook.id}.bin"
    other.write_bytes(b"cached preview " + notebook.id.encode())
    return Scene(notebook.id, deleted, kept, kept_bytes, other)


def files_holding(roots: tuple[Path, ...], needles: list[bytes]) -> list[Path]:
    """An independent search: every file under ``roots`` whose bytes contain a needle."""
    hits = []
    for root in roots:
        for path in root.rglob("*"):
            if path.is_file() and not path.is_symlink():
                data = path.read_bytes()
                if any(n in data for n in needles):
                    hits.append(path)
    return hits


def id_needles(notebook_id: str) -> list[bytes]:
    return [notebook_id.encode(), notebook_id.encode("utf-16-le"),
            notebook_id.upper().encode()]


def run_cli_destroy(home: Path, *args: str, stdin: str = "",
                    keyring_backend: str = "keyring.backends.null.Keyring",
                    env_extra: dict[str, str] | None = None,
                    ) -> subprocess.CompletedProcess[str]:
    """peerdesk-cli as a separate process."""
    repo = Path(__file__).resolve().parents[1]
    env = dict(os.environ, PYTHON_KEYRING_BACKEND=keyring_backend, PYTHONPATH=str(repo),
               **(env_extra or {}))
    env.pop("PEERDESK_HOME", None)
    return subprocess.run([sys.executable, "-m", "peerdesk.cli", "--data-dir", str(home),
                           *args], input=stdin, capture_output=True, text=True, env=env,
                          timeout=120)
