"""The peer's decisions on hits: "not attributable" for one place, or new words.

An acceptance is remembered for one place in the summary (a finding's headline, a
signposting suggestion...), that exact text and that spot in it: the same words
elsewhere, or in the same text once it changes, are checked again.

The command line resolves hits from a decisions file, JSON or CSV, one decision a row:
- ``hit``: the hit's id as the check printed it (or ``place``, e.g. "finding:12:headline",
  with ``term``, the words found, to pick the hit in that place);
- ``decision``: ``accept`` (not attributable) or ``replace``;
- ``text``: for ``replace``, the words to write instead of those found.

    [{"hit": "3f9a2c1d0b", "decision": "accept"},
     {"hit": "8e21d04c7a", "decision": "replace", "text": "a senior leader"}]

    hit,decision,text
    3f9a2c1d0b,accept,
    8e21d04c7a,replace,a senior leader
"""

from __future__ import annotations

import csv
import io
import json
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path

from peerdesk.summary.attribution.folding import fold_word
from peerdesk.summary.attribution.hits import Hit, text_digest
from peerdesk.summary.edits import current_text, save_text
from peerdesk.vault.errors import ValidationError
from peerdesk.vault.notebook import Notebook


def accepted_keys(notebook: Notebook) -> set[tuple[str, str, int, str]]:
    with notebook.read() as conn:
        rows = conn.execute("SELECT place, text_sha256, start, term FROM accepted_place"
                            ).fetchall()
    return {(str(a), str(b), int(c), str(d)) for a, b, c, d in rows}


def split(notebook: Notebook, hits: list[Hit]) -> tuple[list[Hit], list[Hit]]:
    """(unresolved, accepted)."""
    keys = accepted_keys(notebook)
    return ([h for h in hits if h.key not in keys], [h for h in hits if h.key in keys])


def accept(notebook: Notebook, hit: Hit) -> None:
    """Remember that the peer judged this hit, in this place and this exact text, not
    attributable."""
    _accept_key(notebook, hit.key)


def withdraw(notebook: Notebook, hit: Hit) -> None:
    """Undo an acceptance."""
    with notebook.write() as conn:
        conn.execute("DELETE FROM accepted_place WHERE place = ? AND text_sha256 = ?"
                     " AND start = ? AND term = ?", hit.key)


def _accept_key(notebook: Notebook, key: tuple[str, str, int, str]) -> None:
    with notebook.write() as conn:
        conn.execute("INSERT OR IGNORE INTO accepted_place (place, text_sha256, start, term,"
                     " accepted_at) VALUES (?, ?, ?, ?, ?)", (*key, notebook.now_text()))


def replace_terms(notebook: Notebook, changes: list[tuple[Hit, str]],
                  keep: tuple[Hit, ...] | list[Hit] = ()) -> None:
    """Write new words in place of hits found in ONE text (``changes``: hit and its
    replacement), and keep the acceptances of ``keep`` (hits in the same text) at their
    new offsets."""
    source = changes[0][0].source
    stored = current_text(notebook, source)
    offset = stored.find(source.text)
    for hit, _words in changes:
        if offset == -1 or stored[offset + hit.start:offset + hit.end] != hit.term:
            raise ValidationError(f"The text at {hit.where} has changed since it was "
                                  "checked: check it again.")
    new = source.text
    for hit, words in sorted(changes, key=lambda c: c[0].start, reverse=True):
        new = new[:hit.start] + words + new[hit.end:]
    save_text(notebook, source, stored[:offset] + new + stored[offset + len(source.text):])
    for hit in keep:
        shift = sum(len(words) - (h.end - h.start) for h, words in changes if h.end <= hit.start)
        if any(h.start < hit.end and hit.start < h.end for h, _w in changes):
            continue   # replaced as well
        _accept_key(notebook, (hit.source.place, text_digest(new), hit.start + shift,
                               hit.term_key))


