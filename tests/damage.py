"""Damaged copies of a real notebook, made at random from a seed, and every peerdesk-cli
command run against each: shared by the mutation test and its longer run in benchmarks/.

A *template* is a peerdesk folder holding one demo notebook, in two states: closed cleanly
(no sidecar files) and killed while writing (its -wal log holds saved changes, its -shm
index exists). A *mutation* damages one of its files: the notebook, the -wal, the -shm or
the key file, by flipped bits, zeroed or swapped pages, a cut, junk added, or (key file)
absurd JSON values. ``run_commands`` then runs each command in this process (as
``peerdesk-cli`` would run it) and records what a person sees: exit code, output, time,
and which files changed.
"""

from __future__ import annotations

import contextlib
import hashlib
import io
import json
import os
import random
import shutil
import signal
import subprocess
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from peerdesk.cli.main import main
from peerdesk.sample.content import TITLE
from peerdesk.sample.generator import create_demo
from peerdesk.vault.keys.keyfile import KdfParams
from peerdesk.vault.keys.keystore import KeyStore
from peerdesk.vault.library import Library
from peerdesk.vault.paths import AppPaths

PASS = "correct horse battery staple"
NEW_PASS = "a quite different passphrase"
PAGE = 4096
ROOT = Path(__file__).resolve().parent.parent
TIMETABLE = ROOT / "tests" / "fixtures" / "timetable" / "outlook_export.csv"
READ_ONLY = ("list", "check", "exports", "destroyed")
"""Commands that only look: they never change a byte, whatever they find."""

CRASH = r"""
import os, signal, sys
from pathlib import Path
from peerdesk.capture.postits import PostitStore
from peerdesk.vault.library import Library
from peerdesk.vault.paths import AppPaths
library = Library(AppPaths.under(Path(sys.argv[1])))
notebook = library.open(sys.argv[2], sys.argv[3])
chart = notebook.flip_charts()[0].id
for n in range(40):
    PostitStore(notebook).add(chart, f"Saved before the crash, number {n}", "observation")
os.kill(os.getpid(), signal.SIGKILL)
"""


@dataclass(frozen=True)
class Template:
    home: Path
    notebook_id: str
    keyring: dict[tuple[str, str], str]
    crashed: bool

    @property
    def paths(self) -> AppPaths:
        return AppPaths.under(self.home)

    def files(self, home: Path | None = None) -> dict[str, Path]:
        """The notebook's own files, by what they are."""
        paths = AppPaths.under(home or self.home)
        base = paths.notebook_file(self.notebook_id)
        return {"notebook": base, "wal": Path(f"{base}-wal"), "shm": Path(f"{base}-shm"),
                "keyfile": paths.key_file(self.notebook_id)}


def make_templates(root: Path, keyring_items: dict[tuple[str, str], str], scale: int = 1,
                   kdf: KdfParams | None = None) -> list[Template]:
    """A clean and a crashed copy of one demo notebook (by default with a fast key
    derivation, for speed); ``keyring_items`` is the in-memory credential store the CLI
    will use."""
    clean = root / "clean"
    library = Library(AppPaths.under(clean).ensure(), KeyStore(),
                      kdf or KdfParams.fast_for_tests())
    with create_demo(library, PASS, scale) as notebook:
        notebook_id = notebook.id
    crashed = root / "crashed"
    shutil.copytree(clean, crashed)
    env = {**os.environ, "PYTHON_KEYRING_BACKEND": "keyring.backends.null.Keyring",
           "PYTHONPATH": str(ROOT)}
    subprocess.run([sys.executable, "-c", CRASH, str(crashed), notebook_id, PASS], env=env,
                   cwd=ROOT, capture_output=True, timeout=300)
    templates = [Template(clean, notebook_id, dict(keyring_items), False),
                 Template(crashed, notebook_id, dict(keyring_items), True)]
    wal = templates[1].files()["wal"]
    assert wal.exists() and wal.stat().st_size > PAGE, "the crash left no log to damage"
    return templates


# -- mutations --------------------------------------------------------------------------------

Damage = Callable[[random.Random, bytes], bytes]


def flip_bits(rng: random.Random, data: bytes) -> bytes:
    out = bytearray(data)
    for _ in range(rng.choice((1, 1, 2, 8))):
        spot = rng.randrange(len(out))
        out[spot] ^= 1 << rng.randrange(8)
    return bytes(out)


