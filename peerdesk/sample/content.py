"""The words of the demo engagement: wholly fictional people, places and organisations.

Nothing here describes a real partnership. Findings, recommendations and signposting
are written so that none of them points at a person (no names, no one-person roles):
they are what goes into the summary for the manager. ``{place}`` and ``{n}`` are filled
in differently for each copy when the demo is scaled up.
"""

from __future__ import annotations

from typing import NamedTuple

CLIENT = "Northvale and Eskdale Health and Care Partnership"
TITLE = "Northvale and Eskdale peer challenge (demo)"
ME = ("Robin Ashworth", "RA", "Council chief executive peer", "robin.ashworth@example.org")
MANAGER = ("Morgan Blake", "morgan.blake@example.org")
TEAM = (  # name, role on the team, initials
    ("Helen Tranter", "Lead peer", "HT"),
    ("Dev Kapoor", "Acute trust chief executive peer", "DK"),
    ("Siân Pritchard", "Adult social services director peer", "SP"),
    ("Tom Haworth", "Member peer", "TH"),
    ("Grace Okafor", "Mental health trust chief executive peer", "GO"),
    ("Neil Fairbairn", "Clinical chair peer", "NF"),
)
PLACES = ("Northvale", "Eskdale", "Harrowby", "Kirkholme", "Lowfell", "Brackendale",
          "Thornby", "Aldermoor")
ORGS = ("Northvale Council", "Eskdale Council", "Northvale and Eskdale ICB",
        "Northvale Hospitals NHS Trust", "Eskdale Community and Mental Health NHS Trust",
        "Healthwatch Northvale and Eskdale", "Eskdale Voluntary Action",
        "North Fells Ambulance Service", "Harrowby Primary Care Network")


class SessionPlan(NamedTuple):
    key: str
    kind: str
    day: int            # 0 = the first on-site day (a Tuesday); -1 = the Monday before
    start: str          # "HH:MM" before the visit; "" on site: one after another
    minutes: int
    title: str
    charts: tuple[str, ...]
    people: tuple[tuple[str, str, str], ...] = ()   # role, organisation, name ("" = none)


M = "meeting"
FG = "focus_group"
TS = "team_session"
CC = "client_catch_up"
STAFF = ("Community nurse", "Social worker", "Occupational therapist", "Care coordinator",
         "Practice manager", "Reablement support worker", "Mental health practitioner",
         "Paramedic", "Pharmacist", "Housing officer", "GP", "Physiotherapist")
PARTNERS = ("Volunteer coordinator", "Carers' centre worker", "Care home manager",
            "Healthwatch volunteer", "Community group organiser", "Housing association officer",
            "Police neighbourhood officer", "Home care provider", "Hospice nurse",
            "Faith group volunteer")

