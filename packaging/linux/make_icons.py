"""Render the application icon from its one SVG source into every file the platforms want.

Writes, relative to the repository root:

- ``packaging/linux/icons/hicolor/<n>x<n>/apps/io.trendmark.Trendmark.png`` for each size
  in :data:`PNG_SIZES`, and ``.../scalable/apps/io.trendmark.Trendmark.svg`` (a copy);
- ``packaging/windows/trendmark.ico`` (PNG-compressed entries, 16-256 px);
- ``packaging/macos/trendmark.icns`` (PNG-compressed entries, 16-1024 px).

Run it after editing ``resources/icons/trendmark.svg``:
``QT_QPA_PLATFORM=offscreen .venv/bin/python packaging/linux/make_icons.py``.
The renderer is QtSvg's ``QSvgRenderer`` (part of PySide6-Essentials), so no image
tool beyond the app's own dependencies is needed.
"""

from __future__ import annotations

import argparse
import os
import shutil
import struct
import sys
from pathlib import Path

APP_ID = "io.trendmark.Trendmark"
PNG_SIZES = (16, 24, 32, 48, 64, 128, 256, 512)
ICO_SIZES = (16, 24, 32, 48, 64, 128, 256)
# Apple's PNG-capable icns element types, by pixel size (retina variants share sizes).
ICNS_TYPES = (
    (b"icp4", 16), (b"icp5", 32), (b"icp6", 64), (b"ic07", 128), (b"ic08", 256),
    (b"ic09", 512), (b"ic10", 1024), (b"ic11", 32), (b"ic12", 64), (b"ic13", 256), (b"ic14", 512),
)

ROOT = Path(__file__).resolve().parents[2]
SOURCE_SVG = ROOT / "resources" / "icons" / "trendmark.svg"
HICOLOR = ROOT / "packaging" / "linux" / "icons" / "hicolor"
WINDOWS_ICO = ROOT / "packaging" / "windows" / "trendmark.ico"
MACOS_ICNS = ROOT / "packaging" / "macos" / "trendmark.icns"


def render_png(svg: Path, size: int) -> bytes:
    """The SVG rendered into a transparent ``size`` x ``size`` PNG, returned as bytes."""
    from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QRectF
    from PySide6.QtGui import QGuiApplication, QImage, QPainter
    from PySide6.QtSvg import QSvgRenderer

    if QGuiApplication.instance() is None:
        # Kept alive for the whole run: QPainter needs a GUI application for fonts/rasterising.
        render_png.app = QGuiApplication(sys.argv[:1])  # type: ignore[attr-defined]
    renderer = QSvgRenderer(str(svg))
    if not renderer.isValid():
        raise ValueError(f"not a valid SVG: {svg}")
    image = QImage(size, size, QImage.Format.Format_ARGB32_Premultiplied)
    image.fill(0)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
    renderer.render(painter, QRectF(0, 0, size, size))
    painter.end()
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    if not image.convertToFormat(QImage.Format.Format_ARGB32).save(buffer, "PNG"):
        raise RuntimeError(f"could not encode a {size} px PNG")
    buffer.close()
    return bytes(data.data())


def ico_bytes(pngs: dict[int, bytes]) -> bytes:
    """A Windows .ico holding the given PNGs (Vista and later read PNG entries at every size)."""
    sizes = sorted(pngs)
    header = struct.pack("<HHH", 0, 1, len(sizes))
    offset = len(header) + 16 * len(sizes)
    entries, blobs = b"", b""
    for size in sizes:
        blob = pngs[size]
        # Width/height 0 means 256 in the ICO directory.
        side = 0 if size >= 256 else size
        entries += struct.pack("<BBBBHHII", side, side, 0, 0, 1, 32, len(blob), offset)
        offset += len(blob)
        blobs += blob
    return header + entries + blobs


def icns_bytes(pngs: dict[int, bytes]) -> bytes:
    """A macOS .icns holding the given PNGs under Apple's element types."""
    body = b""
    for kind, size in ICNS_TYPES:
        if size in pngs:
            body += kind + struct.pack(">I", 8 + len(pngs[size])) + pngs[size]
    return b"icns" + struct.pack(">I", 8 + len(body)) + body


def hicolor_png(size: int, base: Path = HICOLOR) -> Path:
    """Where the ``size`` px PNG goes in the hicolor theme tree."""
    return base / f"{size}x{size}" / "apps" / f"{APP_ID}.png"


def build_all(svg: Path = SOURCE_SVG) -> list[Path]:
    """Render every icon file from ``svg``; returns the paths written."""
    needed = set(PNG_SIZES) | set(ICO_SIZES) | {size for _kind, size in ICNS_TYPES}
    pngs = {size: render_png(svg, size) for size in sorted(needed)}
    written: list[Path] = []
    for size in PNG_SIZES:
        target = hicolor_png(size)
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(pngs[size])
        written.append(target)
    scalable = HICOLOR / "scalable" / "apps" / f"{APP_ID}.svg"
    scalable.parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(svg, scalable)
    written.append(scalable)
    for target, data in ((WINDOWS_ICO, ico_bytes({s: pngs[s] for s in ICO_SIZES})),
                         (MACOS_ICNS, icns_bytes(pngs))):
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(data)
        written.append(target)
    return written


def main(argv: list[str] | None = None) -> int:
    """Command line: render all icons, or one PNG preview with ``--preview SIZE OUT``."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--svg", type=Path, default=SOURCE_SVG, help="icon source (default: %(default)s)")
    parser.add_argument("--preview", nargs=2, metavar=("SIZE", "OUT"),
                        help="only render one PNG of SIZE px to OUT, to look at while designing")
    args = parser.parse_args(argv)
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    if args.preview:
        size, out = int(args.preview[0]), Path(args.preview[1])
        out.write_bytes(render_png(args.svg, size))
        print(out)
        return 0
    for path in build_all(args.svg):
        print(path.relative_to(ROOT))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
