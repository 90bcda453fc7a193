"""What every Office file peerdesk writes (the summary's DOCX, the feedback slides and
outline) has in common: text that the XML accepts, and properties that name no one."""

from __future__ import annotations

import re
from datetime import datetime
from typing import Protocol

from peerdesk.summary.wording import DOCUMENT_TITLE

_XML_ILLEGAL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ufffe\uffff\ud800-\udfff]")


def safe(text: str) -> str:
    """Text Word and PowerPoint accept: no control characters (tabs and line breaks are
    kept)."""
    return _XML_ILLEGAL.sub("", text)


class CoreProperties(Protocol):
    """The core properties of a Word or PowerPoint file (python-docx and python-pptx give
    the same ones)."""

    author: str
    last_modified_by: str
    title: str
    subject: str
    keywords: str
    comments: str
    category: str
    content_status: str
    identifier: str
    language: str
    version: str
    revision: int
    created: datetime
    modified: datetime
    last_printed: datetime


def neutral_properties(props: CoreProperties, when: datetime, title: str = DOCUMENT_TITLE,
                       subject: str = ("Findings from a peer challenge, for the peer "
                                       "challenge manager"),
                       keywords: str = "peer challenge, summary, non-attributable") -> None:
    """python-docx and python-pptx leave their own name, a person as the last editor, and
    old dates: overwrite them all, naming no person and no machine."""
    props.author = ""
    props.last_modified_by = ""
    props.title = title
    props.subject = subject
    props.keywords = keywords
    props.comments = ""
    props.category = ""
    props.content_status = ""
    props.identifier = ""
    props.language = "en-GB"
    props.version = ""
    props.revision = 1
    props.created = when
    props.modified = when
    props.last_printed = when
