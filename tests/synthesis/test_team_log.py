"""Peer team sessions and client catch-ups: what was shared, agreed, changed or given."""

from __future__ import annotations

import pytest

from peerdesk.synthesis.findings import FindingNotFoundError, FindingStore
from peerdesk.synthesis.team_log import MessageNotFoundError, TeamLog
from peerdesk.vault.errors import ValidationError
from peerdesk.vault.notebook import Notebook
from tests.synthesis_rows import add_session, charts


@pytest.fixture
def log(notebook: Notebook) -> TeamLog:
    return TeamLog(notebook)


def test_team_session_records_shared_agreed_and_changed(notebook: Notebook,
                                                       log: TeamLog) -> None:
    findings = FindingStore(notebook)
    chart = charts(notebook)[0]
    a = findings.create(chart, "Leadership is trusted", "strength")
    b = findings.create(chart, "Governance is untested", "area_to_explore")
    team = add_session(notebook, "team_session", "Team session: midday")
    other = add_session(notebook, "team_session", "Team session: end of day")
    first = log.record(team, "Workforce came up in every meeting")
    log.record(team, finding_id=a, outcome="agreed")
    log.record(team, "Reworded: untested by a hard decision", finding_id=b, outcome="changed")
    log.record(other, "Something else")
    messages = log.messages(team)
    assert [(m.text, m.outcome, m.finding_id) for m in messages] == [
        ("Workforce came up in every meeting", "shared", None),
        ("Leadership is trusted", "agreed", a),
        ("Reworded: untested by a hard decision", "changed", b),
    ]
    assert messages[1].outcome_text == "Agreed by the team"
    assert not any(m.informal for m in messages)
    assert findings.get(a).status == "agreed" and findings.get(a).included
    assert findings.get(b).status == "changed"
    assert len(log.messages()) == 4
    log.update_text(first, "  Workforce   everywhere ")
    assert log.messages(team)[0].text == "Workforce everywhere"
    log.delete(first)
    assert len(log.messages(team)) == 2
    assert findings.get(a).status == "agreed"  # deleting the note keeps the decision
    with pytest.raises(MessageNotFoundError):
        log.delete(first)


def test_client_catch_up_messages_are_informal(notebook: Notebook, log: TeamLog) -> None:
    findings = FindingStore(notebook)
    fid = findings.create(charts(notebook)[0], "Discharge work makes a difference", "strength")
    catch_up = add_session(notebook, "client_catch_up", "Catch-up with the client")
    log.record_informal(catch_up, "Early sense of a shared ambition")
    log.record_informal(catch_up, finding_id=fid)
    messages = log.messages(catch_up)
    assert [m.text for m in messages] == ["Early sense of a shared ambition",
                                          "Discharge work makes a difference"]
    assert all(m.informal and m.outcome == "informal" for m in messages)
    assert "not yet fully evidenced" in messages[0].outcome_text
    assert findings.get(fid).status == "emerging"  # telling the client agrees nothing


def test_wrong_session_kinds_and_bad_input_are_refused(notebook: Notebook,
                                                       log: TeamLog) -> None:
    meeting = add_session(notebook, "meeting")
    team = add_session(notebook, "team_session")
    catch_up = add_session(notebook, "client_catch_up")
    with pytest.raises(ValidationError, match="peer team session"):
        log.record(meeting, "Shared")
    with pytest.raises(ValidationError, match="peer team session"):
        log.record(catch_up, "Shared")
    with pytest.raises(ValidationError, match="client catch-up"):
        log.record_informal(team, "Said")
    with pytest.raises(ValidationError, match="finding"):
        log.record(team, "Agreed", outcome="agreed")
    with pytest.raises(ValidationError):
        log.record(team, "Something", outcome="informal")
    with pytest.raises(ValidationError):
        log.record(team, "   ")
    with pytest.raises(FindingNotFoundError):
        log.record(team, finding_id=999, outcome="agreed")
    with pytest.raises(ValidationError, match="no longer"):
        log.record(4242, "Shared")
    assert log.messages() == []  # nothing half-written