SESSIONS: tuple[SessionPlan, ...] = (
    SessionPlan("pre_read", "document_review", -7, "10:00", 120, "Pre-reading: position "
                "statement and performance pack", ("vision", "governance")),
    SessionPlan("pre_call", "call", -5, "14:00", 30, "Call with the peer challenge manager",
                ("vision",)),
    SessionPlan("pre_read2", "document_review", -4, "09:30", 90, "Pre-reading: timetable "
                "and strategy refresh", ("system_place", "capacity")),
    SessionPlan("pre_impr", "document_review", -4, "14:00", 60, "First impressions "
                "before going on site", ("vision", "ownership", "leadership")),
    SessionPlan("mon_team", TS, -1, "19:00", 120, "Team meeting over dinner", ()),
    SessionPlan("tue_m1", M, 0, "", 60, "Partnership chair", ("vision", "governance"),
                (("Independent chair of the partnership board", ORGS[2], "Alison Crane"),)),
    SessionPlan("tue_m2", M, 0, "", 60, "Council leaders", ("ownership", "vision"),
                (("Council leader", ORGS[0], "Peter Lumb"),
                 ("Council leader", ORGS[1], "Maureen Dixon"))),
    SessionPlan("tue_m3", M, 0, "", 60, "Acute trust executive team",
                ("leadership", "capacity"), (("Chief operating officer", ORGS[3], ""),
                                             ("Director of strategy", ORGS[3], ""))),
    SessionPlan("tue_ts1", TS, 0, "", 45, "Team session: midday", ()),
    SessionPlan("tue_fg1", FG, 0, "", 90, "Focus group: front-line community staff",
                ("system_place", "engagement"), tuple((r, ORGS[4], "") for r in STAFF[:10])),
    SessionPlan("tue_m4", M, 0, "", 60, "Directors of adult social services",
                ("system_place", "capacity"), (("Director of adult social services",
                                                ORGS[0], "Ruth Garside"),)),
    SessionPlan("tue_m5", M, 0, "", 45, "Ambulance service", ("system_place",),
                (("Head of operations", ORGS[7], ""),)),
    SessionPlan("tue_ts2", TS, 0, "", 45, "Team session: end of day", ()),
    SessionPlan("tue_cc", CC, 0, "", 30, "Catch-up with the client", ()),
    SessionPlan("wed_m1", M, 1, "", 60, "ICB executive team", ("governance", "capacity"),
                (("Chief finance officer", ORGS[2], ""), ("Chief nursing officer", ORGS[2], ""))),
    SessionPlan("wed_m2", M, 1, "", 60, "Primary care network clinical directors",
                ("system_place", "engagement"), (("Clinical director", ORGS[8], ""),
                                                  ("Clinical director", ORGS[8], ""))),
    SessionPlan("wed_m3", M, 1, "", 60, "Healthwatch", ("engagement",),
                (("Chair", ORGS[5], ""), ("Engagement lead", ORGS[5], ""))),
    SessionPlan("wed_ts1", TS, 1, "", 45, "Team session: midday", ()),
    SessionPlan("wed_fg1", FG, 1, "", 90, "Focus group: voluntary and community sector",
                ("engagement", "added_value"), tuple((r, ORGS[6], "") for r in PARTNERS[:9])),
    SessionPlan("wed_m4", M, 1, "", 60, "Director of public health", ("vision",),
                (("Director of public health", ORGS[1], "Kamal Sethi"),)),
    SessionPlan("wed_fg2", FG, 1, "", 90, "Focus group: ward councillors",
                ("ownership", "engagement"), tuple(("Ward councillor", ORGS[i % 2], "")
                                                   for i in range(8))),
    SessionPlan("wed_ts2", TS, 1, "", 45, "Team session: end of day", ()),
    SessionPlan("wed_cc", CC, 1, "", 30, "Catch-up with the client", ()),
    SessionPlan("thu_m1", M, 2, "", 45, "Finance directors", ("capacity",),
                (("Director of finance", ORGS[3], ""), ("Director of resources", ORGS[0], ""))),
    SessionPlan("thu_m2", M, 2, "", 60, "Programme office", ("capacity", "governance"),
                (("Programme manager", ORGS[2], ""),)),
    SessionPlan("thu_ts1", TS, 2, "", 30, "Team session: morning", ()),
    SessionPlan("thu_fg1", FG, 2, "", 90, "Focus group: care providers",
                ("system_place", "capacity"), tuple((r, "Independent sector", "")
                                                    for r in ("Care home manager",
                                                              "Home care provider") * 5)),
    SessionPlan("thu_m3", M, 2, "", 60, "Place leads", ("system_place", "leadership"),
                (("Place director", ORGS[2], ""), ("Place director", ORGS[2], ""))),
    SessionPlan("thu_m4", M, 2, "", 45, "Workforce leads", ("capacity",),
                (("Director of people", ORGS[3], ""), ("Head of workforce", ORGS[2], ""))),
    SessionPlan("thu_fg2", FG, 2, "", 90, "Focus group: people with lived experience",
                ("engagement", "added_value"), tuple(("Local resident", "", "")
                                                     for _ in range(8))),
    SessionPlan("thu_m5", M, 2, "", 60, "Acute trust chair", ("ownership", "governance"),
                (("Trust chair", ORGS[3], ""),)),
    SessionPlan("thu_ts3", TS, 2, "", 60, "Team session: agreeing the messages", ()),
    SessionPlan("thu_cc", CC, 2, "", 30, "Catch-up with the client", ()),
    SessionPlan("fri_ts1", TS, 3, "", 60, "Team session: final check of the evidence", ()),
    SessionPlan("fri_m1", M, 3, "", 45, "Partnership board members", ("governance",),
                (("Non-executive director", ORGS[3], ""), ("Lay member", ORGS[2], ""))),
    SessionPlan("fri_m2", M, 3, "", 45, "Follow-up: finance and contracting",
                ("capacity",), (("Deputy director of finance", ORGS[2], ""),)),
    SessionPlan("fri_m3", M, 3, "", 45, "Housing and district partners",
                ("system_place",), (("Head of housing", ORGS[1], ""),)),
    SessionPlan("fri_m4", M, 3, "", 45, "Digital and data leads", ("vision",),
                (("Head of population health analytics", ORGS[2], ""),)),
    SessionPlan("fri_ts2", TS, 3, "", 45, "Team session: preparing the feedback", ()),
    SessionPlan("fri_fb", "feedback", 3, "", 90, "Feedback to the partnership", ()),
)

