"""The first open is read-only: every page's HMAC is checked before anything could write,
and a notebook opened only to read leaves no byte, and no file, behind."""

from __future__ import annotations

import pytest

from peerdesk.vault.errors import NotebookDamagedError
from peerdesk.vault.library import Library
from peerdesk.vault.notebook import NotebookReadOnlyError
from tests.conftest import PASSPHRASE, sample_details
from tests.vault.checks.crashed import fingerprints, sidecars


@pytest.fixture
def made(library: Library) -> str:
    with library.create(sample_details(), PASSPHRASE) as notebook:
        return notebook.id


def test_reading_leaves_no_file_and_no_byte_changed(library: Library, made: str) -> None:
    before = sorted(library.paths.notebooks.iterdir())
    prints = fingerprints(library, made)
    with library.open(made, read_only=True) as notebook:
        assert notebook.engagement().title == sample_details().title
        with pytest.raises(NotebookReadOnlyError), notebook.write():
            pass
    assert sorted(library.paths.notebooks.iterdir()) == before
    assert fingerprints(library, made) == prints


@pytest.mark.parametrize("page", [2, 5, -1])
def test_a_flipped_bit_in_any_page_is_found_at_open(library: Library, made: str,
                                                    page: int) -> None:
    path = sidecars(library, made)["notebook"]
    data = bytearray(path.read_bytes())
    pages = len(data) // 4096
    where = (page % pages) * 4096 + 1000
    data[where] ^= 0x01
    path.write_bytes(bytes(data))
    before = fingerprints(library, made)
    for read_only in (True, False):
        with pytest.raises(NotebookDamagedError) as info:
            library.open(made, read_only=read_only)
        assert str(path) in info.value.message
        assert "does not pass the encryption check" in info.value.message
        assert "put it back" in info.value.message
    assert fingerprints(library, made) == before
