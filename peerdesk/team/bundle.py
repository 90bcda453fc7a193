"""A team bundle: an ordinary age file holding one JSON document (UTF-8).

Encrypted to the recipients' team codes (age X25519), or with a passphrase (age scrypt)
when codes were not swapped, so ``age -d -i identity.txt bundle.age`` reads it too.

The JSON, version 1 (every field is required unless marked optional)::

    {
      "format": "peerdesk-team-bundle",
      "version": 1,
      "id": "<32 hex digits: this bundle>",
      "kind": "postits" | "handover",
      "made_at": "<UTC time, ISO 8601>",
      "from": {"initials": "AM", "code": "age1..."},
      "to": ["age1...", ...]            (the recipients' codes; empty with a passphrase)
      "engagement": "<the sender's engagement title, to warn of a mix-up>",
      "charts": [{"ref": "<key or theme:title>", "key": "<template key>" | null,
                  "title": "Governance"}],
      "sources": [{"id": "<stable source id>", "kind": "<session kind or document>",
                   (a session kind may be one the engagement's template added, by its key)
                   "day": "YYYY-MM-DD" | null, "same_as": ["<other ids of it>"]}],
      "postits": [{"id": "<32 hex: stable>", "rev": "<UTC time of the author's last change>",
                   "author": "age1...", "initials": "AM", "chart": "<a charts ref>",
                   "kind": "strength", "text": "...", "source": "<a sources id>" | null,
                   "day": "YYYY-MM-DD"}],
      "session": {                                   (a hand-over only)
        "source": "<a sources id>", "kind": "meeting", "title": "...",
        "starts_at": "<ISO 8601>" | null, "ends_at": "<ISO 8601>" | null,
        "rev": "<UTC time>", "notes": "...",
        "participants": [{"role": "...", "organisation": "...", "tenure": "...",
                          "relationship": "...", "name": "..." (only when the sender
                          chose to include names)}]}
    }

Nothing else goes in: no notebook ids, no finding, no document, no participant's name
unless the sender ticked that for a hand-over. ``parse`` checks the whole document
before anything is merged and raises ``BundleError`` with one plain sentence.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

import pyrage
from pyrage import passphrase as age_passphrase
from pyrage import x25519

from peerdesk.capture.postits import KIND_LABELS, MAX_TEXT
from peerdesk.vault.errors import PeerdeskError
from peerdesk.vault.schema import SESSION_KINDS

FORMAT = "peerdesk-team-bundle"
VERSION = 1
KINDS = ("postits", "handover")
AGE_MAGIC = b"age-encryption.org/v1\n"
MAX_FILE = 64 * 1024 * 1024
MAX_POSTITS = 100_000
MAX_CHARTS = 200
MAX_NOTES = 2 * 1024 * 1024
MAX_PARTICIPANTS = 500
_HEX32 = re.compile(r"^[0-9a-f]{32}$")
_REF = re.compile(r"^[A-Za-z0-9_:.\- ]{1,200}$")
SOURCE_KINDS = (*SESSION_KINDS, "document")
ADDED_KIND = re.compile(r"^[a-z0-9_]{1,40}$")
"""A type of session an engagement's template added: checked against the receiving
notebook's own when the bundle is read (``receive.read``)."""


class BundleError(PeerdeskError):
    default_message = "This file is not a peerdesk team bundle. Nothing was changed."


class NotForThisNotebookError(BundleError):
    default_message = ("This bundle was made for someone else on the team, not for this "
                       "notebook. Nothing was changed.")


class PassphraseNeededError(BundleError):
    default_message = "This bundle is locked with a passphrase: type the passphrase to open it."


def damaged(why: str = "") -> BundleError:
    return BundleError("This bundle is damaged and cannot be read" + (f" ({why})" if why else "")
                       + ". Nothing was changed: ask the colleague to send it again.")


@dataclass(frozen=True)
class BundlePostit:
    id: str
    rev: str
    author: str
    initials: str
    chart: str
    kind: str
    text: str
    source: str | None
    day: str


@dataclass(frozen=True)
class BundleSource:
    id: str
    kind: str
    day: str | None
    same_as: tuple[str, ...] = ()


@dataclass(frozen=True)
class BundleChart:
    ref: str
    key: str | None
    title: str


@dataclass(frozen=True)
class BundleParticipant:
    role: str
    organisation: str
    tenure: str = ""
    relationship: str = ""
    name: str | None = None


@dataclass(frozen=True)
class BundleSession:
    source: str
    kind: str
    title: str
    starts_at: str | None
    ends_at: str | None
    rev: str
    notes: str
    participants: tuple[BundleParticipant, ...] = ()


