"""Destroy one engagement, verify it, and write the certificate. Qt-free; runs in any thread.

The flow for the GUI and the CLI::

    inventory = plan(library, notebook, keep={3: "the manager already holds it"})
    # show inventory.artefacts; the peer types the title and ticks the attestations
    result = run(library, inventory, notebook, confirm_title=typed, attestations=ticks,
                 progress=callback)          # callback(Progress) from the worker thread
    # at every start:
    for journal in pending(library.paths):
        result = resume(library, journal, progress=callback)

Order: write the journal; close the notebook; delete the key from the credential store
and the key file (cryptographic erase: any remaining copy of the encrypted notebook can
no longer be read); overwrite and delete each file; overwrite and delete the copies the
peer chose to delete; clear the settings entries. Each step is recorded in the journal as
done before the next begins. Then every check, then the certificate and the email draft.
"""

from __future__ import annotations

import secrets
import threading
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from peerdesk import __version__
from peerdesk.destruction.certificate import (
    MEMORY_NOT_OPENED,
    MEMORY_OPEN_HERE,
    Attestations,
    CertificateCheck,
    CertificateFiles,
    CertificateLine,
    CertificateRecord,
    file_stem,
    size_text,
)
from peerdesk.destruction.certificates import write_certificate
from peerdesk.destruction.email import for_record, save_draft
from peerdesk.destruction.inventory import BUNDLE_KEYS, Action, Inventory, Kind, plan
from peerdesk.destruction.journal import (
    CheckEntry,
    DestructionJournalDamagedError,
    Journal,
    Phase,
    Review,
    Secret,
    StepEntry,
    StepState,
    pending,
    remove,
    review,
)
from peerdesk.destruction.steps import (
    StepFailed,
    clear_settings,
    delete_stored_key,
    ensure_closed,
    overwrite_and_delete,
    remove_temporary,
)
from peerdesk.destruction.verify import CHECK_KEYS, run_checks
from peerdesk.vault.errors import ValidationError
from peerdesk.vault.library import Library
from peerdesk.vault.notebook import Notebook

__all__ = [
    "DestructionJournalDamagedError",
    "DestructionResult",
    "Progress",
    "Review",
    "discard",
    "pending",
    "plan",
    "resume",
    "review",
    "run",
]

STEP_WEIGHT = 256 * 1024  # bytes-equivalent of one small step, for the progress fraction


@dataclass(frozen=True)
class Progress:
    """One event for a progress bar and a log. ``fraction`` runs from 0 to 1."""

    phase: str      # "journal", "step", "check", "certificate", "finished"
    key: str        # e.g. "close", "credential", "keyfile", "notebook", "export-3"
    label: str
    status: str     # "working", "done", "failed", "kept", "passed"
    fraction: float
    detail: str = ""


ProgressCallback = Callable[[Progress], None]


@dataclass(frozen=True)
class DestructionResult:
    title: str
    steps: tuple[StepEntry, ...]
    checks: tuple[CheckEntry, ...]
    record: CertificateRecord
    files: CertificateFiles | None
    journal_removed: bool

    @property
    def ok(self) -> bool:
        return self.record.ok and self.files is not None

    @property
    def problems(self) -> list[str]:
        """Plain sentences: what failed, and what to do about it."""
        out = [f"{s.label}: {s.outcome} What to do: {s.advice}" for s in self.steps
               if s.state is StepState.FAILED]
        out += [f"Check failed: {c.label}. {c.detail} What to do: {c.advice}"
                for c in self.checks if not c.passed]
        if not self.journal_removed and self.ok:
            out.append("peerdesk's own record of this destruction could not be deleted. "
                       "What to do: start peerdesk again; it will finish removing it.")
        return out


class _Reporter:
    def __init__(self, journal: Journal, progress: ProgressCallback | None) -> None:
        self.callback = progress
        weights = {s.key: STEP_WEIGHT + (s.size or 0) for s in journal.steps
                   if s.state is not StepState.KEPT}
        self.total = sum(weights.values()) + STEP_WEIGHT * (len(CHECK_KEYS) + 2)
        self.done = sum(w for k, w in weights.items()
                        if journal.step(k).state is StepState.DONE)
        self.weights = weights

    def emit(self, phase: str, key: str, label: str, status: str, detail: str = "",
             extra: int = 0) -> None:
        if self.callback is not None:
            fraction = min(1.0, (self.done + extra) / self.total) if self.total else 1.0
            self.callback(Progress(phase, key, label, status, fraction, detail))

    def advance(self, amount: int) -> None:
        self.done += amount


