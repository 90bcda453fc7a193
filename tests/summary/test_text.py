"""The plain text for an email body says what the PDF and the DOCX say."""

from __future__ import annotations

from peerdesk.summary.model import build_summary
from peerdesk.summary.text import render_text
from peerdesk.vault.notebook import Notebook
from tests import summary_fixture


def test_text_has_cover_findings_and_closing(notebook: Notebook) -> None:
    summary_fixture.build(notebook)
    summary = build_summary(notebook)
    text = render_text(summary)
    lines = text.splitlines()
    assert lines[:2] == ["PEER CHALLENGE SUMMARY", "CONFIDENTIAL, NOT ATTRIBUTABLE TO INDIVIDUALS"]
    assert "Peer: Alex Morgan (AM)" in lines and "Date: 03/03/2026" in lines
    assert "- Meetings with individuals held: 3" in lines
    assert any(line.startswith("Counted: meetings and focus groups held") for line in lines)
    for number, section, findings in summary.numbered():
        at = lines.index(f"{number}. {section.title}")
        assert set(lines[at + 1]) == {"-"}
        for label, f in findings:
            i = lines.index(f"{label} {f.headline}")
            assert lines[i + 1] == f"    {f.meta_text}"
            if f.detail:
                assert lines[i + 2] == f"    {f.detail}"
    assert "No findings chosen for this line of enquiry." in lines
    assert "- Put one named contact for care homes in every neighbourhood" in lines
    assert ("- Look at the shared leadership academy run by a neighbouring system "
            "(Leadership)") in lines
    assert "‘one front door’" in text and "Ŵyn ŷ Valley" in text
    assert "\n\n\n" not in text and text.endswith("\n")
    for name in summary_fixture.every_name(notebook):
        assert name not in text
    for left_out in summary_fixture.Fixture().left_out_headlines:
        assert left_out not in text


def test_empty_engagement_says_so(notebook: Notebook) -> None:
    text = render_text(build_summary(notebook))
    assert "No recommendations were recorded." in text
    assert "No signposting suggestions yet." in text
    assert text.count("No findings chosen for this line of enquiry.") == 8