@dataclass(frozen=True)
class Bundle:
    id: str
    kind: str
    made_at: str
    from_initials: str
    from_code: str
    engagement: str
    charts: tuple[BundleChart, ...]
    sources: tuple[BundleSource, ...]
    postits: tuple[BundlePostit, ...]
    session: BundleSession | None = None
    to: tuple[str, ...] = ()

    def to_json(self) -> bytes:
        doc: dict[str, Any] = {
            "format": FORMAT, "version": VERSION, "id": self.id, "kind": self.kind,
            "made_at": self.made_at,
            "from": {"initials": self.from_initials, "code": self.from_code},
            "to": list(self.to),
            "engagement": self.engagement,
            "charts": [{"ref": c.ref, "key": c.key, "title": c.title} for c in self.charts],
            "sources": [{"id": s.id, "kind": s.kind, "day": s.day, "same_as": list(s.same_as)}
                        for s in self.sources],
            "postits": [{"id": p.id, "rev": p.rev, "author": p.author, "initials": p.initials,
                         "chart": p.chart, "kind": p.kind, "text": p.text, "source": p.source,
                         "day": p.day} for p in self.postits],
        }
        if self.session is not None:
            s = self.session
            people = []
            for person in s.participants:
                item = {"role": person.role, "organisation": person.organisation,
                        "tenure": person.tenure, "relationship": person.relationship}
                if person.name:
                    item["name"] = person.name
                people.append(item)
            doc["session"] = {"source": s.source, "kind": s.kind, "title": s.title,
                              "starts_at": s.starts_at, "ends_at": s.ends_at, "rev": s.rev,
                              "notes": s.notes, "participants": people}
        return json.dumps(doc, ensure_ascii=False, separators=(",", ":")).encode()


# -- sealing ----------------------------------------------------------------------------

def seal(data: bytes, codes: list[str]) -> bytes:
    return bytes(pyrage.encrypt(data, [x25519.Recipient.from_str(c) for c in codes]))


def seal_with_passphrase(data: bytes, passphrase: str) -> bytes:
    return bytes(age_passphrase.encrypt(data, passphrase))


def needs_passphrase(data: bytes) -> bool:
    """Whether an age file was locked with a passphrase (its header names scrypt)."""
    head = data[:512].split(b"\n---", 1)[0]
    return data.startswith(AGE_MAGIC) and b"\n-> scrypt " in head


def unseal(data: bytes, identity: x25519.Identity, passphrase: str | None = None) -> bytes:
    if not data.startswith(AGE_MAGIC):
        raise BundleError()
    if needs_passphrase(data):
        if passphrase is None:
            raise PassphraseNeededError()
        try:
            return bytes(age_passphrase.decrypt(data, passphrase))
        except pyrage.DecryptError:
            raise BundleError("That passphrase does not open this bundle (or the bundle is "
                              "damaged). Nothing was changed.") from None
    try:
        return bytes(pyrage.decrypt(data, [identity]))
    except pyrage.DecryptError as exc:
        if "no matching keys" in str(exc).lower():
            raise NotForThisNotebookError() from None
        raise damaged("it was cut short or changed on the way") from None


# -- reading the JSON -------------------------------------------------------------------

def _obj(value: Any, where: str) -> dict[str, Any]:
    if not isinstance(value, dict):
        raise damaged(f"{where} is not what peerdesk wrote")
    return value


def _list(value: Any, where: str, most: int) -> list[Any]:
    if not isinstance(value, list):
        raise damaged(f"{where} is not a list")
    if len(value) > most:
        raise damaged(f"it holds more {where} than peerdesk ever sends")
    return value


def _text(value: Any, where: str, most: int = MAX_TEXT, empty: bool = False) -> str:
    if not isinstance(value, str) or len(value) > most or (not empty and not value.strip()):
        raise damaged(f"a {where} is missing or too long")
    return value


def _opt(value: Any, where: str) -> str | None:
    return None if value is None else _text(value, where, 200)


def _ref(value: Any, where: str) -> str:
    text = _text(value, where, 200)
    if not _REF.match(text):
        raise damaged(f"a {where} is not what peerdesk wrote")
    return text


def _hex(value: Any, where: str) -> str:
    if not isinstance(value, str) or not _HEX32.match(value):
        raise damaged(f"a {where} is not what peerdesk wrote")
    return value


def _moment(value: Any, where: str) -> str:
    text = _text(value, where, 40)
    try:
        datetime.fromisoformat(text)
    except ValueError:
        raise damaged(f"a {where} is not a time") from None
    return text


def _day(value: Any, where: str) -> str:
    text = _text(value, where, 10)
    try:
        date.fromisoformat(text)
    except ValueError:
        raise damaged(f"a {where} is not a date") from None
    return text


