"""Killing the app (SIGKILL) while a peer types loses at most about a second of notes,
and leaves a notebook that passes both integrity checks."""

from __future__ import annotations

import random
from datetime import UTC, datetime

from peerdesk.capture.sessions import SessionDetails, SessionStore
from peerdesk.vault.library import Library
from tests.conftest import PASSPHRASE, sample_details
from tests.crash_rounds import run_round
from tests.live_typing_driver import typed_text

ROUNDS = 3
MAX_LOSS_SECONDS = 1.2


def test_typed_text_is_deterministic_with_line_breaks() -> None:
    text = typed_text(400)
    assert len(text) == 400 and "\n" in text
    assert typed_text(150) == text[:150]


def test_sigkill_while_typing_loses_at_most_a_second(library: Library) -> None:
    with library.create(sample_details(), PASSPHRASE) as notebook:
        store = SessionStore(notebook)
        sessions = [store.add(SessionDetails(f"Interview {n}", "meeting",
                                             datetime(2026, 3, 3, 9 + n, tzinfo=UTC))).id
                    for n in range(ROUNDS)]
        notebook_id = notebook.id
    rng = random.Random(20260303)
    for session_id in sessions:
        result = run_round(library, notebook_id, session_id, PASSPHRASE,
                           type_seconds=rng.uniform(1.5, 3.0))
        assert result.typed > 20, "the driver typed for a while before the kill"
        assert result.prefix_ok, "what was stored is exactly the start of what was typed"
        assert result.stored > 0, "something was saved while typing went on"
        assert result.lost_seconds <= MAX_LOSS_SECONDS, (
            f"lost {result.typed - result.stored} characters typed "
            f"{result.lost_seconds:.2f} s before the kill")
        assert result.integrity_ok, result.problems
