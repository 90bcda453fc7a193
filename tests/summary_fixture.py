"""A fixture engagement for the summary tests, written with plain SQL into a real notebook.

It is clean: no finding, recommendation or signpost names anyone, so it exports without
an attribution hit. Tests that need a hit add one themselves.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from peerdesk.vault.notebook import Notebook

NOW = "2026-03-06T16:00:00+00:00"

PARTICIPANTS = [
    # (session key, name, role, organisation)
    ("m1", "Siân Ap-Rhys", "Director of Public Health", "Northvale Council"),
    ("m2", "Dafydd Llŷr", "Chief executive", "Northvale Acute Trust"),
    ("m3", "Bethan O'Connor", "Chief executive", "Northvale Mental Health Trust"),
    ("fg1", "Ann Webb", "Practice nurse", "Hillside Surgery"),
    ("fg1", "Marek Nowak", "Care home manager", "Brook House"),
    ("fg1", None, "Social worker", "Northvale Council"),
    ("fg1", None, "Social worker", "Northvale Council"),
    ("fg2", "Priyanka Desai", "Volunteer coordinator", "Northvale Voluntary Action"),
    ("fg2", "Tomás Ó Briain", "Paramedic", "Regional Ambulance Service"),
    ("cancelled", "Wilfred Quayle", "Finance director", "Northvale Acute Trust"),
]

# (chart position, headline, detail, kind, status, in_summary, summary_position, evidence)
# evidence: list of (postit key, relation)
FINDINGS = [
    (0, "Partners tell one story about the system’s three priorities",
     "Every board we met named the same priorities, using the ‘one front door’ phrase.",
     "strength", "agreed", None, None,
     [("p-m1", "supports"), ("p-m2", "supports"), ("p-doc1", "supports"),
      ("p-fg1", "supports")]),
    (0, "Population health data is not yet shared across partners",
     "Each partner keeps its own dataset; analysts in Ŵyn ŷ Valley built a shared one.",
     "area_to_explore", "agreed", None, 2,
     [("p-m3", "supports"), ("p-fg2", "challenges")]),
    (0, "An emerging idea that is not agreed yet", "", "suggestion", "emerging", None, None,
     [("p-m1", "supports")]),
    (2, "Leadership is visible at the top but thin in the middle",
     "Staff in the focus groups said “we hear about it, we do not see it”.",
     "area_to_explore", "agreed", None, None,
     [("p-fg1", "supports"), ("p-fg2", "supports")]),
    (2, "Consider a shared leadership programme for middle managers", "",
     "suggestion", "emerging", 1, None, [("p-doc2", "supports")]),
    (3, "An agreed finding the peer chose to leave out", "", "strength", "agreed", 0, None,
     []),
    (7, "Discharge to assess has cut delays for older people",
     "Figures in the performance pack show a steady fall over 18 months.",
     "strength", "agreed", None, None,
     [("p-doc1", "supports"), ("p-m2", "supports"), ("p-fg1", "supports")]),
]

RECOMMENDATIONS = [
    (2, "Give team leaders time to meet across organisations every month"),
    (4, "Put one named contact for care homes in every neighbourhood"),
]

SIGNPOSTING = [
    (2, "Look at the shared leadership academy run by a neighbouring system", "good_practice"),
    (None, "A population health analyst network could help set up shared data", "person"),
]


@dataclass
class Fixture:
    charts: list[tuple[int, str]] = field(default_factory=list)  # (id, title) in order
    findings: dict[str, int] = field(default_factory=dict)      # headline -> id
    sessions: dict[str, int] = field(default_factory=dict)
    postits: dict[str, int] = field(default_factory=dict)

    @property
    def chosen_headlines(self) -> list[str]:
        """The findings the summary must show, in the order it must show them."""
        return [
            "Population health data is not yet shared across partners",
            "Partners tell one story about the system’s three priorities",
            "Leadership is visible at the top but thin in the middle",
            "Consider a shared leadership programme for middle managers",
            "Discharge to assess has cut delays for older people",
        ]

    @property
    def left_out_headlines(self) -> list[str]:
        return ["An emerging idea that is not agreed yet",
                "An agreed finding the peer chose to leave out"]


def build(notebook: Notebook) -> Fixture:
    fx = Fixture()
    with notebook.write() as conn:
        fx.charts = [(int(r[0]), str(r[1])) for r in conn.execute(
            "SELECT id, title FROM flip_chart WHERE retired = 0 ORDER BY position, id")]
        chart_ids = [c[0] for c in fx.charts]
        sessions = [("m1", "meeting", "Meeting with Siân Ap-Rhys", "done"),
                    ("m2", "meeting", "Meeting with Dafydd Llŷr", "done"),
                    ("m3", "meeting", "Meeting with Bethan O'Connor", "done"),
                    ("fg1", "focus_group", "Focus group: frontline staff", "done"),
                    ("fg2", "focus_group", "Focus group: partners", "done"),
                    ("team", "team_session", "Team huddle, Wednesday", "done"),
                    ("cancelled", "meeting", "Meeting with Wilfred Quayle", "cancelled")]
        for key, kind, title, status in sessions:
            cur = conn.execute(
                "INSERT INTO session (kind, title, status, notes, created_at, updated_at)"
                " VALUES (?, ?, ?, ?, ?, ?)",
                (kind, title, status, f"Raw notes of {title}: secret words.", NOW, NOW))
            fx.sessions[key] = int(cur.lastrowid or 0)
        for position, (key, name, role, org) in enumerate(PARTICIPANTS):
            conn.execute("INSERT INTO participant (session_id, role, organisation, name,"
                         " position) VALUES (?, ?, ?, ?, ?)",
                         (fx.sessions[key], role, org, name, position))
        docs = []
        for title in ("Position statement", "Performance pack"):
            cur = conn.execute(
                "INSERT INTO document (title, file_name, media_type, size, sha256, content,"
                " imported_at) VALUES (?, ?, 'application/pdf', 4, 'x', ?, ?)",
                (title, title.lower().replace(" ", "-") + ".pdf", b"%PDF", NOW))
            docs.append(int(cur.lastrowid or 0))
        postits = {"p-m1": ("m1", None), "p-m2": ("m2", None), "p-m3": ("m3", None),
                   "p-fg1": ("fg1", None), "p-fg2": ("fg2", None),
                   "p-doc1": (None, docs[0]), "p-doc2": (None, docs[1])}
        for key, (session, doc) in postits.items():
            cur = conn.execute(
                "INSERT INTO postit (flip_chart_id, text, kind, session_id, document_id,"
                " initials, created_at, updated_at) VALUES (?, ?, 'observation', ?, ?, 'AM',"
                " ?, ?)", (chart_ids[0], f"Post-it {key}: raw words", fx.sessions.get(session)
                           if session else None, doc, NOW, NOW))
            fx.postits[key] = int(cur.lastrowid or 0)
        for position, (chart, headline, detail, kind, status, chosen, order, evidence) \
                in enumerate(FINDINGS):
            cur = conn.execute(
                "INSERT INTO finding (flip_chart_id, headline, detail, kind, status,"
                " in_summary, summary_position, position, created_at, updated_at)"
                " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (chart_ids[chart], headline, detail, kind, status, chosen, order, position,
                 NOW, NOW))
            fid = int(cur.lastrowid or 0)
            fx.findings[headline] = fid
            for postit, relation in evidence:
                conn.execute("INSERT INTO finding_evidence (finding_id, postit_id, relation)"
                             " VALUES (?, ?, ?)", (fid, fx.postits[postit], relation))
        for chart, text in RECOMMENDATIONS:
            conn.execute(
                "INSERT INTO postit (flip_chart_id, text, kind, session_id, initials,"
                " created_at, updated_at) VALUES (?, ?, 'participant_recommendation', ?,"
                " 'AM', ?, ?)", (chart_ids[chart], text, fx.sessions["fg1"], NOW, NOW))
        for position, (chart, text, kind) in enumerate(SIGNPOSTING):
            conn.execute("INSERT INTO signposting (flip_chart_id, text, kind, position)"
                         " VALUES (?, ?, ?, ?)",
                         (chart_ids[chart] if chart is not None else None, text, kind,
                          position))
    return fx


def add_finding(notebook: Notebook, chart_id: int, headline: str, detail: str = "",
                kind: str = "strength") -> int:
    with notebook.write() as conn:
        cur = conn.execute(
            "INSERT INTO finding (flip_chart_id, headline, detail, kind, status, position,"
            " created_at, updated_at) VALUES (?, ?, ?, ?, 'agreed', 99, ?, ?)",
            (chart_id, headline, detail, kind, NOW, NOW))
        return int(cur.lastrowid or 0)


def every_name(notebook: Notebook) -> list[str]:
    """Participants' and team members' names, and the manager's; not the peer's own."""
    with notebook.read() as conn:
        names = [r[0] for r in conn.execute(
            "SELECT name FROM participant WHERE name IS NOT NULL")]
        names += [r[0] for r in conn.execute("SELECT name FROM team_member WHERE is_me = 0")]
        names += [r[0] for r in conn.execute("SELECT manager_name FROM engagement")]
    return [n for n in names if n]
