"""`peerdesk-cli import-timetable`, run as a separate process with no credential store."""

from __future__ import annotations

import os
import subprocess
import sys
from datetime import datetime
from pathlib import Path

import pytest

from peerdesk.capture.sessions import SessionStore
from peerdesk.vault.library import Library
from peerdesk.vault.paths import AppPaths
from tests.conftest import PASSPHRASE, sample_details
from tests.locations import TIMETABLES

FIXTURES = TIMETABLES
CLI = Path(sys.executable).parent / ("peerdesk-cli.exe" if os.name == "nt" else "peerdesk-cli")


def run(paths: AppPaths, *args: str, stdin: str = "") -> subprocess.CompletedProcess[str]:
    env = dict(os.environ)
    env.pop("PEERDESK_HOME", None)
    env["PYTHON_KEYRING_BACKEND"] = "keyring.backends.null.Keyring"
    home = paths.data.parent
    return subprocess.run([str(CLI), "--data-dir", str(home), *args], input=stdin,
                          capture_output=True, text=True, env=env, timeout=120)


def import_timetable(paths: AppPaths, notebook_id: str, name: str,
                     *extra: str) -> subprocess.CompletedProcess[str]:
    return run(paths, "import-timetable", notebook_id, str(FIXTURES / name),
               "--passphrase-stdin", *extra, stdin=PASSPHRASE + "\n")


@pytest.fixture
def notebook_id(library: Library) -> str:
    with library.create(sample_details(), PASSPHRASE) as notebook:
        return notebook.id


def stored(library: Library, notebook_id: str) -> list[tuple[str, str, datetime | None]]:
    with library.open(notebook_id, PASSPHRASE) as notebook:
        return [(s.title, s.kind, s.starts_at) for s in SessionStore(notebook).list_all()]


def test_help_lists_the_command(paths: AppPaths) -> None:
    result = run(paths, "--help")
    assert result.returncode == 0
    assert "import-timetable" in result.stdout


def test_a_valid_csv_is_imported_and_listed(library: Library, paths: AppPaths,
                                            notebook_id: str) -> None:
    result = import_timetable(paths, notebook_id, "utf8_bom_comma.csv")
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[-1] == "Added 5 sessions from utf8_bom_comma.csv."
    assert lines[0].startswith("02/03/2026 19:00-21:00  Peer team session")
    assert lines[0].endswith("Peer team dinner  (Café Rouge)")
    assert stored(library, notebook_id) == [
        ("Peer team dinner", "team_session", datetime(2026, 3, 2, 19).astimezone()),
        ("Chief executive, Northvale Council", "meeting",
         datetime(2026, 3, 3, 9, 30).astimezone()),
        ("Frontline staff", "focus_group", datetime(2026, 3, 3, 11).astimezone()),
        ("End of day catch-up with the client", "client_catch_up",
         datetime(2026, 3, 3, 17).astimezone()),
        ("Call with Healthwatch", "call", datetime(2026, 3, 4, 9, 30).astimezone()),
    ]


def test_a_calendar_is_imported(library: Library, paths: AppPaths, notebook_id: str) -> None:
    result = import_timetable(paths, notebook_id, "outlook_gmt.ics")
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines()[-1] == "Added 6 sessions from outlook_gmt.ics."
    assert "is cancelled and was left out" in result.stderr
    assert len(stored(library, notebook_id)) == 6


def test_a_bad_file_names_the_line_and_adds_nothing(library: Library, paths: AppPaths,
                                                    notebook_id: str) -> None:
    result = import_timetable(paths, notebook_id, "bad_date.csv")
    assert result.returncode == 2
    assert result.stderr.splitlines()[:2] == [
        "peerdesk: bad_date.csv was not imported, and nothing was added:",
        "- Line 4: the date '31/02/2026' is not a real date (dates are read day first, "
        "like 03/03/2026)"]
    assert result.stdout == ""
    assert stored(library, notebook_id) == []


def test_a_second_import_of_the_same_file_is_refused(library: Library, paths: AppPaths,
                                                     notebook_id: str) -> None:
    assert import_timetable(paths, notebook_id, "cp1252_semicolon.csv").returncode == 0
    again = import_timetable(paths, notebook_id, "cp1252_semicolon.csv")
    assert again.returncode == 2
    assert "- Line 2: 'Director of public health – Northvale' at 03/03/2026 14:00 is " \
           "already in the notebook" in again.stderr
    assert len(stored(library, notebook_id)) == 2


def test_dry_run_changes_nothing(library: Library, paths: AppPaths, notebook_id: str) -> None:
    result = import_timetable(paths, notebook_id, "outlook_export.csv", "--dry-run")
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines()[-1] == ("2 sessions would be added; nothing was "
                                              "changed (--dry-run).")
    assert result.stdout.splitlines()[0].startswith("02/03/2026 all day")
    assert "Column not used: 'Description'" in result.stderr
    assert stored(library, notebook_id) == []


def test_columns_can_be_mapped(library: Library, paths: AppPaths, notebook_id: str) -> None:
    unmapped = import_timetable(paths, notebook_id, "custom_columns.csv")
    assert unmapped.returncode == 2
    assert "- Line 1 (the column headings): no column for the title" in unmapped.stderr
    assert "Column not used: 'What'" in unmapped.stderr
    mapped = import_timetable(paths, notebook_id, "custom_columns.csv", "--map", "What=title",
                              "--map", "Notes=none")
    assert mapped.returncode == 0, mapped.stderr
    assert stored(library, notebook_id) == [
        ("Welcome from the chief executive", "meeting",
         datetime(2026, 3, 3, 8, 30).astimezone())]
    wrong = import_timetable(paths, notebook_id, "custom_columns.csv", "--map", "What=topic")
    assert wrong.returncode == 2
    assert "'topic' is not one of date, start, end" in wrong.stderr


def test_wrong_passphrase_and_missing_file(library: Library, paths: AppPaths,
                                           notebook_id: str) -> None:
    wrong = run(paths, "import-timetable", notebook_id, str(FIXTURES / "utf8_bom_comma.csv"),
                "--passphrase-stdin", stdin="not the passphrase\n")
    assert wrong.returncode == 2
    assert "That passphrase is not the one for this notebook" in wrong.stderr
    missing = import_timetable(paths, notebook_id, "no_such_file.csv")
    assert missing.returncode == 2
    assert "- The file: it cannot be read" in missing.stderr
    assert stored(library, notebook_id) == []
