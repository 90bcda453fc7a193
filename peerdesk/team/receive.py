"""Receiving a bundle: read and check all of it, show what it would add, then merge it.

    incoming = read(notebook, path)              # nothing written yet; may need a passphrase
    print(incoming.preview_lines())
    outcome = accept(notebook, incoming)         # one transaction, or nothing at all

A bundle for someone else, a damaged one, or a file that is no bundle raises a
``BundleError`` with one plain sentence, before anything is changed. The file is listed in
the register of copies by where it was read from, so destruction deletes it (or the peer
says why it is kept).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from peerdesk.capture.session_kinds import added_kinds
from peerdesk.team import handover, merge
from peerdesk.team.bundle import MAX_FILE, SOURCE_KINDS, Bundle, BundleError, parse, unseal
from peerdesk.team.codes import identity, my_code, peer_by_code
from peerdesk.vault.database import Connection, insert_many
from peerdesk.vault.errors import ValidationError
from peerdesk.vault.exports import list_exports, record_export, sha256_of
from peerdesk.vault.notebook import Notebook


def plural(n: int, one: str, many: str | None = None) -> str:
    return f"{n:,} {one if n == 1 else (many or one + 's')}"


@dataclass
class Incoming:
    path: Path
    bundle: Bundle
    plan: merge.Plan
    notes: handover.NotesPlan | None
    sender: str            # the initials shown: the team list's, else the bundle's own
    known_sender: bool
    received_before: bool
    other_engagement: bool

    def preview_lines(self) -> list[str]:
        b, p = self.bundle, self.plan
        what = "a hand-over of a session" if b.kind == "handover" else "pooled post-its"
        lines = [f"From {self.sender}: {what}, {plural(len(b.postits), 'post-it')} in all."]
        if not self.known_sender:
            lines.append(f"{self.sender}'s team code is not on your team list.")
        if self.other_engagement:
            lines.append(f"It was made for the engagement \"{b.engagement}\": check that it "
                         "belongs to this one.")
        if self.received_before:
            lines.append("You have received this bundle before.")
        if self.notes is not None and b.session is not None:
            where = ("a new session" if self.notes.session_id is None
                     else "your session of the same meeting")
            lines.append(f"Session \"{b.session.title}\": {self.notes.text} ({where}).")
            if self.notes.participants:
                lines.append(f"{plural(self.notes.participants, 'participant')} to add.")
        lines.append(f"{plural(len(p.new), 'new post-it')} to add"
                     + (f", {len(p.updated):,} changed by their author" if p.updated else "")
                     + (f", {len(p.suggested):,} suggested change"
                        f"{'s' if len(p.suggested) != 1 else ''} to post-its you changed"
                        if p.suggested else "") + ".")
        if p.new_charts:
            lines.append("New flip charts: " + ", ".join(p.new_charts) + ".")
        if not p.changes and (self.notes is None or self.notes.action in ("same", "none")):
            lines.append("Nothing new: receiving it changes nothing.")
        return lines


@dataclass(frozen=True)
class Received:
    added: int
    updated: int
    suggested: int
    session_id: int | None
    notes: str = ""   # for a hand-over: what happened to its notes, in words

    def sentence(self) -> str:
        text = (f"{self.added} added, {self.updated} updated by their author, "
                f"{self.suggested} suggested change(s).")
        return f"{text} {self.notes[0].upper()}{self.notes[1:]}." if self.notes else text


def read(notebook: Notebook, path: Path, passphrase: str | None = None,
         into_session: int | None = None) -> Incoming:
    """Open, decrypt and check the whole bundle and plan the merge; nothing is written."""
    try:
        if path.stat().st_size > MAX_FILE:
            raise BundleError("This file is far larger than any team bundle, so it was not "
                              "read. Nothing was changed.")
        data = path.read_bytes()
    except OSError as exc:
        raise BundleError(f"The file {path.name} cannot be read ({exc.strerror}). Nothing was "
                          "changed.") from None
    bundle = parse(unseal(data, identity(notebook), passphrase))
    _check_kinds(notebook, bundle)
    if bundle.from_code == my_code(notebook):
        raise BundleError("This bundle was sent from this notebook: there is nothing in it "
                          "to receive. Nothing was changed.")
    peer = peer_by_code(notebook, bundle.from_code)
    engagement = notebook.engagement().title
    with notebook.read() as conn:
        todo = merge.plan(conn, bundle)
        notes = None
        if bundle.session is not None:
            target = into_session
            if target is None:
                target = todo.sessions.get(bundle.session.source)
            elif conn.execute("SELECT 1 FROM session WHERE id = ?",
                              (target,)).fetchone() is None:
                raise ValidationError("That session is no longer in the notebook.")
            notes = handover.plan_notes(conn, bundle.session, bundle.from_code, target)
        before = conn.execute("SELECT 1 FROM team_bundle WHERE bundle_id = ? AND direction ="
                              " 'received'", (bundle.id,)).fetchone() is not None
    return Incoming(path, bundle, todo, notes, peer.initials if peer else bundle.from_initials,
                    peer is not None, before, _differs(bundle.engagement, engagement))


def _check_kinds(notebook: Notebook, bundle: Bundle) -> None:
    """Every kind of source in the bundle is one this engagement has (its template's too)."""
    used = {s.kind for s in bundle.sources}
    if bundle.session is not None:
        used.add(bundle.session.kind)
    with notebook.read() as conn:
        known = {*SOURCE_KINDS, *(k.key for k in added_kinds(conn))}
    unknown = sorted(used - known)
    if unknown:
        raise BundleError(
            "This bundle has notes from a type of session this engagement does not have ("
            + ", ".join(k.replace("_", " ") for k in unknown) + "): the sender's template "
            "adds it. Load the same template (Timetable, Flip charts, Load another template), "
            "then open the bundle again. Nothing was changed.")


def _differs(a: str, b: str) -> bool:
    return bool(a.strip()) and " ".join(a.split()).casefold() != " ".join(b.split()).casefold()


def accept(notebook: Notebook, incoming: Incoming) -> Received:
    """Merge what ``read`` found (planned again inside the transaction) and list the file."""
    bundle = incoming.bundle
    now = notebook.now_text()
    session_id = None
    notes_text = ""
    with notebook.write() as conn:
        todo = merge.plan(conn, bundle)
        if bundle.session is not None and incoming.notes is not None:
            notes = handover.plan_notes(conn, bundle.session, bundle.from_code,
                                        incoming.notes.session_id)
            session_id = handover.apply_notes(conn, bundle.session, bundle.from_code,
                                              incoming.sender, bundle.made_at, notes, now)
            notes_text = notes.text
            todo.sessions[bundle.session.source] = session_id
        merge.apply(conn, bundle, todo, now)
        _mark_held(conn, bundle)
    record_id = _register(notebook, incoming.path)
    with notebook.write() as conn:
        conn.execute("INSERT INTO team_bundle (direction, bundle_id, kind, peer_initials,"
                     " postits, export_id, at) VALUES ('received', ?, ?, ?, ?, ?, ?)",
                     (bundle.id, bundle.kind, incoming.sender, len(bundle.postits), record_id,
                      now))
    return Received(len(todo.new), len(todo.updated), len(todo.suggested), session_id,
                    notes_text)


def _mark_held(conn: Connection, bundle: Bundle) -> None:
    """The sender, the other recipients and each author have these post-its: pooling
    never sends them back."""
    holders = {bundle.from_code, *bundle.to}
    peers = {str(c): int(i) for i, c in conn.execute(
        "SELECT id, code FROM team_peer WHERE removed_at IS NULL")}
    rows = [(peers[code], p.id, p.rev) for p in bundle.postits
            for code in holders | {p.author} if code in peers]
    insert_many(conn, "INSERT INTO team_sent (peer_id, postit_uid, rev)", rows,
                "ON CONFLICT (peer_id, postit_uid) DO UPDATE SET rev = excluded.rev"
                " WHERE excluded.rev > rev")


def _register(notebook: Notebook, path: Path) -> int | None:
    """List the file read in the register (once per place and content)."""
    where = path.absolute()
    try:
        digest = sha256_of(where)
    except OSError:
        return None
    for record in list_exports(notebook):
        if record.path == where and record.sha256 == digest:
            return record.id
    return record_export(notebook, where, "team_bundle_received").id
