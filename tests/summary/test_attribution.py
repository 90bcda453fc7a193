"""The attribution check finds exactly what could identify someone, and remembers what the
peer accepted for that exact text only."""

from __future__ import annotations

import pytest

from peerdesk.summary.attribution import (
    HitCategory,
    Matcher,
    accept,
    check,
    people_of,
    unique_roles,
    unresolved,
    withdraw,
)
from peerdesk.summary.attribution_terms import Person, fold
from peerdesk.summary.model import OutgoingText, build_summary
from peerdesk.vault.notebook import Notebook
from tests import summary_fixture

P = HitCategory.PARTICIPANT_NAME
T = HitCategory.TEAM_NAME
E = HitCategory.EMAIL
PH = HitCategory.PHONE
R = HitCategory.UNIQUE_ROLE

PEOPLE = [
    Person("Jordan Lee", "Lead peer", "", on_team=True),
    Person("Sam O'Neill", "Director of adult social services", "", on_team=True),
    Person("Ann Smith-Jones", "Director of Public Health", "Northvale Council", False,
           session_id=1),
    Person("Zoë Llŷr", "Practice nurse", "Hill Surgery", False, session_id=1),
    Person("Siân ap Rhys", "Chief executive", "Northvale Acute Trust", False, session_id=2),
    Person("Bethan Price", "Chief executive", "Northvale Mental Health Trust", False,
           session_id=3),
    Person("Mark Webb", "Councillor", "", False, session_id=4),
    Person("Dr Ed Ng", "GP", "Riverside Practice", False, session_id=4),
    Person("", "Social worker", "Northvale Council", False, session_id=5),
    Person("", "Social worker", "Northvale Council", False, session_id=5),
]

CASES = [
    # (text, the hits it must give: (term as written, category))
    ("Ann said the annual planning round was thin", [("Ann", P)]),
    ("Anne, Annette and Ann-Marie are other people", []),
    ("Sam's view, O’Neill’s view and ONeill's notes", [("Sam's", T), ("O’Neill’s", T),
                                                      ("ONeill's", T)]),
    ("Samuel and the Leeds team, a Lee-led review", []),
    ("J. Lee and J Lee agreed with jordan LEE", [("J. Lee", T), ("J Lee", T),
                                                ("jordan LEE", T)]),
    ("Smith-Jones, smith jones and SMITH–JONES", [("Smith-Jones", P), ("smith jones", P),
                                                  ("SMITH–JONES", P)]),
    ("zoe llyr and ZOË; the zoetrope stays", [("zoe llyr", P), ("ZOË", P)]),
    ("Sian's idea came from Siân ap Rhys and S. Rhys", [("Sian's", P), ("Siân ap Rhys", P),
                                                       ("S. Rhys", P)]),
    ("We will mark the price rise with Webb", [("Webb", P)]),
    ("Mark said Price agreed", [("Mark", P), ("Price", P)]),
    ("Ed Ng and E. Ng met; Ed went home", [("Ed Ng", P), ("E. Ng", P)]),
    ("Write to a.b-c@nhs.net. Or ann@example.org", [("a.b-c@nhs.net", E),
                                                    ("ann@example.org", E)]),
    ("Ring 07700 900123, 07700-900-123 or +44 7700 900123",
     [("07700 900123", PH), ("07700-900-123", PH), ("+44 7700 900123", PH)]),
    ("Landlines +44 (0)20 7946 0958, (0121) 496 0000, 01632 960123 and 020-7946-0958",
     [("+44 (0)20 7946 0958", PH), ("(0121) 496 0000", PH), ("01632 960123", PH),
      ("020-7946-0958", PH)]),
    ("On 03/03/2026 we saw £1,234,567 and 12345678901 and 0.5% and 2026", []),
    ("The Director of Public Health, Northvale Council said so",
     [("Director of Public Health, Northvale Council", R)]),
    ("Northvale Council’s director of public health agrees",
     [("Northvale Council’s director of public health", R)]),
    ("The director of public health was clear", [("director of public health", R)]),
    ("The practice nurse at Hill Surgery", [("practice nurse at Hill Surgery", R)]),
    ("Chief executives and a chief executive, councillors and a GP", []),
    ("The chief executive of Northvale Acute Trust",
     [("chief executive of Northvale Acute Trust", R)]),
    ("Social workers at Northvale Council; a social worker, Northvale Council", []),
    ("The lead peer asked", [("lead peer", R)]),
]


