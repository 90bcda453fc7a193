"""Search as the peer types, at the benchmark scale, against plain sqlite3 FTS5.

The notebook holds the demo engagement scaled to 20,000 session notes and 50,000
post-its. The floor is the standard library's sqlite3 (unencrypted, on disk) holding the
same index rows with the same FTS5 table, running the same ranked search with the same
snippets (peerdesk.synthesis.search.ranked_rows) in the same run; peerdesk's figure adds SQLCipher
and finding each result's session. Each phrase is "typed" a letter at a time from its
third letter.
"""

from __future__ import annotations

import sqlite3
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import keyring
from common import Result, percentile, timed
from keyring.backend import KeyringBackend

from peerdesk.sample.generator import create_demo
from peerdesk.synthesis.search import Search, ranked_rows
from peerdesk.vault.keys.keyfile import KdfParams
from peerdesk.vault.keys.keystore import KeyStore
from peerdesk.vault.library import Library
from peerdesk.vault.notebook import Notebook
from peerdesk.vault.paths import AppPaths
from peerdesk.vault.search_index import RANK, TABLE

FULL_SCALE = 500   # 20,000 session notes, 50,000 post-its
QUICK_SCALE = 20
PASSPHRASE = "benchmark passphrase, not a secret"
PHRASES = ("discharge delays", "governance hard decision", "care home", "healthwatch",
           "ambulance handover", "population health", "voluntary sector", "pooled budget",
           "winter plan", "neighbourhood teams", "workforce", "Harrowby", "carers break",
           "respite", "shared care record")


class MemoryKeyring(KeyringBackend):
    priority = 1  # type: ignore[assignment]

    def __init__(self) -> None:
        super().__init__()
        self.items: dict[tuple[str, str], str] = {}

    def get_password(self, service: str, username: str) -> str | None:
        return self.items.get((service, username))

    def set_password(self, service: str, username: str, password: str) -> None:
        self.items[(service, username)] = password

    def delete_password(self, service: str, username: str) -> None:
        self.items.pop((service, username), None)


def demo_notebook(folder: Path, scale: int) -> Notebook:
    keyring.set_keyring(MemoryKeyring())
    library = Library(AppPaths.under(folder / "home").ensure(), KeyStore(),
                      KdfParams.fast_for_tests())
    return create_demo(library, PASSPHRASE, scale)


def plain_copy(notebook: Notebook, path: Path) -> sqlite3.Connection:
    """The same index rows in plain sqlite3 (confidential only in a benchmark's temp folder:
    the demo is wholly fictional)."""
    plain = sqlite3.connect(path, isolation_level=None)
    plain.execute(TABLE)
    plain.execute(RANK)
    with notebook.read() as conn:
        rows = conn.execute("SELECT rowid, heading, body FROM search_index").fetchall()
    plain.execute("BEGIN")
    plain.executemany("INSERT INTO search_index(rowid, heading, body) VALUES (?, ?, ?)", rows)
    plain.execute("COMMIT")
    return plain


def typed_queries() -> list[str]:
    out = []
    for phrase in PHRASES:
        out += [phrase[:n] for n in range(3, len(phrase) + 1) if not phrase[n - 1].isspace()]
    return out


def run(quick: bool) -> list[Result]:
    scale = QUICK_SCALE if quick else FULL_SCALE
    repeat = 3 if quick else 5
    with tempfile.TemporaryDirectory(prefix="peerdesk-bench-") as tmp:
        notebook = demo_notebook(Path(tmp), scale)
        plain = plain_copy(notebook, Path(tmp) / "plain.sqlite3")
        search = Search(notebook)
        ours: list[float] = []
        floor: list[float] = []
        for text in typed_queries():
            search.search(text)  # both warm alike
            ranked_rows(plain, text)
            ours += timed(lambda t=text: search.search(t), repeat)  # type: ignore[misc]
            floor += timed(lambda t=text: ranked_rows(plain, t), repeat)  # type: ignore[misc]
        sessions = notebook.conn.execute("SELECT count(*) FROM session").fetchone()[0]
        notebook.close()
        plain.close()
    size = f"{sessions:,} notes" + (" (quick)" if quick else "")
    return [
        Result(f"search p95 with snippets, as typed, {size} (time)", percentile(ours, 95),
               percentile(floor, 95), "ms", 1.2, 5.0),
    ]


def main() -> None:
    quick = "--quick" in sys.argv
    for r in run(quick):
        verdict = "pass" if r.passed else "FAIL"
        print(f"{r.figure}: {r.value:.2f} {r.unit} vs floor {r.floor:.2f} {r.unit} "
              f"= {r.ratio:.2f}x (goal {r.goal}x"
              + (f", <= {r.absolute_goal} {r.unit}" if r.absolute_goal else "") + f") {verdict}")


if __name__ == "__main__":
    main()
