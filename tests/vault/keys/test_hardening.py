"""Process hardening at start: the environment of the re-start, and what is switched off."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

from peerdesk.vault.keys.hardening import (
    MARKER,
    harden_process,
    hardened_environment,
    restart_command,
    should_restart,
)


def test_the_restart_environment_overwrites_freed_memory() -> None:
    env = hardened_environment({"GLIBC_TUNABLES": "glibc.malloc.tcache_count=7:glibc.x=1",
                                "HOME": "/h"}, "linux")
    assert env["HOME"] == "/h" and env[MARKER] == "1" and env["PYTHONMALLOC"] == "malloc"
    tunables = env["GLIBC_TUNABLES"].split(":")
    assert "glibc.x=1" in tunables and "glibc.malloc.tcache_count=0" in tunables
    assert "glibc.malloc.tcache_count=7" not in tunables
    assert any(t.startswith("glibc.malloc.perturb=") for t in tunables)
    assert hardened_environment({}, "darwin")["MallocScribble"] == "1"
    assert "GLIBC_TUNABLES" not in hardened_environment({}, "win32")


def test_it_restarts_once_and_only_where_it_helps() -> None:
    assert should_restart({}, "linux") and should_restart({}, "darwin")
    assert not should_restart({MARKER: "1"}, "linux")
    assert not should_restart({}, "win32")
    assert restart_command()[0] == sys.executable


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="Linux's prctl and /proc")
def test_a_started_program_is_not_dumpable_and_writes_no_core_file(tmp_path: object) -> None:
    """The real start path, in a child: peerdesk-cli re-starts itself hardened."""
    code = ("import os, resource, sys\n"
            "from peerdesk.vault.keys.hardening import start_hardened, dumpable\n"
            "done = start_hardened()\n"
            "print(os.environ.get('PYTHONMALLOC'), dumpable(),"
            " resource.getrlimit(resource.RLIMIT_CORE), len(done))\n")
    env = {k: v for k, v in os.environ.items() if k != MARKER}
    out = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True,
                         text=True, timeout=60, check=True).stdout.split(maxsplit=1)
    assert out[0] == "malloc"
    assert out[1].startswith("False (0, 0) 3")


def test_hardening_twice_is_harmless() -> None:
    if sys.platform.startswith("linux"):
        pid = os.fork()
        if pid == 0:  # the child: harden, then report through the exit status
            first, second = harden_process(), harden_process()
            os._exit(0 if first and second == first else 1)
        assert os.waitpid(pid, 0)[1] == 0
