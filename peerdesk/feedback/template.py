"""The slide template: the plain one shipped with peerdesk, or the programme's own.

The shipped template (``peerdesk/assets/slides/plain.pptx``, copied from
``resources/slides`` by ``packaging/compile_assets.py``) is 16:9, black on white, in large
type, with no logo. A team can use its programme's own .pptx or .potx instead: the file is
checked, then kept in the notebook (encrypted, like the flip-chart template a peer loads),
so every export of this engagement uses it until the peer goes back to the plain one.

Layouts are found by name ("Title Slide", "Title and Content" and their usual variants),
else by what they hold (a title and a body); any slides already in the file are left out
of what peerdesk writes. A file that is not a usable presentation is refused with one
plain message, and nothing is kept.
"""

from __future__ import annotations

import base64
import io
import math
import zipfile
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING, Any

from peerdesk.vault.errors import ValidationError
from peerdesk.vault.notebook import Notebook

if TYPE_CHECKING:
    from pptx.presentation import Presentation
    from pptx.slide import SlideLayout

SHIPPED_NAME = "plain.pptx"
SHIPPED_LABEL = "peerdesk's plain template"
TEMPLATE_KEY = "feedback_template"
TEMPLATE_NAME_KEY = "feedback_template_name"
MAX_FILE_BYTES = 50 * 1024 * 1024
MAX_UNPACKED_BYTES = 200 * 1024 * 1024
TITLE_LAYOUTS = ("title slide", "title", "title page", "cover")
CONTENT_LAYOUTS = ("title and content", "title and body", "title, content", "title and text",
                   "content", "title & content")
_PRESENTATION = "application/vnd.openxmlformats-officedocument.presentationml.presentation.main+xml"
_TEMPLATE = "application/vnd.openxmlformats-officedocument.presentationml.template.main+xml"
_MACROS = "macroEnabled"
# Placeholder types, as python-pptx numbers them (PP_PLACEHOLDER).
_TITLE_TYPES = (1, 3)          # TITLE, CENTER_TITLE
_BODY_TYPES = (2, 7)           # BODY, OBJECT
_SUBTITLE_TYPE = 4


class SlideTemplateError(ValidationError):
    default_message = "That file cannot be used as a slide template."


@dataclass(frozen=True)
class Capacity:
    """How much text fits in the body of a content slide, in points, from the template's
    own body size and type sizes (an estimate: the slides are cut to stay inside it)."""

    width_pt: float = 830.0
    height_pt: float = 380.0
    sizes_pt: tuple[float, float] = (28.0, 24.0)   # first and second level

    def lines(self, text: str, level: int) -> int:
        size = self.sizes_pt[min(level, 1)]
        indent = 28.0 * (level + 1)
        per_line = max(12, int((self.width_pt - indent) / (size * 0.55)))
        return max(1, math.ceil(len(text) / per_line))

    def height(self, text: str, level: int) -> float:
        size = self.sizes_pt[min(level, 1)]
        return self.lines(text, level) * size * 1.2 + size * 0.25


@dataclass(frozen=True)
class SlideTemplate:
    data: bytes              # a .pptx (a .potx is turned into one)
    name: str                # what the peer sees: "peerdesk's plain template", "ICS.pptx"
    shipped: bool
    title_layout: int        # positions among the slide master's layouts
    content_layout: int
    texts: tuple[str, ...]   # what the template prints on the slides itself
    capacity: Capacity

    def open(self) -> Presentation:
        """A fresh presentation from the template, with no slides."""
        from pptx import Presentation as open_presentation

        prs = open_presentation(io.BytesIO(self.data))
        remove_slides(prs)
        return prs


def shipped_bytes() -> bytes:
    return resources.files("peerdesk").joinpath("assets", "slides", SHIPPED_NAME).read_bytes()


def shipped_template() -> SlideTemplate:
    return read_template(shipped_bytes(), SHIPPED_LABEL, shipped=True)


def notebook_template(notebook: Notebook) -> SlideTemplate:
    """The template this engagement's slides use: the programme's, if one was chosen and
    still reads, else the shipped one."""
    raw = notebook.meta(TEMPLATE_KEY)
    if raw is not None:
        try:
            return read_template(base64.b64decode(raw), notebook.meta(TEMPLATE_NAME_KEY)
                                 or "the programme's template")
        except (SlideTemplateError, ValueError):
            pass   # checked when it was chosen; should it ever fail, the plain one serves
    return shipped_template()


