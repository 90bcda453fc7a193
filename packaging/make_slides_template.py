"""Make the plain slide template for the feedback presentation (resources/slides/plain.pptx).

    python packaging/make_slides_template.py

Starts from python-pptx's own blank presentation and makes it a template that reads well
from the back of a room: 16:9, near-black on white, Arial in large sizes (titles 40 pt,
points 28 pt, sub-points 24 pt), every text the same strong colour (no pale footers), no
logo, no picture, no thumbnail, and properties that name no one. The result is committed;
packaging/compile_assets.py copies it into the package, like the flip-chart template.
A team can use their programme's own .pptx instead (the Feedback day tab, or
``peerdesk-cli export --template``).
"""

from __future__ import annotations

import io
import re
from datetime import datetime
from pathlib import Path

from lxml import etree
from pptx import Presentation
from pptx.util import Emu

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "resources" / "slides" / "plain.pptx"
A = "http://schemas.openxmlformats.org/drawingml/2006/main"
P = "http://schemas.openxmlformats.org/presentationml/2006/main"
WIDE = Emu(12192000)     # 13.333 in: 16:9 at PowerPoint's usual 7.5 in height
KEPT_LAYOUTS = ("Title Slide", "Title and Content", "Section Header", "Two Content",
                "Title Only", "Blank")
COLOURS = {"dk1": "111111", "lt1": "FFFFFF", "dk2": "0B3A6E", "lt2": "F2F2F2",
           "accent1": "0B3A6E", "accent2": "8A4B00", "accent3": "1F6B3A",
           "accent4": "5B2A86", "accent5": "005A70", "accent6": "7A1F1F",
           "hlink": "0B3A6E", "folHlink": "5B2A86"}
FONT = "Arial"
BODY_SIZES = {1: 2800, 2: 2400, 3: 2000, 4: 2000, 5: 2000, 6: 2000, 7: 2000, 8: 2000,
              9: 2000}
FIXED_TIME = datetime(2026, 1, 1)


def q(ns: str, tag: str) -> str:
    return f"{{{ns}}}{tag}"


def widen(element: etree._Element, factor: float) -> None:
    """Stretch every shape's x position and width, so the 4:3 layouts fill 16:9."""
    for off in element.iter(q(A, "off")):
        off.set("x", str(round(int(off.get("x", "0")) * factor)))
    for ext in element.iter(q(A, "ext")):
        if ext.get("cx") is not None:
            ext.set("cx", str(round(int(ext.get("cx", "0")) * factor)))


def solid(parent: etree._Element, scheme: str) -> None:
    for old in parent.findall(q(A, "solidFill")):
        parent.remove(old)
    fill = etree.SubElement(parent, q(A, "solidFill"))
    etree.SubElement(fill, q(A, "schemeClr"), val=scheme)
    parent.insert(0, fill)


def text_styles(master: etree._Element) -> None:
    styles = master.find(q(P, "txStyles"))
    title = styles.find(f"{q(P, 'titleStyle')}/{q(A, 'lvl1pPr')}")
    title.set("algn", "l")
    d = title.find(q(A, "defRPr"))
    d.set("sz", "4000")
    d.set("b", "1")
    solid(d, "tx2")
    for level, size in BODY_SIZES.items():
        p = styles.find(f"{q(P, 'bodyStyle')}/{q(A, f'lvl{level}pPr')}")
        if p is None:
            continue
        spacing = p.find(f"{q(A, 'spcBef')}/{q(A, 'spcPct')}")
        if spacing is not None:
            spacing.set("val", "40000")
        d = p.find(q(A, "defRPr"))
        d.set("sz", str(size))
        solid(d, "tx1")


def strong_small_text(master: etree._Element) -> None:
    """The date, footer and slide number in full-strength ink, 14 pt (not 75% grey)."""
    for d in master.iter(q(A, "defRPr")):
        for tint in d.iter(q(A, "tint")):
            tint.getparent().remove(tint)
        if d.get("sz") == "1200":
            d.set("sz", "1400")


