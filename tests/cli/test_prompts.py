"""Nothing confidential on the command line: peerdesk-cli asks for titles, names, the
confirmation, search words and reasons, at prompts on a terminal or from standard input."""

from __future__ import annotations

import fcntl
import os
import select
import subprocess
import sys
import termios
import time
from pathlib import Path

from tests.cli_helpers import run_cli

PASS = "quiet harbour lantern"
TITLE = "Eskdale system review"
DETAILS = [TITLE, "Eskdale ICS", "03/03/2026", "06/03/2026", "Alex Morgan", "AM",
           "Council chief executive", "Priya Shah", "priya.shah@example.org",
           "Jordan Lee|Lead peer|JL", ""]


def _new_from_stdin(home: Path) -> str:
    made = run_cli(home, "new", "--passphrase-stdin",
                   stdin="\n".join(DETAILS) + f"\n{PASS}\n{PASS}\n")
    assert made.returncode == 0, made.stderr
    return made.stdout.strip()


def test_the_details_come_from_standard_input_not_the_command_line(tmp_path: Path) -> None:
    home = tmp_path / "home"
    notebook_id = _new_from_stdin(home)
    listed = run_cli(home, "list", stdin="")
    assert listed.returncode == 0   # no credential store here: titles stay locked in a list
    checked = run_cli(home, "search", notebook_id, "--passphrase-stdin", stdin=f"{PASS}\nJordan\n")
    assert checked.returncode == 1 and checked.stdout.strip() == "Nothing found."
    wrong = run_cli(home, "destroy", notebook_id, "--passphrase-stdin",
                    stdin=f"{PASS}\nEskdale\n")
    assert wrong.returncode == 2 and "does not match" in wrong.stderr
    assert "Inventory:" in wrong.stdout   # shown before the title is asked for
    held = run_cli(home, "hold", notebook_id, "--passphrase-stdin",
                   stdin=f"{PASS}\na pending complaint\n")
    assert held.returncode == 0, held.stderr
    assert held.stdout.strip().endswith(": a pending complaint.")
    done = run_cli(home, "destroy", notebook_id, "--passphrase-stdin",
                   stdin=f"{PASS}\n{TITLE.upper()}\n")
    assert "step done: The encrypted notebook file" in done.stdout, done.stderr
    text = next(Path(line.split(": ", 1)[1]) for line in done.stdout.splitlines()
                if line.startswith("Certificate (text): ")).read_text()
    assert f"Engagement: {TITLE}" in text and "Peer: Alex Morgan" in text
    assert "Priya Shah <priya.shah@example.org>" in text


def test_a_missing_answer_is_a_plain_error(tmp_path: Path) -> None:
    home = tmp_path / "home"
    notebook_id = _new_from_stdin(home)
    empty = run_cli(home, "search", notebook_id, "--passphrase-stdin", stdin=f"{PASS}\n")
    assert empty.returncode == 2 and "An answer was expected" in empty.stderr
    untitled = run_cli(home, "new", "--passphrase-stdin", stdin="\n")
    assert untitled.returncode == 2 and "Nothing was typed for: title" in untitled.stderr
    assert "Traceback" not in empty.stderr + untitled.stderr


def test_the_help_says_how_to_keep_things_off_the_command_line(tmp_path: Path) -> None:
    top = run_cli(tmp_path, "--help").stdout
    assert "Nothing confidential needs to go on the command line" in " ".join(top.split())
    for command, option in (("new", "--title"), ("destroy", "--confirm-title"),
                            ("search", "query"), ("hold", "--reason")):
        text = " ".join(run_cli(tmp_path, command, "--help").stdout.split())
        assert "it lands in the shell's history" in text, command
        assert option in text


def _converse(args: list[str], answers: list[tuple[str, str]], env: dict[str, str]) -> str:
    """Run peerdesk-cli on a terminal of its own, answering each prompt as it appears."""
    leader, follower = os.openpty()

    def terminal() -> None:
        os.setsid()
        fcntl.ioctl(0, termios.TIOCSCTTY, 0)

    child = subprocess.Popen([sys.executable, "-m", "peerdesk.cli", *args], stdin=follower,
                             stdout=follower, stderr=follower, env=env,
                             preexec_fn=terminal)
    os.close(follower)
    seen = ""
    deadline = time.monotonic() + 120
    pending = list(answers)
    try:
        while child.poll() is None and time.monotonic() < deadline:
            ready, _, _ = select.select([leader], [], [], 0.5)
            if ready:
                try:
                    seen += os.read(leader, 4096).decode(errors="replace")
                except OSError:
                    break
            if pending and seen.rstrip().endswith(pending[0][0]):
                os.write(leader, (pending.pop(0)[1] + "\n").encode())
                seen += "\n"
        child.wait(timeout=60)
    finally:
        os.close(leader)
        if child.poll() is None:
            child.kill()
    assert not pending, seen
    return seen


def test_on_a_terminal_it_prompts_for_each_detail(tmp_path: Path) -> None:
    env = {**os.environ, "PYTHON_KEYRING_BACKEND": "keyring.backends.null.Keyring"}
    env.pop("PEERDESK_HOME", None)
    questions = ["Title of the engagement:", "Client system (Enter for none):",
                 "First on-site day, DD/MM/YYYY (Enter for none):",
                 "Last on-site day, DD/MM/YYYY (Enter for none):", "Your name (Enter for none):",
                 "Your initials (Enter for none):", "Your role on the team (Enter for none):",
                 "The peer challenge manager's name (Enter for none):",
                 "The manager's email address (Enter for none):",
                 "A peer on the team as NAME|ROLE|INITIALS (Enter when done):",
                 "Choose a passphrase for this notebook:", "Type it again:"]
    replies = [TITLE, "", "", "", "Alex Morgan", "", "", "", "", "", PASS, PASS]
    seen = _converse(["--data-dir", str(tmp_path / "home"), "new"],
                     list(zip(questions, replies, strict=True)), env)
    assert "Passphrase strength:" in seen
    assert PASS not in seen   # never echoed
    assert len([f for f in (tmp_path / "home" / "data" / "notebooks").iterdir()
                if f.suffix == ".peerdesk"]) == 1
