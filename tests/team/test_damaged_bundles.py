"""Every kind of damage to a bundle gets one plain sentence and changes nothing: flipped
bits, a cut, junk, a foreign file, the wrong JSON inside a valid age file, huge counts."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

import pytest
from pyrage import x25519

from peerdesk.capture.postits import PostitStore
from peerdesk.team import codes, receive, register
from peerdesk.team.bundle import BundleError, PassphraseNeededError, seal, seal_with_passphrase
from peerdesk.vault.exports import list_exports
from peerdesk.vault.notebook import Notebook
from tests.conftest import need_tools
from tests.team_helpers import meeting, postit, receive_file, send_postits


@pytest.fixture
def good(pair: list[Notebook], tmp_path: Path) -> Path:
    jl = pair[1]
    for n in range(5):
        postit(jl, f"Card {n}", meeting(jl))
    path = tmp_path / "good.age"
    send_postits(jl, ["AM"], path)
    return path


def unchanged(nb: Notebook) -> None:
    assert PostitStore(nb).list_all() == []
    assert register.bundles(nb) == []
    assert [r for r in list_exports(nb) if r.kind == "team_bundle_received"] == []


def refuse(nb: Notebook, path: Path) -> str:
    with pytest.raises(BundleError) as caught:
        receive_file(nb, path)
    message = caught.value.message
    assert message.endswith(".") and "\n" not in message and "Traceback" not in message
    assert "Nothing was changed" in message or "not for this" in message
    unchanged(nb)
    return message


def test_every_flipped_bit_position_is_caught(pair: list[Notebook], good: Path,
                                             tmp_path: Path) -> None:
    am = pair[0]
    data = good.read_bytes()
    step = max(1, len(data) // 60)
    for offset in range(0, len(data), step):
        bad = bytearray(data)
        bad[offset] ^= 0x10
        path = tmp_path / f"flip-{offset}.age"
        path.write_bytes(bytes(bad))
        refuse(am, path)


def test_a_cut_bundle_is_caught(pair: list[Notebook], good: Path, tmp_path: Path) -> None:
    am = pair[0]
    data = good.read_bytes()
    for keep in (0, 10, len(data) // 2, len(data) - 1):
        path = tmp_path / f"cut-{keep}.age"
        path.write_bytes(data[:keep])
        refuse(am, path)


def test_junk_and_foreign_files(pair: list[Notebook], good: Path, tmp_path: Path) -> None:
    am = pair[0]
    for name, content in (("junk.age", b"\x00\xff" * 500), ("notes.txt", b"Just a text file"),
                          ("plus.age", good.read_bytes() + b"trailing junk")):
        path = tmp_path / name
        path.write_bytes(content)
        refuse(am, path)
    assert "not a peerdesk team bundle" in refuse(am, tmp_path / "notes.txt")
    missing = tmp_path / "nowhere.age"
    assert "cannot be read" in refuse(am, missing)


def inner(am: Notebook, tmp_path: Path, doc: object, name: str = "x.age") -> Path:
    path = tmp_path / name
    raw = doc if isinstance(doc, bytes) else json.dumps(doc).encode()
    path.write_bytes(seal(raw, [codes.my_code(am)]))
    return path


def test_wrong_json_inside_a_valid_age_file(pair: list[Notebook], good: Path,
                                            tmp_path: Path) -> None:
    am, jl = pair
    real = json.loads(receive_inner(jl, am, good))
    cases: list[object] = [
        b"not json at all", b"\xff\xfe", [], {"format": "something-else"},
        {**real, "version": 2}, {**real, "kind": "everything"},
        {**real, "postits": "many"}, {**real, "id": "short"},
        {**real, "postits": [{**real["postits"][0], "chart": "nowhere"}]},
        {**real, "postits": [{**real["postits"][0], "kind": "gossip"}]},
        {**real, "postits": [{**real["postits"][0], "text": ""}]},
        {**real, "postits": [{**real["postits"][0], "text": "x" * 5000}]},
        {**real, "postits": [{**real["postits"][0], "day": "03/03/2026"}]},
        {**real, "postits": [real["postits"][0], real["postits"][0]]},
        {**real, "sources": [{**real["sources"][0], "kind": "rumour"}]},
        {**real, "kind": "handover"},
        {k: v for k, v in real.items() if k != "charts"},
    ]
    for number, doc in enumerate(cases):
        refuse(am, inner(am, tmp_path, doc, f"case-{number}.age"))


def receive_inner(jl: Notebook, am: Notebook, path: Path) -> bytes:
    """The JSON inside a good bundle, decrypted with AM's identity (as age would)."""
    from peerdesk.team.bundle import unseal

    return unseal(path.read_bytes(), codes.identity(am))


def test_huge_counts_are_refused_without_merging(pair: list[Notebook], good: Path,
                                                 tmp_path: Path) -> None:
    am, jl = pair
    real = json.loads(receive_inner(jl, am, good))
    one = real["postits"][0]
    many = [{**one, "id": f"{n:032x}"} for n in range(100_001)]
    message = refuse(am, inner(am, tmp_path, {**real, "postits": many}))
    assert "more post-its than peerdesk ever sends" in message


def test_a_passphrase_bundle_asks_for_its_passphrase(pair: list[Notebook], good: Path,
                                                     tmp_path: Path) -> None:
    am, jl = pair
    raw = receive_inner(jl, am, good)
    path = tmp_path / "pass.age"
    path.write_bytes(seal_with_passphrase(raw, "a long team passphrase"))
    with pytest.raises(PassphraseNeededError):
        receive.read(am, path)
    with pytest.raises(BundleError, match="does not open"):
        receive.read(am, path, passphrase="wrong one entirely")
    assert receive_file(am, path, passphrase="a long team passphrase").added == 5


def test_the_age_tool_decrypts_a_bundle_with_the_identity(pair: list[Notebook], good: Path,
                                                         tmp_path: Path) -> None:
    need_tools("age")
    am = pair[0]
    key = tmp_path / "identity.txt"
    key.write_text(am.meta(codes.IDENTITY_KEY) + "\n")
    key.chmod(0o600)
    out = subprocess.run(["age", "--decrypt", "-i", str(key), str(good)], capture_output=True,
                         check=True, timeout=60)
    doc = json.loads(out.stdout)
    assert (doc["format"], doc["version"], doc["kind"]) == ("peerdesk-team-bundle", 1,
                                                           "postits")
    assert sorted(p["text"] for p in doc["postits"]) == [f"Card {n}" for n in range(5)]
    stranger = tmp_path / "stranger.txt"
    stranger.write_text(str(x25519.Identity.generate()) + "\n")
    refused = subprocess.run(["age", "--decrypt", "-i", str(stranger), str(good)],
                             capture_output=True, timeout=60)
    assert refused.returncode != 0