TEMPORARY = "temporary"
"""The step (and its kind) that removes peerdesk's temporary files for the notebook."""


def _steps_from(inventory: Inventory) -> list[StepEntry]:
    steps = [StepEntry("close", "notebook", "Close the notebook", "close")]
    for a in inventory.artefacts:
        state = StepState.KEPT if a.action is Action.KEEP else StepState.PENDING
        steps.append(StepEntry(a.key, a.kind.value, a.label, a.action.value, a.size,
                               a.keep_reason, state,
                               f"Kept: {a.keep_reason}" if a.keep_reason else ""))
    steps.append(StepEntry(TEMPORARY, TEMPORARY, "Temporary files of interrupted saves",
                           Action.OVERWRITE_DELETE.value))
    return steps


def start(library: Library, inventory: Inventory, *, confirm_title: str,
          attestations: Attestations) -> Journal:
    """Check the typed title and write the journal. Nothing is destroyed yet."""
    if not inventory.title_matches(confirm_title):
        raise ValidationError("The title typed does not match this engagement's title, so "
                              "nothing was destroyed. Type it exactly as it is shown.")
    token = secrets.token_hex(6)
    secret = Secret(inventory.notebook_id,
                    {a.key: str(a.path) for a in inventory.artefacts
                     if a.path is not None and a.kind is not Kind.SETTINGS},
                    {a.key: a.sha256 for a in inventory.artefacts if a.sha256})
    journal = Journal(
        path=Journal.path_for(library.paths, token), token=token,
        started_at=library.clock.now(), app_version=__version__, title=inventory.title,
        peer_name=inventory.peer_name, manager_name=inventory.manager_name,
        manager_email=inventory.manager_email, attestations=attestations, secret=secret,
        steps=_steps_from(inventory), home=str(library.paths.data))
    journal.save()
    return journal


def run(library: Library, inventory: Inventory, notebook: Notebook, *, confirm_title: str,
        attestations: Attestations | None = None,
        progress: ProgressCallback | None = None,
        memory: str = MEMORY_OPEN_HERE) -> DestructionResult:
    """Destroy everything in ``inventory``, verify, certify. Closes ``notebook`` first.

    ``memory`` is what the certificate says about the running program's memory (see
    ``certificate.MEMORY_*``): only the caller knows whether it restarts or ends."""
    if notebook.id != inventory.notebook_id:
        raise ValidationError("This inventory belongs to another notebook.")
    journal = start(library, inventory, confirm_title=confirm_title,
                    attestations=attestations or Attestations())
    reporter = _Reporter(journal, progress)
    reporter.emit("journal", "journal", "Record of this destruction written", "done")
    notebook.close()
    return _carry_on(library, journal, reporter, memory)


def resume(library: Library, journal: Journal,
           progress: ProgressCallback | None = None,
           memory: str = MEMORY_NOT_OPENED) -> DestructionResult:
    """Finish (or retry) an unfinished destruction found by ``pending``. Safe to repeat."""
    return _carry_on(library, journal, _Reporter(journal, progress), memory)


def discard(journal: Journal) -> bool:
    """Stop offering an unfinished destruction (its certificate, if any, is kept)."""
    return remove(journal)


def _do_step(library: Library, journal: Journal, step: StepEntry, reporter: _Reporter) -> str:
    secret = journal.secret
    if step.key == "close":
        return ensure_closed(library.paths, secret.notebook_id)
    if step.kind == Kind.CREDENTIAL:
        return delete_stored_key(library.keystore, secret.notebook_id)
    if step.kind == Kind.SETTINGS:
        return clear_settings(library.paths, secret.notebook_id)
    if step.kind == TEMPORARY:
        return remove_temporary(library.paths, secret.notebook_id, journal.token)

    def block(done: int) -> None:
        reporter.emit("step", step.key, step.label, "working", extra=done)

    outcome, size = overwrite_and_delete(Path(secret.paths[step.key]), block)
    if size is None and step.size is not None and step.key in ("wal", "shm"):
        # Closing the notebook wrote the log into the notebook file, and SQLite then
        # deleted the log and its index itself: say so, rather than "overwritten".
        outcome = ("Deleted by SQLite when the notebook closed, once its contents were in "
                   "the notebook file (overwritten in its own step)")
    elif size is None and step.size:
        outcome += f" (it was {size_text(step.size)} when listed)"
    step.size = size
    return outcome