@dataclass(frozen=True)
class Decision:
    hit: str          # a hit id, or "" when place and term are given
    place: str
    term: str
    accept: bool
    text: str
    line: int         # where it is in the file, for messages


def _decision(row: dict[str, str], line: int) -> Decision:
    def value(key: str) -> str:
        return str(row.get(key) or "").strip()

    what = value("decision").lower()
    if what in ("accept", "not attributable", "not_attributable"):
        accept_it = True
    elif what in ("replace", "edit"):
        accept_it = False
    else:
        raise ValidationError(f"Decision {line}: say “accept” or “replace”, not “{what}”.")
    text = str(row.get("text") or "")
    if not accept_it and not text.strip():
        raise ValidationError(f"Decision {line}: “replace” needs the new words in “text”.")
    decision = Decision(value("hit") or value("id"), value("place"), value("term"),
                        accept_it, text, line)
    if not decision.hit and not decision.place:
        raise ValidationError(f"Decision {line}: name the hit by its id, or by place and "
                              "term.")
    return decision


def read_decisions(path: Path) -> list[Decision]:
    try:
        raw = path.read_text(encoding="utf-8-sig")
    except OSError as exc:
        raise ValidationError(f"The decisions file {path.name} cannot be read "
                              f"({exc.strerror}).") from None
    except UnicodeDecodeError:
        raise ValidationError(f"The decisions file {path.name} is not UTF-8 text.") from None
    stripped = raw.lstrip()
    if stripped.startswith(("[", "{")):
        try:
            data = json.loads(raw)
        except json.JSONDecodeError as exc:
            raise ValidationError(f"The decisions file {path.name} is not valid JSON "
                                  f"(line {exc.lineno}: {exc.msg}).") from None
        rows = data.get("decisions", []) if isinstance(data, dict) else data
        if not isinstance(rows, list) or not all(isinstance(r, dict) for r in rows):
            raise ValidationError(f"The decisions file {path.name} must hold a list of "
                                  "decisions.")
        return [_decision({str(k): str(v) for k, v in r.items()}, n)
                for n, r in enumerate(rows, start=1)]
    reader = csv.DictReader(io.StringIO(raw))
    fields = {f.strip().lower() for f in reader.fieldnames or ()}
    if "decision" not in fields:
        raise ValidationError(f"The decisions file {path.name} needs a “decision” column "
                              "(and “hit”, or “place” and “term”; “text” to replace).")
    return [_decision({(k or "").strip().lower(): v for k, v in r.items()}, n)
            for n, r in enumerate(reader, start=2)]


def _matches(decision: Decision, hit: Hit) -> bool:
    if decision.hit:
        return hit.id == decision.hit
    if hit.source.place != decision.place:
        return False
    return not decision.term or hit.term_key == " ".join(fold_word(decision.term).split())


def apply_decisions(notebook: Notebook, hits: list[Hit], decisions: list[Decision]) -> int:
    """Apply each decision to the hit it names; returns how many hits were resolved. A
    decision naming no hit of this check is refused before anything changes, so a typing
    error cannot pass unnoticed."""
    accepted: list[Hit] = []
    replaced: dict[str, list[tuple[Hit, str]]] = defaultdict(list)
    for decision in decisions:
        matching = [h for h in hits if _matches(decision, h)]
        if not matching:
            name = decision.hit or f"{decision.place} “{decision.term}”"
            raise ValidationError(f"Decision {decision.line}: no hit {name} in the summary "
                                  "as it is now (the text may have changed): check again.")
        for hit in matching:
            if decision.accept:
                accepted.append(hit)
            else:
                replaced[hit.source.place].append((hit, decision.text))
    for place, changes in replaced.items():
        replace_terms(notebook, changes, [h for h in accepted if h.source.place == place])
    for hit in accepted:
        if hit.source.place not in replaced:
            accept(notebook, hit)
    return len(accepted) + sum(len(c) for c in replaced.values())
