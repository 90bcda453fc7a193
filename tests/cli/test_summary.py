"""peerdesk-cli export, exports, check-summary and check-text, run as a separate process
with no credential store."""

from __future__ import annotations

import hashlib
import json
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
    assert (f"] Finding {finding}: headline: Participant's name: the name of a participant "
            "in the notebook") in refused.stderr
    assert "found “Ann Webb” in: Ann Webb says governance is slow" in refused.stderr
    assert "--decisions FILE" in refused.stderr
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


def test_check_text_prints_each_hit_and_exits_3(library: Library, tmp_path: Path) -> None:
    home = library.paths.data.parent
    notebook_id, _finding = make_engagement(library, dirty=False)
    email = tmp_path / "email.txt"
    email.write_text("Dear Priya,\n\nThe ICP chair, John Barker, told us the council is a "
                     "guest at the board.\nRing 0044 20 7946 0958.\n\nAlex\n", "utf-8")
    found = run_cli(home, "check-text", notebook_id, str(email), "--passphrase-stdin",
                    stdin=PASSPHRASE + "\n")
    assert found.returncode == 3, found.stderr
    out = found.stdout
    assert "3 things in the text could identify someone" in out
    assert "line 3: Role only one person holds" in out and "found “ICP chair”" in out
    assert "line 3: Looks like a person's name: a forename followed by a surname" in out
    assert "line 4: Phone number" in out and "found “0044 20 7946 0958”" in out
    assert "Priya" not in out.split("could identify someone")[1].split("[")[0]

    clean = run_cli(home, "check-text", notebook_id, "-", "--passphrase-stdin",
                    stdin=PASSPHRASE + "\nGovernance is slow but improving.\n")
    assert clean.returncode == 0, clean.stderr
    assert clean.stdout.strip() == ("No known names, roles, numbers or addresses found. Read "
                                    "it once more for anything only you would recognise.")
    assert "nothing could identify" not in clean.stdout.lower()

    missing = run_cli(home, "check-text", notebook_id, str(tmp_path / "nope.txt"),
                      "--passphrase-stdin", stdin=PASSPHRASE + "\n")
    assert missing.returncode == 2 and "nope.txt cannot be read" in missing.stderr


def test_export_resolves_hits_from_a_decisions_file(library: Library, tmp_path: Path) -> None:
    home = library.paths.data.parent
    with library.create(sample_details(), PASSPHRASE) as notebook:
        fx = summary_fixture.build(notebook)
        chart = fx.charts[3][0]
        one = summary_fixture.add_finding(notebook, chart, "The DPH was clear")
        two = summary_fixture.add_finding(notebook, chart, "Ann Webb runs the clinic")
        notebook_id = notebook.id
    listed = run_cli(home, "check-summary", notebook_id, "--json", "--passphrase-stdin",
                     stdin=PASSPHRASE + "\n")
    assert listed.returncode == 3, listed.stderr
    hits = {h["place"]: h for h in json.loads(listed.stdout)}
    assert set(hits) == {f"finding:{one}:headline", f"finding:{two}:headline"}
    decisions = tmp_path / "decisions.csv"
    decisions.write_text("hit,decision,text\n"
                         f"{hits[f'finding:{one}:headline']['hit']},accept,\n"
                         f"{hits[f'finding:{two}:headline']['hit']},replace,A nurse\n",
                         "utf-8")
    out = tmp_path / "summary.txt"
    done = run_cli(home, "export", notebook_id, "--format", "txt", "-o", str(out),
                   "--decisions", str(decisions), "--passphrase-stdin",
                   stdin=PASSPHRASE + "\n")
    assert done.returncode == 0, done.stderr
    assert "Applied 2 decisions to 2 hits." in done.stdout
    text = out.read_text("utf-8")
    assert "The DPH was clear" in text and "A nurse runs the clinic" in text
    assert "Ann Webb" not in text

    bad = tmp_path / "bad.json"
    bad.write_text(json.dumps([{"hit": "0000000000", "decision": "accept"}]), "utf-8")
    refused = run_cli(home, "export", notebook_id, "--format", "txt", "-o", str(out),
                      "--decisions", str(bad), "--passphrase-stdin", stdin=PASSPHRASE + "\n")
    assert refused.returncode == 2
    assert "Decision 1: no hit 0000000000 in the summary" in refused.stderr
