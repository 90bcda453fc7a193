"""peerdesk-cli export and exports, run as a separate process with no credential store."""

from __future__ import annotations

import hashlib
import subprocess
from pathlib import Path

from peerdesk.vault.library import Library
from tests import cli_helpers, summary_fixture
from tests.conftest import PASSPHRASE, sample_details


def run_cli(home: Path, *args: str, stdin: str = "") -> subprocess.CompletedProcess[str]:
    return cli_helpers.run_cli(home, *args, stdin=stdin)


def make_engagement(library: Library, dirty: bool) -> tuple[str, int]:
    with library.create(sample_details(), PASSPHRASE) as notebook:
        fx = summary_fixture.build(notebook)
        finding = summary_fixture.add_finding(
            notebook, fx.charts[3][0],
            "Ann Webb says governance is slow" if dirty else "Governance is slow")
        return notebook.id, finding


def test_export_refused_then_written_and_listed(library: Library, tmp_path: Path) -> None:
    home = library.paths.data.parent
    notebook_id, finding = make_engagement(library, dirty=True)
    out = tmp_path / "summary.pdf"

    refused = run_cli(home, "export", notebook_id, "--format", "pdf", "-o", str(out),
                      "--passphrase-stdin", stdin=PASSPHRASE + "\n")
    assert refused.returncode == 1, refused.stderr
    assert "1 thing that could identify someone" in refused.stderr
    assert (f"Participant's name: “Ann Webb” in Finding {finding}: headline: "
            "Ann Webb says governance is slow") in refused.stderr
    assert not out.exists()

    with library.open(notebook_id, PASSPHRASE) as notebook, notebook.write() as conn:
        conn.execute("UPDATE finding SET headline = 'Governance is slow' WHERE id = ?",
                     (finding,))

    done = run_cli(home, "export", notebook_id, "--format", "pdf", "-o", str(out),
                   "--passphrase-stdin", stdin=PASSPHRASE + "\n")
    assert done.returncode == 0, done.stderr
    digest = hashlib.sha256(out.read_bytes()).hexdigest()
    assert f"Saved {out}" in done.stdout and digest in done.stdout
    assert out.read_bytes().startswith(b"%PDF")

    listed = run_cli(home, "exports", notebook_id, "--passphrase-stdin",
                     stdin=PASSPHRASE + "\n")
    assert listed.returncode == 0, listed.stderr
    [line] = listed.stdout.splitlines()
    assert "summary_pdf" in line and digest in line and str(out) in line and "on disk" in line


def test_every_format_and_a_folder_target(library: Library, tmp_path: Path) -> None:
    home = library.paths.data.parent
    notebook_id, _finding = make_engagement(library, dirty=False)
    for fmt in ("txt", "docx"):
        result = run_cli(home, "export", notebook_id, "--format", fmt, "-o", str(tmp_path),
                         "--passphrase-stdin", stdin=PASSPHRASE + "\n")
        assert result.returncode == 0, result.stderr
    names = sorted(p.name for p in tmp_path.iterdir() if p.name.startswith("peer-summary"))
    assert names == ["peer-summary-" + names[0][13:23] + ".docx",
                     "peer-summary-" + names[0][13:23] + ".txt"]
    text = (tmp_path / names[1]).read_text("utf-8")
    assert "Governance is slow" in text and "Ann Webb" not in text

    wrong = run_cli(home, "export", notebook_id, "--format", "rtf", "-o", str(tmp_path),
                    "--passphrase-stdin", stdin=PASSPHRASE + "\n")
    assert wrong.returncode == 2 and "invalid choice" in wrong.stderr

    bad = run_cli(home, "exports", notebook_id, "--passphrase-stdin", stdin="not it\n")
    assert bad.returncode == 2 and "passphrase" in bad.stderr.lower()
