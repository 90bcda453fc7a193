"""The stage follows the dates (preparing, on site, feedback given, signed off) unless the
peer sets it by hand; a stage set by hand is stored and kept until they go back."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest

from peerdesk.destruction import retention
from peerdesk.vault.clock import ManualClock
from peerdesk.vault.domain import Stage, stage_from_dates
from peerdesk.vault.errors import ValidationError
from peerdesk.vault.library import Library
from peerdesk.vault.notebook import Notebook

FIRST, LAST = date(2026, 3, 3), date(2026, 3, 6)


@pytest.mark.parametrize(("today", "expected"), [
    (date(2026, 3, 2), Stage.PREPARING),       # the Monday before
    (FIRST, Stage.ON_SITE),
    (date(2026, 3, 4), Stage.ON_SITE),         # the Wednesday of the on-site week
    (LAST, Stage.ON_SITE),
    (date(2026, 3, 7), Stage.FEEDBACK_GIVEN),  # the day after the last on-site day
    (date(2026, 4, 7), Stage.FEEDBACK_GIVEN),  # a month later
])
def test_the_dates_say_the_stage(today: date, expected: Stage) -> None:
    assert stage_from_dates(today, FIRST, LAST, None) is expected


def test_signed_off_once_its_date_is_set_and_preparing_without_dates() -> None:
    assert stage_from_dates(date(2026, 4, 20), FIRST, LAST, date(2026, 4, 14)) \
        is Stage.SIGNED_OFF
    assert stage_from_dates(date(2026, 4, 20), None, None, None) is Stage.PREPARING
    assert stage_from_dates(FIRST, FIRST, None, None) is Stage.ON_SITE  # one on-site day


def test_the_notebook_moves_through_the_stages_by_itself(
        notebook: Notebook, clock: ManualClock) -> None:
    clock.current = datetime(2026, 3, 1, 12, tzinfo=UTC)
    assert notebook.engagement().stage is Stage.PREPARING
    clock.current = datetime(2026, 3, 3, 12, tzinfo=UTC)   # Tuesday of the on-site week
    assert notebook.engagement().stage is Stage.ON_SITE
    clock.current = datetime(2026, 4, 3, 12, tzinfo=UTC)   # a month later
    assert notebook.engagement().stage is Stage.FEEDBACK_GIVEN
    retention.record_signoff(notebook, date(2026, 4, 2))
    engagement = notebook.engagement()
    assert engagement.stage is Stage.SIGNED_OFF and not engagement.stage_by_hand
    assert retention.state(notebook).days_due(date(2026, 4, 3)) == 1


def test_a_stage_set_by_hand_is_stored_until_the_dates_are_followed_again(
        library: Library, notebook: Notebook, clock: ManualClock) -> None:
    clock.current = datetime(2026, 3, 3, 12, tzinfo=UTC)
    notebook.set_stage(Stage.FEEDBACK_GIVEN)  # feedback came early, say
    notebook_id = notebook.id
    notebook.close()
    with library.open(notebook_id) as again:
        engagement = again.engagement()
        assert engagement.stage is Stage.FEEDBACK_GIVEN and engagement.stage_by_hand
        assert again.stage() is Stage.FEEDBACK_GIVEN
        again.set_stage(None)
        engagement = again.engagement()
        assert engagement.stage is Stage.ON_SITE and not engagement.stage_by_hand


def test_destroyed_is_not_a_stage_to_choose(notebook: Notebook) -> None:
    with pytest.raises(ValidationError, match="destroyed by destroying it"):
        notebook.set_stage(Stage.DESTROYED)
