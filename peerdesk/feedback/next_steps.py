"""The next steps that close the presentation: the standard wording until the peer
writes their own, kept in the notebook (encrypted, like everything in it)."""

from __future__ import annotations

from peerdesk.feedback.wording import DEFAULT_NEXT_STEPS
from peerdesk.vault.notebook import Notebook

NEXT_STEPS_KEY = "feedback_next_steps"


def stored_next_steps(notebook: Notebook) -> str | None:
    """The peer's own next steps as they typed them, or None for the standard wording."""
    return notebook.meta(NEXT_STEPS_KEY)


def next_steps_text(notebook: Notebook) -> str:
    """The next steps as one text, one step a line (the peer's own, or the standard)."""
    stored = stored_next_steps(notebook)
    return "\n".join(DEFAULT_NEXT_STEPS) if stored is None else stored


def next_steps(notebook: Notebook) -> list[str]:
    """One step a line, blank lines left out."""
    return [line.strip() for line in next_steps_text(notebook).splitlines() if line.strip()]


def set_next_steps(notebook: Notebook, text: str | None) -> None:
    """Keep the peer's next steps; None (or the standard wording itself) goes back to the
    standard wording."""
    if text is not None and [line.strip() for line in text.splitlines() if line.strip()] == \
            list(DEFAULT_NEXT_STEPS):
        text = None
    with notebook.write() as conn:
        if text is None:
            conn.execute("DELETE FROM meta WHERE key = ?", (NEXT_STEPS_KEY,))
        else:
            conn.execute("INSERT OR REPLACE INTO meta (key, value) VALUES (?, ?)",
                         (NEXT_STEPS_KEY, text.replace("\r\n", "\n").strip("\n")))
