"""Reading another process's memory, as root, and counting copies of secrets in it.

The harness lists the process's readable mappings in ``/proc/PID/maps`` and reads each
through ``/proc/PID/mem`` (root may, even when the process made itself not dumpable). A
secret is counted in every encoding a copy could take: UTF-8 (Python's own ``str`` of
ASCII or Latin-1 text, and every C library), UTF-16 (Qt's ``QString``) and UTF-32 (a
Python ``str`` with a character beyond the Basic Multilingual Plane), both byte orders.
"""

from __future__ import annotations

import os
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path

ENCODINGS = ("utf-8", "utf-16-le", "utf-32-le")
"""Little-endian only, as every supported processor is: a big-endian pattern would also
match a little-endian copy that happens to follow a zero byte, and count it twice."""


def forms(text: str) -> dict[str, bytes]:
    """``text`` as the bytes each encoding would hold (UTF-8 first)."""
    return {encoding: text.encode(encoding) for encoding in ENCODINGS}


def regions(pid: int) -> Iterator[tuple[int, int, str]]:
    """(start, end, name) of each readable mapping (the kernel's vvar page cannot be read)."""
    for line in Path(f"/proc/{pid}/maps").read_text().splitlines():
        parts = line.split(maxsplit=5)
        if "r" not in parts[1]:
            continue
        name = parts[5].strip() if len(parts) > 5 else ""
        if name in ("[vvar]", "[vsyscall]", "[vvar_vclock]"):
            continue
        start, end = (int(x, 16) for x in parts[0].split("-"))
        yield start, end, name


@dataclass
class MemoryCount:
    """How many copies of each secret the process holds, and where (mapping names)."""

    counts: dict[str, int] = field(default_factory=dict)
    where: dict[str, dict[str, int]] = field(default_factory=dict)
    scanned_bytes: int = 0

    def total(self, name: str) -> int:
        return self.counts.get(name, 0)


def count_copies(pid: int, needles: Mapping[str, bytes]) -> MemoryCount:
    """Count each needle (non-overlapping) in every readable page of process ``pid``."""
    result = MemoryCount({name: 0 for name in needles}, {name: {} for name in needles})
    fd = os.open(f"/proc/{pid}/mem", os.O_RDONLY)
    try:
        for start, end, name in regions(pid):
            try:
                data = os.pread(fd, end - start, start)
            except OSError:
                continue  # a mapping that went away or cannot be read (guard pages)
            result.scanned_bytes += len(data)
            for needle_name, needle in needles.items():
                found = data.count(needle)
                if found:
                    result.counts[needle_name] += found
                    where = result.where[needle_name]
                    where[name or "anonymous"] = where.get(name or "anonymous", 0) + found
    finally:
        os.close(fd)
    return result


def text_needles(name: str, text: str) -> dict[str, bytes]:
    """One needle per encoding of ``text``, named ``name/encoding``."""
    return {f"{name}/{encoding}": data for encoding, data in forms(text).items()}


def summed(count: MemoryCount, name: str) -> int:
    """Copies of ``name`` in every encoding."""
    return sum(n for key, n in count.counts.items() if key.split("/")[0] == name)
