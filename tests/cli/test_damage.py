"""A few hundred damaged copies of a demo notebook, made at random from a seed, and every
peerdesk-cli command run against each: never a traceback, never an unforeseen exit, never
a hang, never a byte changed after a refusal (or by a command that only looks), and the
damage named on the right file. A longer run: ``python benchmarks/run.py damage``.

PEERDESK_DAMAGE_SEED and PEERDESK_DAMAGE_COUNT choose other mutations; a failure names
the seed that makes it, so it can be run again on its own.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from tests import damage
from tests.conftest import MemoryKeyring

SEED = int(os.environ.get("PEERDESK_DAMAGE_SEED", "11000"))
COUNT = int(os.environ.get("PEERDESK_DAMAGE_COUNT", "240"))
HANG_SECONDS = 60.0
"""Far beyond any command's real time here: only a hang reaches it."""


@pytest.fixture(scope="module")
def scene(tmp_path_factory: pytest.TempPathFactory) -> tuple[list[damage.Template], MemoryKeyring,
                                                          Path]:
    import keyring

    previous = keyring.get_keyring()
    backend = MemoryKeyring()
    keyring.set_keyring(backend)
    root = tmp_path_factory.mktemp("damage")
    try:
        yield damage.make_templates(root / "templates", backend.items), backend, root
    finally:
        keyring.set_keyring(previous)


def test_every_command_on_damaged_notebooks_sidecars_and_key_files(
        scene: tuple[list[damage.Template], MemoryKeyring, Path]) -> None:
    import keyring

    templates, backend, root = scene
    keyring.set_keyring(backend)
    found: list[str] = []
    kinds: set[tuple[str, str]] = set()
    refused = 0
    for seed in range(SEED, SEED + COUNT):
        mutation = damage.mutate(seed, templates, root / "work")
        kinds.add((mutation.target, mutation.damage))
        cancel = damage.kill_after(HANG_SECONDS * 20)
        try:
            outcomes = damage.run_commands(mutation, backend.items, passphrase=seed % 2 == 1,
                                           also_new=seed % 40 == 0, passwd=seed % 4 == 0)
        finally:
            cancel()
        refused += any(o.code == 2 for o in outcomes)
        found += damage.problems(mutation, outcomes, HANG_SECONDS)
        shutil.rmtree(mutation.home)
    assert found == [], "\n".join(found[:30])
    # the mutations really reached every kind of file and damage, and most were refused
    assert {t for t, _ in kinds} == {"notebook", "wal", "shm", "keyfile"}
    assert len(kinds) >= 15, sorted(kinds)
    assert refused > COUNT // 3
