"""The team through peerdesk-cli, as scripts would use it: three peers on three laptops
(three data folders), codes swapped, bundles moved as files, received twice, destroyed."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from peerdesk.capture.postits import PostitStore
from peerdesk.capture.sessions import SessionStore
from peerdesk.vault.clock import ManualClock
from peerdesk.vault.keys.keyfile import KdfParams
from peerdesk.vault.keys.keystore import KeyStore
from peerdesk.vault.library import Library
from peerdesk.vault.paths import AppPaths
from tests.cli_helpers import run_cli
from tests.conftest import PASSPHRASE, sample_details
from tests.locations import TIMETABLES

UNLOCK = PASSPHRASE + "\n"


def laptop(tmp_path: Path, initials: str) -> tuple[Path, str]:
    """A peer's own data folder and notebook, with the shared timetable imported."""
    home = tmp_path / initials
    library = Library(AppPaths.under(home).ensure(), KeyStore(), KdfParams.fast_for_tests(),
                      ManualClock())
    details = replace(sample_details(), my_initials=initials, my_name=f"Peer {initials}")
    with library.create(details, PASSPHRASE) as notebook:
        notebook_id = notebook.id
    done = cli(home, "import-timetable", notebook_id, str(TIMETABLES / "utf8_bom_comma.csv"))
    assert done.returncode == 0, done.stderr
    with library.open(notebook_id, PASSPHRASE) as notebook:
        session = SessionStore(notebook).list_all()[0]
        chart = notebook.flip_charts()[0].id
        PostitStore(notebook).add(chart, f"{initials} heard it", "strength",
                                  session_id=session.id)
    return home, notebook_id


def cli(home: Path, *args: str, stdin: str = UNLOCK):
    return run_cli(home, *args, "--passphrase-stdin", stdin=stdin)


def test_three_peers_swap_codes_send_and_receive(tmp_path: Path) -> None:
    peers = {i: laptop(tmp_path, i) for i in ("AM", "JL", "SO")}
    team_codes = {}
    for initials, (home, nb) in peers.items():
        out = cli(home, "team-code", nb)
        assert out.returncode == 0, out.stderr
        code, fingerprint = out.stdout.splitlines()
        assert code.startswith("age1") and fingerprint.startswith("Fingerprint: ")
        team_codes[initials] = code
    for initials, (home, nb) in peers.items():
        for other, code in team_codes.items():
            if other != initials:
                added = cli(home, "team-add", nb, "--initials", other, code)
                assert added.returncode == 0, added.stderr
                assert "Check it with them aloud" in added.stdout
    listing = cli(peers["AM"][0], "team", peers["AM"][1])
    assert "JL\t" in listing.stdout and "SO\t" in listing.stdout
    bundles = {}
    for initials, (home, nb) in peers.items():
        others = ",".join(i for i in peers if i != initials)
        bundles[initials] = tmp_path / f"from-{initials}.age"
        sent = cli(home, "send", nb, "--to", others, "--postits", "-o", str(bundles[initials]))
        assert sent.returncode == 0, sent.stderr
        assert "1 post-its for" in sent.stdout
    for initials, (home, nb) in peers.items():
        for other in peers:
            if other != initials:
                got = cli(home, "receive", nb, str(bundles[other]))
                assert got.returncode == 0, got.stderr
                assert f"From {other}: pooled post-its" in got.stdout
                assert "Received: 1 added" in got.stdout
    home, nb = peers["AM"]
    again = cli(home, "receive", nb, str(bundles["JL"]))
    assert "Nothing new: receiving it changes nothing." in again.stdout
    assert "Received: 0 added" in again.stdout
    exports = cli(home, "exports", nb)
    assert exports.stdout.count("team_bundle ") == 1
    assert exports.stdout.count("team_bundle_received") == 2
    search = cli(home, "search", nb, "heard")
    assert all(f"{i} [heard] it" in search.stdout for i in peers), search.stdout


def test_a_stranger_and_junk_get_one_sentence(tmp_path: Path) -> None:
    (am_home, am), (jl_home, jl) = laptop(tmp_path, "AM"), laptop(tmp_path, "JL")
    (xx_home, xx) = laptop(tmp_path, "XX")
    code = cli(jl_home, "team-code", jl).stdout.splitlines()[0]
    cli(am_home, "team-add", am, "--initials", "JL", code)
    bundle = tmp_path / "for-jl.age"
    assert cli(am_home, "send", am, "--to", "JL", "--postits", "-o", str(bundle)).returncode == 0
    refused = cli(xx_home, "receive", xx, str(bundle))
    assert refused.returncode == 2
    assert refused.stderr.strip() == ("peerdesk: This bundle was made for someone else on the "
                                      "team, not for this notebook. Nothing was changed.")
    junk = tmp_path / "junk.age"
    junk.write_bytes(b"age-encryption.org/v1\n-> nothing here")
    refused = cli(jl_home, "receive", jl, str(junk))
    assert refused.returncode == 2 and refused.stderr.count("\n") == 1
    assert cli(am_home, "send", am, "--to", "ZZ", "--postits", "-o",
               str(tmp_path / "z.age")).returncode == 2


def test_a_passphrase_bundle_and_a_handover(tmp_path: Path) -> None:
    (am_home, am), (jl_home, jl) = laptop(tmp_path, "AM"), laptop(tmp_path, "JL")
    bundle = tmp_path / "pass.age"
    team_pass = "a passphrase said aloud"
    sent = cli(jl_home, "send", jl, "--postits", "--with-passphrase", "-o", str(bundle),
               stdin=f"{PASSPHRASE}\n{team_pass}\n{team_pass}\n")
    assert sent.returncode == 0, sent.stderr
    got = cli(am_home, "receive", am, str(bundle), stdin=f"{PASSPHRASE}\n{team_pass}\n")
    assert got.returncode == 0, got.stderr
    assert "Received: 1 added" in got.stdout
    code = cli(am_home, "team-code", am).stdout.splitlines()[0]
    cli(jl_home, "team-add", jl, "--initials", "AM", code)
    handed = tmp_path / "handover.age"
    out = cli(jl_home, "send", jl, "--to", "AM", "--session", "1", "-o", str(handed))
    assert out.returncode == 0, out.stderr
    preview = cli(am_home, "receive", am, str(handed), "--preview")
    assert "your session of the same meeting" in preview.stdout
    assert "Nothing was changed (preview only)." in preview.stdout
    handed_in = cli(am_home, "receive", am, str(handed)).stdout
    assert "Received: 0 added" in handed_in
    assert "It holds no notes." in handed_in  # the team dinner's notes were empty
