"""peerdesk-cli as a script uses it: no credential store, passphrases on stdin."""

from __future__ import annotations

from pathlib import Path

from peerdesk import __version__
from tests.cli_helpers import run_cli

PASS = "quiet harbour lantern\n"


def make(home: Path, title: str = "Eskdale review") -> str:
    result = run_cli(home, "new", "--title", title, "--my-name", "Alex Morgan",
                     "--my-initials", "AM", "--onsite-start", "03/03/2026",
                     "--onsite-end", "06/03/2026", "--manager-email", "m@example.org",
                     "--team", "Jordan Lee|Lead peer|JL", "--passphrase-stdin",
                     stdin=PASS * 2)
    assert result.returncode == 0, result.stderr
    assert "will ask for its passphrase each time" in result.stderr
    return result.stdout.strip()


def test_version(tmp_path: Path) -> None:
    result = run_cli(tmp_path, "--version")
    assert result.stdout.strip() == f"peerdesk {__version__}"


def test_new_list_check_passwd(tmp_path: Path) -> None:
    notebook_id = make(tmp_path)
    assert len(notebook_id) == 32
    listing = run_cli(tmp_path, "list")
    assert listing.returncode == 0
    assert notebook_id in listing.stdout and "Locked engagement" in listing.stdout
    check = run_cli(tmp_path, "check", notebook_id[:8], "--passphrase-stdin", stdin=PASS)
    assert check.returncode == 0, check.stderr
    assert "encryption check (every page's HMAC): passed" in check.stdout
    assert "database check: passed" in check.stdout
    assert "temporary storage: memory" in check.stdout
    changed = run_cli(tmp_path, "passwd", notebook_id, "--passphrase-stdin",
                      stdin=PASS + "new quiet harbour\n" * 2)
    assert changed.returncode == 0 and "Passphrase changed." in changed.stdout
    old = run_cli(tmp_path, "check", notebook_id, "--passphrase-stdin", stdin=PASS)
    assert old.returncode == 2 and "passphrase is not the one" in old.stderr
    new = run_cli(tmp_path, "check", notebook_id, "--passphrase-stdin",
                  stdin="new quiet harbour\n")
    assert new.returncode == 0


def test_without_a_store_the_key_is_asked_for(tmp_path: Path) -> None:
    notebook_id = make(tmp_path)
    result = run_cli(tmp_path, "check", notebook_id)
    assert result.returncode == 2
    assert "credential store is not available" in result.stderr
    assert "Traceback" not in result.stderr


def test_bad_input_gets_a_plain_message(tmp_path: Path) -> None:
    short = run_cli(tmp_path, "new", "--title", "X", "--passphrase-stdin", stdin="short\n")
    assert short.returncode == 2 and "at least 10 characters" in short.stderr
    bad_date = run_cli(tmp_path, "new", "--title", "X", "--onsite-start", "31/02/2026")
    assert bad_date.returncode == 2 and "not a date" in bad_date.stderr
    missing = run_cli(tmp_path, "check", "nosuchnotebook")
    assert missing.returncode == 2 and "No notebook matches" in missing.stderr
    empty = run_cli(tmp_path, "list")
    assert "No engagements yet" in empty.stdout
    assert not list((tmp_path / "data" / "notebooks").glob("*.peerdesk"))


def test_damaged_file_is_reported_and_left_alone(tmp_path: Path) -> None:
    notebook_id = make(tmp_path)
    path = tmp_path / "data" / "notebooks" / f"{notebook_id}.peerdesk"
    path.write_bytes(path.read_bytes()[:5000])
    before = path.read_bytes()
    result = run_cli(tmp_path, "check", notebook_id, "--passphrase-stdin", stdin=PASS)
    assert result.returncode == 2 and "damaged" in result.stderr
    assert path.read_bytes() == before