DOCUMENTS = (  # title, file name, text
    ("Position statement", "position-statement.txt",
     "Our partnership brings together two councils, the ICB, three NHS trusts, primary care "
     "and the voluntary sector to serve {n}00,000 residents. Our shared ambition is for "
     "people to live longer, healthier lives at home. Priorities: prevention and population "
     "health, integrated neighbourhood teams, urgent and emergency care flow, and mental "
     "health. We ask the peer team to look at our governance, how well partners own the "
     "priorities, and whether our places in {place} and Eskdale have what they need."),
    ("Timetable for the on-site days", "timetable.txt",
     "Tuesday to Friday in the {place} civic centre, base room 2. Meetings of an hour with "
     "individuals and small groups; focus groups of ninety minutes; daily catch-up with the "
     "partnership's programme director at the end of the day; feedback on Friday at 2pm."),
    ("Performance and finance pack", "performance-pack.txt",
     "Delayed discharges: {n}2 people a day medically fit but still in hospital, above the "
     "regional average. Community waiting lists up {n}% in a year. Pooled budget limited to "
     "the Better Care Fund. Workforce vacancy rate in home care {n}%. Deficit plan agreed "
     "for this year; no shared financial recovery plan across partners."),
)

# Post-its behind each finding: (session key or doc:N, kind, text). Headlines carry no
# attributable detail; they go into the summary.
FINDINGS = (
    ("vision", "strength", "agreed",
     "Partners share a clear ambition for people to live well at home for longer", (
         ("tue_m1", "strength", "Ambition to keep people well at home is said the same way by "
                                "everyone so far"),
         ("tue_m2", "strength", "Both councils quote the same three priorities unprompted"),
         ("tue_fg1", "strength", "Front-line staff can say what the partnership is for"),
         ("doc:0", "strength", "Position statement: one shared ambition, four priorities"),
     ), ()),
    ("vision", "area_to_explore", "agreed",
     "The shared evidence base on population health is not yet used to set priorities", (
         ("wed_m4", "area_to_explore", "Population health data exists but is not used to "
                                        "choose priorities"),
         ("fri_m4", "area_to_explore", "Analytics team built a {place} risk model; few "
                                       "partners use it"),
         ("tue_m3", "area_to_explore", "Acute plans built on activity, not population need"),
         ("pre_read", "area_to_explore", "No joint needs assessment in the pre-reading"),
         ("wed_m2", "observation", "Clinical directors ask for practice-level data, get "
                                   "system averages"),
     ), (("tue_m1", "observation", "Told population health management is 'well "
                                   "established'"),)),
    ("ownership", "area_to_explore", "changed",
     "Priorities are owned more by the NHS partners than by the councils' boards", (
         ("tue_m2", "area_to_explore", "Council members feel the plan was written for them, "
                                       "not with them"),
         ("wed_fg2", "area_to_explore", "Councillors could not name the partnership's "
                                        "priorities"),
     ), ()),
    ("leadership", "strength", "agreed",
     "Leadership is visible, trusted and increasingly shared across organisations", (
         ("tue_m3", "strength", "Executives describe relationships as the best in years"),
         ("tue_fg1", "strength", "Staff see leaders from different organisations together on "
                                 "the wards"),
         ("thu_fg1", "strength", "Care providers feel listened to by system leaders"),
     ), ()),
    ("governance", "area_to_explore", "agreed",
     "Governance has not yet been tested by a hard decision and accountability is unclear", (
         ("tue_m1", "area_to_explore", "No example of the board resolving a real conflict"),
         ("wed_m1", "area_to_explore", "Unclear who is accountable when a system target "
                                       "is missed"),
         ("pre_read", "area_to_explore", "Terms of reference silent on how disputes are "
                                         "resolved"),
         ("thu_fg1", "observation", "Providers not sure which board decides on fees"),
     ), (("thu_m2", "strength", "Programme office says escalation route is clear"),)),
    ("system_place", "strength", "emerging",
     "Neighbourhood teams in {place} are joining up care around people", (
         ("tue_fg1", "strength", "Daily huddles between community nursing and social care "
                                 "in {place}"),
         ("thu_fg1", "strength", "Care homes have a named neighbourhood team contact"),
     ), ()),
    ("capacity", "area_to_explore", "emerging",
     "Little dedicated capacity supports the partnership's programmes", (
         ("thu_m2", "area_to_explore", "Programme office of {n} people covers everything"),
         ("thu_m2", "observation", "Staff lent part-time from partners; turnover high"),
     ), ()),
    ("engagement", "area_to_explore", "agreed",
     "Engagement with residents and the voluntary sector is not yet systematic", (
         ("wed_fg1", "area_to_explore", "Voluntary sector invited late, asked to comment on "
                                        "finished plans"),
         ("wed_m3", "area_to_explore", "No shared engagement plan across partners"),
         ("doc:0", "observation", "Position statement mentions engagement once"),
     ), ()),
    ("added_value", "strength", "emerging",
     "Joint work on hospital discharge has made a difference residents can feel", (
         ("tue_m5", "strength", "Ambulance handover delays down since the joint discharge "
                                "hub"),
         ("doc:2", "strength", "Discharge delays falling for {n} months in a row"),
     ), ()),
    ("system_place", "suggestion", "dropped",
     "Consider one front door for community services across both places", (), ()),
    ("governance", "suggestion", "agreed",
     "Test the partnership's governance on one hard decision in the coming year", (
         ("thu_m5", "suggestion", "Take the home care fees decision to the board first"),
         ("fri_m1", "suggestion", "Board members want one real decision to show the board "
                                  "works"),
         ("wed_fg2", "suggestion", "Councillors ask for a joint decision they can see"),
     ), ()),
)

