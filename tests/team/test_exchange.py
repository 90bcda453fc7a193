"""Peers exchanging bundles through files: codes, pooling, receiving twice, out of order,
a stranger's bundle, and taking a colleague off the team."""

from __future__ import annotations

from pathlib import Path

import pytest

from peerdesk.capture.postits import PostitStore
from peerdesk.synthesis.board import BoardFilter, BoardReader
from peerdesk.team import codes, receive, register, send
from peerdesk.team.bundle import NotForThisNotebookError
from peerdesk.vault.errors import PeerdeskError, ValidationError
from peerdesk.vault.exports import list_exports
from peerdesk.vault.library import Library
from peerdesk.vault.notebook import Notebook
from tests.team_helpers import (
    make_peer,
    meeting,
    postit,
    receive_file,
    send_postits,
    texts,
)


def test_team_code_is_an_age_recipient_kept_in_the_notebook(library: Library) -> None:
    nb = make_peer(library, "AM")
    try:
        code = codes.my_code(nb)
        assert code.startswith("age1") and code == codes.my_code(nb)
        assert len(codes.fingerprint(code)) == 14 and codes.fingerprint(code).count("-") == 2
        assert nb.meta(codes.IDENTITY_KEY).startswith("AGE-SECRET-KEY-1")
    finally:
        nb.close()


def test_a_bad_code_or_initials_are_refused_in_plain_words(trio: list[Notebook]) -> None:
    am = trio[0]
    with pytest.raises(codes.TeamCodeError, match="starts with age1"):
        codes.add_peer(am, "XY", "hello")
    with pytest.raises(codes.TeamCodeError, match="typing mistake"):
        codes.add_peer(am, "XY", codes.my_code(trio[1])[:-2] + "qq")
    with pytest.raises(ValidationError, match="Initials"):
        codes.add_peer(am, "toolong", codes.my_code(trio[1]))
    with pytest.raises(ValidationError, match="own team code"):
        codes.add_peer(am, "ZZ", codes.my_code(am))
    assert [p.initials for p in codes.peers(am)] == ["JL", "SO"]


def test_two_peers_pool_post_its_with_initials_and_a_filter_by_peer(
        trio: list[Notebook], tmp_path: Path) -> None:
    am, jl, _so = trio
    postit(am, "Shared vision is stated the same way by all", meeting(am))
    postit(jl, "Governance untested by a hard decision", meeting(jl), index=3,
           kind="area_to_explore")
    sent = send_postits(jl, ["AM"], tmp_path / "jl.age")
    assert sent.postits == 1
    incoming = receive.read(am, tmp_path / "jl.age")
    assert "1 new post-it to add." in incoming.preview_lines()
    assert texts(am) == texts(am)  # nothing written by the preview
    assert len(PostitStore(am).list_all()) == 1
    done = receive.accept(am, incoming)
    assert done.added == 1
    assert texts(am) == [("Governance untested by a hard decision", "JL"),
                         ("Shared vision is stated the same way by all", "AM")]
    reader = BoardReader(am)
    assert reader.peers() == ["AM", "JL"]
    kept = reader.filtered_ids(BoardFilter(initials="JL"))
    assert sum(len(v) for v in kept.values()) == 1
    # the same meeting from the same timetable: the colleague's card is on my session
    card = reader.cards_by_id(kept[next(iter(kept))])[0]
    assert card.session_id == meeting_id(am)


def meeting_id(nb: Notebook) -> int:
    with nb.read() as conn:
        return int(conn.execute("SELECT min(id) FROM session").fetchone()[0])


def test_receiving_twice_adds_nothing(trio: list[Notebook], tmp_path: Path) -> None:
    am, jl, _so = trio
    postit(jl, "Staff feel listened to", meeting(jl))
    send_postits(jl, ["AM"], tmp_path / "b.age")
    assert receive_file(am, tmp_path / "b.age").added == 1
    again = receive.read(am, tmp_path / "b.age")
    assert "You have received this bundle before." in again.preview_lines()
    assert "Nothing new: receiving it changes nothing." in again.preview_lines()
    assert receive.accept(am, again).added == 0
    assert len(PostitStore(am).list_all()) == 1
    received = [r for r in list_exports(am) if r.kind == "team_bundle_received"]
    assert len(received) == 1  # the same file, read twice, is listed once


def test_three_peers_everyone_gets_everyones_and_no_echo(trio: list[Notebook],
                                                        tmp_path: Path) -> None:
    am, jl, so = trio
    for nb in trio:
        postit(nb, f"Heard by {nb.engagement().my_initials}", meeting(nb))
    for nb in trio:
        me = nb.engagement().my_initials
        others = [p.initials for p in codes.peers(nb)]
        send_postits(nb, others, tmp_path / f"{me}.age")
    for nb in trio:
        me = nb.engagement().my_initials
        for other in ("AM", "JL", "SO"):
            if other != me:
                receive_file(nb, tmp_path / f"{other}.age")
    expected = [("Heard by AM", "AM"), ("Heard by JL", "JL"), ("Heard by SO", "SO")]
    assert texts(am) == texts(jl) == texts(so) == expected
    # new since the last send: nothing more goes to the same colleagues
    assert send.pool(am, send.recipients(am, ["JL", "SO"])).postits == ()


