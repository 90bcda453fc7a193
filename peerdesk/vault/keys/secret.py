"""Keys and passphrases in memory: held in mutable buffers and overwritten when dropped.

A notebook's key lives in a ``bytearray`` from the moment it is made or unwrapped until
``wipe`` overwrites it; its hex form (for SQLCipher's ``PRAGMA key`` and the credential
store) is built in a ``bytearray`` too. Where a library insists on an immutable ``bytes`` or
``str`` (the credential store answers with a ``str``, ``cryptography`` returns ``bytes``,
``sqlcipher3`` takes the SQL as a ``str``), ``wipe_bytes`` and ``wipe_str`` overwrite that
object's own characters in place once peerdesk holds the only reference to it.

Overwriting an immutable object is done through ``ctypes`` on CPython's documented object
layout (the characters follow the object header). It is used only on objects peerdesk has
just made or been handed and that nothing else refers to: an object that something else
still holds (a test's credential store keeps the very string it returns, for instance) is
left alone, and so are strings of one character, which the interpreter shares.
"""

from __future__ import annotations

import ctypes
import os
import sys

_HEX = b"0123456789abcdef"
_BYTES_OFFSET = bytes.__basicsize__ - 1  # ob_sval follows the header (CPython)
_ASCII_OFFSET = sys.getsizeof("") - 1
_COMPACT_OFFSET = sys.getsizeof("\u0100") - 4   # data of a one-character UCS-2 string
_UTF8_POINTER = _ASCII_OFFSET + 8   # PyCompactUnicodeObject: utf8_length, then utf8
_UNSHARED = 3  # references when only the caller holds it: its name, our parameter, the count's


def random_key(size: int = 32) -> bytearray:
    """``size`` random bytes read straight into a mutable buffer (no immutable copy)."""
    key = bytearray(size)
    if sys.platform == "win32":  # pragma: no cover - no /dev/urandom on Windows
        fresh = os.urandom(size)
        key[:] = fresh
        wipe_bytes(fresh)
        return key
    view = memoryview(key)
    with open("/dev/urandom", "rb", buffering=0) as source:
        filled = 0
        while filled < size:
            got = source.readinto(view[filled:])
            if not got:
                raise OSError("the system's random source gave nothing")
            filled += got
    view.release()
    return key


def to_hex(data: bytes | bytearray) -> bytearray:
    """Lower-case hex digits of ``data``, built in a mutable buffer."""
    out = bytearray(2 * len(data))
    for i, byte in enumerate(data):
        out[2 * i] = _HEX[byte >> 4]
        out[2 * i + 1] = _HEX[byte & 15]
    return out


def from_hex(text: str | bytes | bytearray) -> bytearray | None:
    """The bytes that hex ``text`` spells, or None when it is not hex of even length."""
    raw = text.encode("ascii", "replace") if isinstance(text, str) else text
    if len(raw) % 2:
        return None
    out = bytearray(len(raw) // 2)
    for i in range(len(out)):
        high, low = _nibble(raw[2 * i]), _nibble(raw[2 * i + 1])
        if high < 0 or low < 0:
            wipe(out)
            return None
        out[i] = high * 16 + low
    if isinstance(text, str):
        wipe_bytes(raw)  # type: ignore[arg-type]
    return out


def _nibble(code: int) -> int:
    if 48 <= code <= 57:
        return code - 48
    if 97 <= code <= 102:
        return code - 87
    if 65 <= code <= 70:
        return code - 55
    return -1


def wipe(buffer: bytearray | memoryview | None) -> None:
    """Overwrite a mutable buffer with zeros."""
    if buffer is None:
        return
    for i in range(len(buffer)):
        buffer[i] = 0


def wipe_bytes(data: bytes | None) -> None:
    """Overwrite an immutable ``bytes`` object's contents with zeros, in place."""
    if not isinstance(data, bytes) or len(data) < 2 or sys.getrefcount(data) > _UNSHARED:
        return
    ctypes.memset(id(data) + _BYTES_OFFSET, 0, len(data))


def wipe_str(text: str | None) -> None:
    """Overwrite a ``str``'s characters (and its cached UTF-8 form) with zeros, in place."""
    if not isinstance(text, str) or len(text) < 2 or sys.getrefcount(text) > _UNSHARED:
        return
    if text.isascii():
        ctypes.memset(id(text) + _ASCII_OFFSET, 0, len(text))
        return
    widest = max(map(ord, text))
    kind = 1 if widest < 0x100 else 2 if widest < 0x10000 else 4
    utf8 = ctypes.c_void_p.from_address(id(text) + _UTF8_POINTER).value
    utf8_length = ctypes.c_ssize_t.from_address(id(text) + _ASCII_OFFSET).value
    ctypes.memset(id(text) + _COMPACT_OFFSET, 0, len(text) * kind)
    if utf8 and utf8_length > 0:
        ctypes.memset(utf8, 0, utf8_length)