def use_template_file(notebook: Notebook, path: Path) -> SlideTemplate:
    """Check ``path`` and keep it in the notebook as this engagement's slide template."""
    try:
        size = path.stat().st_size
        if size > MAX_FILE_BYTES:
            raise SlideTemplateError(f"“{path.name}” is {size // (1024 * 1024)} MB: a slide "
                                     "template of up to 50 MB can be used.")
        data = path.read_bytes()
    except OSError as exc:
        raise SlideTemplateError(f"“{path.name}” cannot be read ({exc.strerror or exc}).") \
            from None
    template = read_template(data, path.name)
    with notebook.write() as conn:
        conn.executemany("INSERT OR REPLACE INTO meta (key, value) VALUES (?, ?)",
                         [(TEMPLATE_KEY, base64.b64encode(template.data).decode("ascii")),
                          (TEMPLATE_NAME_KEY, path.name)])
    return template


def use_shipped_template(notebook: Notebook) -> None:
    with notebook.write() as conn:
        conn.execute("DELETE FROM meta WHERE key IN (?, ?)", (TEMPLATE_KEY, TEMPLATE_NAME_KEY))


# -- reading a template ------------------------------------------------------------------

def _as_pptx(data: bytes, name: str) -> bytes:
    """The bytes of a .pptx: a .potx gets the content type of a presentation."""
    def refuse(why: str) -> SlideTemplateError:
        return SlideTemplateError(f"“{name}” cannot be used as a slide template: {why}. "
                                  "Choose a PowerPoint presentation (.pptx) or template "
                                  "(.potx).")

    if not zipfile.is_zipfile(io.BytesIO(data)):
        raise refuse("it is not a PowerPoint file (an older .ppt can be saved as .pptx from "
                      "PowerPoint)")
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            if sum(i.file_size for i in archive.infolist()) > MAX_UNPACKED_BYTES:
                raise refuse("it unpacks to more than 200 MB")
            types = archive.read("[Content_Types].xml").decode("utf-8")
            if _MACROS in types:
                raise refuse("it holds macros (save it as a .pptx or .potx without them)")
            if _PRESENTATION in types:
                return data
            if _TEMPLATE not in types:
                raise refuse("it is not a PowerPoint presentation (perhaps a Word or Excel "
                             "file)")
            out = io.BytesIO()
            with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as copy:
                for info in archive.infolist():
                    content = archive.read(info.filename)
                    if info.filename == "[Content_Types].xml":
                        content = types.replace(_TEMPLATE, _PRESENTATION).encode("utf-8")
                    copy.writestr(info, content)
            return out.getvalue()
    except (KeyError, UnicodeDecodeError, zipfile.BadZipFile, zipfile.LargeZipFile,
            EOFError, OSError) as exc:
        raise refuse(f"it is damaged ({exc.__class__.__name__})") from None


def read_template(data: bytes, name: str, shipped: bool = False) -> SlideTemplate:
    """Check a template and find what peerdesk needs in it."""
    from lxml.etree import LxmlError
    from pptx import Presentation as open_presentation
    from pptx.exc import PythonPptxError

    pptx_bytes = _as_pptx(data, name)
    try:
        prs = open_presentation(io.BytesIO(pptx_bytes))
        title_layout, content_layout = find_layouts(prs, name)
        texts = template_texts(prs, (title_layout, content_layout))
        capacity = capacity_of(prs, content_layout)
    except SlideTemplateError:
        raise
    except (KeyError, ValueError, AttributeError, TypeError, zipfile.BadZipFile, LxmlError,
            PythonPptxError) as exc:
        raise SlideTemplateError(f"“{name}” cannot be used as a slide template: PowerPoint's "
                                 f"parts in it are damaged or missing ({exc.__class__.__name__})."
                                 " Choose another .pptx or .potx file.") from None
    parts = [layout.part for layout in prs.slide_layouts]
    return SlideTemplate(pptx_bytes, name, shipped, parts.index(title_layout.part),
                         parts.index(content_layout.part), texts, capacity)


def _types(layout: SlideLayout) -> set[int]:
    placeholders: Any = layout.placeholders   # python-pptx's stubs cannot type its iteration
    return {int(ph.placeholder_format.type or 0) for ph in placeholders}


