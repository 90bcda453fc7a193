"""Checking the write-ahead log (``<notebook>-wal``) before SQLite is allowed to use it.

SQLite reads the log's frames up to the first one that does not check out and silently
drops the rest, and a log from another notebook checks out by itself: it would be copied
into this notebook at the next checkpoint. So before a notebook is opened for writing,
peerdesk reads the log's frame headers (the format is SQLite's, documented in its "Database
File Format" page) and refuses a log that

- is not a write-ahead log at all, or has a header that does not check out;
- is for pages of another size;
- holds a committed change after a frame that does not check out (SQLite would drop it);
- ends part-way through a frame of its own, which only damage or a cut leaves;
- carries a first page whose salt is not this notebook's (a log of another notebook).

What the frames hold is checked by SQLCipher itself, page by page, when the notebook is
opened read-only with the log (see ``database.validate``).
"""

from __future__ import annotations

import struct
from dataclasses import dataclass
from pathlib import Path

HEADER = 32
FRAME_HEADER = 24
MAGICS = (0x377F0682, 0x377F0683)
FORMAT_VERSION = 3007000
SALT_BYTES = 16
"""SQLCipher keeps each notebook's random salt in the first 16 bytes of its first page."""


@dataclass(frozen=True)
class WalReport:
    size: int
    frames: int = 0
    """Frames SQLite would use (up to the last committed one)."""
    problem: str | None = None
    """Why the log must not be used, in words; None when it may."""

    @property
    def holds_changes(self) -> bool:
        return self.frames > 0


def _checksum(data: bytes, big_endian: bool, s0: int = 0, s1: int = 0) -> tuple[int, int]:
    """SQLite's WAL checksum: over pairs of 32-bit words, each sum feeding the next."""
    mask = 0xFFFFFFFF
    for first, second in struct.iter_unpack(">II" if big_endian else "<II", data):
        s0 = (s0 + first + s1) & mask
        s1 = (s1 + second + s0) & mask
    return s0, s1


def check(path: Path, page_size: int, notebook_salt: bytes) -> WalReport:
    """Read the log at ``path`` (which exists) and say whether SQLite may use it."""
    with path.open("rb") as handle:
        data = handle.read()
    size = len(data)
    if size == 0:
        return WalReport(0)
    if size < HEADER:
        return WalReport(size, problem="it is too short to be a write-ahead log")
    magic, version, wal_page, _seq, salt1, salt2, c1, c2 = struct.unpack(">8I", data[:HEADER])
    if magic not in MAGICS or version != FORMAT_VERSION:
        return WalReport(size, problem="it is not a write-ahead log")
    big = bool(magic & 1)
    if _checksum(data[:24], big) != (c1, c2):
        return WalReport(size, problem="its header is damaged")
    if wal_page != page_size:
        return WalReport(size, problem="it was written for another kind of file")
    frame = FRAME_HEADER + page_size
    count, tail = divmod(size - HEADER, frame)
    s0, s1 = c1, c2
    used = 0
    stop: int | None = None
    for index in range(count):
        start = HEADER + index * frame
        head = data[start:start + FRAME_HEADER]
        page, commit, f_salt1, f_salt2, f_c1, f_c2 = struct.unpack(">6I", head)
        if (f_salt1, f_salt2) != (salt1, salt2) or page == 0:
            stop = index
            break
        s0, s1 = _checksum(head[:8] + data[start + FRAME_HEADER:start + frame], big, s0, s1)
        if (s0, s1) != (f_c1, f_c2):
            stop = index
            break
        if page == 1:
            first = data[start + FRAME_HEADER:start + FRAME_HEADER + SALT_BYTES]
            if first != notebook_salt:
                return WalReport(size, problem="it belongs to another notebook")
        if commit:
            used = index + 1
    if stop is not None:
        for index in range(stop + 1, count):
            start = HEADER + index * frame
            _page, commit, f_salt1, f_salt2 = struct.unpack(">4I", data[start:start + 16])
            if commit and (f_salt1, f_salt2) == (salt1, salt2):
                return WalReport(size, used, problem="part of it is damaged, and saved "
                                                     "changes after that part would be lost")
    elif tail > FRAME_HEADER:
        start = HEADER + count * frame
        _page, _commit, f_salt1, f_salt2 = struct.unpack(">4I", data[start:start + 16])
        if (f_salt1, f_salt2) == (salt1, salt2):
            return WalReport(size, used, problem="it has been cut short")
    return WalReport(size, used)
