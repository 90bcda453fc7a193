"""The retention clock: once the report is signed off, destruction is due and stays due.

The peer records the sign-off date (the stage moves to "report signed off"); from then
the app says how long destruction has been due. A hold with a reason (for example a
pending information request or a complaint) replaces that reminder until it is lifted.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from peerdesk.vault.domain import Engagement, Stage
from peerdesk.vault.errors import ValidationError
from peerdesk.vault.notebook import Notebook

MAX_REASON_LENGTH = 300


def en_gb(day: date) -> str:
    return day.strftime("%d/%m/%Y")


@dataclass(frozen=True)
class RetentionState:
    """What the reminder needs, read from the engagement."""

    stage: Stage
    signed_off_on: date | None
    hold_reason: str | None
    hold_since: date | None

    @property
    def on_hold(self) -> bool:
        return bool(self.hold_reason)

    def days_due(self, today: date) -> int | None:
        """Whole days destruction has been due, or None when it is not due yet."""
        if self.stage is not Stage.SIGNED_OFF or self.signed_off_on is None:
            return None
        return max(0, (today - self.signed_off_on).days)


def _parse(value: str | None) -> date | None:
    if not value:
        return None
    try:
        return date.fromisoformat(value[:10])
    except ValueError:
        return None


def state(notebook: Notebook) -> RetentionState:
    with notebook.read() as conn:
        row = conn.execute("SELECT signed_off_on, hold_reason, hold_since"
                           " FROM engagement WHERE id = 1").fetchone()
    if row is None:
        from peerdesk.vault.notebook import database_damaged

        raise database_damaged()
    return RetentionState(notebook.stage(), _parse(row[0]), row[1] or None, _parse(row[2]))


def record_signoff(notebook: Notebook, signed_off_on: date) -> RetentionState:
    """The report was signed off on ``signed_off_on``: destruction is due from that day."""
    today = notebook.clock.now().date()
    if signed_off_on > today:
        raise ValidationError(
            f"The sign-off date {en_gb(signed_off_on)} is in the future. "
            "Record it on or after the day the manager says the report is signed off.")
    current = state(notebook)
    if current.stage is Stage.DESTROYED:
        raise ValidationError("This engagement has already been destroyed.")
    with notebook.write() as conn:
        conn.execute("UPDATE engagement SET stage = ?, stage_by_hand = 0, signed_off_on = ?,"
                     " updated_at = ? WHERE id = 1",
                     (Stage.SIGNED_OFF.value, signed_off_on.isoformat(), notebook.now_text()))
    return state(notebook)


def hold(notebook: Notebook, reason: str, since: date | None = None) -> RetentionState:
    """Put destruction on hold; the hold replaces the reminder until it is lifted."""
    text = " ".join(reason.split())
    if not text:
        raise ValidationError("Say why destruction is on hold, for example "
                              "\"pending information request\".")
    if len(text) > MAX_REASON_LENGTH:
        raise ValidationError(f"Keep the reason short: at most {MAX_REASON_LENGTH} characters.")
    day = since or notebook.clock.now().date()
    with notebook.write() as conn:
        conn.execute("UPDATE engagement SET hold_reason = ?, hold_since = ?, updated_at = ?"
                     " WHERE id = 1", (text, day.isoformat(), notebook.now_text()))
    return state(notebook)


def lift_hold(notebook: Notebook) -> RetentionState:
    with notebook.write() as conn:
        conn.execute("UPDATE engagement SET hold_reason = NULL, hold_since = NULL,"
                     " updated_at = ? WHERE id = 1", (notebook.now_text(),))
    return state(notebook)


def _plural(count: int, word: str) -> str:
    return f"{count} {word}" if count == 1 else f"{count} {word}s"


def reminder(engagement: Engagement | RetentionState, today: date) -> str | None:
    """One plain sentence for the engagement and the start-up reminder, or None.

    An ``Engagement`` carries no hold date, so its hold sentence has no "since".
    """
    if isinstance(engagement, RetentionState):
        current = engagement
    else:
        current = RetentionState(engagement.stage, engagement.signed_off_on,
                                 engagement.hold_reason or None, None)
    if current.stage is Stage.DESTROYED:
        return None
    if current.on_hold:
        reason = (current.hold_reason or "").rstrip(". ")
        if current.hold_since is not None:
            return f"On hold since {en_gb(current.hold_since)}: {reason}."
        return f"On hold: {reason}."
    days = current.days_due(today)
    if days is None or current.signed_off_on is None:
        return None
    signed = en_gb(current.signed_off_on)
    if days == 0:
        return f"Destruction is due from today: the report was signed off on {signed}."
    return (f"Destruction has been due for {_plural(days, 'day')}, since the report was "
            f"signed off on {signed}.")
