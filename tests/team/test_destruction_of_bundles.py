"""Destruction after receiving: every bundle sent and received is listed, deleted (or kept
with a reason), checked absent, and counted on the certificate."""

from __future__ import annotations

from pathlib import Path

from peerdesk.destruction import destroy as destruction
from peerdesk.destruction.certificate import Attestations
from peerdesk.destruction.inventory import Action
from peerdesk.vault.library import Library
from peerdesk.vault.notebook import Notebook
from tests.team_helpers import meeting, postit, receive_file, send_postits


def test_bundles_sent_and_received_are_destroyed_and_counted(
        library: Library, pair: list[Notebook], tmp_path: Path) -> None:
    am, jl = pair
    usb = tmp_path / "usb"
    usb.mkdir()
    postit(jl, "From JL", meeting(jl))
    postit(am, "From AM", meeting(am))
    send_postits(jl, ["AM"], usb / "jl-1.age")
    receive_file(am, usb / "jl-1.age")
    copied = tmp_path / "Downloads"
    copied.mkdir()
    (copied / "jl-1.age").write_bytes((usb / "jl-1.age").read_bytes())
    receive_file(am, copied / "jl-1.age")  # the same bundle read from a second place
    send_postits(am, ["JL"], usb / "am-1.age")
    inventory = destruction.plan(library, am)
    bundles = {a.key: a for a in inventory.artefacts if a.key.startswith("bundle-")}
    assert sorted(k.rsplit("-", 1)[0] for k in bundles) == [
        "bundle-received", "bundle-received", "bundle-sent"]
    assert {a.path for a in bundles.values()} == {
        (usb / "jl-1.age").absolute(), (copied / "jl-1.age").absolute(),
        (usb / "am-1.age").absolute()}
    assert all(a.action is Action.OVERWRITE_DELETE for a in bundles.values())
    received = next(a for a in bundles.values() if a.path == (usb / "jl-1.age").absolute())
    assert received.description.startswith("Team bundle received 03/03/2026 (")
    kept = next(a for a in bundles.values() if a.path == (usb / "am-1.age").absolute())
    inventory = inventory.choose(kept.export_id or 0, "JL still needs to receive it")
    result = destruction.run(library, inventory, am, confirm_title=inventory.title,
                             attestations=Attestations(True, True, True))
    assert result.ok, result.problems
    assert not (usb / "jl-1.age").exists() and not (copied / "jl-1.age").exists()
    assert (usb / "am-1.age").exists()
    text = result.files.text.read_text() if result.files else ""
    assert "Team bundles: 1 bundle sent and 2 bundles received, each listed above." in \
        " ".join(text.split())
    assert "JL still needs to receive it" in text
