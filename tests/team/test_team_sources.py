"""Triangulation across the team: distinct sources over all peers' post-its."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

import pytest

from peerdesk.capture.postits import PostitStore
from peerdesk.capture.sessions import SessionDetails, SessionStore
from peerdesk.synthesis.findings import FindingStore
from peerdesk.synthesis.triangulation import Label
from peerdesk.team import links
from peerdesk.vault.notebook import Notebook
from tests.team_helpers import meeting, postit, receive_file, send_postits


def all_ids(nb: Notebook) -> list[int]:
    return [p.id for p in PostitStore(nb).list_all()]


def test_three_peers_notes_of_one_meeting_are_one_source(trio: list[Notebook],
                                                         tmp_path: Path) -> None:
    am, jl, so = trio
    for nb in trio:
        postit(nb, f"Vision shared ({nb.engagement().my_initials})", meeting(nb))
    group = meeting(so, "Front-line staff", "focus_group", datetime(2026, 3, 4, 14).astimezone())
    postit(so, "Staff know the vision", group)
    send_postits(jl, ["AM"], tmp_path / "jl.age")
    send_postits(so, ["AM"], tmp_path / "so.age")
    receive_file(am, tmp_path / "jl.age")
    receive_file(am, tmp_path / "so.age")
    store = FindingStore(am)
    fid = store.group(all_ids(am), "The vision is shared", "strength")
    finding = store.get(fid)
    assert (finding.support.count, finding.support.by_kind) == (2, {"meeting": 1,
                                                                    "focus_group": 1})
    assert finding.label is Label.CORROBORATED
    row = store.matrix()[0]
    assert (row.sources, row.counts) == (2, {"meeting": 1, "focus_group": 1})


def test_a_meeting_relayed_at_a_team_session_is_still_one_source(trio: list[Notebook],
                                                                 tmp_path: Path) -> None:
    am = trio[0]
    heard = postit(am, "Ownership is uneven", meeting(am))
    team = meeting(am, "Peer team session", "team_session", datetime(2026, 3, 3, 13).astimezone())
    relayed = postit(am, "JL heard the same", team, initials="JL")
    assert relayed.initials == "JL"
    fid = FindingStore(am).group([heard.id, relayed.id], "Ownership is uneven",
                                 "area_to_explore")
    finding = FindingStore(am).get(fid)
    assert (finding.support.count, finding.label) == (1, Label.SINGLE_SOURCE)


def test_a_link_made_by_one_peer_reaches_the_others(trio: list[Notebook],
                                                    tmp_path: Path) -> None:
    am, jl, so = trio
    when = datetime(2026, 3, 3, 11).astimezone()
    a_session = SessionStore(am).add(SessionDetails("CEO, acute trust", "meeting", when)).id
    j_session = SessionStore(jl).add(SessionDetails("Acute trust chief executive", "meeting",
                                                    when)).id
    postit(am, "AM heard it", a_session)
    postit(jl, "JL heard it", j_session)
    send_postits(jl, ["AM"], tmp_path / "jl.age")
    receive_file(am, tmp_path / "jl.age")
    [other] = links.unlinked(am)
    links.link_session(am, other.ref, a_session)
    send_postits(am, ["SO"], tmp_path / "am.age")
    receive_file(so, tmp_path / "am.age")
    fid = FindingStore(so).group(all_ids(so), "Heard twice, one meeting", "strength")
    assert FindingStore(so).get(fid).support.count == 1


@pytest.mark.parametrize("name", ["outlook_gmt.ics", "utf8_bom_comma.csv"])
def test_the_same_timetable_gives_every_peer_the_same_sources(trio: list[Notebook],
                                                              name: str) -> None:
    from peerdesk.capture.timetable.importer import import_preview, read_timetable
    from tests.locations import TIMETABLES

    for nb in trio:
        import_preview(nb, read_timetable(nb, TIMETABLES / name))
    ids = [[s.source_id for s in SessionStore(nb).list_all()] for nb in trio]
    assert ids[0] == ids[1] == ids[2] and len(set(ids[0])) == len(ids[0])
    prefix = "ics-" if name.endswith(".ics") else "slot-"
    assert all(i and i.startswith(prefix) for i in ids[0])