@pytest.mark.parametrize(("text", "expected"), CASES)
def test_finds_exactly_what_it_should(text: str, expected: list[tuple[str, HitCategory]]) -> None:
    hits = Matcher(PEOPLE).find(OutgoingText("finding", 7, "headline", text))
    assert [(h.term, h.category) for h in hits] == expected
    for hit in hits:
        assert text[hit.start:hit.end] == hit.term
        assert hit.context[hit.context_start:hit.context_end] == hit.term
        assert hit.where == "Finding 7: headline"


def test_context_is_a_snippet_around_the_term() -> None:
    text = ("The partnership has made steady progress on its shared priorities, and according "
            "to Jordan Lee it will need another year to embed the new ways of working across "
            "every place in the system.")
    [hit] = Matcher(PEOPLE).find(OutgoingText("finding", 1, "detail", text))
    assert hit.context.startswith("…") and hit.context.endswith("…")
    assert len(hit.context) < len(text)
    assert hit.context[hit.context_start:hit.context_end] == "Jordan Lee"


def test_folding_keeps_offsets_into_the_original() -> None:
    folded, index = fold("Siân’s ŵ")
    assert folded == "sian's w"
    assert index[:4] == [0, 1, 2, 3] and index[-1] == len("Siân’s ŵ")


def test_unique_roles_count_people_not_rows() -> None:
    roles = unique_roles(PEOPLE)
    assert ("director of public health", "northvale council") in roles
    assert ("director of public health", "") in roles  # distinctive on its own
    assert ("chief executive", "") not in roles         # held by two people
    assert ("councillor", "") not in roles              # one word, too generic
    assert ("social worker", "northvale council") not in roles  # two in one session
    # The same unnamed person met in two sessions is still one person.
    again = [Person("", "Finance director", "Acute Trust", False, session_id=1),
             Person("", "Finance director", "Acute Trust", False, session_id=2)]
    assert ("finance director", "acute trust") in unique_roles(again)


def test_people_come_from_participants_team_and_manager(notebook: Notebook) -> None:
    summary_fixture.build(notebook)
    people = people_of(notebook)
    names = {p.name for p in people}
    assert {"Siân Ap-Rhys", "Ann Webb", "Jordan Lee", "Sam O'Neill", "Priya Shah",
            "Alex Morgan"} <= names
    [me] = [p for p in people if p.is_me]
    assert me.name == "Alex Morgan" and me.role == "Council chief executive peer"


def test_the_fixture_engagement_is_clean(notebook: Notebook) -> None:
    summary_fixture.build(notebook)
    assert check(notebook, build_summary(notebook)) == []


def test_peer_own_name_passes_on_the_cover_only(notebook: Notebook) -> None:
    fx = summary_fixture.build(notebook)
    summary_fixture.add_finding(notebook, fx.charts[0][0],
                                "Alex Morgan heard this from Priya Shah and Jordan")
    hits = check(notebook, build_summary(notebook))
    assert [(h.term, h.source.owner) for h in hits] == [
        ("Alex Morgan", "finding"), ("Priya Shah", "finding"), ("Jordan", "finding")]
    summary = build_summary(notebook)
    assert summary.cover.peer_name == "Alex Morgan"  # on the cover, and no hit for it


def test_acceptance_holds_for_that_exact_text_only(notebook: Notebook) -> None:
    fx = summary_fixture.build(notebook)
    chart = fx.charts[0][0]
    first = summary_fixture.add_finding(notebook, chart, "Ann Webb's team runs the clinic")
    summary_fixture.add_finding(notebook, chart, "Ann Webb also chairs the forum")
    hits = unresolved(notebook, build_summary(notebook))
    assert [h.term for h in hits] == ["Ann Webb's", "Ann Webb"]

    accept(notebook, hits[0])
    left = unresolved(notebook, build_summary(notebook))
    assert [(h.term, h.source.owner_id) for h in left] == [("Ann Webb", left[0].source.owner_id)]
    assert left[0].source.owner_id != first
    with notebook.read() as conn:
        assert conn.execute("SELECT COUNT(*) FROM accepted_hit").fetchone()[0] == 1

    # Editing the accepted text brings the hit back.
    with notebook.write() as conn:
        conn.execute("UPDATE finding SET headline = ? WHERE id = ?",
                     ("Ann Webb's team runs the clinic well", first))
    again = unresolved(notebook, build_summary(notebook))
    assert sorted(h.term for h in again) == ["Ann Webb", "Ann Webb's"]

    withdraw(notebook, hits[0])
    with notebook.read() as conn:
        assert conn.execute("SELECT COUNT(*) FROM accepted_hit").fetchone()[0] == 0
