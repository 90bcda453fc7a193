"""Sweeping the disk for plaintext: every file that changed under some folders, searched for
texts in UTF-8, UTF-16 and UTF-32 (both byte orders), and the texts' lower and upper case."""

from __future__ import annotations

import os
from collections.abc import Iterable, Mapping
from pathlib import Path

ENCODINGS = ("utf-8", "utf-16-le", "utf-16-be", "utf-32-le", "utf-32-be")
Snapshot = dict[Path, tuple[int, int, int]]


def forms(text: str) -> list[bytes]:
    out = []
    for variant in dict.fromkeys((text, text.lower(), text.upper())):
        out += [variant.encode(encoding) for encoding in ENCODINGS]
    return out


def snapshot(roots: Iterable[Path]) -> Snapshot:
    """Every regular file under ``roots`` with its (mtime, size, inode)."""
    seen: Snapshot = {}
    for root in roots:
        for folder, _dirs, names in os.walk(root):
            for name in names:
                path = Path(folder) / name
                try:
                    info = path.lstat()
                except OSError:
                    continue
                if path.is_file() and not path.is_symlink():
                    seen[path] = (info.st_mtime_ns, info.st_size, info.st_ino)
    return seen


def changed(roots: Iterable[Path], before: Snapshot) -> list[Path]:
    """Files new or changed since ``before``."""
    now = snapshot(roots)
    return sorted(p for p, stamp in now.items() if before.get(p) != stamp)


def holding(paths: Iterable[Path], texts: Mapping[str, str]) -> dict[str, list[Path]]:
    """For each named text, the files among ``paths`` that hold it in any encoding."""
    needles = {name: forms(text) for name, text in texts.items()}
    found: dict[str, list[Path]] = {name: [] for name in texts}
    for path in paths:
        try:
            data = path.read_bytes()
        except OSError:
            continue  # gone again, or not ours to read
        for name, options in needles.items():
            if any(option in data for option in options):
                found[name].append(path)
    return found
