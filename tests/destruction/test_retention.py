"""The retention clock: sign-off date, how long destruction has been due, and holds."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from peerdesk.destruction import retention
from peerdesk.vault.clock import ManualClock
from peerdesk.vault.domain import Stage
from peerdesk.vault.errors import ValidationError
from peerdesk.vault.library import Library
from peerdesk.vault.notebook import Notebook


def test_nothing_due_before_signoff(notebook: Notebook) -> None:
    state = retention.state(notebook)  # the clock is on the first on-site day
    assert state.stage is Stage.ON_SITE and state.signed_off_on is None
    assert state.days_due(date(2026, 6, 1)) is None
    assert retention.reminder(state, date(2026, 6, 1)) is None
    assert retention.reminder(notebook.engagement(), date(2026, 6, 1)) is None


def test_signoff_starts_the_clock_and_is_stored(library: Library, notebook: Notebook,
                                                clock: ManualClock) -> None:
    clock.advance(40 * 86400)   # 12/04/2026
    state = retention.record_signoff(notebook, date(2026, 4, 1))
    assert state.stage is Stage.SIGNED_OFF and state.signed_off_on == date(2026, 4, 1)
    assert retention.reminder(state, date(2026, 4, 13)) == (
        "Destruction has been due for 12 days, since the report was signed off on 01/04/2026.")
    assert retention.reminder(state, date(2026, 4, 2)) == (
        "Destruction has been due for 1 day, since the report was signed off on 01/04/2026.")
    assert retention.reminder(state, date(2026, 4, 1)) == (
        "Destruction is due from today: the report was signed off on 01/04/2026.")
    notebook_id = notebook.id
    notebook.close()
    with library.open(notebook_id) as again:
        engagement = again.engagement()
        assert engagement.stage is Stage.SIGNED_OFF
        assert engagement.signed_off_on == date(2026, 4, 1)
        assert retention.reminder(engagement, date(2026, 4, 13)).startswith(
            "Destruction has been due for 12 days")


def test_signoff_in_the_future_is_refused(notebook: Notebook, clock: ManualClock) -> None:
    tomorrow = clock.now().date() + timedelta(days=1)
    with pytest.raises(ValidationError, match="in the future"):
        retention.record_signoff(notebook, tomorrow)
    assert retention.state(notebook).stage is Stage.ON_SITE


def test_hold_replaces_the_reminder_until_lifted(notebook: Notebook, clock: ManualClock) -> None:
    clock.advance(31 * 86400)   # 03/04/2026
    retention.record_signoff(notebook, date(2026, 4, 1))
    state = retention.hold(notebook, "  pending information   request. ")
    assert state.hold_reason == "pending information request."
    assert state.hold_since == date(2026, 4, 3)
    assert retention.reminder(state, date(2026, 5, 1)) == (
        "On hold since 03/04/2026: pending information request.")
    assert retention.reminder(notebook.engagement(), date(2026, 5, 1)) == (
        "On hold: pending information request.")
    assert retention.state(notebook).stage is Stage.SIGNED_OFF
    lifted = retention.lift_hold(notebook)
    assert lifted.hold_reason is None and lifted.hold_since is None
    assert retention.reminder(lifted, date(2026, 5, 1)) == (
        "Destruction has been due for 30 days, since the report was signed off on 01/04/2026.")


def test_hold_needs_a_reason(notebook: Notebook) -> None:
    with pytest.raises(ValidationError, match="Say why"):
        retention.hold(notebook, "   ")
    with pytest.raises(ValidationError, match="short"):
        retention.hold(notebook, "x" * 400)
    assert retention.state(notebook).hold_reason is None
