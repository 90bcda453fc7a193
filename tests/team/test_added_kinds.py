"""Kinds of source a template adds travel in bundles: a colleague with the same template
counts them as the same kind; one without it is told so and nothing changes."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

import pytest

from peerdesk.capture import flip_charts
from peerdesk.capture.postits import PostitStore
from peerdesk.capture.sessions import SessionStore
from peerdesk.synthesis.findings import FindingStore
from peerdesk.team import receive, send
from peerdesk.team.bundle import BundleError
from peerdesk.vault.notebook import Notebook
from tests.team_helpers import meeting, postit, receive_file, send_postits, texts

TEMPLATE = Path(__file__).parents[1] / "fixtures" / "templates" / "site-visits.json"
VISIT = datetime(2026, 3, 4, 10, 0).astimezone()


def test_a_colleagues_site_visit_counts_as_a_site_visit(pair: list[Notebook],
                                                        tmp_path: Path) -> None:
    am, jl = pair
    for nb in pair:
        flip_charts.apply_template_file(nb, TEMPLATE)
    postit(am, "The director says the market is steady", meeting(am))
    postit(jl, "Staff at Elm House are settled", meeting(jl, "Elm House", "site_visit", VISIT))
    send_postits(jl, ["AM"], tmp_path / "jl.age")
    receive_file(am, tmp_path / "jl.age")
    store = FindingStore(am)
    fid = store.group([p.id for p in PostitStore(am).list_all()], "The market is steady",
                      "strength")
    assert store.get(fid).support.by_kind == {"meeting": 1, "site_visit": 1}
    assert store.matrix()[0].counts == {"meeting": 1, "site_visit": 1}


def test_a_site_visit_handed_over_lands_in_the_same_session(pair: list[Notebook],
                                                            tmp_path: Path) -> None:
    am, jl = pair
    for nb in pair:
        flip_charts.apply_template_file(nb, TEMPLATE)
    theirs = meeting(jl, "Elm House", "site_visit", VISIT)
    SessionStore(jl).save_notes(theirs, "Walked round with the deputy manager")
    send.write(jl, send.handover(jl, theirs), tmp_path / "h.age", send.recipients(jl, ["AM"]))
    done = receive_file(am, tmp_path / "h.age")
    received = SessionStore(am).get(done.session_id or 0)
    assert (received.kind, received.kind_label) == ("site_visit", "Site visit")
    assert SessionStore(am).notes(received.id) == "Walked round with the deputy manager"


def test_without_the_template_the_bundle_is_refused_and_nothing_changes(
        pair: list[Notebook], tmp_path: Path) -> None:
    am, jl = pair
    flip_charts.apply_template_file(jl, TEMPLATE)  # AM has not loaded it
    postit(jl, "Staff at Elm House are settled", meeting(jl, "Elm House", "site_visit", VISIT))
    send_postits(jl, ["AM"], tmp_path / "jl.age")
    before = texts(am)
    with pytest.raises(BundleError) as caught:
        receive.read(am, tmp_path / "jl.age")
    message = caught.value.message
    assert "site visit" in message and "Load the same template" in message
    assert message.endswith("Nothing was changed.")
    assert texts(am) == before
    flip_charts.apply_template_file(am, TEMPLATE)  # as the message says; then it is read
    receive_file(am, tmp_path / "jl.age")
    assert ("Staff at Elm House are settled", "JL") in texts(am)