def test_through_the_lead_peer_colleagues_cards_are_relayed(trio: list[Notebook],
                                                           tmp_path: Path) -> None:
    am, jl, so = trio
    postit(am, "From AM", meeting(am))
    postit(so, "From SO", meeting(so))
    send_postits(am, ["JL"], tmp_path / "am.age")
    send_postits(so, ["JL"], tmp_path / "so.age")
    receive_file(jl, tmp_path / "am.age")
    receive_file(jl, tmp_path / "so.age")
    send_postits(jl, ["AM", "SO"], tmp_path / "jl.age")
    assert receive_file(am, tmp_path / "jl.age").added == 1  # SO's; its own is no echo
    assert texts(am) == [("From AM", "AM"), ("From SO", "SO")]


def test_out_of_order_bundles_keep_the_newest(trio: list[Notebook], tmp_path: Path,
                                              library: Library) -> None:
    am, jl, _so = trio
    card = postit(jl, "First wording", meeting(jl))
    send_postits(jl, ["AM"], tmp_path / "1.age")
    library.clock.advance(60)
    PostitStore(jl).update(card.id, "Second wording")
    postit(jl, "Another one", meeting(jl))
    send_postits(jl, ["AM"], tmp_path / "2.age")
    receive_file(am, tmp_path / "2.age")
    assert receive_file(am, tmp_path / "1.age").added == 0
    assert texts(am) == [("Another one", "JL"), ("Second wording", "JL")]


def test_a_later_edit_never_overwrites_a_local_one(trio: list[Notebook], tmp_path: Path,
                                                   library: Library) -> None:
    from peerdesk.team import suggestions

    am, jl, _so = trio
    card = postit(jl, "Original", meeting(jl))
    send_postits(jl, ["AM"], tmp_path / "1.age")
    receive_file(am, tmp_path / "1.age")
    mine = PostitStore(am).list_all()[0]
    PostitStore(am).update(mine.id, "My better wording")
    library.clock.advance(60)
    PostitStore(jl).update(card.id, "Author's new wording")
    send_postits(jl, ["AM"], tmp_path / "2.age")
    incoming = receive.read(am, tmp_path / "2.age")
    assert any("1 suggested change" in line for line in incoming.preview_lines())
    assert receive.accept(am, incoming).suggested == 1
    assert PostitStore(am).get(mine.id).text == "My better wording"
    [offer] = suggestions.suggestions(am)
    assert (offer.text, offer.current_text, offer.initials) == (
        "Author's new wording", "My better wording", "JL")
    assert BoardReader(am).cards_by_id([mine.id])[0].suggested
    suggestions.accept(am, mine.id)
    assert PostitStore(am).get(mine.id).text == "Author's new wording"
    assert suggestions.suggestions(am) == []


def test_an_unchanged_card_takes_the_authors_edit(trio: list[Notebook], tmp_path: Path,
                                                 library: Library) -> None:
    am, jl, _so = trio
    card = postit(jl, "Original", meeting(jl))
    send_postits(jl, ["AM"], tmp_path / "1.age")
    receive_file(am, tmp_path / "1.age")
    library.clock.advance(60)
    PostitStore(jl).update(card.id, "Corrected", kind="suggestion")
    send_postits(jl, ["AM"], tmp_path / "2.age")
    assert receive_file(am, tmp_path / "2.age").updated == 1
    assert [(p.text, p.kind) for p in PostitStore(am).list_all()] == [("Corrected",
                                                                      "suggestion")]


def test_a_bundle_for_someone_else_changes_nothing(trio: list[Notebook], tmp_path: Path,
                                                   library: Library) -> None:
    am, jl, _so = trio
    postit(jl, "For SO only", meeting(jl))
    send_postits(jl, ["SO"], tmp_path / "so.age")
    with pytest.raises(NotForThisNotebookError, match="someone else"):
        receive.read(am, tmp_path / "so.age")
    stranger = make_peer(library, "XX")
    try:
        with pytest.raises(NotForThisNotebookError):
            receive.read(stranger, tmp_path / "so.age")
    finally:
        stranger.close()
    assert PostitStore(am).list_all() == []
    assert register.bundles(am) == []


def test_taking_a_colleague_off_the_team_stops_sending(trio: list[Notebook],
                                                      tmp_path: Path) -> None:
    am = trio[0]
    codes.remove_peer(am, "SO")
    assert [p.initials for p in codes.peers(am)] == ["JL"]
    with pytest.raises(PeerdeskError, match="not on the team list"):
        send_postits(am, ["SO"], tmp_path / "x.age")
    assert not (tmp_path / "x.age").exists()


def test_sent_bundles_are_in_the_register_with_their_hash(trio: list[Notebook],
                                                         tmp_path: Path) -> None:
    am = trio[0]
    postit(am, "Something", meeting(am))
    sent = send_postits(am, ["JL", "SO"], tmp_path / "out.age")
    [record] = [r for r in list_exports(am) if r.kind == "team_bundle"]
    assert record.path == (tmp_path / "out.age").absolute()
    assert record.sha256 == sent.record.sha256
    [row] = register.bundles(am, "sent")
    assert (row.initials, row.postits, row.kind) == ("JL,SO", 1, "postits")
    assert register.counts(am) == (1, 0)
