"""peerdesk never opens a network connection: the GUI smoke and a whole CLI workflow run in
a network namespace with no network, under strace, and no AF_INET/AF_INET6 call appears."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import need_system, need_tools

PASS = "no network passphrase\n"


def _can_unshare() -> bool:
    if not shutil.which("unshare"):
        return False
    return subprocess.run(["unshare", "-n", "true"], capture_output=True).returncode == 0


def traced(trace: Path, args: list[str], stdin: str = "",
           timeout: int = 300) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen",
           "PYTHON_KEYRING_BACKEND": "keyring.backends.null.Keyring"}
    return subprocess.run(
        ["unshare", "-n", "strace", "-f", "-qq", "-e", "trace=connect,sendto,sendmsg",
         "-o", str(trace), *args], input=stdin, capture_output=True, text=True, env=env,
        timeout=timeout)


def inet_calls(trace: Path) -> list[str]:
    lines = trace.read_text().splitlines() if trace.exists() else []
    return [line for line in lines if re.search(r"AF_INET6?\b", line)]


@pytest.mark.system
def test_gui_and_cli_make_no_network_call(tmp_path: Path) -> None:
    need_tools("strace", "unshare")
    need_system(_can_unshare(), "unshare -n (a private network namespace)")
    home = tmp_path / "home"
    cli = [sys.executable, "-m", "peerdesk.cli", "--data-dir", str(home)]
    steps: list[tuple[list[str], str]] = [
        ([sys.executable, "-m", "peerdesk", "--data-dir", str(home), "--smoke"], ""),
        ([*cli, "new", "--title", "Offline engagement", "--my-name", "Alex Morgan",
          "--passphrase-stdin"], PASS * 2),
        ([*cli, "list"], ""),
    ]
    for number, (args, stdin) in enumerate(steps):
        trace = tmp_path / f"trace-{number}.txt"
        result = traced(trace, args, stdin)
        assert result.returncode == 0, (args, result.stderr[-2000:])
        assert trace.exists()
        assert inet_calls(trace) == [], args

    demo = traced(tmp_path / "trace-demo.txt",
                  [*cli, "demo", "Offline demo", "--passphrase-stdin"], PASS * 2)
    assert demo.returncode == 0, demo.stderr[-2000:]
    assert inet_calls(tmp_path / "trace-demo.txt") == []
    demo_id = demo.stdout.strip().splitlines()[-1]
    later: list[tuple[list[str], str, tuple[int, ...]]] = [
        ([*cli, "check", demo_id, "--passphrase-stdin"], PASS, (0,)),
        ([*cli, "search", demo_id, "discharge", "--passphrase-stdin"], PASS, (0,)),
        ([*cli, "export", demo_id, "--format", "pdf", "-o", str(tmp_path / "summary.pdf"),
          "--passphrase-stdin"], PASS, (0,)),
        ([*cli, "export", demo_id, "--format", "docx", "-o", str(tmp_path / "summary.docx"),
          "--passphrase-stdin"], PASS, (0,)),
        # With no credential store reachable (no network means no D-Bus either), the check
        # that the key left the store cannot pass, and destroy says so with exit code 1.
        ([*cli, "destroy", demo_id, "--confirm-title", "Offline demo", "--attest-notes",
          "--passphrase-stdin"], PASS, (0, 1)),
    ]
    for number, (args, stdin, codes) in enumerate(later):
        trace = tmp_path / f"trace-later-{number}.txt"
        result = traced(trace, args, stdin)
        assert result.returncode in codes, (args, result.stdout[-1000:], result.stderr[-2000:])
        assert "Traceback" not in result.stderr
        assert inet_calls(trace) == [], args
        if "export" in args and "pdf" in args:
            assert (tmp_path / "summary.pdf").read_bytes().startswith(b"%PDF")
    # Destruction removed the notebook and the exports it had recorded.
    assert not (home / "data" / "notebooks" / f"{demo_id}.peerdesk").exists()
    assert not (tmp_path / "summary.pdf").exists()


def test_the_trace_check_sees_a_connection(tmp_path: Path) -> None:
    need_tools("strace", "unshare")
    need_system(_can_unshare(), "unshare -n (a private network namespace)")
    trace = tmp_path / "trace.txt"
    code = ("import socket\ntry:\n    socket.create_connection(('192.0.2.1', 9), timeout=1)\n"
            "except OSError:\n    pass\n")
    traced(trace, [sys.executable, "-c", code])
    assert inet_calls(trace)
