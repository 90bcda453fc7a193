"""Text as the attribution check reads it, and as every format writes it.

``clean_text`` (kept in the model, which applies it to each stored text before anything is
rendered) means the check reads exactly what goes out: no control characters, no
invisible format characters (zero-width spaces, direction marks, soft hyphens) that could
hide a name from a search but not from a reader.

``plain`` and ``fold`` give copies for matching with a map back to the original offsets,
so a hit is shown where it really is: ``plain`` keeps the case and drops accents, ``fold``
is ``plain`` in lower case (the same length, character for character).
"""

from __future__ import annotations

import unicodedata

from peerdesk.summary.model import clean_text, invisible

__all__ = ["clean_text", "fold", "fold_word", "lower", "plain"]

_APOSTROPHES = dict.fromkeys("’‘ʼ`´′ʹ", "'")
_HYPHENS = dict.fromkeys("‐‑‒–—−", "-")
_SPACES = dict.fromkeys("\u00a0\u2007\u202f\u2009\u200a\u2002\u2003\u2004\u2005\u2006\t",
                        " ")
# Letters from other scripts that look Latin, as a reader sees them ("Jоhn" with a
# Cyrillic o).
_LOOKALIKES = dict(zip("аеорсуххіјѕԁԛԝАВЕКМНОРСТХІЈЅαορτυνΑΒΕΖΗΙΚΜΝΟΡΤΥΧ",
                       "aeopcyxxijsdqwABEKMHOPCTXIJSaoptuvABEZHIKMNOPTYX", strict=True))


def _plain_char(ch: str) -> str:
    if ch.isascii():
        return ch
    for table in (_APOSTROPHES, _HYPHENS, _SPACES, _LOOKALIKES):
        if ch in table:
            return table[ch]
    if invisible(ch):
        return ""
    decomposed = unicodedata.normalize("NFKD", ch)
    base = "".join(c for c in decomposed if not unicodedata.combining(c))
    if ch in "ßẞ":
        return "ss"
    if ch in "Øø":
        return "O" if ch == "Ø" else "o"
    if ch in "Łł":
        return "L" if ch == "Ł" else "l"
    return base if base.isprintable() else ""


def plain(text: str) -> tuple[str, list[int]]:
    """``text`` without accents (case kept); and for each character of the result its
    offset in ``text`` (plus one final entry for the end)."""
    if text.isascii():
        return text, list(range(len(text) + 1))
    out: list[str] = []
    index: list[int] = []
    for i, ch in enumerate(text):
        piece = ch if ch.isascii() else _plain_char(ch)
        out.append(piece)
        index.extend([i] * len(piece))
    index.append(len(text))
    return "".join(out), index


def lower(text: str) -> str:
    """Lower case, one character for one (so offsets stay valid)."""
    if text.isascii():
        return text.lower()
    return "".join(c if len(c := ch.lower()) == 1 else ch for ch in text)


def fold(text: str) -> tuple[str, list[int]]:
    """``text`` without accents, in lower case; and the map back (see ``plain``)."""
    out, index = plain(text)
    return lower(out), index


def fold_word(text: str) -> str:
    return fold(text)[0]
