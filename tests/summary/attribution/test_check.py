"""The attribution check over recorded people, unknown names, roles and numbers: each hit
where it really is, with why, and the peer's own details passing on the cover only."""

from __future__ import annotations

import pytest

from peerdesk.summary.attribution import CLEAR_TEXT, HitCategory, check, check_text
from peerdesk.summary.attribution.check import Checker
from peerdesk.summary.attribution.folding import fold
from peerdesk.summary.attribution.people import Engagement, Person, people_of
from peerdesk.summary.attribution.roles import unique_roles
from peerdesk.summary.model import OutgoingText, build_summary
from peerdesk.vault.notebook import Notebook
from tests import summary_fixture

P = HitCategory.PARTICIPANT_NAME
T = HitCategory.TEAM_NAME
N = HitCategory.PERSON_NAME
E = HitCategory.EMAIL
PH = HitCategory.PHONE
U = HitCategory.UNIQUE_ROLE
R = HitCategory.SINGULAR_ROLE
I = HitCategory.INITIALS  # noqa: E741

PEOPLE = [
    Person("Jordan Lee", "Lead peer", "", on_team=True, initials="JL"),
    Person("Sam O'Neill-Hughes", "Director of adult social services", "", on_team=True),
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
CHECKER = Checker(Engagement(PEOPLE, ["Northvale Council", "Northvale Acute Trust"]))

CASES = [
    # (text, hits that must be among those found: (term as written, category))
    ("Ann said the annual planning round was thin", [("Ann", P)]),
    ("Sam's view, O’Neill’s view and ONeill's notes",
     [("Sam's", T), ("O’Neill’s", T), ("ONeill's", T)]),
    ("Hughes said so, and O Neill Hughes agreed", [("Hughes", T), ("O Neill Hughes", T)]),
    ("Ms O'Neill and Mr Hughes were there", [("Ms O'Neill", T), ("Mr Hughes", T)]),
    ("J. Lee and J Lee agreed with jordan LEE",
     [("J. Lee", T), ("J Lee", T), ("jordan LEE", T)]),
    ("Smith-Jones, smith jones and SMITH–JONES",
     [("Smith-Jones", P), ("smith jones", P), ("SMITH–JONES", P)]),
    ("zoe llyr and ZOË", [("zoe llyr", P), ("ZOË", P)]),
    ("Siân ap Rhys and S. Rhys", [("Siân ap Rhys", P), ("S. Rhys", P)]),
    ("Ed Ng and E. Ng met", [("Ed Ng", P), ("E. Ng", P)]),
    ("Write to a.b-c@nhs.net. Or ann@example.org", [("a.b-c@nhs.net", E),
                                                    ("ann@example.org", E)]),
    ("The Director of Public Health, Northvale Council said so",
     [("Director of Public Health, Northvale Council", U)]),
    ("The practice nurse at Hill Surgery", [("practice nurse at Hill Surgery", U)]),
    ("The ICP chair, John Barker, told us the council is a guest",
     [("ICP chair", R), ("John Barker", N)]),
    ("Notes by JL, checked later", [("JL", I)]),
]
NOTHING = [
    "We will mark the price rise with care",     # everyday words that are also names
    "On 03/03/2026 we saw £1,234,567 and 12345678901 and 0.5% and 2026",
    "Chief executives and councillors met; GPs were there",
    "Social workers at Northvale Council were stretched",
    "The Northvale Council plan is ambitious",
    "Staff told us the governance is too complex",
]


@pytest.mark.parametrize(("text", "expected"), CASES)
def test_finds_what_it_should(text: str, expected: list[tuple[str, HitCategory]]) -> None:
    hits = CHECKER.find(OutgoingText("finding", 7, "headline", text))
    found = [(h.term, h.category) for h in hits]
    for item in expected:
        assert item in found, (text, found)
    for hit in hits:
        assert text[hit.start:hit.end] == hit.term
        assert hit.context[hit.context_start:hit.context_end] == hit.term
        assert hit.where == "Finding 7: headline"
        assert hit.reason and hit.why.startswith(hit.category.text)


@pytest.mark.parametrize("text", NOTHING)
def test_finds_nothing_in_ordinary_text(text: str) -> None:
    assert CHECKER.find(OutgoingText("finding", 1, "detail", text)) == []


def test_context_is_a_snippet_around_the_term() -> None:
    text = ("The partnership has made steady progress on its shared priorities, and according "
            "to Jordan Lee it will need another year to embed the new ways of working across "
            "every place in the system.")
    [hit] = CHECKER.find(OutgoingText("finding", 1, "detail", text))
    assert hit.context.startswith("…") and hit.context.endswith("…")
    assert len(hit.context) < len(text)
    assert hit.context[hit.context_start:hit.context_end] == "Jordan Lee"


def test_folding_keeps_offsets_into_the_original() -> None:
    folded, index = fold("Siân’s ŵ")
    assert folded == "sian's w"
    assert index[:4] == [0, 1, 2, 3] and index[-1] == len("Siân’s ŵ")


@pytest.mark.parametrize("text", ["Jo\u200bhn Barker said so", "Jоhn Barker said so",
                                  "John\u00adBarker said so", "JOHN BARKER SAID SO"])
def test_hidden_characters_and_lookalike_letters_do_not_hide_a_name(text: str) -> None:
    [hit] = CHECKER.find(OutgoingText("finding", 1, "detail", text))
    assert hit.category is N and "Barker" in hit.term.upper().title()


def test_unique_roles_count_people_not_rows() -> None:
    roles = unique_roles(PEOPLE)
    assert ("director of public health", "northvale council") in roles
    assert ("director of public health", "") in roles  # distinctive on its own
    assert ("chief executive", "") not in roles         # held by two people
    assert ("councillor", "") not in roles              # one word, too generic
    assert ("social worker", "northvale council") not in roles  # two in one session
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
    [manager] = [p for p in people if p.is_manager]
    assert manager.name == "Priya Shah"


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
    assert build_summary(notebook).cover.peer_name == "Alex Morgan"


def test_someone_elses_name_on_the_cover_is_still_found(notebook: Notebook) -> None:
    summary_fixture.build(notebook)
    details = notebook.engagement()
    details.my_role = "Peer, standing in for Ann Webb (07700 900123)"
    notebook.update_details(details)
    hits = check(notebook, build_summary(notebook))
    assert [(h.term, h.where) for h in hits] == [("Ann Webb", "Cover: peer role"),
                                                 ("07700 900123", "Cover: peer role")]


def test_check_text_passes_the_sender_and_the_manager(notebook: Notebook) -> None:
    summary_fixture.build(notebook)
    email = ("Dear Priya,\n\nThe DPH told me Ann Webb is leaving. Call her on "
             "+44 (0)7700 900123.\n\nBest wishes,\nAlex Morgan")
    hits = check_text(notebook, email)
    assert [(h.term, h.category) for h in hits] == [
        ("DPH", R), ("Ann Webb", P), ("+44 (0)7700 900123", PH)]
    assert all(h.where == "The text you checked" for h in hits)
    assert check_text(notebook, "Dear Priya, the governance is too complex. Alex") == []
    assert "nothing could identify" not in CLEAR_TEXT.lower()
