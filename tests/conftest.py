"""Fixtures shared by the whole suite: a fresh folder, keyring and notebook for each test."""

from __future__ import annotations

import os
import shutil
import subprocess
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import keyring
import keyring.backend
import keyring.errors
import pytest

from peerdesk.vault.clock import ManualClock
from peerdesk.vault.domain import EngagementDetails, TeamMember
from peerdesk.vault.keys.keyfile import KdfParams
from peerdesk.vault.keys.keystore import KeyStore
from peerdesk.vault.library import Library
from peerdesk.vault.notebook import Notebook
from peerdesk.vault.paths import AppPaths

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
REQUIRE_SYSTEM = os.environ.get("PEERDESK_REQUIRE_SYSTEM_TESTS") == "1"
PASSPHRASE = "correct horse battery staple"


def need_system(available: bool, what: str) -> None:
    """Skip when a real system part is missing, unless CI requires it (then fail)."""
    if available:
        return
    if REQUIRE_SYSTEM:
        pytest.fail(f"{what} is required (PEERDESK_REQUIRE_SYSTEM_TESTS=1) but not available")
    pytest.skip(f"{what} is not available here")


def need_tools(*names: str) -> None:
    missing = [n for n in names if shutil.which(n) is None]
    need_system(not missing, "the command(s) " + ", ".join(missing))


class MemoryKeyring(keyring.backend.KeyringBackend):
    """An in-memory credential store for tests; the real Secret Service runs in CI."""

    priority = 1  # type: ignore[assignment]

    def __init__(self) -> None:
        super().__init__()
        self.items: dict[tuple[str, str], str] = {}
        self.refuse_delete = False
        self.locked = False

    def get_password(self, service: str, username: str) -> str | None:
        if self.locked:
            raise keyring.errors.KeyringLocked("locked")
        return self.items.get((service, username))

    def set_password(self, service: str, username: str, password: str) -> None:
        if self.locked:
            raise keyring.errors.KeyringLocked("locked")
        self.items[(service, username)] = password

    def delete_password(self, service: str, username: str) -> None:
        if self.refuse_delete or (service, username) not in self.items:
            raise keyring.errors.PasswordDeleteError("refused")
        del self.items[(service, username)]


@pytest.fixture
def memory_keyring() -> Iterator[MemoryKeyring]:
    previous = keyring.get_keyring()
    backend = MemoryKeyring()
    keyring.set_keyring(backend)
    try:
        yield backend
    finally:
        keyring.set_keyring(previous)


@pytest.fixture
def file_keyring(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """A credential store kept in a JSON file, which a child process sees too."""
    from tests.destruction_helpers import KEYRING_FILE_ENV, FileKeyring

    store = tmp_path / "keyring.json"
    monkeypatch.setenv(KEYRING_FILE_ENV, str(store))
    previous = keyring.get_keyring()
    keyring.set_keyring(FileKeyring())
    try:
        yield store
    finally:
        keyring.set_keyring(previous)


@pytest.fixture
def paths(tmp_path: Path) -> AppPaths:
    return AppPaths.under(tmp_path / "home").ensure()


@pytest.fixture
def clock() -> ManualClock:
    return ManualClock()


@pytest.fixture
def library(paths: AppPaths, memory_keyring: MemoryKeyring, clock: ManualClock) -> Library:
    return Library(paths, KeyStore(), KdfParams.fast_for_tests(), clock)


def sample_details(title: str = "Northvale health and care partnership") -> EngagementDetails:
    return EngagementDetails(
        title=title, client_system="Northvale ICS",
        onsite_start=date(2026, 3, 3), onsite_end=date(2026, 3, 6),
        my_name="Alex Morgan", my_initials="AM", my_role="Council chief executive peer",
        manager_name="Priya Shah", manager_email="priya.shah@example.org",
        team=[TeamMember("Jordan Lee", "Lead peer", "JL"),
              TeamMember("Sam O'Neill", "Director of adult social services", "SO")],
    )


@pytest.fixture
def notebook(library: Library) -> Iterator[Notebook]:
    nb = library.create(sample_details(), PASSPHRASE)
    try:
        yield nb
    finally:
        nb.close()


def secret_service_running() -> bool:
    if not shutil.which("dbus-send") or not os.environ.get("DBUS_SESSION_BUS_ADDRESS"):
        return False
    result = subprocess.run(
        ["dbus-send", "--session", "--print-reply", "--dest=org.freedesktop.DBus",
         "/org/freedesktop/DBus", "org.freedesktop.DBus.NameHasOwner",
         "string:org.freedesktop.secrets"], capture_output=True, text=True, timeout=10)
    return "boolean true" in result.stdout


@pytest.fixture
def secret_service() -> Iterator[None]:
    """The real Secret Service (gnome-keyring under dbus-run-session, see .ci/run)."""
    need_system(secret_service_running(), "a running Secret Service (gnome-keyring)")
    from keyring.backends import SecretService

    previous = keyring.get_keyring()
    keyring.set_keyring(SecretService.Keyring())
    try:
        yield
    finally:
        keyring.set_keyring(previous)
