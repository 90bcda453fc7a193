"""Words of a text with what the name finder needs to know about each: its case, whether
it starts a sentence, whether it is an initial or a possessive."""

from __future__ import annotations

import re
from dataclasses import dataclass

from peerdesk.summary.attribution.folding import lower, plain

_WORD = re.compile(r"[^\W\d_](?:[^\W\d_]|'(?=[^\W\d_])|-(?=[^\W\d_]))*")
_LETTER = re.compile(r"[^\W\d_]")
_UPPER = re.compile(r"[A-Z]")
_CONTRACTIONS = ("n't", "'re", "'ve", "'ll", "'d", "'m")
_SENTENCE_ENDS = ".!?:;•\n*>|"
_OPENERS = " \"'“‘([{-–—"
# Words after which a full stop does not end a sentence.
_ABBREVIATIONS = {"dr", "mr", "mrs", "ms", "mx", "prof", "st", "rev", "revd", "cllr", "no",
                  "eg", "ie", "e.g", "i.e", "etc", "vs", "approx", "sr", "jr", "fr", "sq",
                  "gen", "capt", "col", "lt", "sgt", "insp", "supt", "ch", "cf"}


@dataclass(frozen=True, slots=True)
class Token:
    start: int            # offsets in the original text
    end: int
    word: str             # as written, accents removed
    low: str              # folded (lower case, no accents)
    base: str             # folded, without a possessive ("barker" for "Barker's")
    possessive: bool
    cap: bool             # starts with a capital (or is in capitals)
    caps: bool            # all in capitals, two letters or more
    initial: bool         # a single letter, perhaps with a full stop: "J." or "J"
    dotted: bool          # followed by a full stop
    sentence_start: bool
    contraction: bool


@dataclass(frozen=True)
class Tokens:
    text: str
    plain: str
    index: list[int]
    words: list[Token]
    shouting: bool        # most letters in capitals: case says nothing about names

    def gap(self, left: int, right: int) -> str:
        """The original text between two tokens (by position in ``words``)."""
        return self.text[self.words[left].end:self.words[right].start]


def _possessive(word: str, after: str) -> tuple[str, bool]:
    if word.endswith("'s") and len(word) > 2:
        return word[:-2], True
    if word.endswith("s") and after.startswith("'") and not after[1:2].isalpha():
        return word, True
    return word, False


def tokenize(text: str) -> Tokens:
    plain_text, index = plain(text)
    folded = lower(plain_text)
    words: list[Token] = []
    previous_end = 0
    previous: Token | None = None
    for m in _WORD.finditer(plain_text):
        s, e = m.start(), m.end()
        word = m.group()
        low = folded[s:e]
        after = plain_text[e:e + 2]
        base, possessive = _possessive(low, after)
        contraction = low.endswith(_CONTRACTIONS)
        if contraction:
            base = low
        between = plain_text[previous_end:s]
        stripped = between.strip(_OPENERS)
        if previous is None:
            start = not stripped
        elif "\n" in between:
            start = True
        else:
            end_mark = stripped[-1:] if stripped else ""
            start = bool(end_mark) and end_mark in _SENTENCE_ENDS
            if end_mark == "." and (previous.initial or previous.base in _ABBREVIATIONS):
                start = False
        first = word[0]
        if first in "Oo" and word[1:2] == "'":
            first = word[2:3] or first
        token = Token(
            start=index[s], end=index[e - 1] + 1, word=word, low=low, base=base,
            possessive=possessive, cap=first.isupper(),
            caps=len(word) > 1 and word.isupper(), initial=len(word) == 1 and word.isupper(),
            dotted=after.startswith("."), sentence_start=start, contraction=contraction)
        words.append(token)
        previous, previous_end = token, e
    letters = len(_LETTER.findall(plain_text))
    shouting = letters >= 12 and len(_UPPER.findall(plain_text)) / letters > 0.7
    return Tokens(text, plain_text, index, words, shouting)
