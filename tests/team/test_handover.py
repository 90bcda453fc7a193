"""Handing a session over to the partner peer: the same session, the same source."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

from peerdesk.capture.postits import PostitStore
from peerdesk.capture.sessions import Participant, SessionDetails, SessionStore
from peerdesk.synthesis.findings import FindingStore
from peerdesk.team import codes, links, receive, send
from peerdesk.vault.notebook import Notebook
from tests.team_helpers import meeting, postit, receive_file


def hand_over(sender: Notebook, session_id: int, path: Path, with_names: bool = False) -> None:
    peers = send.recipients(sender, ["AM"])
    send.write(sender, send.handover(sender, session_id, with_names), path, peers)


def test_the_notes_go_into_the_same_session_and_it_is_one_source(pair: list[Notebook],
                                                                 tmp_path: Path) -> None:
    am, jl = pair
    mine = meeting(am)
    theirs = meeting(jl)
    SessionStore(jl).save_notes(theirs, "JL's notes: the chair says governance is untested")
    SessionStore(jl).add_participant(theirs, Participant("Chair", "Northvale ICB",
                                                         name="Alison Crane"))
    postit(jl, "Governance untested", theirs, kind="area_to_explore")
    hand_over(jl, theirs, tmp_path / "h.age")
    incoming = receive.read(am, tmp_path / "h.age")
    assert any("your session of the same meeting" in line for line in incoming.preview_lines())
    done = receive.accept(am, incoming)
    assert done.session_id == mine
    assert len(SessionStore(am).list_all()) == 1  # not a second session
    assert SessionStore(am).notes(mine) == "JL's notes: the chair says governance is untested"
    [person] = SessionStore(am).participants(mine)
    assert (person.role, person.name) == ("Chair", None)  # names stay unless ticked
    [card] = PostitStore(am).list_for_session(mine)
    assert card.initials == "JL"
    # the partner's post-it and mine from that meeting: one source
    own = postit(am, "Governance untested, my version", mine, kind="area_to_explore")
    fid = FindingStore(am).group([own.id, card.id], "Governance is untested", "area_to_explore")
    assert FindingStore(am).get(fid).support.count == 1
    # received again: nothing added, the notes not doubled
    assert receive_file(am, tmp_path / "h.age").added == 0
    assert SessionStore(am).notes(mine).count("JL's notes") == 1


def test_own_notes_are_kept_and_the_handover_added_below(pair: list[Notebook],
                                                        tmp_path: Path) -> None:
    am, jl = pair
    mine = meeting(am)
    SessionStore(am).save_notes(mine, "My few lines")
    theirs = meeting(jl)
    SessionStore(jl).save_notes(theirs, "The full notes")
    hand_over(jl, theirs, tmp_path / "h.age")
    receive_file(am, tmp_path / "h.age")
    notes = SessionStore(am).notes(mine)
    assert notes.startswith("My few lines\n\n--- Notes handed over by JL (")
    assert notes.endswith("The full notes")


def test_names_only_when_ticked(pair: list[Notebook], tmp_path: Path) -> None:
    am, jl = pair
    theirs = meeting(jl)
    SessionStore(jl).add_participant(theirs, Participant("Chair", "ICB", name="Alison Crane"))
    assert send.handover(jl, theirs).session.participants[0].name is None
    assert b"Alison" not in send.handover(jl, theirs).to_json()
    hand_over(jl, theirs, tmp_path / "h.age", with_names=True)
    receive_file(am, tmp_path / "h.age")
    [session] = SessionStore(am).list_all()
    assert SessionStore(am).participants(session.id)[0].name == "Alison Crane"


def test_a_session_not_in_the_timetable_is_added_or_chosen(pair: list[Notebook],
                                                          tmp_path: Path) -> None:
    am, jl = pair
    typed = SessionStore(jl).add(SessionDetails("Corridor chat with a matron", "meeting",
                                                datetime(2026, 3, 4, 15).astimezone())).id
    SessionStore(jl).save_notes(typed, "Short notes")
    hand_over(jl, typed, tmp_path / "h.age")
    chosen = SessionStore(am).add(SessionDetails("Matron, ward 4", "meeting",
                                                 datetime(2026, 3, 4, 15).astimezone())).id
    incoming = receive.read(am, tmp_path / "h.age", into_session=chosen)
    assert receive.accept(am, incoming).session_id == chosen
    with am.read() as conn:
        assert links.canonical(conn, SessionStore(am).get(chosen).source_id or "") == \
            links.canonical(conn, SessionStore(jl).get(typed).source_id or "")
    assert SessionStore(am).notes(chosen) == "Short notes"


def test_linking_a_colleagues_session_makes_one_source(pair: list[Notebook],
                                                      tmp_path: Path) -> None:
    am, jl = pair
    mine = SessionStore(am).add(SessionDetails("DPH", "meeting",
                                               datetime(2026, 3, 3, 10).astimezone())).id
    theirs = SessionStore(jl).add(SessionDetails("Director of public health", "meeting",
                                                 datetime(2026, 3, 3, 10).astimezone())).id
    a = postit(am, "Population health is understood", mine)
    postit(jl, "Population health well understood", theirs)
    peers = send.recipients(jl, ["AM"])
    send.write(jl, send.pool(jl, peers), tmp_path / "p.age", peers)
    receive_file(am, tmp_path / "p.age")
    [other] = links.unlinked(am)
    assert (other.kind, other.day, other.postits, other.initials) == (
        "meeting", "2026-03-03", 1, ("JL",))
    b = next(p for p in PostitStore(am).list_all() if p.initials == "JL")
    fid = FindingStore(am).group([a.id, b.id], "PHM understood", "strength")
    assert FindingStore(am).get(fid).support.count == 2  # two sources until linked
    assert links.link_session(am, other.ref, mine) == 1
    assert FindingStore(am).get(fid).support.count == 1
    assert FindingStore(am).matrix()[0].sources == 1
    assert PostitStore(am).get(b.id).session_id == mine
    assert links.unlinked(am) == []
    # and the link travels: a third peer hearing from AM learns the two ids are one
    assert codes.my_code(am)
