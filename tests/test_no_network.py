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
    help_text = subprocess.run([*cli, "--help"], capture_output=True, text=True).stdout
    for number, (args, stdin) in enumerate(steps):
        trace = tmp_path / f"trace-{number}.txt"
        result = traced(trace, args, stdin)
        assert result.returncode == 0, (args, result.stderr[-2000:])
        assert trace.exists() and trace.stat().st_size >= 0
        assert inet_calls(trace) == [], args
    notebook_id = subprocess.run([*cli, "list"], capture_output=True, text=True,
                                 env={**os.environ, "PYTHON_KEYRING_BACKEND":
                                      "keyring.backends.null.Keyring"}).stdout.split()[0]
    more: list[tuple[list[str], str]] = [([*cli, "check", notebook_id, "--passphrase-stdin"],
                                          PASS)]
    if " demo" in help_text:
        more.append(([*cli, "demo", "Offline demo", "--passphrase-stdin"], PASS * 2))
    if " export" in help_text:
        out = tmp_path / "summary.pdf"
        more.append(([*cli, "export", notebook_id, "--format", "pdf", "-o", str(out),
                      "--passphrase-stdin"], PASS))
    if " destroy" in help_text:
        more.append(([*cli, "destroy", notebook_id, "--confirm-title", "Offline engagement",
                      "--passphrase-stdin"], PASS))
    for number, (args, stdin) in enumerate(more, start=len(steps)):
        trace = tmp_path / f"trace-{number}.txt"
        result = traced(trace, args, stdin)
        assert "Traceback" not in result.stderr, result.stderr[-2000:]
        assert inet_calls(trace) == [], args


def test_the_trace_check_sees_a_connection(tmp_path: Path) -> None:
    need_tools("strace", "unshare")
    need_system(_can_unshare(), "unshare -n (a private network namespace)")
    trace = tmp_path / "trace.txt"
    code = ("import socket\ntry:\n    socket.create_connection(('192.0.2.1', 9), timeout=1)\n"
            "except OSError:\n    pass\n")
    traced(trace, [sys.executable, "-c", code])
    assert inet_calls(trace)
