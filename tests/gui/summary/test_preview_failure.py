"""The summary's preview never stays on "Updating…": when drawing it fails, for whatever
reason, it says so in words, and it recovers on the next change."""

from __future__ import annotations

import pytest
from pytestqt.qtbot import QtBot

from peerdesk.gui.shell.main_window import MainWindow
from peerdesk.gui.summary import summary_tab
from peerdesk.gui.summary.summary_tab import SummaryTab
from peerdesk.vault.errors import StorageError
from tests import summary_fixture
from tests.gui.engagement_window import notebook_id, window
from tests.gui.summary.test_summary_tab import notebook_of, wait_for_preview

__all__ = ["notebook_id", "window"]  # fixtures used below


@pytest.mark.parametrize("failure", [RuntimeError("a bug"), StorageError("The disk is full.")])
def test_a_failed_preview_says_what_went_wrong(qtbot: QtBot, window: MainWindow,
                                              monkeypatch: pytest.MonkeyPatch,
                                              failure: Exception) -> None:
    summary_fixture.build(notebook_of(window))
    real = summary_tab.render

    def broken(*args: object, **kwargs: object) -> bytes:
        raise failure

    monkeypatch.setattr(summary_tab, "render", broken)
    assert window.page is not None
    tab = window.page.show_tab("Summary")
    assert isinstance(tab, SummaryTab)
    status = tab.pdf_preview.status_label
    qtbot.waitUntil(lambda: tab.preview_task is None and not tab._want_preview
                    and status.text() != "Updating…", timeout=30_000)
    assert status.text().startswith("The preview could not be made")
    assert "could not be made" in window.messages.text()
    if isinstance(failure, StorageError):
        assert "The disk is full." in status.text()
    monkeypatch.setattr(summary_tab, "render", real)
    tab.schedule_check(0)
    wait_for_preview(qtbot, tab)
    qtbot.waitUntil(lambda: tab.pdf_preview.page_count() > 0, timeout=30_000)
    assert status.text() == ""