def parse(data: bytes) -> Bundle:
    """The bundle inside a decrypted file, every field checked; nothing is merged here."""
    try:
        doc = json.loads(data.decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError, RecursionError):
        raise BundleError("This file opens, but it does not hold a peerdesk team bundle. "
                          "Nothing was changed.") from None
    doc = _obj(doc, "the bundle")
    if doc.get("format") != FORMAT:
        raise BundleError("This file opens, but it does not hold a peerdesk team bundle. "
                          "Nothing was changed.")
    if doc.get("version") != VERSION:
        raise BundleError("This bundle was made by a newer peerdesk. Update peerdesk to "
                          "receive it. Nothing was changed.")
    kind = doc.get("kind")
    if kind not in KINDS:
        raise damaged("its kind is unknown")
    sender = _obj(doc.get("from"), "the sender")
    charts = tuple(_chart(_obj(c, "a flip chart")) for c in
                   _list(doc.get("charts"), "flip charts", MAX_CHARTS))
    refs = {c.ref for c in charts}
    sources = tuple(_source(_obj(s, "a source")) for s in
                    _list(doc.get("sources"), "sources", MAX_POSTITS))
    source_ids = {s.id for s in sources}
    postits = tuple(_postit(_obj(p, "a post-it"), refs, source_ids) for p in
                    _list(doc.get("postits"), "post-its", MAX_POSTITS))
    if len({p.id for p in postits}) != len(postits):
        raise damaged("a post-it is in it twice")
    session = None
    if kind == "handover":
        session = _session(_obj(doc.get("session"), "the session"), source_ids)
    elif "session" in doc:
        raise damaged("post-its come with a session")
    return Bundle(
        id=_hex(doc.get("id"), "bundle id"), kind=str(kind),
        made_at=_moment(doc.get("made_at"), "time made"),
        from_initials=_text(sender.get("initials"), "sender's initials", 4),
        from_code=_ref(sender.get("code"), "sender's code"),
        engagement=_text(doc.get("engagement"), "engagement title", 500, empty=True),
        charts=charts, sources=sources, postits=postits, session=session,
        to=tuple(_ref(c, "recipient's code") for c in _list(doc.get("to"), "recipients", 50)))


def _chart(item: dict[str, Any]) -> BundleChart:
    return BundleChart(_ref(item.get("ref"), "flip chart"), _opt(item.get("key"), "chart key"),
                       _text(item.get("title"), "flip chart title", 500))


def _source(item: dict[str, Any]) -> BundleSource:
    kind = item.get("kind")
    if kind not in SOURCE_KINDS and not (isinstance(kind, str) and ADDED_KIND.match(kind)):
        raise damaged("a source's kind is unknown")
    day = item.get("day")
    same = _list(item.get("same_as", []), "names of one source", 50)
    return BundleSource(_ref(item.get("id"), "source"), str(kind),
                        None if day is None else _day(day, "source's day"),
                        tuple(_ref(s, "source") for s in same))


def _postit(item: dict[str, Any], charts: set[str], sources: set[str]) -> BundlePostit:
    chart = _ref(item.get("chart"), "post-it's flip chart")
    if chart not in charts:
        raise damaged("a post-it's flip chart is not listed")
    source = item.get("source")
    if source is not None and source not in sources:
        raise damaged("a post-it's source is not listed")
    kind = item.get("kind")
    if kind not in KIND_LABELS:
        raise damaged("a post-it's kind is unknown")
    initials = _text(item.get("initials"), "post-it's initials", 4, empty=True)
    return BundlePostit(_hex(item.get("id"), "post-it id"), _moment(item.get("rev"), "change"),
                        _ref(item.get("author"), "author"), initials.strip().upper(), chart,
                        str(kind), _text(item.get("text"), "post-it text").strip(),
                        None if source is None else str(source), _day(item.get("day"), "day"))


def _session(item: dict[str, Any], sources: set[str]) -> BundleSession:
    source = _ref(item.get("source"), "session's source")
    if source not in sources:
        raise damaged("the session's source is not listed")
    kind = item.get("kind")
    if kind not in SESSION_KINDS and not (isinstance(kind, str) and ADDED_KIND.match(kind)):
        raise damaged("the session's kind is unknown")
    people = []
    for raw in _list(item.get("participants", []), "participants", MAX_PARTICIPANTS):
        person = _obj(raw, "a participant")
        name = person.get("name")
        people.append(BundleParticipant(
            _text(person.get("role", ""), "role", 500, empty=True),
            _text(person.get("organisation", ""), "organisation", 500, empty=True),
            _text(person.get("tenure", ""), "tenure", 200, empty=True),
            _text(person.get("relationship", ""), "relationship", 500, empty=True),
            None if name is None else _text(name, "name", 200)))
    starts, ends = item.get("starts_at"), item.get("ends_at")
    return BundleSession(
        source, str(kind), _text(item.get("title"), "session title", 500),
        None if starts is None else _moment(starts, "start"),
        None if ends is None else _moment(ends, "end"), _moment(item.get("rev"), "change"),
        _text(item.get("notes"), "notes", MAX_NOTES, empty=True), tuple(people))