def zero_page(rng: random.Random, data: bytes) -> bytes:
    start = rng.randrange(max(1, len(data) // PAGE)) * PAGE
    return data[:start] + bytes(min(PAGE, len(data) - start)) + data[start + PAGE:]


def swap_pages(rng: random.Random, data: bytes) -> bytes:
    pages = max(1, len(data) // PAGE)
    a, b = rng.randrange(pages), rng.randrange(pages)
    out = bytearray(data)
    out[a * PAGE:(a + 1) * PAGE], out[b * PAGE:(b + 1) * PAGE] = \
        data[b * PAGE:(b + 1) * PAGE], data[a * PAGE:(a + 1) * PAGE]
    return bytes(out)


def truncate(rng: random.Random, data: bytes) -> bytes:
    if rng.random() < 0.5 and len(data) > PAGE:
        return data[:rng.randrange(1, len(data) // PAGE) * PAGE]
    return data[:rng.randrange(len(data))]


def append_junk(rng: random.Random, data: bytes) -> bytes:
    size = rng.choice((1, 100, PAGE, 3 * PAGE, rng.randrange(1, 2 * PAGE)))
    junk = bytes(size) if rng.random() < 0.3 else rng.randbytes(size)
    return data + junk


ABSURD = [1e400, -1, 0, 2**31, 2**64, 10**400, "3", None, [], {}, True, 1.5, "",
          "not base64!", "A" * 5000]


def absurd_json(rng: random.Random, data: bytes) -> bytes:
    try:
        doc = json.loads(data)
    except ValueError:
        return flip_bits(rng, data)
    places = [(doc, k) for k in doc] + [(doc["kdf"], k) for k in doc.get("kdf", {})]
    holder, key = rng.choice(places)
    holder[key] = rng.choice(ABSURD)
    text = json.dumps(doc)
    return text.replace("Infinity", "1e400").encode()


DAMAGES: dict[str, list[Damage]] = {
    "notebook": [flip_bits, zero_page, swap_pages, truncate, append_junk],
    "wal": [flip_bits, zero_page, truncate, append_junk],
    "shm": [flip_bits, zero_page, truncate, append_junk],
    "keyfile": [flip_bits, truncate, append_junk, absurd_json, absurd_json],
}


@dataclass
class Mutation:
    seed: int
    template: Template
    target: str
    damage: str
    home: Path

    def __str__(self) -> str:
        state = "crashed" if self.template.crashed else "clean"
        return f"seed {self.seed}: {self.damage} of the {self.target} ({state} notebook)"


def mutate(seed: int, templates: list[Template], work: Path) -> Mutation:
    """One damaged copy of a template, in a fresh folder under ``work``."""
    rng = random.Random(seed)
    target = rng.choice(["notebook", "notebook", "wal", "shm", "keyfile"])
    template = templates[1] if target in ("wal", "shm") else rng.choice(templates)
    damage = rng.choice(DAMAGES[target])
    home = work / f"m{seed}"
    shutil.rmtree(home, ignore_errors=True)
    shutil.copytree(template.home, home)
    path = template.files(home)[target]
    path.write_bytes(damage(rng, path.read_bytes()))
    return Mutation(seed, template, target, damage.__name__, home)


# -- running every command --------------------------------------------------------------------

@dataclass
class Outcome:
    command: str
    code: int
    out: str
    err: str
    seconds: float
    changed: list[str] = field(default_factory=list)


def digests(files: dict[str, Path]) -> dict[str, str | None]:
    out: dict[str, str | None] = {}
    for name, path in files.items():
        try:
            out[name] = hashlib.sha256(path.read_bytes()).hexdigest()
        except FileNotFoundError:
            out[name] = None
    return out


def commands(notebook_id: str, outside: Path, passphrase: bool, also_new: bool,
             passwd: bool = True) -> list[tuple[str, list[str], str]]:
    """(name, arguments, standard input) for every command, ``destroy`` last but two."""
    nb = notebook_id[:8]
    flag = ["--passphrase-stdin"] if passphrase else []
    line = f"{PASS}\n" if passphrase else ""
    out = [
        ("list", ["list"], ""),
        ("check", ["check", nb, *flag], line),
        ("search", ["search", nb, "partnership", *flag], line),
        ("exports", ["exports", nb, *flag], line),
        ("export", ["export", nb, "--format", "txt", "-o", str(outside / "summary.txt"),
                    *flag], line),
        ("import-timetable", ["import-timetable", nb, str(_timetable(outside)), *flag], line),
        ("signoff", ["signoff", nb, "01/04/2026", *flag], line),
        ("hold", ["hold", nb, "--reason", "a complaint is open", *flag], line),
        ("check-summary", ["check-summary", nb, *flag], line),
        ("check-text", ["check-text", nb, str(_text_file(outside)), *flag], line),
        ("team-code", ["team-code", nb, *flag], line),
        ("team", ["team", nb, *flag], line),
        ("send", ["send", nb, "--postits", "-o", str(outside / "bundle.age"), *flag], line),
    ]
    if passwd:  # the slowest: a new key file costs a full key derivation
        out.append(("passwd", ["passwd", nb, "--passphrase-stdin"], f"{PASS}\n{NEW_PASS}\n"))
    if also_new:
        out += [("new", ["new", "--title", "Another engagement", "--passphrase-stdin"],
                 f"{NEW_PASS}\n"),
                ("demo", ["demo", "--passphrase-stdin"], f"{NEW_PASS}\n")]
    out += [("destroy", ["destroy", nb, "--confirm-title", TITLE, *flag], line),
            ("finish-destruction", ["finish-destruction"], ""),
            ("destroyed", ["destroyed"], "")]
    return out


def _timetable(outside: Path) -> Path:
    """A copy of the timetable fixture: destruction deletes the files a notebook imported
    from (unless the peer leaves them), and the fixture itself must stay."""
    path = outside / TIMETABLE.name
    shutil.copyfile(TIMETABLE, path)
    return path


def _text_file(outside: Path) -> Path:
    path = outside / "email.txt"
    path.write_text("Thanks for the draft; the partners' view is clear.\n", "utf-8")
    return path


FOUND_CODES = {"check-summary": 3, "check-text": 3}
"""Commands whose exit 3 means "something that could identify someone was found"."""


@contextlib.contextmanager
def _stdin(text: str) -> object:
    saved = sys.stdin
    sys.stdin = io.StringIO(text)
    try:
        yield
    finally:
        sys.stdin = saved


def run_one(home: Path, args: list[str], stdin: str) -> tuple[int, str, str, float]:
    out, err = io.StringIO(), io.StringIO()
    started = time.monotonic()
    with _stdin(stdin), contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        try:
            code = main(["--data-dir", str(home), *args])
        except SystemExit as exc:  # argparse
            code = int(exc.code or 0)
    return code, out.getvalue(), err.getvalue(), time.monotonic() - started


def run_commands(mutation: Mutation, keyring_items: dict[tuple[str, str], str],
                 passphrase: bool, also_new: bool = False, passwd: bool = True) -> list[Outcome]:
    """Every command against the damaged copy, each timed, each with the files it changed."""
    keyring_items.clear()
    keyring_items.update(mutation.template.keyring)
    files = mutation.template.files(mutation.home)
    outside = mutation.home / "outside"
    outside.mkdir(exist_ok=True)
    outcomes = []
    changed_passphrase = False
    for name, args, stdin in commands(mutation.template.notebook_id, outside, passphrase,
                                      also_new, passwd):
        if changed_passphrase and name != "new" and name != "demo":
            stdin = stdin.replace(PASS, NEW_PASS)
        before = digests(files)
        code, out, err, seconds = run_one(mutation.home, args, stdin)
        after = digests(files)
        changed = [k for k in files if before[k] != after[k]]
        outcomes.append(Outcome(name, code, out, err, seconds, changed))
        changed_passphrase |= name == "passwd" and code == 0
    return outcomes


def problems(mutation: Mutation, outcomes: list[Outcome], limit_seconds: float) -> list[str]:
    """What a person must never see: a traceback, an unexpected error, a hang, a changed
    byte after a refusal or a look, one notebook's trouble told as another file's."""
    found = []
    for o in outcomes:
        where = f"{mutation}, {o.command} (exit {o.code})"
        text = o.out + o.err
        if "Traceback" in text or ("Error:" in o.err and "peerdesk:" not in o.err):
            found.append(f"{where}: a traceback: {text[-600:]}")
        if o.code not in (0, 1, 2) and o.code != FOUND_CODES.get(o.command):
            found.append(f"{where}: exit code {o.code}: {o.err.strip()[-300:]}")
        if o.seconds > limit_seconds:
            found.append(f"{where}: took {o.seconds:.1f} s")
        if o.changed and (o.code != 0 or o.command in READ_ONLY):
            found.append(f"{where}: changed {', '.join(o.changed)} ({o.err.strip()[:200]})")
        messages = [line for line in o.err.splitlines() if line.startswith("peerdesk: ")]
        if o.code == 2 and not messages:
            found.append(f"{where}: refused without a plain message: {o.err[-300:]}")
        if o.code == 2 and mutation.target == "keyfile" and "Caps Lock" in o.err:
            found.append(f"{where}: a damaged key file was told as a wrong passphrase")
        if o.code == 2 and mutation.target == "shm" and "damaged" in o.err:
            found.append(f"{where}: a damaged -shm index (rebuilt by SQLite) was told as "
                         f"damage: {o.err.strip()}")
        if o.code == 2 and "damaged" in o.err and mutation.target in ("wal", "keyfile"):
            named = {"wal": ("-wal",), "keyfile": ("key file",)}[mutation.target]
            if not any(n in o.err for n in named) and "notebook file" in o.err:
                found.append(f"{where}: the damage was put on the wrong file: {o.err.strip()}")
    return found


def kill_after(seconds: float) -> Callable[[], None]:
    """A watchdog: SIGALRM after ``seconds`` turns a hang into an error (POSIX only)."""
    if not hasattr(signal, "SIGALRM"):
        return lambda: None

    def hung(*_: object) -> None:
        raise TimeoutError(f"a command did not finish within {seconds} s")

    previous = signal.signal(signal.SIGALRM, hung)
    signal.setitimer(signal.ITIMER_REAL, seconds)

    def cancel() -> None:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)

    return cancel
