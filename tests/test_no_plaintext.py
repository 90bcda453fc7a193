"""A marker typed into every engagement field is in no file on disk, yet the notebook shows it."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from peerdesk.vault.domain import EngagementDetails, TeamMember
from peerdesk.vault.library import Library
from peerdesk.vault.paths import AppPaths
from peerdesk.vault.settings import Settings
from tests.conftest import PASSPHRASE
from tests.plaintext_sweep import forms

MARKER = "Zqx7Marker"
INITIALS = "ZQXW"


def files_containing(paths: AppPaths, needle: str) -> list[Path]:
    """Files under peerdesk's folders holding ``needle`` as UTF-8, UTF-16 or UTF-32 (either
    byte order, any case)."""
    options = forms(needle)
    hits = []
    for root in paths.roots():
        for path in root.rglob("*"):
            if path.is_file():
                data = path.read_bytes()
                if any(form in data for form in options):
                    hits.append(path)
    return hits


def test_marker_in_every_field_never_reaches_the_disk(library: Library, paths: AppPaths) -> None:
    details = EngagementDetails(
        title=f"{MARKER} title", client_system=f"{MARKER} client",
        onsite_start=date(2026, 3, 3), onsite_end=date(2026, 3, 6),
        my_name=f"{MARKER} me", my_initials=INITIALS, my_role=f"{MARKER} role",
        manager_name=f"{MARKER} manager", manager_email=f"{MARKER.lower()}@example.org",
        team=[TeamMember(f"{MARKER} peer", f"{MARKER} peer role", "ZP")],
    )
    notebook = library.create(details, PASSPHRASE)
    settings = Settings(last_notebook=notebook.id, known_notebooks=[notebook.id])
    settings.save(paths)
    # While the notebook is open (WAL and all) and after it is closed.
    assert files_containing(paths, MARKER) == []
    notebook.close()
    assert files_containing(paths, MARKER) == []
    # Initials are at most four letters, so they cannot carry the long marker. Four bytes
    # turn up by chance in a few hundred kilobytes of ciphertext about once in 5,000 runs;
    # two letters turned up now and then (in the key file too), so the initials are four.
    assert files_containing(paths, INITIALS) == []
    with library.open(notebook.id) as again:
        engagement = again.engagement()
    assert engagement.title == f"{MARKER} title"
    assert engagement.team[0].role == f"{MARKER} peer role"
    assert engagement.manager_email == f"{MARKER.lower()}@example.org"


def test_the_scan_would_find_a_plaintext_marker(paths: AppPaths) -> None:
    (paths.cache / "leak.txt").write_bytes(f"x {MARKER} y".encode("utf-16-le"))
    assert files_containing(paths, MARKER) == [paths.cache / "leak.txt"]
    (paths.cache / "leak.txt").write_bytes(f"x {MARKER} y".encode("utf-32-be"))
    assert files_containing(paths, MARKER) == [paths.cache / "leak.txt"]
