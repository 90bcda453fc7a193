"""A notebook whose process was killed while writing: its -wal log holds saved changes."""

from __future__ import annotations

import hashlib
import os
import subprocess
import sys
from pathlib import Path

from peerdesk.vault.library import Library
from tests.conftest import PASSPHRASE, sample_details
from tests.damage import CRASH, ROOT


def crashed(library: Library, title: str = "Northvale") -> str:
    """A new notebook, then 40 post-its saved by a process killed before it closed it."""
    with library.create(sample_details(title), PASSPHRASE) as notebook:
        notebook_id = notebook.id
    env = {**os.environ, "PYTHON_KEYRING_BACKEND": "keyring.backends.null.Keyring",
           "PYTHONPATH": str(ROOT)}
    subprocess.run([sys.executable, "-c", CRASH, str(library.paths.data.parent), notebook_id,
                    PASSPHRASE], env=env, cwd=ROOT, capture_output=True, timeout=120)
    assert Path(f"{library.paths.notebook_file(notebook_id)}-wal").stat().st_size > 4096
    return notebook_id


def sidecars(library: Library, notebook_id: str) -> dict[str, Path]:
    base = library.paths.notebook_file(notebook_id)
    return {"notebook": base, "wal": Path(f"{base}-wal"), "shm": Path(f"{base}-shm"),
            "keyfile": library.paths.key_file(notebook_id)}


def fingerprints(library: Library, notebook_id: str) -> dict[str, str | None]:
    return {name: hashlib.sha256(p.read_bytes()).hexdigest() if p.exists() else None
            for name, p in sidecars(library, notebook_id).items()}