def _load_pdf_library() -> None:
    """Import reportlab and load the fonts while the disk is busy (fsync frees the CPU)."""
    import reportlab.platypus  # noqa: F401

    from peerdesk.summary.fonts import register_fonts

    register_fonts()


def _carry_on(library: Library, journal: Journal, reporter: _Reporter,
              memory: str) -> DestructionResult:
    warm_up = threading.Thread(target=_load_pdf_library, name="certificate-fonts", daemon=True)
    warm_up.start()
    retry = journal.phase is not Phase.CERTIFIED or journal.unfinished
    for step in journal.steps:
        if step.state not in (StepState.PENDING, StepState.FAILED):
            continue
        if journal.step("close").state is StepState.FAILED:
            break  # never destroy files another peerdesk still has open
        try:
            step.outcome, step.advice = _do_step(library, journal, step, reporter), ""
            step.state = StepState.DONE
        except StepFailed as exc:
            step.outcome, step.advice, step.state = exc.outcome, exc.advice, StepState.FAILED
        journal.save()
        reporter.advance(reporter.weights.get(step.key, 0))
        reporter.emit("step", step.key, step.label, step.state.value, step.outcome)
    if retry:
        journal.checks = []
        for check in run_checks(library, journal):
            journal.checks.append(check)
            reporter.advance(STEP_WEIGHT)
            reporter.emit("check", check.key, check.label,
                          "passed" if check.passed else "failed", check.detail)
        journal.finished_at = library.clock.now()
        journal.phase = Phase.VERIFIED
        journal.save()
    record = certificate_record(journal, memory)
    warm_up.join()
    files = _certify(library, journal, record)
    reporter.advance(STEP_WEIGHT)
    reporter.emit("certificate", "certificate", "Certificate written", "done", str(files.pdf))
    removed = False
    if not journal.unfinished:
        removed = remove(journal)
    reporter.advance(STEP_WEIGHT)
    reporter.emit("finished", "finished", journal.title, "done" if record.ok else "failed")
    return DestructionResult(journal.title, tuple(journal.steps), tuple(journal.checks), record,
                             files, removed)


def _certify(library: Library, journal: Journal, record: CertificateRecord) -> CertificateFiles:
    files = write_certificate(library.paths, record, file_stem(journal.started_at, journal.token))
    draft = save_draft(for_record(record), files.pdf, now=record.finished_at)
    journal.phase = Phase.CERTIFIED
    journal.certificate_stem = files.pdf.stem
    journal.save()
    return CertificateFiles(files.text, files.pdf, files.sidecar, draft)


def certificate_record(journal: Journal, memory: str = MEMORY_OPEN_HERE) -> CertificateRecord:
    lines = tuple(
        CertificateLine(s.label, s.size, s.outcome or "Not carried out", s.state.value,
                        s.advice, s.kind, s.key)
        for s in journal.steps if s.key != "close" or s.state is not StepState.DONE)
    checks = tuple(CertificateCheck(c.label, c.passed, c.detail, c.advice)
                   for c in journal.checks)
    kept = tuple((s.label, s.keep_reason or "") for s in journal.steps
                 if s.state is StepState.KEPT)
    bundles = (sum(s.key.startswith(BUNDLE_KEYS["team_bundle"]) for s in journal.steps),
               sum(s.key.startswith(BUNDLE_KEYS["team_bundle_received"]) for s in journal.steps))
    return CertificateRecord(
        title=journal.title, peer_name=journal.peer_name, manager_name=journal.manager_name,
        manager_email=journal.manager_email, started_at=journal.started_at,
        finished_at=journal.finished_at or journal.started_at, app_version=journal.app_version,
        artefacts=lines, checks=checks, kept=kept, attestations=journal.attestations,
        team_bundles=bundles, memory=memory)
