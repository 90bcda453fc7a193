"""Against the real Secret Service (gnome-keyring in CI): the key goes in, and comes out
again in a fresh process."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

from peerdesk.vault.keys.keyfile import KdfParams
from peerdesk.vault.keys.keystore import KeyStore
from peerdesk.vault.library import Library
from peerdesk.vault.paths import AppPaths
from tests.cli_helpers import run_cli
from tests.conftest import PASSPHRASE, need_tools, sample_details


@pytest.mark.system
@pytest.mark.usefixtures("secret_service")
def test_key_in_the_real_store_and_a_fresh_process_opens_with_it(tmp_path: Path) -> None:
    need_tools("secret-tool")
    paths = AppPaths.under(tmp_path).ensure()
    library = Library(paths, KeyStore(), KdfParams.fast_for_tests())
    with library.create(sample_details(), PASSPHRASE) as notebook:
        assert notebook.keyring_holds_key
        notebook_id = notebook.id
    looked_up = subprocess.run(["secret-tool", "lookup", "service", "peerdesk", "username",
                                f"notebook-{notebook_id}"], capture_output=True, text=True)
    assert looked_up.returncode == 0
    stored = looked_up.stdout.strip()
    assert len(bytes.fromhex(stored)) == 32
    # A fresh process, the default keyring backend, no passphrase at all:
    result = run_cli(tmp_path, "check", notebook_id, keyring_backend=None)
    assert result.returncode == 0, result.stderr
    assert "encryption check (every page's HMAC): passed" in result.stdout
    listing = run_cli(tmp_path, "list", keyring_backend=None)
    assert "Northvale health and care partnership" in listing.stdout
    # Lost from the store: the passphrase opens it and puts it back.
    subprocess.run(["secret-tool", "clear", "service", "peerdesk", "username",
                    f"notebook-{notebook_id}"], check=True)
    missing = run_cli(tmp_path, "check", notebook_id, keyring_backend=None)
    assert missing.returncode == 2 and "not in the computer's credential store" in missing.stderr
    with library.open(notebook_id, PASSPHRASE) as notebook:
        assert notebook.keyring_holds_key
    again = subprocess.run(["secret-tool", "lookup", "service", "peerdesk", "username",
                            f"notebook-{notebook_id}"], capture_output=True, text=True)
    assert again.stdout.strip() == stored
