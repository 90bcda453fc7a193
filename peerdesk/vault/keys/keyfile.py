"""The passphrase-wrapped copy of a notebook's data key, kept in a small file beside it.

Format (JSON, version 1)::

    {"format": "peerdesk-keyfile", "version": 1, "notebook_id": "...",
     "created": "2026-03-03T09:00:00+00:00",
     "kdf": {"name": "argon2id", "salt": b64, "memory_kib": 65536, "iterations": 3, "lanes": 4},
     "nonce": b64, "wrapped_key": b64, "key_check": b64}

``wrapped_key`` is AES-256-GCM of the data key under the passphrase-derived key, with
the notebook id and format version as associated data, so a key file cannot be
swapped between notebooks. ``key_check`` is an HMAC of the notebook id under the data
key: it tells "this key is right, so the file must be damaged" apart from "wrong key",
which SQLCipher alone reports the same way. ``checksum`` (SHA-256 of the other fields,
see ``keyfile_format``) tells a damaged key file apart from a wrong passphrase; every
field is checked, with bounds, before the passphrase is stretched.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import secrets
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from typing import Any

from peerdesk.vault.errors import KeyFileDamagedError, WeakPassphraseError, WrongPassphraseError
from peerdesk.vault.keys import keyfile_format
from peerdesk.vault.keys.keyfile_format import FORMAT, VERSION, KeyFileFormatError
from peerdesk.vault.keys.secret import random_key, wipe, wipe_bytes
from peerdesk.vault.keys.strength import MIN_LENGTH, assess

__all__ = ["FORMAT", "VERSION", "KdfParams", "KeyFile", "check_passphrase", "derive_key",
           "new_data_key", "passphrase_hint"]
DATA_KEY_BYTES = 32
MIN_PASSPHRASE_LENGTH = MIN_LENGTH


def new_data_key() -> bytearray:
    """A fresh random 256-bit key for one notebook, in a buffer its holder wipes."""
    return random_key(DATA_KEY_BYTES)


@dataclass(frozen=True)
class KdfParams:
    name: str = "argon2id"
    salt: bytes = field(default=b"", repr=False)
    memory_kib: int = 65536
    iterations: int = 3
    lanes: int = 4
    # scrypt only
    n: int = 2**17
    r: int = 8
    p: int = 1

    @classmethod
    def interactive(cls) -> KdfParams:
        """The cost used for real notebooks: about a tenth of a second on a laptop."""
        return cls(salt=secrets.token_bytes(16))

    @classmethod
    def fast_for_tests(cls) -> KdfParams:
        return cls(salt=secrets.token_bytes(16), memory_kib=1024, iterations=1, lanes=1)

    def fresh(self) -> KdfParams:
        """Same cost, new salt."""
        return replace(self, salt=secrets.token_bytes(16))

    def to_json(self) -> dict[str, Any]:
        out: dict[str, Any] = {"name": self.name, "salt": _b64(self.salt)}
        if self.name == "argon2id":
            out |= {"memory_kib": self.memory_kib, "iterations": self.iterations,
                    "lanes": self.lanes}
        else:
            out |= {"n": self.n, "r": self.r, "p": self.p}
        return out

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> KdfParams:
        """Parameters read back from a key file, each checked within bounds first."""
        try:
            kdf = keyfile_format.check_kdf(data)
        except KeyFileFormatError as exc:
            raise ValueError(str(exc)) from None
        return cls(**kdf)


def derive_key(passphrase: str, params: KdfParams) -> bytes:
    """Stretch a passphrase into a 256-bit wrapping key (the caller wipes it after use:
    ``wipe_bytes``). The passphrase's UTF-8 form made here is overwritten at once."""
    secret = passphrase.encode("utf-8")  # a copy of the passphrase, wiped below
    try:
        if params.name == "argon2id":
            from cryptography.hazmat.primitives.kdf.argon2 import Argon2id

            return Argon2id(salt=params.salt, length=32, iterations=params.iterations,
                            lanes=params.lanes, memory_cost=params.memory_kib).derive(secret)
        from cryptography.hazmat.primitives.kdf.scrypt import Scrypt

        return Scrypt(salt=params.salt, length=32, n=params.n, r=params.r,
                      p=params.p).derive(secret)
    finally:
        wipe_bytes(secret)


