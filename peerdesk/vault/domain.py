"""Plain values the core hands to the GUI and the CLI. No Qt, no SQL."""

from __future__ import annotations

import contextlib
from dataclasses import dataclass, field
from datetime import date
from enum import StrEnum
from pathlib import Path


class Stage(StrEnum):
    PREPARING = "preparing"
    ON_SITE = "on_site"
    FEEDBACK_GIVEN = "feedback_given"
    SIGNED_OFF = "signed_off"
    DESTROYED = "destroyed"

    @property
    def label(self) -> str:
        return {
            "preparing": "Preparing",
            "on_site": "On site",
            "feedback_given": "Feedback given",
            "signed_off": "Report signed off: destruction due",
            "destroyed": "Destroyed",
        }[self.value]


def stage_from_dates(today: date, onsite_start: date | None, onsite_end: date | None,
                     signed_off_on: date | None) -> Stage:
    """The stage the dates say: report signed off once its date is recorded, feedback given
    after the last on-site day, on site during the on-site days, preparing before them."""
    if signed_off_on is not None and signed_off_on <= today:
        return Stage.SIGNED_OFF
    first = onsite_start or onsite_end
    last = onsite_end or onsite_start
    if first is None or last is None or today < first:
        return Stage.PREPARING
    return Stage.ON_SITE if today <= last else Stage.FEEDBACK_GIVEN


def current_stage(stored: Stage, by_hand: bool, today: date, onsite_start: date | None,
                  onsite_end: date | None, signed_off_on: date | None) -> Stage:
    """The stage shown and used: a destroyed engagement stays destroyed; a stage the peer
    set by hand stays until they go back to following the dates."""
    if stored is Stage.DESTROYED or by_hand:
        return stored
    return stage_from_dates(today, onsite_start, onsite_end, signed_off_on)


@dataclass
class TeamMember:
    name: str
    role: str = ""
    initials: str = ""
    email: str = ""
    is_me: bool = False
    id: int | None = None


@dataclass
class EngagementDetails:
    """What a peer types when making an engagement, and can edit later."""

    title: str
    client_system: str = ""
    onsite_start: date | None = None
    onsite_end: date | None = None
    my_name: str = ""
    my_initials: str = ""
    my_role: str = ""
    manager_name: str = ""
    manager_email: str = ""
    team: list[TeamMember] = field(default_factory=list)

    def problems(self) -> list[str]:
        """Plain sentences for anything that must be put right before saving."""
        out: list[str] = []
        if not self.title.strip():
            out.append("Give the engagement a title.")
        if self.onsite_start and self.onsite_end and self.onsite_end < self.onsite_start:
            out.append("The last on-site day is before the first.")
        email = self.manager_email.strip()
        if email and ("@" not in email or "." not in email.split("@")[-1] or " " in email):
            out.append("The manager's email address does not look right.")
        if self.my_initials and len(self.my_initials.strip()) > 4:
            out.append("Initials are at most four letters.")
        for member in self.team:
            if not member.name.strip():
                out.append("Every team member needs a name.")
                break
        return out


@dataclass
class Engagement(EngagementDetails):
    stage: Stage = Stage.PREPARING
    stage_by_hand: bool = False
    """True when the peer set the stage by hand; otherwise it follows the dates."""
    signed_off_on: date | None = None
    hold_reason: str | None = None
    rule_min_sources: int = 3
    rule_min_kinds: int = 2
    template_name: str = ""


@dataclass(frozen=True)
class FlipChart:
    id: int
    title: str
    question: str
    probes: tuple[str, ...]
    position: int
    retired: bool
    key: str | None = None


@dataclass(frozen=True)
class NotebookEntry:
    """One notebook as the list shows it. ``title`` is None while it cannot be unlocked."""

    id: str
    path: Path
    created: str
    title: str | None = None
    stage: Stage | None = None
    problem: str | None = None
    problem_kind: str | None = None  # the error's class name, for a short label in a list
    notice: str | None = None
    """Something amiss that does not stop it opening (a damaged key file, say)."""

    @property
    def damaged(self) -> bool:
        """True when a file of this notebook is damaged (not merely locked or in use)."""
        return self.problem_kind in DAMAGE_KINDS

    @property
    def label(self) -> str:
        if self.title:
            return self.title
        day = self.created[:10]
        with contextlib.suppress(ValueError):
            day = date.fromisoformat(day).strftime("%d/%m/%Y")
        if self.damaged:
            made = f" made {day}" if day else ""
            return f"An engagement{made} (its title cannot be read)"
        return f"Locked engagement, made {day}"


DAMAGE_KINDS = ("NotebookDamagedError", "SidecarDamagedError", "KeyFileDamagedError",
                "NotebookTooNewError")
"""The problems the list shows as "damaged"."""
