"""Damaged files: how fast they are refused, and a long run of random damage.

- refusing a damaged file vs opening the same notebook intact, in the same run and by the
  same way in (the credential store, or the passphrase for the key file): for each kind of
  damage (a flipped bit in the first, a middle and the last page; a damaged, cut or
  foreign -wal log; a key file changed or with absurd values) the median time to the plain
  refusal, against the median time to open the intact copy (for a -wal, a copy whose log
  is sound). The figure is the worst ratio; the goal is at most 1.2.
- the longer run of the suite's mutation test (tests/cli/test_damage.py): a few thousand
  damaged copies, every command, counting anything a person must never see (a traceback,
  an unforeseen exit, a hang, a byte changed after a refusal, damage put on the wrong file).
"""

from __future__ import annotations

import json
import os
import shutil
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(HERE))
from common import Result  # noqa: E402

PASS = "correct horse battery staple"
PAGE = 4096


def _flip(path: Path, offset: int) -> None:
    data = bytearray(path.read_bytes())
    data[offset % len(data)] ^= 0x20
    path.write_bytes(bytes(data))


def _key_file_value(path: Path, field: str, value: object) -> None:
    doc = json.loads(path.read_text())
    holder = doc["kdf"] if field in doc["kdf"] else doc
    holder[field] = value
    path.write_text(json.dumps(doc).replace("Infinity", "1e400"))


def _median_ms(action: Callable[[], object], runs: int, refused: bool, label: str = "") -> float:
    from peerdesk.vault.errors import PeerdeskError

    times = []
    for _ in range(runs):
        start = time.perf_counter()
        try:
            action()
        except PeerdeskError:
            if not refused:
                raise
        else:
            if refused:
                raise RuntimeError(f"a damaged file was not refused ({label})")
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)


def _refusals(root: Path, quick: bool) -> list[Result]:
    import keyring

    from peerdesk.vault.keys.keyfile import KdfParams
    from peerdesk.vault.keys.keystore import KeyStore
    from peerdesk.vault.library import Library
    from peerdesk.vault.paths import AppPaths
    from tests.conftest import MemoryKeyring
    from tests.damage import make_templates

    backend = MemoryKeyring()
    keyring.set_keyring(backend)
    scale = 5 if quick else 50
    runs = 5 if quick else 31
    clean_t, crashed_t = make_templates(root / "templates", backend.items, scale,
                                        KdfParams.interactive())
    clean, crashed, notebook_id = clean_t.home, crashed_t.home, clean_t.notebook_id

    def copy(source: Path, name: str) -> Library:
        home = root / name
        shutil.rmtree(home, ignore_errors=True)
        shutil.copytree(source, home)
        return Library(AppPaths.under(home), KeyStore())

    def opener(lib: Library, passphrase: str | None) -> Callable[[], object]:
        return lambda: lib.open(notebook_id, passphrase).close()

    def pages(lib: Library) -> int:
        return lib.paths.notebook_file(notebook_id).stat().st_size // PAGE

    kinds: dict[str, tuple[Path, Callable[[Library], None], bool]] = {
        "a flipped bit in the first page": (
            clean, lambda lib: _flip(lib.paths.notebook_file(notebook_id), 900), False),
        "a flipped bit in a middle page": (
            clean, lambda lib: _flip(lib.paths.notebook_file(notebook_id),
                                     pages(lib) // 2 * PAGE + 700), False),
        "a flipped bit in the last page": (
            clean, lambda lib: _flip(lib.paths.notebook_file(notebook_id), -300), False),
        "a damaged -wal log": (
            crashed, lambda lib: _flip(Path(f"{lib.paths.notebook_file(notebook_id)}-wal"),
                                       32 + 24 + 5 * (PAGE + 24) + 99), False),
        "a -wal log cut short (inside its fourth frame)": (
            crashed, lambda lib: Path(f"{lib.paths.notebook_file(notebook_id)}-wal")
            .write_bytes(Path(f"{lib.paths.notebook_file(notebook_id)}-wal")
                         .read_bytes()[:32 + 3 * (PAGE + 24) + 1000]), False),
        "a key file changed (with the passphrase)": (
            clean, lambda lib: _key_file_value(lib.paths.key_file(notebook_id),
                                               "iterations", 4), True),
        "a key file with absurd values (with the passphrase)": (
            clean, lambda lib: _key_file_value(lib.paths.key_file(notebook_id),
                                               "memory_kib", float("inf")), True),
    }
    def once_ms(source: Path, damage: Callable[[Library], None] | None,
                passphrase: str | None, what: str) -> float:
        """One open of a fresh copy (made, and damaged, outside the timing)."""
        lib = copy(source, "copy")
        if damage is not None:
            damage(lib)
        if hasattr(os, "sync"):
            os.sync()  # neither side pays for writing its copy back to the disk
        return _median_ms(opener(lib, passphrase), 1, refused=damage is not None, label=what)

    worst_ratio, worst, worst_pair = 0.0, "", (0.0, 1.0)
    details = []
    for what, (source, damage, by_passphrase) in kinds.items():
        passphrase = PASS if by_passphrase else None
        intact_times, refused_times = [], []
        for _ in range(runs):  # in turn, so that a busy moment falls on both alike
            intact_times.append(once_ms(source, None, passphrase, what))
            refused_times.append(once_ms(source, damage, passphrase, what))
        intact, refused = statistics.median(intact_times), statistics.median(refused_times)
        details.append(f"{what}: refused in {refused:.1f} ms; intact opens in {intact:.1f} ms")
        if refused / intact > worst_ratio:
            worst_ratio, worst, worst_pair = refused / intact, what, (refused, intact)
    print("  " + "\n  ".join(details), file=sys.stderr)
    return [Result(f"damaged file refused vs intact open (worst of {len(kinds)} kinds: "
                   f"{worst})", worst_pair[0], worst_pair[1], "ms", 1.2)]


def _long_run(root: Path, quick: bool) -> list[Result]:
    import keyring

    from tests import damage
    from tests.conftest import MemoryKeyring

    backend = MemoryKeyring()
    keyring.set_keyring(backend)
    templates = damage.make_templates(root / "templates", backend.items)
    count = 60 if quick else 2000
    found: list[str] = []
    for seed in range(50_000, 50_000 + count):
        mutation = damage.mutate(seed, templates, root / "work")
        outcomes = damage.run_commands(mutation, backend.items, passphrase=seed % 2 == 1,
                                       also_new=seed % 100 == 0, passwd=seed % 8 == 0)
        found += damage.problems(mutation, outcomes, 60.0)
        shutil.rmtree(mutation.home)
    for line in found[:20]:
        print(f"  {line}", file=sys.stderr)
    return [Result(f"damage: problems a person must never see, {count} damaged copies x "
                   "every command", float(len(found)), 1.0, "problems", 0.0)]


def run(quick: bool) -> list[Result]:
    if str(ROOT) not in sys.path:
        sys.path.insert(0, str(ROOT))
    import keyring

    previous = keyring.get_keyring()
    try:
        with tempfile.TemporaryDirectory() as tmp:
            results = _refusals(Path(tmp) / "refusals", quick)
            results += _long_run(Path(tmp) / "long", quick)
    finally:
        keyring.set_keyring(previous)
    return results


if __name__ == "__main__":
    for row in run(quick="--quick" in sys.argv):
        print(f"{row.figure}: {row.value:.1f} {row.unit} vs {row.floor:.1f} "
              f"= {row.ratio:.2f}x (goal {row.goal}x) {'pass' if row.passed else 'FAIL'}")
