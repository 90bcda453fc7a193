"""Team codes: this notebook's age (X25519) identity, and the colleagues' codes.

The identity is made the first time it is needed and kept inside the encrypted notebook
(``meta``), so it goes when the notebook is destroyed. Its public half, the team code
(``age1...``), is shown to the colleagues with a short fingerprint to read aloud; they add
it against this peer's initials. A colleague taken off the team keeps their row (the
register still names them) but is never sent to again.
"""

from __future__ import annotations

import base64
import hashlib
import re
from dataclasses import dataclass

from pyrage import RecipientError, x25519

from peerdesk.vault.errors import PeerdeskError, ValidationError
from peerdesk.vault.notebook import Notebook

IDENTITY_KEY = "team_identity"
_INITIALS = re.compile(r"^[A-Z][A-Z0-9]{0,3}$")


class TeamCodeError(ValidationError):
    default_message = "That is not a team code. A team code starts with age1."


class PeerNotFoundError(PeerdeskError):
    default_message = "There is no colleague with those initials on the team list."


@dataclass(frozen=True)
class Peer:
    id: int
    initials: str
    code: str
    added_at: str
    removed: bool

    @property
    def fingerprint(self) -> str:
        return fingerprint(self.code)


def fingerprint(code: str) -> str:
    """A short, speakable check of a team code: 12 letters and digits in three groups."""
    digest = hashlib.sha256(code.strip().encode()).digest()
    text = base64.b32encode(digest).decode()[:12]
    return "-".join(text[i:i + 4] for i in range(0, 12, 4))


def check_code(code: str) -> str:
    text = "".join(code.split())
    if not text.lower().startswith("age1"):
        raise TeamCodeError()
    try:
        x25519.Recipient.from_str(text.lower())
    except RecipientError:
        raise TeamCodeError("That team code is not complete or has a typing mistake: copy "
                            "it again from the colleague's peerdesk.") from None
    return text.lower()


def check_initials(initials: str) -> str:
    text = initials.strip().upper()
    if not _INITIALS.match(text):
        raise ValidationError("Initials are one to four letters (or digits after the first), "
                              "for example AM.")
    return text


def identity(notebook: Notebook) -> x25519.Identity:
    """This notebook's identity, made (and kept in the notebook) on first use."""
    with notebook.write() as conn:
        row = conn.execute("SELECT value FROM meta WHERE key = ?", (IDENTITY_KEY,)).fetchone()
        if row is not None:
            return x25519.Identity.from_str(str(row[0]))
        made = x25519.Identity.generate()
        conn.execute("INSERT INTO meta (key, value) VALUES (?, ?)", (IDENTITY_KEY, str(made)))
        return made


def my_code(notebook: Notebook) -> str:
    return str(identity(notebook).to_public())


def add_peer(notebook: Notebook, initials: str, code: str) -> Peer:
    """Add a colleague's code (or give a known code new initials, or bring a peer back)."""
    initials = check_initials(initials)
    code = check_code(code)
    if code == my_code(notebook):
        raise ValidationError("That is this notebook's own team code: add the colleagues' "
                              "codes here, and show them yours.")
    now = notebook.now_text()
    with notebook.write() as conn:
        taken = conn.execute("SELECT code FROM team_peer WHERE initials = ? AND code != ?"
                             " AND removed_at IS NULL", (initials, code)).fetchone()
        if taken is not None:
            raise ValidationError(f"{initials} already has another team code. Take {initials} "
                                  "off the team first if their code has changed.")
        conn.execute("INSERT INTO team_peer (initials, code, added_at) VALUES (?, ?, ?)"
                     " ON CONFLICT (code) DO UPDATE SET initials = excluded.initials,"
                     " removed_at = NULL", (initials, code, now))
    return peer_by_initials(notebook, initials)


def remove_peer(notebook: Notebook, initials: str) -> None:
    """Take a colleague off the team: nothing is sent to them any more."""
    found = peer_by_initials(notebook, initials)
    with notebook.write() as conn:
        conn.execute("UPDATE team_peer SET removed_at = ? WHERE id = ?",
                     (notebook.now_text(), found.id))


def peers(notebook: Notebook, include_removed: bool = False) -> list[Peer]:
    sql = "SELECT id, initials, code, added_at, removed_at FROM team_peer"
    if not include_removed:
        sql += " WHERE removed_at IS NULL"
    with notebook.read() as conn:
        rows = conn.execute(sql + " ORDER BY initials, id").fetchall()
    return [Peer(int(r[0]), str(r[1]), str(r[2]), str(r[3]), r[4] is not None) for r in rows]


def peer_by_initials(notebook: Notebook, initials: str) -> Peer:
    wanted = initials.strip().upper()
    found = [p for p in peers(notebook) if p.initials == wanted]
    if not found:
        raise PeerNotFoundError(f"{wanted or 'Those initials'} is not on the team list: add "
                                "their team code first.")
    return found[0]


def peer_by_code(notebook: Notebook, code: str) -> Peer | None:
    return next((p for p in peers(notebook, include_removed=True) if p.code == code), None)
