"""Peer team sessions and client catch-ups in the live view: what was shared, agreed or
changed, and the informal messages given to the client."""

from __future__ import annotations

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from peerdesk.gui.capture.live_session_tab import LiveSessionTab
from peerdesk.gui.shell.main_window import MainWindow
from peerdesk.synthesis.findings import FindingStore
from peerdesk.synthesis.team_log import TeamLog
from peerdesk.vault.library import Library
from tests.conftest import PASSPHRASE
from tests.gui.helpers import page_of
from tests.gui.synthesis_fixture import Made, made, window

__all__ = ["made", "window"]


def open_session(window: MainWindow, session_id: int) -> LiveSessionTab:
    page_of(window).start_session(session_id)
    live = page_of(window).tab("In session")
    assert isinstance(live, LiveSessionTab)
    return live


def test_team_session_records_an_agreed_finding(qtbot: QtBot, window: MainWindow,
                                                library: Library, made: Made) -> None:
    assert window.notebook is not None
    finding = FindingStore(window.notebook).group([made.postits["p1"]], "One ambition",
                                                  "strength")
    live = open_session(window, made.sessions["team"])
    assert live.side.isTabVisible(live.side.indexOf(live.panels[0][0]))
    view = live.panels[0][0]
    view.finding.setCurrentIndex(view.finding.findData(finding))
    view.outcome.setCurrentIndex(view.outcome.findData("agreed"))
    qtbot.mouseClick(view.add_button, Qt.MouseButton.LeftButton)
    qtbot.keyClicks(view.text, "Engagement is patchy outside the councils")
    qtbot.keyClick(view.text, Qt.Key.Key_Return)  # shared, in my own words
    assert view.texts() == ["Agreed by the team: One ambition",
                            "Shared with the team: Engagement is patchy outside the councils"]
    window.lock()
    with library.open(made.notebook_id, PASSPHRASE) as notebook:
        assert FindingStore(notebook).get(finding).status == "agreed"
        assert [m.outcome for m in TeamLog(notebook).messages(made.sessions["team"])] == [
            "agreed", "shared"]


def test_client_catch_up_messages_are_informal(qtbot: QtBot, window: MainWindow,
                                               library: Library, made: Made) -> None:
    live = open_session(window, made.sessions["catch"])
    view = live.panels[0][0]
    assert live.side.isTabVisible(live.side.indexOf(live.panels[0][0]))
    assert not view.outcome.isVisibleTo(view)
    assert "not yet fully evidenced" in view.intro.text()
    qtbot.keyClicks(view.text, "Staff feel proud of the discharge hub")
    qtbot.keyClick(view.text, Qt.Key.Key_Return)
    assert view.texts() == ["Informal · not yet fully evidenced: Staff feel proud of the "
                            "discharge hub"]
    live = open_session(window, made.sessions["m1"])  # a meeting has no team log
    assert not live.side.isTabVisible(live.side.indexOf(live.panels[0][0]))
    window.lock()
    with library.open(made.notebook_id, PASSPHRASE) as notebook:
        [message] = TeamLog(notebook).messages(made.sessions["catch"])
    assert message.informal


def test_the_finding_list_follows_findings_made_on_the_board(
        qtbot: QtBot, window: MainWindow, made: Made) -> None:
    live = open_session(window, made.sessions["team"])
    view = live.panels[0][0]
    before = [view.finding.itemText(i) for i in range(view.finding.count())]
    assert window.notebook is not None
    FindingStore(window.notebook).group([made.postits["p1"]], "Shared ambition, patchy plans",
                                        "area_to_explore")  # as the board does
    page = page_of(window)
    page.show_tab("Board")
    page.show_tab("In session")  # back in the meeting: the list is current again
    after = [view.finding.itemText(i) for i in range(view.finding.count())]
    assert len(after) == len(before) + 1
    assert any(text.startswith("Shared ambition, patchy plans") for text in after)
