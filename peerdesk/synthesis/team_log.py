"""What was shared in peer team sessions and client catch-ups.

A peer team session records the key points shared and which findings the team agreed
or changed (agreeing a finding also sets its status). A client catch-up records the
emerging messages given to the client: always informal, and not yet fully evidenced.
"""

from __future__ import annotations

from dataclasses import dataclass

from peerdesk.synthesis.findings import FindingNotFoundError, FindingStore
from peerdesk.vault.database import Connection
from peerdesk.vault.errors import PeerdeskError, ValidationError
from peerdesk.vault.notebook import Notebook

TEAM_OUTCOMES = ("shared", "agreed", "changed")
OUTCOME_TEXTS = {
    "shared": "Shared with the team",
    "agreed": "Agreed by the team",
    "changed": "Changed by the team",
    "informal": "Given informally: not yet fully evidenced",
}


class MessageNotFoundError(PeerdeskError):
    default_message = "That message is no longer in the notebook."


@dataclass(frozen=True, slots=True)
class SharedMessage:
    id: int
    session_id: int
    finding_id: int | None
    text: str
    outcome: str        # shared, agreed, changed (team sessions) or informal (catch-ups)
    created_at: str

    @property
    def informal(self) -> bool:
        """Given to the client in confidence, before the evidence is complete."""
        return self.outcome == "informal"

    @property
    def outcome_text(self) -> str:
        return OUTCOME_TEXTS[self.outcome]


class TeamLog:
    def __init__(self, notebook: Notebook) -> None:
        self.notebook = notebook

    def record(self, session_id: int, text: str = "", finding_id: int | None = None,
               outcome: str = "shared") -> int:
        """A point from a peer team session; ``agreed``/``changed`` set the finding's status."""
        if outcome not in TEAM_OUTCOMES:
            raise ValidationError("In a team session a point is shared, agreed or changed.")
        if outcome != "shared" and finding_id is None:
            raise ValidationError("Choose the finding the team agreed or changed.")
        now = self.notebook.now_text()
        with self.notebook.write() as conn:
            self._check_session(conn, session_id, "team_session")
            text = self._text(conn, text, finding_id)
            if outcome != "shared":
                assert finding_id is not None
                FindingStore.set_status_in(conn, finding_id, outcome, now)
            return self._insert(conn, session_id, finding_id, text, outcome, now)

    def record_informal(self, session_id: int, text: str = "",
                        finding_id: int | None = None) -> int:
        """An emerging message given at a client catch-up (informal, not yet evidenced)."""
        now = self.notebook.now_text()
        with self.notebook.write() as conn:
            self._check_session(conn, session_id, "client_catch_up")
            text = self._text(conn, text, finding_id)
            return self._insert(conn, session_id, finding_id, text, "informal", now)

    def messages(self, session_id: int | None = None) -> list[SharedMessage]:
        """The messages of one session (or of all), oldest first."""
        sql = ("SELECT id, session_id, finding_id, text, outcome, created_at"
               " FROM shared_message")
        args: tuple[int, ...] = ()
        if session_id is not None:
            sql += " WHERE session_id = ?"
            args = (session_id,)
        with self.notebook.read() as conn:
            rows = conn.execute(sql + " ORDER BY created_at, id", args).fetchall()
        return [SharedMessage(int(r[0]), int(r[1]), None if r[2] is None else int(r[2]),
                              str(r[3]), str(r[4]), str(r[5])) for r in rows]

    def update_text(self, message_id: int, text: str) -> None:
        text = " ".join(text.split())
        if not text:
            raise ValidationError("A message needs some text.")
        with self.notebook.write() as conn:
            if not conn.execute("UPDATE shared_message SET text = ? WHERE id = ?",
                                (text, message_id)).rowcount:
                raise MessageNotFoundError()

    def delete(self, message_id: int) -> None:
        """Remove a message; a finding it agreed keeps its status."""
        with self.notebook.write() as conn:
            if not conn.execute("DELETE FROM shared_message WHERE id = ?",
                                (message_id,)).rowcount:
                raise MessageNotFoundError()

    # -- helpers ----------------------------------------------------------------------

    @staticmethod
    def _insert(conn: Connection, session_id: int, finding_id: int | None, text: str,
                outcome: str, now: str) -> int:
        cur = conn.execute("INSERT INTO shared_message (session_id, finding_id, text, outcome,"
                           " created_at) VALUES (?, ?, ?, ?, ?)",
                           (session_id, finding_id, text, outcome, now))
        return int(cur.lastrowid or 0)

    @staticmethod
    def _check_session(conn: Connection, session_id: int, kind: str) -> None:
        row = conn.execute("SELECT kind FROM session WHERE id = ?", (session_id,)).fetchone()
        if row is None:
            raise ValidationError("That session is no longer in the notebook.")
        if row[0] != kind:
            raise ValidationError(
                "Points agreed by the team belong to a peer team session."
                if kind == "team_session" else
                "Emerging messages for the client belong to a client catch-up.")

    @staticmethod
    def _text(conn: Connection, text: str, finding_id: int | None) -> str:
        """The text as typed, or the finding's headline when nothing was typed."""
        text = " ".join(text.split())
        if finding_id is not None:
            row = conn.execute("SELECT headline FROM finding WHERE id = ?",
                               (finding_id,)).fetchone()
            if row is None:
                raise FindingNotFoundError()
            text = text or str(row[0])
        if not text:
            raise ValidationError("Write what was shared, or choose a finding.")
        return text
