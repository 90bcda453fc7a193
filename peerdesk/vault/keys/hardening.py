"""Process hardening at start: no core file, not dumpable, and freed memory overwritten.

Both programs (``peerdesk`` and ``peerdesk-cli``) call ``start_hardened`` first thing.

What it does, by platform:

- Linux: ``prctl(PR_SET_DUMPABLE, 0)`` (another process of the same user can no longer
  read this one's memory through ``/proc/PID/mem`` or attach a debugger, and the kernel
  writes no core file) and ``RLIMIT_CORE`` 0. Before that, the program starts itself once
  more (``exec``, same process id) with an environment that makes every allocation go
  through the C library (``PYTHONMALLOC=malloc``) and makes glibc overwrite each block it
  frees (``glibc.malloc.perturb``, with its per-thread cache off so that no freed block
  escapes). A copy of a note, a key or a passphrase that Python, Qt or a library made and
  let go is then overwritten at once instead of lingering in freed memory.
- macOS: ``RLIMIT_CORE`` 0 and the same re-start with ``MallocScribble`` (the system
  allocator then overwrites freed blocks). ``PT_DENY_ATTACH`` (which stops a debugger
  attaching) is not used: it also stops the system's crash reporter and it is documented
  as a debugging aid, not a protection; a same-user process can still read memory
  through the task port only with the debugging entitlement, which signed apps lack.
- Windows: ``SetErrorMode`` so that a crash shows no dialog, and ``WerSetFlags`` so that
  Windows Error Reporting collects no heap (no notes) in a crash report. There is no
  per-process switch for "not dumpable" on Windows, and the C library heap has no
  overwrite-on-free switch; both are documented as limits in docs/user-guide.md.

Nothing here needs Qt; nothing runs at import time.
"""

from __future__ import annotations

import contextlib
import os
import sys
from collections.abc import Mapping, Sequence

MARKER = "PEERDESK_HARDENED"
"""Set in the environment of the re-started program, so that it starts only once more."""
PERTURB_BYTE = 0xA5
PR_SET_DUMPABLE = 4
PR_GET_DUMPABLE = 3


def hardened_environment(environ: Mapping[str, str],
                         platform: str = sys.platform) -> dict[str, str]:
    """The environment the program re-starts itself with (on Linux and macOS)."""
    env = dict(environ)
    env[MARKER] = "1"
    env["PYTHONMALLOC"] = "malloc"
    if platform.startswith("linux"):
        tunables = [t for t in env.get("GLIBC_TUNABLES", "").split(":")
                    if t and not t.startswith(("glibc.malloc.tcache_count=",
                                               "glibc.malloc.perturb="))]
        tunables += ["glibc.malloc.tcache_count=0", f"glibc.malloc.perturb={PERTURB_BYTE}"]
        env["GLIBC_TUNABLES"] = ":".join(tunables)
    elif platform == "darwin":
        env["MallocScribble"] = "1"
    return env


def restart_command(argv: Sequence[str] | None = None) -> list[str]:
    """The command line that starts this very program again, as it was started."""
    if getattr(sys, "frozen", False):
        return [sys.executable, *(sys.argv[1:] if argv is None else argv)]
    original = list(getattr(sys, "orig_argv", []) or [sys.executable, *sys.argv])
    return [sys.executable, *original[1:]]


def should_restart(environ: Mapping[str, str], platform: str = sys.platform) -> bool:
    return (platform.startswith("linux") or platform == "darwin") and not environ.get(MARKER)


def start_hardened() -> list[str]:
    """Re-start under the hardened environment if need be (this call then never returns),
    then harden this process. Returns what was done, in a few words each."""
    if should_restart(os.environ):
        command = restart_command()
        for stream in (sys.stdout, sys.stderr):
            if stream is not None:
                stream.flush()
        with contextlib.suppress(OSError):  # without it, rather than not start at all
            os.execve(command[0], command, hardened_environment(os.environ))
    return harden_process()


def harden_process(platform: str = sys.platform) -> list[str]:
    """No core file and, where the platform allows, not dumpable. Safe to call twice."""
    done: list[str] = []
    if platform != "win32":
        import resource

        try:
            resource.setrlimit(resource.RLIMIT_CORE, (0, 0))
            done.append("core files off (RLIMIT_CORE 0)")
        except (OSError, ValueError):
            pass
    if platform.startswith("linux"):
        if _prctl(PR_SET_DUMPABLE, 0) == 0:
            done.append("not dumpable (PR_SET_DUMPABLE 0)")
        if os.environ.get(MARKER):
            done.append("freed memory overwritten (glibc perturb, PYTHONMALLOC=malloc)")
    elif platform == "darwin" and os.environ.get(MARKER):
        done.append("freed memory overwritten (MallocScribble, PYTHONMALLOC=malloc)")
    elif platform == "win32":
        done += _windows_error_reporting()
    return done


def dumpable() -> bool | None:
    """Linux only: whether this process may be dumped or read by its user's processes."""
    if not sys.platform.startswith("linux"):
        return None
    return bool(_prctl(PR_GET_DUMPABLE, 0))


def _prctl(option: int, value: int) -> int:
    import ctypes

    try:
        libc = ctypes.CDLL(None, use_errno=True)
        result: int = libc.prctl(option, ctypes.c_ulong(value), ctypes.c_ulong(0),
                                 ctypes.c_ulong(0), ctypes.c_ulong(0))
    except (OSError, AttributeError):
        return -1
    return result


SEM_FAILCRITICALERRORS = 0x0001
SEM_NOGPFAULTERRORBOX = 0x0002
WER_FAULT_REPORTING_FLAG_NOHEAP = 1


def _windows_error_reporting() -> list[str]:  # pragma: no cover - Windows only
    import ctypes

    done = []
    kernel32 = ctypes.WinDLL("kernel32")  # type: ignore[attr-defined]
    kernel32.SetErrorMode(SEM_FAILCRITICALERRORS | SEM_NOGPFAULTERRORBOX)
    done.append("no crash dialog (SetErrorMode)")
    try:
        if kernel32.WerSetFlags(WER_FAULT_REPORTING_FLAG_NOHEAP) == 0:
            done.append("crash reports without the heap (WerSetFlags NOHEAP)")
    except AttributeError:
        pass
    return done
