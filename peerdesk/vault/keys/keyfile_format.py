"""Reading a key file strictly: every field checked, with bounds, BEFORE any work is done.

A key file is small JSON that a person, a sync tool or a failing disk may have changed. So
before the passphrase is stretched (which costs what the file's own numbers say), each
value is checked against what peerdesk itself writes: the key derivation's memory, passes
and lanes, the sizes of the salt, the nonce and the wrapped key, the format and version.
A value out of bounds, of the wrong type, or absurd (``1e400``, ``NaN``, a string of a
million digits) makes the file *damaged*, never a wrong passphrase.

Key files also carry a checksum of their fields (SHA-256; not a secret: it only shows that
nothing changed since peerdesk wrote them). With it, a flipped character in the salt or the
wrapped key is reported as a damaged key file instead of "that passphrase is not the one".
Key files written before the checksum existed are still read, with the bounds alone.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import json
from typing import Any

FORMAT = "peerdesk-keyfile"
VERSION = 1
MAX_FILE_BYTES = 64 * 1024
CHECKSUM_FIELD = "checksum"

SALT_BYTES = (16, 64)
NONCE_BYTES = 12
WRAPPED_BYTES = 32 + 16  # the 256-bit key and AES-GCM's tag
CHECK_BYTES = 16
ARGON2 = {"memory_kib": (8, 256 * 1024), "iterations": (1, 10), "lanes": (1, 16)}
ARGON2_MAX_WORK = 1024 * 1024
"""memory_kib times iterations: about five times what peerdesk uses (64 MiB, 3 passes)."""
SCRYPT = {"n": (2**10, 2**20), "r": (1, 32), "p": (1, 16)}
SCRYPT_MAX_BYTES = 256 * 1024 * 1024
"""scrypt's memory (128 * n * r bytes), times p: at most 256 MiB of work."""


class KeyFileFormatError(ValueError):
    """What is wrong with the key file, in a few plain words."""


def _reject_constant(name: str) -> Any:
    raise KeyFileFormatError(f"it holds the value {name}")


def parse(raw: bytes) -> dict[str, Any]:
    """The key file's JSON object, or ``KeyFileFormatError``."""
    if len(raw) > MAX_FILE_BYTES:
        raise KeyFileFormatError("it is far larger than a key file")
    try:
        doc = json.loads(raw.decode("utf-8"), parse_constant=_reject_constant)
    except KeyFileFormatError:
        raise
    except (ValueError, RecursionError) as exc:
        raise KeyFileFormatError("it is not readable JSON") from exc
    if not isinstance(doc, dict):
        raise KeyFileFormatError("it is not a peerdesk key file")
    return doc


def whole(value: Any, name: str, bounds: tuple[int, int]) -> int:
    """An integer field within ``bounds`` (inclusive); bools and floats are refused."""
    if isinstance(value, bool) or not isinstance(value, int):
        raise KeyFileFormatError(f"its {name} is not a whole number")
    low, high = bounds
    if not low <= value <= high:
        raise KeyFileFormatError(f"its {name} ({value if abs(value) < 10**12 else 'huge'}) is "
                                 f"outside {low} to {high}")
    return value


def text(value: Any, name: str, longest: int = 200) -> str:
    if not isinstance(value, str):
        raise KeyFileFormatError(f"its {name} is not text")
    if len(value) > longest:
        raise KeyFileFormatError(f"its {name} is too long")
    return value


def raw_bytes(value: Any, name: str, sizes: tuple[int, int]) -> bytes:
    """A base64 field whose decoded length is within ``sizes``."""
    encoded = text(value, name, 4 * sizes[1] // 3 + 4)
    try:
        data = base64.b64decode(encoded.encode("ascii"), validate=True)
    except (ValueError, binascii.Error, UnicodeEncodeError):
        raise KeyFileFormatError(f"its {name} is not base64") from None
    if not sizes[0] <= len(data) <= sizes[1]:
        raise KeyFileFormatError(f"its {name} is {len(data)} bytes, not "
                                 + (f"{sizes[0]}" if sizes[0] == sizes[1]
                                    else f"{sizes[0]} to {sizes[1]}"))
    return data


def check_kdf(kdf: Any) -> dict[str, Any]:
    """The key derivation's parameters, every one within bounds; raises otherwise."""
    if not isinstance(kdf, dict):
        raise KeyFileFormatError("its key derivation settings are missing")
    name = kdf.get("name")
    out: dict[str, Any] = {"name": name, "salt": raw_bytes(kdf.get("salt"), "salt", SALT_BYTES)}
    if name == "argon2id":
        for key, bounds in ARGON2.items():
            out[key] = whole(kdf.get(key), key.replace("_", " "), bounds)
        if out["memory_kib"] < 8 * out["lanes"]:
            raise KeyFileFormatError("its memory is too small for its lanes")
        if out["memory_kib"] * out["iterations"] > ARGON2_MAX_WORK:
            raise KeyFileFormatError("its key derivation would take far too long")
    elif name == "scrypt":
        for key, bounds in SCRYPT.items():
            out[key] = whole(kdf.get(key), key, bounds)
        if out["n"] & (out["n"] - 1):
            raise KeyFileFormatError("its n is not a power of two")
        if 128 * out["n"] * out["r"] * out["p"] > SCRYPT_MAX_BYTES:
            raise KeyFileFormatError("its key derivation would take far too much memory")
    else:
        raise KeyFileFormatError("it names an unknown key derivation")
    return out


def checksum(doc: dict[str, Any]) -> str:
    """SHA-256 of every field but the checksum itself and the notebook id (the id is bound
    into the wrapped key already, and checked against the file's name)."""
    fields = {k: v for k, v in doc.items() if k not in (CHECKSUM_FIELD, "notebook_id")}
    canonical = json.dumps(fields, sort_keys=True, separators=(",", ":"), ensure_ascii=True)
    return hashlib.sha256(canonical.encode("ascii")).hexdigest()


def check(doc: dict[str, Any], expected_id: str) -> dict[str, Any]:
    """Every field of a parsed key file, checked; raises ``KeyFileFormatError``."""
    if doc.get("format") != FORMAT:
        raise KeyFileFormatError("it is not a peerdesk key file")
    whole(doc.get("version"), "version", (VERSION, VERSION))
    notebook_id = text(doc.get("notebook_id"), "notebook id", 64)
    if notebook_id != expected_id:
        raise KeyFileFormatError("it belongs to another notebook")
    stored = doc.get(CHECKSUM_FIELD)
    if stored is not None and text(stored, "checksum", 64) != checksum(doc):
        raise KeyFileFormatError("it has been changed since peerdesk wrote it")
    return {
        "notebook_id": notebook_id,
        "created": text(doc.get("created"), "creation time", 64),
        "kdf": check_kdf(doc.get("kdf")),
        "nonce": raw_bytes(doc.get("nonce"), "nonce", (NONCE_BYTES, NONCE_BYTES)),
        "wrapped_key": raw_bytes(doc.get("wrapped_key"), "wrapped key",
                                 (WRAPPED_BYTES, WRAPPED_BYTES)),
        "key_check": raw_bytes(doc.get("key_check"), "key check", (CHECK_BYTES, CHECK_BYTES)),
    }
