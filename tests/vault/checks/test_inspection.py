"""The full check reports every finding, each on its own file, even when one is damaged."""

from __future__ import annotations

from peerdesk.vault.library import Library
from tests.conftest import PASSPHRASE, sample_details
from tests.vault.checks.crashed import crashed, fingerprints, sidecars


def test_a_damaged_page_is_reported_with_its_number_and_nothing_changes(
        library: Library) -> None:
    with library.create(sample_details(), PASSPHRASE) as notebook:
        made = notebook.id
    path = sidecars(library, made)["notebook"]
    data = bytearray(path.read_bytes())
    data[4096 * 6 + 10] ^= 0x80
    path.write_bytes(bytes(data))
    before = fingerprints(library, made)
    report = library.inspect(made, PASSPHRASE)
    found = {f.label: f for f in report.findings}
    assert found["key file"].passed and found["write-ahead log (-wal)"].passed
    cipher = found["encryption check (every page's HMAC)"]
    assert not cipher.passed and any("page 7" in d for d in cipher.details)
    assert not found["database check"].passed
    assert not report.ok and str(path) in report.advice()
    assert fingerprints(library, made) == before


def test_a_damaged_log_is_reported_and_the_file_still_checked(library: Library) -> None:
    made = crashed(library)
    log = sidecars(library, made)["wal"]
    log.write_bytes(log.read_bytes()[:-3000])
    before = fingerprints(library, made)
    report = library.inspect(made)
    found = {f.label: f for f in report.findings}
    assert not found["write-ahead log (-wal)"].passed
    assert "cut short" in found["write-ahead log (-wal)"].summary
    assert found["encryption check (every page's HMAC)"].passed
    assert "-wal" in report.advice()
    assert fingerprints(library, made) == before


def test_a_damaged_key_file_is_one_finding_among_the_others(library: Library) -> None:
    with library.create(sample_details(), PASSPHRASE) as notebook:
        made = notebook.id
    key_file = sidecars(library, made)["keyfile"]
    key_file.write_bytes(key_file.read_bytes().replace(b'"iterations": 1', b'"iterations": 9'))
    report = library.inspect(made)   # the key from the credential store
    found = {f.label: f for f in report.findings}
    assert not found["key file"].passed and "changed since" in found["key file"].summary
    assert found["encryption check (every page's HMAC)"].passed
