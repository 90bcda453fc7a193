"""Running peerdesk-cli as a separate process, as a person or a script would."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

NO_KEYRING = "keyring.backends.null.Keyring"


def run_cli(home: Path, *args: str, stdin: str = "", keyring_backend: str | None = NO_KEYRING,
            timeout: int = 120) -> subprocess.CompletedProcess[str]:
    env = dict(os.environ)
    env.pop("PEERDESK_HOME", None)
    if keyring_backend:
        env["PYTHON_KEYRING_BACKEND"] = keyring_backend
    else:
        env.pop("PYTHON_KEYRING_BACKEND", None)
    return subprocess.run([sys.executable, "-m", "peerdesk.cli", "--data-dir", str(home), *args],
                          input=stdin, capture_output=True, text=True, env=env, timeout=timeout)