def find_layouts(prs: Presentation, name: str = "the template") -> tuple[SlideLayout,
                                                                          SlideLayout]:
    """The title layout and the content layout: by name first, else by what they hold."""
    layouts = list(prs.slide_layouts)
    if not layouts:
        raise SlideTemplateError(f"“{name}” has no slide layouts, so peerdesk cannot lay "
                                 "slides out with it. Choose another .pptx or .potx file.")

    def named(names: tuple[str, ...]) -> SlideLayout | None:
        by_name = {" ".join(layout.name.lower().split()): layout for layout in layouts}
        return next((by_name[n] for n in names if n in by_name), None)

    content = named(CONTENT_LAYOUTS) or next(
        (lay for lay in layouts if _types(lay) & set(_TITLE_TYPES)
         and _types(lay) & set(_BODY_TYPES)), None)
    if content is None:
        raise SlideTemplateError(f"“{name}” has no layout with a title and a body of text "
                                 "(such as “Title and Content”), which the findings need. "
                                 "Choose another .pptx or .potx file.")
    title = named(TITLE_LAYOUTS) or next(
        (lay for lay in layouts if 3 in _types(lay) or _SUBTITLE_TYPE in _types(lay)), content)
    return title, content


def body_placeholder(shapes: Any) -> Any:
    """The biggest body (or content) placeholder among ``shapes``, or None."""
    bodies = [ph for ph in shapes.placeholders
              if int(ph.placeholder_format.type or 0) in (*_BODY_TYPES, _SUBTITLE_TYPE)]
    return max(bodies, key=lambda ph: (ph.width or 0) * (ph.height or 0), default=None)


def title_placeholder(shapes: Any) -> Any:
    return next((ph for ph in shapes.placeholders
                 if int(ph.placeholder_format.type or 0) in _TITLE_TYPES), None)


def _shape_texts(shapes: Any) -> list[str]:
    out: list[str] = []
    for shape in shapes:
        if getattr(shape, "is_placeholder", False):
            continue   # filled by peerdesk, or not shown on a slide at all
        if hasattr(shape, "shapes"):   # a group
            out += _shape_texts(shape.shapes)
        elif getattr(shape, "has_text_frame", False) and shape.text_frame.text.strip():
            out.append(shape.text_frame.text)
        elif getattr(shape, "has_table", False):
            out += [cell.text for row in shape.table.rows for cell in row.cells
                    if cell.text.strip()]
    return out


def template_texts(prs: Presentation, layouts: tuple[SlideLayout, ...]) -> tuple[str, ...]:
    """Texts the template prints on slides of these layouts itself (the master's and the
    layouts' own shapes; placeholders are not printed)."""
    texts = _shape_texts(prs.slide_master.shapes)
    seen: list[Any] = []
    for layout in layouts:
        if layout.part not in seen:
            seen.append(layout.part)
            texts += _shape_texts(layout.shapes)
    return tuple(dict.fromkeys(texts))


def _size(style: Any, level: int, default: float) -> float:
    if style is None:
        return default
    ns = "{http://schemas.openxmlformats.org/drawingml/2006/main}"
    found = style.find(f"{ns}lvl{level}pPr/{ns}defRPr")
    value = found.get("sz") if found is not None else None
    return int(value) / 100 if value and value.isdigit() else default


def capacity_of(prs: Presentation, layout: SlideLayout) -> Capacity:
    body = body_placeholder(layout)
    if body is None or not body.width or not body.height:
        return Capacity()
    ns = "{http://schemas.openxmlformats.org/presentationml/2006/main}"
    style = prs.slide_master.element.find(f"{ns}txStyles/{ns}bodyStyle")
    first = _size(style, 1, 28.0)
    return Capacity(width_pt=body.width / 12700, height_pt=body.height / 12700,
                    sizes_pt=(first, _size(style, 2, first * 0.86)))


def remove_slides(prs: Presentation) -> None:
    """Leave out the slides a template file brings (and its custom shows and sections,
    which name them)."""
    slide_list = prs.slides._sldIdLst
    for slide_id in list(slide_list):
        prs.part.drop_rel(slide_id.rId)
        slide_list.remove(slide_id)
    root = prs.part._element
    ns = "{http://schemas.openxmlformats.org/presentationml/2006/main}"
    for child in root.findall(f"{ns}custShowLst"):
        root.remove(child)
    ext_list = root.find(f"{ns}extLst")
    if ext_list is not None:
        for ext in list(ext_list):
            if any(el.tag.endswith("}sectionLst") for el in ext):
                ext_list.remove(ext)