SPARE_POSTITS = (  # chart, kind, text: heard once, not (yet) part of a finding
    ("vision", "observation", "Refresh of the strategy planned for the spring"),
    ("vision", "area_to_explore", "Prevention is in every plan but has no budget line"),
    ("ownership", "observation", "Board papers go to each partner's board with no time to "
                                 "discuss"),
    ("ownership", "strength", "Trust boards have a standing item on system working"),
    ("leadership", "observation", "Several leaders new in post in the last year"),
    ("leadership", "area_to_explore", "Clinical leadership is thin outside the hospitals"),
    ("governance", "observation", "{n} sub-groups report to the board"),
    ("governance", "strength", "Board minutes are published and easy to find"),
    ("system_place", "area_to_explore", "Place roles in {place} differ from Eskdale's"),
    ("system_place", "observation", "Primary care hubs at different stages of maturity"),
    ("capacity", "area_to_explore", "Home care vacancies limit discharge from hospital"),
    ("capacity", "observation", "Digital shared care record live in {place} only"),
    ("engagement", "strength", "Healthwatch reports are discussed at the board"),
    ("engagement", "area_to_explore", "Staff side not involved in workforce plans"),
    ("added_value", "strength", "Falls response service shared by both councils"),
    ("added_value", "observation", "Few measures of success agreed across partners"),
    ("capacity", "suggestion", "A shared workforce plan for home care would help"),
    ("engagement", "suggestion", "Co-produce the strategy refresh with residents"),
    ("governance", "suggestion", "Test the governance on one hard decision this year"),
    ("vision", "suggestion", "Agree three measures that every partner reports on"),
    ("system_place", "strength", "Social prescribing link workers valued in every "
                                 "neighbourhood"),
)

