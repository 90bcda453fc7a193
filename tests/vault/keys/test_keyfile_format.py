"""Every key-file field is checked, with bounds, before any key derivation: an absurd value
is a damaged key file, never a long wait, never a wrong passphrase; and a key file changed
since peerdesk wrote it is told as damaged even with the right passphrase."""

from __future__ import annotations

import base64
import functools
import json
from typing import Any

import pytest

from peerdesk.vault.errors import KeyFileDamagedError, WrongPassphraseError
from peerdesk.vault.keys import keyfile as keyfile_module
from peerdesk.vault.keys.keyfile import KdfParams, KeyFile, new_data_key
from peerdesk.vault.keys.keyfile_format import CHECKSUM_FIELD, checksum

PASS = "a long enough passphrase"


@functools.cache
def _raw() -> bytes:
    return KeyFile.wrap(new_data_key(), PASS, "abc123", "2026-03-01T09:00:00+00:00",
                        KdfParams.fast_for_tests()).to_bytes()


def written() -> dict[str, Any]:
    return dict(json.loads(_raw()))


def as_bytes(doc: dict[str, Any], *, reseal: bool = True) -> bytes:
    """The file as peerdesk would have written it with these values (a fresh checksum), so
    that the bounds themselves are what refuses it."""
    if reseal:
        doc[CHECKSUM_FIELD] = checksum(doc)
    return json.dumps(doc).replace("Infinity", "1e400").encode()


@pytest.fixture
def no_derivation(monkeypatch: pytest.MonkeyPatch) -> list[object]:
    _raw()  # made (with a real derivation) before derivations are forbidden
    calls: list[object] = []

    def derive(passphrase: str, params: object) -> bytes:
        calls.append(params)
        raise AssertionError("a key was derived from a key file that should be refused")

    monkeypatch.setattr(keyfile_module, "derive_key", derive)
    return calls


ABSURD = [
    ("version", float("inf")), ("version", 2), ("version", "1"), ("version", True),
    ("kdf.memory_kib", 2**31), ("kdf.memory_kib", 0), ("kdf.memory_kib", -1),
    ("kdf.memory_kib", 1.5), ("kdf.iterations", 100), ("kdf.iterations", 0),
    ("kdf.lanes", 0), ("kdf.lanes", 10**400), ("kdf.name", "pbkdf2"), ("kdf", None),
    ("kdf.salt", ""), ("kdf.salt", base64.b64encode(b"short").decode()),
    ("kdf.salt", "not base64!"), ("nonce", base64.b64encode(b"x" * 11).decode()),
    ("nonce", None), ("wrapped_key", base64.b64encode(b"x" * 40).decode()),
    ("key_check", base64.b64encode(b"x" * 15).decode()), ("created", None),
    ("created", "x" * 5000), ("notebook_id", "another"), ("format", "something else"),
]


@pytest.mark.parametrize(("field", "value"), ABSURD, ids=[f"{f}={v!r}"[:40] for f, v in ABSURD])
def test_absurd_values_are_a_damaged_key_file_before_any_work(
        field: str, value: object, no_derivation: list[object]) -> None:
    doc = written()
    holder = doc
    *path, last = field.split(".")
    for part in path:
        holder = holder[part]
    holder[last] = value
    with pytest.raises(KeyFileDamagedError, match="damaged"):
        KeyFile.from_bytes(as_bytes(doc), "abc123").unwrap(PASS)
    assert no_derivation == []


def test_scrypt_bounds_too(no_derivation: list[object]) -> None:
    doc = written()
    doc["kdf"] = {"name": "scrypt", "salt": doc["kdf"]["salt"], "n": 2**30, "r": 8, "p": 1}
    with pytest.raises(KeyFileDamagedError, match="outside"):
        KeyFile.from_bytes(as_bytes(doc), "abc123")
    doc["kdf"]["n"] = 3 * 2**12
    with pytest.raises(KeyFileDamagedError, match="power of two"):
        KeyFile.from_bytes(as_bytes(doc), "abc123")


def test_a_huge_or_deeply_nested_file_is_refused_quickly() -> None:
    with pytest.raises(KeyFileDamagedError, match="far larger"):
        KeyFile.from_bytes(b" " * (1 << 20), "abc123")
    with pytest.raises(KeyFileDamagedError, match="damaged"):
        KeyFile.from_bytes(b"[" * 100_000, "abc123")
    with pytest.raises(KeyFileDamagedError, match="damaged"):
        KeyFile.from_bytes(b'{"version": NaN}', "abc123")


@pytest.mark.parametrize("field", ["kdf.salt", "nonce", "wrapped_key", "kdf.iterations",
                                   "created"])
def test_a_changed_field_with_the_right_passphrase_is_damage_not_a_wrong_passphrase(
        field: str, no_derivation: list[object]) -> None:
    doc = written()
    holder = doc
    *path, last = field.split(".")
    for part in path:
        holder = holder[part]
    value = holder[last]
    if isinstance(value, int):
        holder[last] = value + 1
    else:
        chars = list(value)
        chars[3] = "A" if chars[3] != "A" else "B"
        holder[last] = "".join(chars)
    with pytest.raises(KeyFileDamagedError, match="changed since peerdesk wrote it"):
        KeyFile.from_bytes(as_bytes(doc, reseal=False), "abc123").unwrap(PASS)


def test_a_key_file_written_before_the_checksum_still_opens(monkeypatch: pytest.MonkeyPatch
                                                            ) -> None:
    key = new_data_key()
    doc = json.loads(KeyFile.wrap(key, PASS, "abc123", "2026-03-01T09:00:00+00:00",
                                  KdfParams.fast_for_tests()).to_bytes())
    del doc[CHECKSUM_FIELD]
    old = KeyFile.from_bytes(json.dumps(doc).encode(), "abc123")
    assert old.unwrap(PASS) == key
    with pytest.raises(WrongPassphraseError):
        old.unwrap("another long passphrase")


def test_whitespace_and_field_order_do_not_matter() -> None:
    key = new_data_key()
    raw = KeyFile.wrap(key, PASS, "abc123", "2026-03-01T09:00:00+00:00",
                       KdfParams.fast_for_tests()).to_bytes()
    doc = json.loads(raw)
    reordered = json.dumps(dict(reversed(list(doc.items()))), indent=7).encode()
    assert KeyFile.from_bytes(reordered, "abc123").unwrap(PASS) == key
