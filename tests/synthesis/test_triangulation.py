"""Triangulation rules, as plain unit tests."""

from __future__ import annotations

import pytest

from peerdesk.synthesis.triangulation import (
    Label,
    Rule,
    RuleError,
    Source,
    Support,
    evidence_kind,
    label_for,
)
from peerdesk.vault.errors import ValidationError

RULE = Rule()  # at least 3 sources of at least 2 kinds


def meeting(i: int) -> Source:
    return Source(f"slot-{i}", "meeting")


def group(i: int) -> Source:
    return Source(f"slot-{i}", "focus_group")


def document(i: int) -> Source:
    return Source(f"document-{i}", "document")


def test_no_sources_is_no_evidence() -> None:
    assert Support.of([]).label(RULE) is Label.NO_EVIDENCE
    assert Label.NO_EVIDENCE.text == "No evidence yet"


def test_the_same_session_twice_counts_once() -> None:
    support = Support.of([meeting(1), meeting(1), meeting(1)])
    assert support.count == 1
    assert support.by_kind == {"meeting": 1}
    assert support.label(RULE) is Label.SINGLE_SOURCE


def test_two_sources_of_one_kind_are_corroborated() -> None:
    assert Support.of([meeting(1), meeting(2)]).label(RULE) is Label.CORROBORATED


def test_three_meetings_are_not_triangulated_without_a_second_kind() -> None:
    support = Support.of([meeting(1), meeting(2), meeting(3)])
    assert support.kinds == 1
    assert support.label(RULE) is Label.CORROBORATED


def test_documents_are_a_kind_of_their_own() -> None:
    support = Support.of([meeting(1), meeting(2), document(1)])
    assert support.by_kind == {"meeting": 2, "document": 1}
    assert support.label(RULE) is Label.TRIANGULATED


def test_a_document_and_a_session_with_the_same_id_are_two_sources() -> None:
    support = Support.of([meeting(7), document(7)])
    assert support.count == 2


def test_challenging_evidence_is_shown_but_never_counted() -> None:
    support = Support.of([meeting(1), group(2)], [meeting(3), document(4)])
    assert support.count == 2
    assert support.challenged
    assert support.label(RULE) is Label.CORROBORATED
    only_challenges = Support.of([], [meeting(3)])
    assert only_challenges.challenged and only_challenges.label(RULE) is Label.NO_EVIDENCE


def test_a_rule_change_relabels_the_same_support() -> None:
    support = Support.of([meeting(1), group(2)])
    assert support.label(RULE) is Label.CORROBORATED
    assert support.label(Rule(2, 2)) is Label.TRIANGULATED
    assert support.label(Rule(2, 1)) is Label.TRIANGULATED
    assert Support.of([meeting(1)]).label(Rule(1, 1)) is Label.TRIANGULATED
    assert Support.of([meeting(1), meeting(2), group(3)]).label(Rule(4, 2)) \
        is Label.CORROBORATED


@pytest.mark.parametrize("sources,kinds", [(0, 1), (1, 0), (-2, 1), (2, 3)])
def test_invalid_rules_are_refused_with_a_plain_message(sources: int, kinds: int) -> None:
    with pytest.raises(RuleError) as caught:
        Rule(sources, kinds)
    assert isinstance(caught.value, ValidationError)
    assert isinstance(caught.value, ValueError)  # the rule's earlier contract
    assert caught.value.message.startswith("The rule")


def test_a_rule_needs_whole_numbers() -> None:
    with pytest.raises(RuleError):
        Rule(2.5, 1)  # type: ignore[arg-type]
    with pytest.raises(RuleError):
        Rule(True, 1)


def test_rule_text() -> None:
    assert Rule().text == "at least 3 sources of at least 2 kinds"
    assert Rule(2, 1).text == "at least 2 sources of at least 1 kind"


def test_label_for_agrees_with_support() -> None:
    for support in (Support.of([]), Support.of([meeting(1)]),
                    Support.of([meeting(1), group(2), document(3)])):
        assert label_for(support.count, support.kinds, RULE) is support.label(RULE)


def test_relaying_sessions_are_not_sources_and_kinds_are_merged() -> None:
    assert evidence_kind("team_session") is None
    assert evidence_kind("client_catch_up") is None
    assert evidence_kind("feedback") is None
    assert evidence_kind("document_review") == evidence_kind("document") == "document"
    assert evidence_kind("call") == "meeting"
    assert evidence_kind("other") == "observation"
    assert evidence_kind(None) is None


def test_a_source_counts_once_under_one_kind() -> None:
    support = Support.of([Source("slot-1", "meeting"), Source("slot-1", "focus_group")])
    assert (support.count, support.kinds, support.by_kind) == (1, 1, {"focus_group": 1})
