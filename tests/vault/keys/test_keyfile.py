from __future__ import annotations

import json

import pytest

from peerdesk.vault.errors import KeyFileDamagedError, WeakPassphraseError, WrongPassphraseError
from peerdesk.vault.keys.keyfile import KdfParams, KeyFile, new_data_key, passphrase_hint

PASS = "a long enough passphrase"


def make(kdf: KdfParams | None = None) -> tuple[bytes, KeyFile]:
    key = new_data_key()
    return key, KeyFile.wrap(key, PASS, "abc123", "2026-03-01T09:00:00+00:00",
                             kdf or KdfParams.fast_for_tests())


def test_round_trip_through_bytes() -> None:
    key, keyfile = make()
    again = KeyFile.from_bytes(keyfile.to_bytes(), "abc123")
    assert again.unwrap(PASS) == key
    assert len(key) == 32


def test_the_file_holds_no_key_or_passphrase() -> None:
    key, keyfile = make()
    raw = keyfile.to_bytes()
    assert key.hex().encode() not in raw and PASS.encode() not in raw
    assert json.loads(raw)["kdf"]["name"] == "argon2id"


def test_wrong_passphrase() -> None:
    _, keyfile = make()
    with pytest.raises(WrongPassphraseError, match="not the one"):
        keyfile.unwrap("another long passphrase")


def test_scrypt_also_works() -> None:
    key, keyfile = make(KdfParams(name="scrypt", salt=b"s" * 16, n=2**10))
    assert KeyFile.from_bytes(keyfile.to_bytes(), "abc123").unwrap(PASS) == key


def test_a_key_file_cannot_be_moved_to_another_notebook() -> None:
    _, keyfile = make()
    with pytest.raises(KeyFileDamagedError):
        KeyFile.from_bytes(keyfile.to_bytes(), "other")
    doc = json.loads(keyfile.to_bytes())
    doc["notebook_id"] = "other"
    forged = KeyFile.from_bytes(json.dumps(doc).encode(), "other")
    with pytest.raises(WrongPassphraseError):  # the id is bound in by AES-GCM
        forged.unwrap(PASS)


@pytest.mark.parametrize("raw", [b"", b"\x00\xff", b"{}", b"[1]",
                                 b'{"format": "peerdesk-keyfile", "version": 1}'])
def test_damaged_key_files_are_named_as_such(raw: bytes) -> None:
    with pytest.raises(KeyFileDamagedError, match="damaged"):
        KeyFile.from_bytes(raw, "abc123")


def test_key_check_tells_the_right_key() -> None:
    key, keyfile = make()
    assert keyfile.matches(key)
    assert not keyfile.matches(new_data_key())


def test_short_passphrases_are_refused() -> None:
    with pytest.raises(WeakPassphraseError):
        KeyFile.wrap(new_data_key(), "short", "x", "", KdfParams.fast_for_tests())


@pytest.mark.parametrize(("text", "score"), [("abc", 0), ("aaaaaaaaaaaa", 0),
                                             ("Summer2026!", 2),
                                             ("river otter harbour lamp", 4)])
def test_strength_hint(text: str, score: int) -> None:
    assert passphrase_hint(text)[0] == score
