"""Render the app icon (resources/icons/peerdesk.svg) in the sizes each platform wants.

    QT_QPA_PLATFORM=offscreen python packaging/make_icons.py

Writes, under packaging/icons/ (committed, so a bundle build needs no rendering):
- hicolor/NxN/apps/org.peerdesk.Peerdesk.png for Linux (16 to 512) and
  hicolor/scalable/apps/org.peerdesk.Peerdesk.svg
- peerdesk.ico for Windows (16 to 256, PNG entries)
- peerdesk.icns for macOS (16 to 1024, PNG entries)

The SVG is drawn with Qt's own renderer (QtSvg); the .ico and .icns containers are
written here directly (both hold PNG images), so no image library is needed.
"""

from __future__ import annotations

import os
import shutil
import struct
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SOURCE = ROOT / "resources" / "icons" / "peerdesk.svg"
OUT = ROOT / "packaging" / "icons"
APP_ID = "org.peerdesk.Peerdesk"
LINUX_SIZES = (16, 22, 24, 32, 48, 64, 128, 256, 512)
WINDOWS_SIZES = (16, 20, 24, 32, 40, 48, 64, 256)
# Apple's PNG-carrying icon types and the pixel size each holds.
MACOS_TYPES = (
    (b"icp4", 16), (b"icp5", 32), (b"ic11", 32), (b"icp6", 64), (b"ic12", 64),
    (b"ic07", 128), (b"ic08", 256), (b"ic13", 256), (b"ic09", 512), (b"ic14", 512),
    (b"ic10", 1024),
)


def render_png(size: int) -> bytes:
    """The icon drawn at size x size pixels on a transparent background, as PNG bytes."""
    from PySide6.QtCore import QBuffer, QByteArray, QIODevice, Qt
    from PySide6.QtGui import QImage, QImageWriter, QPainter
    from PySide6.QtSvg import QSvgRenderer

    renderer = QSvgRenderer(str(SOURCE))
    if not renderer.isValid():
        raise SystemExit(f"make_icons: cannot read {SOURCE}")
    image = QImage(size, size, QImage.Format.Format_ARGB32)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
    renderer.render(painter)
    painter.end()
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    if not QImageWriter(buffer, QByteArray(b"png")).write(image):
        raise SystemExit(f"make_icons: could not encode the {size} px icon")
    buffer.close()
    return bytes(data.data())


def ico(images: dict[int, bytes]) -> bytes:
    """A Windows .ico holding one PNG image per size (Windows Vista and later read these)."""
    sizes = sorted(images)
    header = struct.pack("<HHH", 0, 1, len(sizes))
    offset = len(header) + 16 * len(sizes)
    entries, payload = b"", b""
    for size in sizes:
        png = images[size]
        edge = 0 if size >= 256 else size  # 0 means 256 in the directory entry
        entries += struct.pack("<BBBBHHII", edge, edge, 0, 0, 1, 32, len(png), offset)
        offset += len(png)
        payload += png
    return header + entries + payload


def icns(images: dict[int, bytes]) -> bytes:
    """A macOS .icns holding PNG images (readable on macOS 10.7 and later)."""
    body = b"".join(kind + struct.pack(">I", 8 + len(images[size])) + images[size]
                    for kind, size in MACOS_TYPES)
    return b"icns" + struct.pack(">I", 8 + len(body)) + body


def main() -> int:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtGui import QGuiApplication

    app = QGuiApplication(sys.argv[:1])
    sizes = sorted(set(LINUX_SIZES) | set(WINDOWS_SIZES) | {s for _k, s in MACOS_TYPES})
    images = {size: render_png(size) for size in sizes}
    hicolor = OUT / "hicolor"
    if hicolor.exists():
        shutil.rmtree(hicolor)
    for size in LINUX_SIZES:
        target = hicolor / f"{size}x{size}" / "apps" / f"{APP_ID}.png"
        target.parent.mkdir(parents=True)
        target.write_bytes(images[size])
    scalable = hicolor / "scalable" / "apps" / f"{APP_ID}.svg"
    scalable.parent.mkdir(parents=True)
    shutil.copyfile(SOURCE, scalable)
    (OUT / "peerdesk.ico").write_bytes(ico({s: images[s] for s in WINDOWS_SIZES}))
    (OUT / "peerdesk.icns").write_bytes(icns(images))
    del app
    print(f"make_icons: wrote {len(LINUX_SIZES)} PNG sizes, the SVG, peerdesk.ico and "
          f"peerdesk.icns under {OUT.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
