"""How hard a passphrase is to guess, by a real estimator (zxcvbn), told in plain words.

zxcvbn recognises what guessing programs try first: common passwords, words and names,
keyboard rows, repeats, sequences, dates, and the engagement's own words when given them.
peerdesk takes a passphrase of at least ``MIN_LENGTH`` characters that zxcvbn scores
``MIN_SCORE`` (out of 4) or more, and says why when it does not, in its own words.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

MIN_LENGTH = 10
MIN_SCORE = 3
WORDS = ("Very weak", "Weak", "Fair", "Good", "Strong")
LOOKED_AT = 100  # zxcvbn slows down on very long inputs; the first 100 characters tell


@dataclass(frozen=True)
class Strength:
    score: int          # 0 to 4
    acceptable: bool
    hint: str           # a sentence or three, never quoting the passphrase

    @property
    def word(self) -> str:
        return WORDS[self.score]


def _problem(result: dict[str, Any], length: int) -> str:
    """The main reason it is guessable, from the parts zxcvbn found."""
    for part in sorted(result.get("sequence", []), key=lambda p: -len(p.get("token", ""))):
        pattern = part.get("pattern")
        if pattern == "dictionary":
            name = part.get("dictionary_name", "")
            if name == "user_inputs":
                return "It uses this engagement's own words (its title or names)."
            if name == "passwords":
                if len(part.get("token", "")) * 10 >= length * 6:
                    return "It is, or is close to, a password many people use."
                return "Part of it is a password that guessing programs try early."
            if name in ("male_names", "female_names", "surnames"):
                return "Names are among the first things guessed."
        if pattern == "spatial":
            return "Keys next to each other on the keyboard are easy to guess."
        if pattern == "repeat":
            return "Repeated letters or words are easy to guess."
        if pattern == "sequence":
            return "Sequences such as abc or 1234 are easy to guess."
        if pattern in ("date", "regex"):
            return "Dates and years are easy to guess."
    return ""


def assess(passphrase: str, related: Sequence[str] = ()) -> Strength:
    """The strength of ``passphrase``; ``related`` are words it should not lean on (the
    engagement's title, the peer's name...)."""
    if len(passphrase) < MIN_LENGTH:
        return Strength(0, False, f"Too short: use at least {MIN_LENGTH} characters. Three "
                        "or four words that have nothing to do with each other are long, "
                        "strong and easy to remember.")
    from zxcvbn import zxcvbn

    result = zxcvbn(passphrase[:LOOKED_AT],
                    user_inputs=[word for text in related for word in text.split() if word])
    score = int(result["score"])
    guessing = str(result["crack_times_display"]["offline_slow_hashing_1e4_per_second"])
    parts = [f"{WORDS[score]}."]
    problem = _problem(result, len(passphrase[:LOOKED_AT])) if score < 4 else ""
    if problem:
        parts.append(problem)
    if score < MIN_SCORE:
        parts.append("Add another word or two that have nothing to do with each other.")
    elif score < 4:
        parts.append("Good enough; another unrelated word would make it strong.")
    plain = guessing.startswith("less than") or guessing == "centuries"
    about = guessing if plain else f"about {guessing}"
    parts.append(f"A computer trying guesses would need {about} to find it.")
    return Strength(score, score >= MIN_SCORE, " ".join(parts))
