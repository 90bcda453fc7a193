"""The -wal log beside a notebook is checked before SQLite may use it: saved changes in a
sound log are kept; a damaged, cut or foreign log is refused naming the -wal file, and no
byte of the notebook, its log or its index changes."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from peerdesk.vault.checks import wal
from peerdesk.vault.database import PAGE_SIZE
from peerdesk.vault.errors import SidecarDamagedError
from peerdesk.vault.library import Library
from tests.conftest import PASSPHRASE
from tests.vault.checks.crashed import crashed, fingerprints, sidecars

FRAME = wal.FRAME_HEADER + PAGE_SIZE


def saved_postits(library: Library, notebook_id: str) -> int:
    with library.open(notebook_id, PASSPHRASE, read_only=True) as notebook, \
            notebook.read() as conn:
        row = conn.execute("SELECT count(*) FROM postit WHERE text LIKE 'Saved before%'")
        return int(row.fetchone()[0])


def test_a_sound_log_is_read_and_its_changes_kept(library: Library) -> None:
    notebook_id = crashed(library)
    before = fingerprints(library, notebook_id)
    assert saved_postits(library, notebook_id) == 40   # read-only: from the log
    assert fingerprints(library, notebook_id) == before
    with library.open(notebook_id, PASSPHRASE):
        pass                                            # for writing: the log goes in
    assert saved_postits(library, notebook_id) == 40
    assert not sidecars(library, notebook_id)["wal"].exists()


def _flip(path: Path, offset: int) -> None:
    data = bytearray(path.read_bytes())
    data[offset] ^= 0x04
    path.write_bytes(bytes(data))


DAMAGES = {
    "a bit in a saved frame": (lambda p: _flip(p, wal.HEADER + 3 * FRAME + 900),
                               "saved changes after that part would be lost"),
    "its header": (lambda p: _flip(p, 13), "header is damaged"),
    "cut inside a frame": (lambda p: p.write_bytes(p.read_bytes()[:-2000]), "cut short"),
    "a zeroed frame": (lambda p: p.write_bytes(p.read_bytes()[:wal.HEADER + FRAME]
                                               + bytes(FRAME)
                                               + p.read_bytes()[wal.HEADER + 2 * FRAME:]),
                       "would be lost"),
    "not a log at all": (lambda p: p.write_bytes(b"junk" * 1000), "not a write-ahead log"),
}


@pytest.mark.parametrize("what", list(DAMAGES))
@pytest.mark.parametrize("read_only", [False, True])
def test_a_damaged_log_is_refused_naming_it_and_nothing_changes(
        library: Library, what: str, read_only: bool) -> None:
    notebook_id = crashed(library)
    damage, words = DAMAGES[what]
    damage(sidecars(library, notebook_id)["wal"])
    before = fingerprints(library, notebook_id)
    with pytest.raises(SidecarDamagedError) as info:
        library.open(notebook_id, PASSPHRASE, read_only=read_only)
    assert words in info.value.message and "-wal" in info.value.message
    assert "Nothing has been changed" in info.value.message
    assert fingerprints(library, notebook_id) == before


def test_a_log_from_another_notebook_is_never_copied_in(library: Library) -> None:
    mine, other = crashed(library, "Mine"), crashed(library, "Other")
    shutil.copy(sidecars(library, other)["wal"], sidecars(library, mine)["wal"])
    sidecars(library, mine)["shm"].unlink()
    before = fingerprints(library, mine)
    for read_only in (True, False):
        with pytest.raises(SidecarDamagedError, match="belongs to another notebook"):
            library.open(mine, PASSPHRASE, read_only=read_only)
    assert fingerprints(library, mine) == before
    # moved aside as the message says, the notebook opens as it was last written in full
    sidecars(library, mine)["wal"].rename(library.paths.data / "aside-wal")
    library.open(mine, PASSPHRASE).close()


def test_a_damaged_or_foreign_index_is_never_trusted(library: Library) -> None:
    notebook_id = crashed(library)
    index = sidecars(library, notebook_id)["shm"]
    index.write_bytes(b"\xff" * index.stat().st_size)
    before = fingerprints(library, notebook_id)
    assert saved_postits(library, notebook_id) == 40
    assert fingerprints(library, notebook_id) == before


def test_junk_after_the_last_frame_is_harmless(library: Library) -> None:
    notebook_id = crashed(library)
    log = sidecars(library, notebook_id)["wal"]
    log.write_bytes(log.read_bytes() + b"\x00" * 5000)
    assert saved_postits(library, notebook_id) == 40
