"""A full disk, a read-only folder and an unchangeable file, for real (a tmpfs, a read-only
bind mount, chattr +i; CI runs as root, so chmod would prove nothing): each is told as
exactly what it is, never as damage (no advice to put an older copy back), nothing saved is
lost, no byte changes, and the same command works once the disk allows it."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest

from tests.cli_helpers import run_cli
from tests.storage_faults import fill, read_only, small_disk, unchangeable

pytestmark = pytest.mark.system

PASS = "correct horse battery staple\n"
TIMETABLE = Path(__file__).resolve().parents[1] / "fixtures" / "timetable" / "outlook_export.csv"


def made(home: Path) -> str:
    result = run_cli(home, "new", "--title", "Northvale", "--passphrase-stdin", stdin=PASS)
    assert result.returncode == 0, result.stderr
    return result.stdout.strip()


def fingerprints(home: Path) -> dict[str, str]:
    folder = home / "data" / "notebooks"
    return {p.name: hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.iterdir()) if not p.name.endswith(".lock")}


def writes(notebook_id: str, outside: Path) -> list[list[str]]:
    nb = notebook_id[:8]
    return [["signoff", nb, "01/04/2026", "--passphrase-stdin"],
            ["hold", nb, "--reason", "a complaint", "--passphrase-stdin"],
            ["import-timetable", nb, str(TIMETABLE), "--passphrase-stdin"],
            ["export", nb, "--format", "txt", "-o", str(outside / "s.txt"),
             "--passphrase-stdin"],
            ["passwd", nb, "--passphrase-stdin"]]


def refused_plainly(result: object, words: str) -> None:
    out = result.stdout + result.stderr  # type: ignore[attr-defined]
    assert result.returncode == 2, out  # type: ignore[attr-defined]
    assert "Traceback" not in out
    assert words in result.stderr, result.stderr  # type: ignore[attr-defined]
    assert "put it back" not in out and "damaged" not in out
    assert "Nothing was changed" in result.stderr  # type: ignore[attr-defined]


def test_a_full_disk(tmp_path: Path) -> None:
    with small_disk(tmp_path / "disk") as disk:
        home = disk / "home"
        notebook_id = made(home)
        outside = disk / "outside"
        outside.mkdir()
        filler = fill(disk)
        before = fingerprints(home)
        for args in writes(notebook_id, outside):
            stdin = PASS + "a new long passphrase\n" if args[0] == "passwd" else PASS
            refused_plainly(run_cli(home, *args, stdin=stdin), "is full")
            assert fingerprints(home) == before, args
        assert list(outside.iterdir()) == []            # no copy half-written, none recorded
        listed = run_cli(home, "list")
        assert listed.returncode == 0 and "DAMAGED" not in listed.stdout
        filler.unlink()                                 # space again: the same commands work
        for args in writes(notebook_id, outside)[:4]:
            assert run_cli(home, *args, stdin=PASS).returncode == 0, args
        exports = run_cli(home, "exports", notebook_id, "--passphrase-stdin", stdin=PASS)
        assert str(outside / "s.txt") in exports.stdout


def test_an_export_to_a_full_disk_says_how_much_is_needed(tmp_path: Path) -> None:
    home = tmp_path / "home"
    notebook_id = made(home)
    with small_disk(tmp_path / "usb", "1m") as usb:
        fill(usb)
        result = run_cli(home, "export", notebook_id, "--format", "pdf", "-o",
                         str(usb / "s.pdf"), "--passphrase-stdin", stdin=PASS)
        refused_plainly(result, "is full")
        assert "Free at least" in result.stderr and "needs about" in result.stderr
        assert list(usb.iterdir()) == [usb / "filler"]
    listed = run_cli(home, "exports", notebook_id, "--passphrase-stdin", stdin=PASS)
    assert "No copies have been written" in listed.stdout


def test_a_read_only_folder(tmp_path: Path) -> None:
    home = tmp_path / "home"
    notebook_id = made(home)
    outside = tmp_path / "outside"
    outside.mkdir()
    before = fingerprints(home)
    with read_only(home / "data"):
        for args in writes(notebook_id, outside):
            stdin = PASS + "a new long passphrase\n" if args[0] == "passwd" else PASS
            refused_plainly(run_cli(home, *args, stdin=stdin), "read-only")
        # what only reads still works
        listed = run_cli(home, "list")
        assert listed.returncode == 0 and "Northvale" not in listed.stderr
        check = run_cli(home, "check", notebook_id, "--passphrase-stdin", stdin=PASS)
        assert check.returncode == 0, check.stdout + check.stderr
        search = run_cli(home, "search", notebook_id, "Northvale", "--passphrase-stdin",
                         stdin=PASS)
        assert search.returncode in (0, 1) and "Traceback" not in search.stderr
        assert "read-only" in search.stderr
    assert fingerprints(home) == before
    assert list(outside.iterdir()) == []
    assert run_cli(home, "signoff", notebook_id, "01/04/2026", "--passphrase-stdin",
                   stdin=PASS).returncode == 0


def test_an_unchangeable_notebook_file(tmp_path: Path) -> None:
    home = tmp_path / "home"
    notebook_id = made(home)
    path = home / "data" / "notebooks" / f"{notebook_id}.peerdesk"
    before = fingerprints(home)
    with unchangeable(path):
        for args in writes(notebook_id, tmp_path)[:3]:
            refused_plainly(run_cli(home, *args, stdin=PASS), "unchangeable")
        assert "chattr -i" in run_cli(home, *writes(notebook_id, tmp_path)[0],
                                      stdin=PASS).stderr
        assert run_cli(home, "check", notebook_id, "--passphrase-stdin",
                       stdin=PASS).returncode == 0
    assert fingerprints(home) == before


def test_a_new_notebook_or_sample_on_a_full_disk_leaves_nothing_half_made(tmp_path: Path
                                                                          ) -> None:
    with small_disk(tmp_path / "disk", "2m") as disk:
        home = disk / "home"
        sample = run_cli(home, "demo", "--scale", "20", "--passphrase-stdin", stdin=PASS)
        refused_plainly(sample, "is full")
        fill(disk)
        new = run_cli(home, "new", "--title", "Northvale", "--passphrase-stdin", stdin=PASS)
        assert new.returncode == 2 and "is full" in new.stderr
        assert "create the notebook" in new.stderr or "save" in new.stderr
        assert list((home / "data" / "notebooks").iterdir()) == []
