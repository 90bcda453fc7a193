"""The slide template: the shipped plain one, a programme's own .pptx or .potx kept in the
notebook (its layouts found by name or by what they hold, its slides and its people left
out), and one plain message for a file that cannot be used."""

from __future__ import annotations

import copy
import io
import zipfile
from pathlib import Path

import pytest
from pptx import Presentation
from pptx.util import Inches

from peerdesk.feedback.export import export_feedback, prepare
from peerdesk.feedback.places import FEEDBACK_PLACES
from peerdesk.feedback.template import (
    SlideTemplateError,
    notebook_template,
    read_template,
    shipped_template,
    use_shipped_template,
    use_template_file,
)
from peerdesk.summary.attribution import accept
from peerdesk.vault.notebook import Notebook
from tests import summary_fixture
from tests.feedback.test_pptx import every_text, titles_and_notes

POTX = "application/vnd.openxmlformats-officedocument.presentationml.template.main+xml"
PPTX = "application/vnd.openxmlformats-officedocument.presentationml.presentation.main+xml"


def team_template(footer: str = "Peer challenge programme 2026", rename: bool = True,
                  potx: bool = False) -> bytes:
    """A programme's template as PowerPoint would leave it: an author, a slide of its own,
    a text on the master, its own names for the layouts."""
    prs = Presentation()
    prs.core_properties.author = "Jane Smith"
    prs.core_properties.last_modified_by = "Jane Smith"
    if rename:
        for layout in prs.slide_layouts:
            layout.name = {"Title Slide": "Programme cover",
                           "Title and Content": "Programme text"}.get(layout.name,
                                                                      layout.name + " x")
    slide = prs.slides.add_slide(prs.slide_layouts[1])
    slide.shapes.title.text = "Welcome from Jane Smith"
    # python-pptx adds text boxes to slides only: make one there and put a copy on the master
    box = slide.shapes.add_textbox(Inches(0.3), Inches(7), Inches(4), Inches(0.4))
    box.text_frame.text = footer
    prs.slide_master.shapes._spTree.append(copy.deepcopy(box._element))
    buffer = io.BytesIO()
    prs.save(buffer)
    data = buffer.getvalue()
    if potx:
        data = _retype(data, PPTX, POTX)
    return data


def _retype(data: bytes, old: str, new: str) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as src, zipfile.ZipFile(out, "w") as dst:
        for info in src.infolist():
            content = src.read(info.filename)
            if info.filename == "[Content_Types].xml":
                content = content.replace(old.encode(), new.encode())
            dst.writestr(info, content)
    return out.getvalue()


def test_the_shipped_template() -> None:
    template = shipped_template()
    prs = Presentation(io.BytesIO(template.data))
    layouts = list(prs.slide_layouts)
    assert layouts[template.title_layout].name == "Title Slide"
    assert layouts[template.content_layout].name == "Title and Content"
    assert prs.slide_width * 9 == prs.slide_height * 16
    assert template.texts == ()          # no logo, no words of its own
    assert template.capacity.sizes_pt == (28.0, 24.0)
    assert prs.core_properties.author == "" and len(prs.slides) == 0


def test_a_programme_template_kept_in_the_notebook(notebook: Notebook,
                                                   tmp_path: Path) -> None:
    summary_fixture.build(notebook)
    path = tmp_path / "programme.pptx"
    path.write_bytes(team_template())
    kept = use_template_file(notebook, path)
    assert kept.name == "programme.pptx" and not kept.shipped
    assert notebook_template(notebook).data == kept.data
    # Layouts found by what they hold when their names are the programme's own.
    layouts = list(Presentation(io.BytesIO(kept.data)).slide_layouts)
    assert layouts[kept.content_layout].name == "Programme text"
    record = export_feedback(notebook, "pptx", tmp_path / "slides.pptx")
    data = record.path.read_bytes()
    read = titles_and_notes(data)
    assert read[0][0] == "Northvale health and care partnership"
    assert "Welcome from Jane Smith" not in [t for t, _n in read]
    text = every_text(data)
    assert "Jane Smith" not in text
    assert "Peer challenge programme 2026" in text    # the template's own words, checked
    use_shipped_template(notebook)
    assert notebook_template(notebook).shipped


def test_a_potx_template(tmp_path: Path) -> None:
    template = read_template(team_template(potx=True, rename=False), "programme.potx")
    prs = Presentation(io.BytesIO(template.data))
    assert list(prs.slide_layouts)[template.title_layout].name == "Title Slide"


def test_the_templates_own_text_is_checked(notebook: Notebook, tmp_path: Path) -> None:
    summary_fixture.build(notebook)
    path = tmp_path / "programme.pptx"
    path.write_bytes(team_template(footer="Presented by Jordan Lee"))
    use_template_file(notebook, path)
    hits = prepare(notebook).hits
    assert [(h.term, h.where) for h in hits] == [("Jordan Lee", "Slide template: texts")]
    assert not FEEDBACK_PLACES.editable(hits[0].source)
    accept(notebook, hits[0])
    assert prepare(notebook).ready


@pytest.mark.parametrize(("data", "why"), [
    (b"not a zip at all", "is not a PowerPoint file"),
    (b"PK\x03\x04broken", "is not a PowerPoint file"),
    (None, "is not a PowerPoint presentation"),
    ("macros", "holds macros"),
])
def test_a_file_that_cannot_be_used(notebook: Notebook, tmp_path: Path, data: object,
                                    why: str) -> None:
    if data is None:   # a Word document
        import docx

        buffer = io.BytesIO()
        docx.Document().save(buffer)
        data = buffer.getvalue()
    elif data == "macros":
        data = _retype(team_template(), PPTX, PPTX.replace(
            "presentation.main+xml", "slideshow.macroEnabled.main+xml"))
    path = tmp_path / "chosen.pptx"
    assert isinstance(data, bytes)
    path.write_bytes(data)
    with pytest.raises(SlideTemplateError) as refused:
        use_template_file(notebook, path)
    assert refused.value.message.startswith("“chosen.pptx” cannot be used as a slide template")
    assert why in refused.value.message
    assert notebook.meta("feedback_template") is None
    assert notebook_template(notebook).shipped


def test_a_template_with_no_layout_for_text(tmp_path: Path) -> None:
    prs = Presentation()
    for layout in list(prs.slide_layouts):
        if layout.name != "Blank":
            prs.slide_layouts.remove(layout)
    buffer = io.BytesIO()
    prs.save(buffer)
    with pytest.raises(SlideTemplateError, match="no layout with a title and a body"):
        read_template(buffer.getvalue(), "blank.pptx")


def test_a_missing_file(notebook: Notebook, tmp_path: Path) -> None:
    with pytest.raises(SlideTemplateError, match="cannot be read"):
        use_template_file(notebook, tmp_path / "gone.pptx")
