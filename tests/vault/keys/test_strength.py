"""Passphrase strength by zxcvbn, told in plain words: common passwords, keyboard rows and
the engagement's own words are weak however long; unrelated words are strong."""

from __future__ import annotations

import pytest

from peerdesk.vault.errors import WeakPassphraseError
from peerdesk.vault.keys.keyfile import check_passphrase
from peerdesk.vault.keys.strength import MIN_SCORE, assess


@pytest.mark.parametrize(("text", "reason"), [
    ("password123", "a password many people use"),
    ("qwertyuiopas", ""),
    ("aaaaaaaaaaaa", "Repeated letters or words"),
    ("abcdefghijkl", "Sequences such as abc or 1234"),
])
def test_long_but_guessable_passphrases_are_refused_with_the_reason(text: str,
                                                                    reason: str) -> None:
    strength = assess(text)
    assert len(text) >= 10 and not strength.acceptable and strength.score < MIN_SCORE
    assert reason in strength.hint
    assert "Add another word or two" in strength.hint
    with pytest.raises(WeakPassphraseError, match="Choose a stronger passphrase"):
        check_passphrase(text)


def test_the_engagements_own_words_count_against_it() -> None:
    alone = assess("northvale partnership")
    leaning = assess("northvale partnership", ["Northvale partnership", "Alex Morgan"])
    assert leaning.score < alone.score
    assert "this engagement's own words" in leaning.hint


def test_unrelated_words_are_strong_and_the_hint_never_quotes_the_passphrase() -> None:
    strength = assess("river otter harbour lamp")
    assert strength.acceptable and strength.word == "Strong"
    assert "river" not in strength.hint
    assert "would need centuries to find it" in strength.hint  # not "about centuries"
    too_short = assess("tulip")
    assert not too_short.acceptable and too_short.hint.startswith("Too short")