def master_shapes(master: etree._Element) -> None:
    """The body at its true size (no shrinking: the slides are cut to fit instead), and a
    footer wide enough for the protective marking on one line."""
    for sp in master.iter(q(P, "sp")):
        ph = sp.find(f"{q(P, 'nvSpPr')}/{q(P, 'nvPr')}/{q(P, 'ph')}")
        if ph is None:
            continue
        body = sp.find(f"{q(P, 'txBody')}/{q(A, 'bodyPr')}")
        if ph.get("type") == "body" and body is not None:
            for fit in body.findall(q(A, "normAutofit")):
                body.remove(fit)
        if ph.get("type") == "ftr":
            sp.find(f".//{q(A, 'off')}").set("x", "2438400")
            sp.find(f".//{q(A, 'ext')}").set("cx", "7315200")


def title_and_subtitle(layout: etree._Element) -> None:
    """The title slide's subtitle left-aligned under the title, the same width."""
    shapes = {}
    for sp in layout.iter(q(P, "sp")):
        ph = sp.find(f"{q(P, 'nvSpPr')}/{q(P, 'nvPr')}/{q(P, 'ph')}")
        if ph is not None:
            shapes[ph.get("type")] = sp
    title, subtitle = shapes.get("ctrTitle"), shapes.get("subTitle")
    if title is None or subtitle is None:
        return
    x = title.find(f".//{q(A, 'off')}").get("x")
    cx = title.find(f".//{q(A, 'ext')}").get("cx")
    subtitle.find(f".//{q(A, 'off')}").set("x", x)
    subtitle.find(f".//{q(A, 'ext')}").set("cx", cx)
    for p in subtitle.iter(q(A, "lvl1pPr")):
        p.set("algn", "l")
    for p in title.iter(q(A, "lvl1pPr")):
        p.set("algn", "l")


def theme(xml: bytes) -> bytes:
    text = xml.decode("utf-8")
    for name, rgb in COLOURS.items():
        text = re.sub(rf"<a:{name}>.*?</a:{name}>",
                      f'<a:{name}><a:srgbClr val="{rgb}"/></a:{name}>', text, flags=re.S)
    text = re.sub(r'(<a:(?:major|minor)Font><a:latin typeface=")[^"]*"', rf'\1{FONT}"', text)
    text = text.replace('name="Office Theme"', 'name="peerdesk plain"')
    return text.encode("utf-8")


def main() -> int:
    prs = Presentation()
    factor = WIDE / prs.slide_width
    prs.slide_width = WIDE
    master = prs.slide_master
    for layout in list(master.slide_layouts):
        if layout.name not in KEPT_LAYOUTS:
            master.slide_layouts.remove(layout)
    widen(master.element, factor)
    for layout in master.slide_layouts:
        widen(layout.element, factor)
    text_styles(master.element)
    master_shapes(master.element)
    strong_small_text(master.element)
    for layout in master.slide_layouts:
        strong_small_text(layout.element)
        if layout.name == "Title Slide":
            title_and_subtitle(layout.element)
            for d in layout.element.iter(q(A, "defRPr")):
                if d.get("sz") == "3200":   # the subtitle
                    d.set("sz", "2800")
                    for old in d.iter(q(A, "schemeClr")):
                        old.set("val", "tx1")
                        for tint in list(old):
                            old.remove(tint)
    package = prs.part.package
    for rel in list(package._rels.values()):
        if rel.reltype.endswith("/metadata/thumbnail"):
            package.drop_rel(rel.rId)
    for rel in list(prs.part.rels.values()):
        if rel.reltype.endswith("/printerSettings"):
            prs.part.drop_rel(rel.rId)
        if rel.reltype.endswith("/theme"):
            rel.target_part.blob = theme(rel.target_part.blob)
    for part in package.iter_parts():
        if str(part.partname) == "/docProps/app.xml":
            part.blob = (b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
                         b'<Properties xmlns="http://schemas.openxmlformats.org/officeDocument'
                         b'/2006/extended-properties"><Application>peerdesk</Application>'
                         b'<PresentationFormat>Widescreen</PresentationFormat></Properties>')
    props = prs.core_properties
    for field in ("author", "last_modified_by", "subject", "keywords", "comments",
                  "category", "content_status", "identifier", "version"):
        setattr(props, field, "")
    props.title = "Plain slide template"
    props.language = "en-GB"
    props.revision = 1
    props.created = props.modified = props.last_printed = FIXED_TIME
    buffer = io.BytesIO()
    prs.save(buffer)
    OUT.parent.mkdir(parents=True, exist_ok=True)
    OUT.write_bytes(buffer.getvalue())
    print(f"wrote {OUT.relative_to(ROOT)} ({len(buffer.getvalue())} bytes)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
