"""The background writer behind live notes: never blocks, keeps only the newest text,
flushes on demand, survives a failed save."""

from __future__ import annotations

import threading

import pytest

from peerdesk.capture.autosave import AutosaveStoppedError, AutosaveWriter, SaveOutcome
from peerdesk.capture.sessions import SessionDetails, SessionNotFoundError, SessionStore
from peerdesk.vault.errors import PeerdeskError
from peerdesk.vault.notebook import Notebook


def test_submit_returns_at_once_while_a_save_is_slow_and_only_the_newest_is_saved() -> None:
    saving = threading.Event()
    release = threading.Event()
    saved: list[tuple[int, str]] = []

    def slow_save(session_id: int, text: str) -> None:
        saving.set()
        release.wait(30)
        saved.append((session_id, text))

    writer = AutosaveWriter(slow_save)
    writer.submit(1, "a")
    assert saving.wait(30)  # the worker is now stuck in the first save

    def hand_over() -> None:
        for n in range(1, 200):
            writer.submit(1, "a" * (n + 1))

    typist = threading.Thread(target=hand_over)
    typist.start()
    typist.join(30)
    # Every hand-over finished while the first save was still held: submit never waits
    # for the database (if it did, the typist would still be blocked here).
    assert not typist.is_alive() and not release.is_set()
    assert writer.pending()
    release.set()
    assert writer.flush(30)
    assert saved == [(1, "a"), (1, "a" * 200)]  # the 198 in between were never written
    assert writer.close(5) and not writer.alive


def test_each_session_keeps_its_own_newest_text() -> None:
    saved: dict[int, str] = {}
    writer = AutosaveWriter(lambda sid, text: saved.__setitem__(sid, text))
    writer.submit(1, "one")
    writer.submit(2, "two")
    writer.submit(1, "one, more")
    assert writer.close(5)
    assert saved == {1: "one, more", 2: "two"}
    with pytest.raises(AutosaveStoppedError):
        writer.submit(1, "too late")


def test_a_failed_save_is_reported_and_the_writer_carries_on() -> None:
    outcomes: list[SaveOutcome] = []
    calls = [0]

    def flaky(session_id: int, text: str) -> None:
        calls[0] += 1
        if calls[0] == 1:
            raise PeerdeskError("disk full")
        if calls[0] == 2:
            raise RuntimeError("database is locked")

    writer = AutosaveWriter(flaky, outcomes.append)
    for text in ("first", "second", "third"):
        writer.submit(7, text)
        assert writer.flush(5)
    writer.close(5)
    assert outcomes[0].error is not None and outcomes[0].error.message == "disk full"
    assert outcomes[1].error is not None and "RuntimeError" in outcomes[1].error.message
    assert "second" not in outcomes[1].error.message  # no note text in messages
    assert outcomes[2].error is None and outcomes[2].text == "third"


def test_writes_through_the_notebook_from_the_worker_thread(notebook: Notebook) -> None:
    store = SessionStore(notebook)
    session = store.add(SessionDetails("Chief executive, acute trust", "meeting"))
    outcomes: list[SaveOutcome] = []
    writer = AutosaveWriter(store.save_notes, outcomes.append)
    for n in range(1, 50):
        writer.submit(session.id, "x" * n)
    writer.submit(session.id + 99, "a deleted session")
    assert writer.close(10)
    assert store.notes(session.id) == "x" * 49
    assert isinstance(outcomes[-1].error, SessionNotFoundError)
    assert notebook.integrity().ok
