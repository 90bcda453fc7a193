"""The summary as plain text, to paste into an email body.

Paragraphs are not wrapped by hand: mail clients wrap them to the reader's window.
"""

from __future__ import annotations

from peerdesk.summary.model import Summary
from peerdesk.summary.wording import (
    DOCUMENT_TITLE,
    HEADINGS,
    NO_FINDINGS,
    NO_RECOMMENDATIONS,
    NO_SIGNPOSTING,
    READING_NOTE,
    RECOMMENDATIONS_NOTE,
)


def _heading(text: str, underline: str = "=") -> list[str]:
    return ["", text, underline * len(text), ""]


def render_text(summary: Summary) -> str:
    c = summary.cover
    lines = [DOCUMENT_TITLE.upper(), c.marking.upper(), "", c.engagement_title]
    if c.client_system:
        lines.append(c.client_system)
    lines.append("")
    lines += [f"{k}: {v}" for k, v in summary.cover_rows]

    lines += _heading(HEADINGS["method"])
    lines += [f"- {label}: {n}" for label, n in summary.method.lines()]
    lines += ["", summary.method.counted]

    lines += _heading(HEADINGS["key"])
    lines += [READING_NOTE, ""]
    lines += [f"- {label}: {meaning}" for label, meaning in summary.label_key]

    lines += _heading(HEADINGS["findings"])
    for number, section, findings in summary.numbered():
        lines += _heading(f"{number}. {section.title}", "-")[1:]
        if section.question:
            lines += [section.question, ""]
        if not findings:
            lines += [NO_FINDINGS, ""]
        for label, f in findings:
            lines.append(f"{label} {f.headline}")
            lines.append(f"    {f.meta_text}")
            if f.detail:
                lines += [f"    {line}" if line.strip() else "" for line in f.detail.splitlines()]
            lines.append("")

    lines += _heading(HEADINGS["recommendations"])
    if summary.recommendations:
        lines += [RECOMMENDATIONS_NOTE, ""]
        lines += [f"- {r.text}" for r in summary.recommendations]
    else:
        lines.append(NO_RECOMMENDATIONS)

    lines += _heading(HEADINGS["signposting"])
    if not summary.signposting:
        lines.append(NO_SIGNPOSTING)
    for heading, items in summary.signposts_by_kind():
        lines += [heading, "-" * len(heading)]
        lines += [f"- {p.text}" + (f" ({p.chart_title})" if p.chart_title else "")
                  for p in items]
        lines.append("")
    lines += ["", f"-- {c.marking}"]
    text = "\n".join(lines)
    while "\n\n\n" in text:
        text = text.replace("\n\n\n", "\n\n")
    return text.strip() + "\n"
