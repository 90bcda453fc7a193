"""Destroying an engagement whose artefacts add up to 1 GiB, against the disk floor.

peerdesk: ``destruction.run`` on a real notebook with recorded copies written out of it
(journal, closing, both key copies, overwriting every byte with an AES-CTR stream in 1 MiB
blocks with fsync, deleting, every check including the scan of peerdesk's folders, the
certificate PDF and the email draft). The inventory (``plan``) is made beforehand, as the
peer sees it before confirming, and is not timed.

Floor, same run, same disk: write zeros over files of the same sizes (new files, 1 MiB
blocks), fsync each, delete it and fsync the folder.
"""

from __future__ import annotations

import os
import shutil
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
from common import Result  # noqa: E402

BLOCK = 1 << 20
FULL = 1 << 30
QUICK = 64 << 20
COPIES = 8
TITLE = "Benchmark engagement"


def _write(path: Path, size: int, block: bytes) -> None:
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    try:
        done = 0
        while done < size:
            done += os.write(fd, block[: min(len(block), size - done)])
        os.fsync(fd)
    finally:
        os.close(fd)


def settle() -> None:
    """Let the disk finish earlier writes, so that neither side pays for the set-up."""
    if hasattr(os, "sync"):
        os.sync()
    time.sleep(0.2)


def floor_seconds(folder: Path, sizes: list[int]) -> float:
    zeros = bytes(BLOCK)
    settle()
    start = time.perf_counter()
    for n, size in enumerate(sizes):
        path = folder / f"floor-{n}.bin"
        _write(path, size, zeros)
        os.unlink(path)
        fd = os.open(folder, os.O_RDONLY)
        os.fsync(fd)
        os.close(fd)
    return time.perf_counter() - start


def peerdesk_seconds(root: Path, total: int) -> tuple[float, int]:
    import keyring
    from memory_keyring import BenchKeyring

    from peerdesk.destruction import destroy as destruction
    from peerdesk.destruction.steps import CipherStream
    from peerdesk.vault.domain import EngagementDetails
    from peerdesk.vault.exports import record_export
    from peerdesk.vault.keys.keyfile import KdfParams
    from peerdesk.vault.keys.keystore import KeyStore
    from peerdesk.vault.library import Library
    from peerdesk.vault.paths import AppPaths

    os.environ["PEERDESK_BENCH_KEYRING"] = str(root / "keyring.json")
    previous = keyring.get_keyring()
    keyring.set_keyring(BenchKeyring())
    try:
        library = Library(AppPaths.under(root / "home").ensure(), KeyStore(),
                          KdfParams.fast_for_tests())
        notebook = library.create(EngagementDetails(title=TITLE, my_name="Bench Peer",
                                                    manager_email="m@example.org"),
                                  "benchmark passphrase")
        outside = root / "Documents"
        outside.mkdir()
        stream = CipherStream()
        for n in range(COPIES):
            path = outside / f"copy-{n}.pdf"
            _write(path, total // COPIES, bytes(stream.block()))
            record_export(notebook, path, "other")
        inventory = destruction.plan(library, notebook)
        size = sum(a.size or 0 for a in inventory.artefacts if a.present)
        settle()
        start = time.perf_counter()
        result = destruction.run(library, inventory, notebook, confirm_title=TITLE)
        elapsed = time.perf_counter() - start
        if not result.ok:
            raise RuntimeError("; ".join(result.problems))
        return elapsed, size
    finally:
        keyring.set_keyring(previous)


def run(quick: bool) -> list[Result]:
    """Rounds alternate peerdesk and the floor; the best of each is reported (disks are noisy)."""
    total = QUICK if quick else FULL
    values, floors = [], []
    size = total
    for _ in range(3):
        root = Path(tempfile.mkdtemp(prefix="peerdesk-bench-destroy-"))
        try:
            value, size = peerdesk_seconds(root, total)
            sizes = [size - (total // COPIES) * COPIES] + [total // COPIES] * COPIES
            values.append(value)
            floors.append(floor_seconds(root, sizes))
        finally:
            shutil.rmtree(root, ignore_errors=True)
    label = f"destroy {size / (1 << 20):,.0f} MiB of artefacts (time)"
    return [Result(label, min(values) * 1000, min(floors) * 1000, "ms", goal=1.2)]


if __name__ == "__main__":
    for row in run("--quick" in sys.argv):
        print(f"{row.figure}: {row.value:,.0f} ms vs floor {row.floor:,.0f} ms = "
              f"{row.ratio:.2f}x (goal {row.goal}x) {'pass' if row.passed else 'FAIL'}")