RECOMMENDATIONS = (  # participants' one recommendation each, from focus groups
    "Give neighbourhood teams a small shared budget and trust them to use it",
    "Ask people who use services before the plan is written, not after",
    "Put community services and social care in the same building",
    "Fund the voluntary sector for three years, not one",
    "Share one care record that everyone can read",
    "Make it easy for carers to get a break",
    "Measure what matters to residents, not only waiting times",
    "Keep the joint discharge hub and grow it",
    "Bring councillors into the partnership's work early",
    "Stop short-term pilots that end just as they start working",
)

SIGNPOSTS = (  # chart key, kind, text
    ("governance", "good_practice", "A partnership elsewhere in the north tested its board "
                                    "with a joint decision on stroke services; worth a visit"),
    ("engagement", "good_practice", "A published toolkit on co-producing strategies with "
                                    "residents from another integrated care system"),
    ("capacity", "good_practice", "Shared home care workforce academies run across several "
                                  "councils"),
    ("vision", "person", "The national population health management programme offers "
                         "support to partnerships setting priorities from data"),
)

OPENINGS = {
    M: "Confidentiality and non-attribution explained at the start. Both happy to talk "
       "openly.",
    FG: "Intros round the table: name, role, time in post. Confidentiality explained. "
        "Exercise 1 (good at) and 2 (get better at) in threes, 10 minutes each.",
    TS: "Whole team. Went round the charts: each pair shared their key points.",
    CC: "With the programme director. Emerging messages only, all informal and in "
        "confidence - no surprises.",
    "call": "Call with the manager: first impressions from the pre-reading.",
    "document_review": "Reading notes.",
    "feedback": "Lead peer presented. Audience of about {n}0 across partners.",
}
CLOSINGS = {
    M: "Close: anything to add? Thanked for openness. Feedback Friday, report in 3-4 weeks.",
    FG: "Close: each wrote one recommendation on a post-it. Thanked everyone.",
    TS: "Actions: test the gaps in the afternoon sessions.",
    CC: "Client took the messages well; asked for the detail on governance on Friday.",
}
FILLERS = (
    "Asked for an example: gave the winter plan for {place}.",
    "Long pause when asked what a hard issue had tested the governance.",
    "Mentioned workforce twice without prompting.",
    "Follow up: ask for the {place} discharge figures.",
    "'We are much better at talking than deciding.'",
    "Spoke warmly about the voluntary sector's role during the pandemic.",
    "Not clear how the {n} priorities were chosen.",
    "Quoted the position statement almost word for word.",
    "Strong sense of pride in the community teams.",
    "Data sharing agreements still being signed, {n} months on.",
    "Different story in {place} from the other place.",
    "Worried about money next year; savings plans not joined up.",
)
BEFORE = {  # notes of the sessions before the visit, line by line
    "pre_read": ("Position statement is upbeat; little on what has not worked.",
                 "Question to test: has the board ever made a decision a partner did not like?"),
    "pre_call": ("Manager: the client wants an honest view on governance and on place.",
                 "Agreed I take notes in the first two meetings, lead in the focus group.",
                 "Impressions so far: strong on ambition, quieter on delivery."),
    "pre_read2": ("Strategy refresh due in the spring: a chance to act on our feedback.",
                  "Timetable is heavy on NHS leaders; few voluntary sector voices."),
    "pre_impr": ("Likely strengths: relationships, the discharge hub.",
                 "Likely areas to explore: governance tested by a hard issue; ownership by "
                 "the councils; capacity for the programmes.",
                 "Ask in every meeting: what would you stop doing?"),
    "mon_team": ("Shared first impressions round the table; similar themes from everyone.",
                 "Pairs and who leads agreed for Tuesday.",
                 "Lead peer reminded us: non-attributable, and no surprises on Friday."),
}
GROUP_FEEDBACK = (
    ("good_at", "Working together in a crisis; people know each other by name"),
    ("good_at", "Community teams and the voluntary sector in {place}"),
    ("good_at", "Listening to front-line staff"),
    ("get_better", "Deciding things together and sticking to them"),
    ("get_better", "Telling residents what the partnership is and does"),
    ("get_better", "Long-term funding instead of one-year pilots"),
)
INFORMAL = (
    "Early sense of a shared ambition, said the same way by many people",
    "Governance may not yet have been tested by a hard decision: still checking",
    "The councils' ownership of the priorities looks weaker than the NHS partners'",
    "Joint discharge work seems to be making a difference",
)
