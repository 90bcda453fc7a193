"""The red-team fixture: every identifying line is flagged, at most one decoy in fifty is.

The lines are in tests/fixtures/attribution/redteam.toml, by kind (unknown names, titles,
speech, possessives, surname shapes, capitals, accents, initials, roles, singling out,
phones, emails, NHS numbers, addresses) and decoys (places, organisations, sentence
starts, months and days, programmes, plural roles, departments, numbers, street-less
phrases). benchmarks/bench_attribution.py reports the same figures.
"""

from __future__ import annotations

import pytest

from tests.summary.attribution.redteam import RedTeam, load, score


@pytest.fixture(scope="module")
def red() -> RedTeam:
    return load()


def test_the_fixture_covers_every_kind(red: RedTeam) -> None:
    assert {"unknown_names", "titles", "speech", "possessives", "surname_shapes", "all_caps",
            "accents", "initials", "roles", "singling_out", "phones", "emails",
            "nhs_numbers", "addresses"} <= set(red.identifying)
    assert {"places", "organisations", "sentence_starts", "calendar", "programmes",
            "plural_roles", "departments", "numbers", "street_less"} <= set(red.decoys)
    assert sum(map(len, red.decoys.values())) >= 250


def test_every_identifying_line_is_flagged(red: RedTeam) -> None:
    result = score(red)
    assert result.missed == []
    assert result.recall == 1.0


def test_at_most_one_decoy_in_fifty_is_flagged(red: RedTeam) -> None:
    result = score(red)
    flagged = [(line, [(h.term, h.reason) for h in hits]) for line, hits in result.flagged]
    assert result.false_positive_rate <= 1 / 50, flagged