def key_check(data_key: bytes | bytearray, notebook_id: str) -> bytes:
    return hmac.new(data_key, b"peerdesk key check\0" + notebook_id.encode(), hashlib.sha256)\
        .digest()[:16]


def _aad(notebook_id: str) -> bytes:
    return f"{FORMAT}/{VERSION}/{notebook_id}".encode()


@dataclass(frozen=True)
class KeyFile:
    notebook_id: str
    created: str
    kdf: KdfParams
    nonce: bytes = field(repr=False)
    wrapped_key: bytes = field(repr=False)
    check: bytes = field(repr=False)

    @classmethod
    def wrap(cls, data_key: bytes | bytearray, passphrase: str, notebook_id: str, created: str,
             kdf: KdfParams) -> KeyFile:
        from cryptography.hazmat.primitives.ciphers.aead import AESGCM

        check_passphrase(passphrase)
        nonce = secrets.token_bytes(12)
        wrapping_key = derive_key(passphrase, kdf)
        try:
            wrapped = AESGCM(wrapping_key).encrypt(nonce, data_key, _aad(notebook_id))
        finally:
            wipe_bytes(wrapping_key)
        return cls(notebook_id, created, kdf, nonce, wrapped, key_check(data_key, notebook_id))

    def unwrap(self, passphrase: str) -> bytearray:
        """The data key, in a buffer the caller wipes (``secret.wipe``) when done."""
        from cryptography.exceptions import InvalidTag
        from cryptography.hazmat.primitives.ciphers.aead import AESGCM

        wrapping_key = derive_key(passphrase, self.kdf)
        try:
            plain = AESGCM(wrapping_key).decrypt(self.nonce, self.wrapped_key,
                                                 _aad(self.notebook_id))
        except InvalidTag:
            raise WrongPassphraseError() from None
        finally:
            wipe_bytes(wrapping_key)
        data_key = bytearray(plain)
        wipe_bytes(plain)
        if not self.matches(data_key):
            wipe(data_key)
            raise KeyFileDamagedError()
        return data_key

    def matches(self, data_key: bytes | bytearray) -> bool:
        """True when ``data_key`` is this notebook's key."""
        return hmac.compare_digest(key_check(data_key, self.notebook_id), self.check)

    def to_bytes(self) -> bytes:
        doc: dict[str, Any] = {
            "format": FORMAT, "version": VERSION, "notebook_id": self.notebook_id,
            "created": self.created, "kdf": self.kdf.to_json(), "nonce": _b64(self.nonce),
            "wrapped_key": _b64(self.wrapped_key), "key_check": _b64(self.check),
        }
        doc[keyfile_format.CHECKSUM_FIELD] = keyfile_format.checksum(doc)
        return (json.dumps(doc, indent=2) + "\n").encode()

    @classmethod
    def from_bytes(cls, raw: bytes, expected_id: str,
                   where: str = "The notebook's key file") -> KeyFile:
        """Read a key file, checking every field before anything is derived from it.

        Raises ``KeyFileDamagedError`` (starting with ``where``) for anything amiss."""
        try:
            fields = keyfile_format.check(keyfile_format.parse(raw), expected_id)
        except KeyFileFormatError as exc:
            raise KeyFileDamagedError(
                f"{where} is damaged: {exc}. So the passphrase cannot be checked. If you "
                "have a copy of the key file (from a backup), put it back beside the "
                "notebook; until then the notebook opens only where the computer's "
                "credential store holds its key.") from None
        return cls(notebook_id=fields["notebook_id"], created=fields["created"],
                   kdf=KdfParams(**fields["kdf"]),
                   nonce=fields["nonce"], wrapped_key=fields["wrapped_key"],
                   check=fields["key_check"])


def check_passphrase(passphrase: str, related: Sequence[str] = ()) -> None:
    """Refuse a passphrase that is too easy to guess (see ``strength``), saying why."""
    strength = assess(passphrase, related)
    if not strength.acceptable:
        raise WeakPassphraseError(f"Choose a stronger passphrase. {strength.hint}")


def passphrase_hint(passphrase: str, related: Sequence[str] = ()) -> tuple[int, str]:
    """A plain strength hint: a score from 0 to 4 and a sentence or three."""
    strength = assess(passphrase, related)
    return strength.score, strength.hint


def _b64(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")

