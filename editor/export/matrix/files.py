"""The matrix as a file: SVG (QSvgGenerator, text kept as text) or PNG (a QImage), drawn by :mod:`.paint`."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QRectF, QSize
from PySide6.QtGui import QImage, QPainter

from editor.core.matrix import MatrixData
from editor.export.matrix.paint import LIGHT, MatrixTheme, paint_matrix
from editor.export.options import ExportError, atomic_output

DEFAULT_PNG_WIDTH = 1600
MIN_PNG_WIDTH = 320
MAX_PNG_WIDTH = 12000
SVG_WIDTH = 960  # SVG user units; scalable anyway
ASPECT = 0.75  # height / width
FORMATS = ("svg", "png")


def matrix_family(data: MatrixData) -> str:
    """A font family with glyphs for every label (the export's CJK font when a label is Chinese)."""
    from editor.export.pdf.fonts import choose_fonts

    parts = [data.title, data.x.name, data.y.name, data.caption(), *data.quadrants.labels()]
    parts += [p.label for p in data.points]
    return choose_fonts("".join(parts)).family


def file_format(path: Path) -> str:
    """"svg" or "png" from the file name; ValueError naming the choices otherwise."""
    suffix = Path(path).suffix.lower().lstrip(".")
    if suffix not in FORMATS:
        raise ValueError(f"the matrix is written as .svg or .png; got {Path(path).name!r}")
    return suffix


def render_image(data: MatrixData, width: int = DEFAULT_PNG_WIDTH, *, theme: MatrixTheme = LIGHT,
                 family: str | None = None) -> QImage:
    """The matrix as an image ``width`` pixels wide."""
    from editor.export.pdf.qt import ensure_gui_application

    ensure_gui_application()
    if not MIN_PNG_WIDTH <= width <= MAX_PNG_WIDTH:
        raise ValueError(f"--width must be between {MIN_PNG_WIDTH} and {MAX_PNG_WIDTH} pixels; got {width}")
    height = round(width * ASPECT)
    image = QImage(width, height, QImage.Format.Format_ARGB32_Premultiplied)
    image.fill(theme.background)
    painter = QPainter(image)
    try:
        # Proportions follow the width: a 1600-pixel image draws 1 point as 2 pixels.
        paint_matrix(painter, QRectF(0, 0, width, height), data, family=family or matrix_family(data),
                     unit=width / 800, theme=theme)
    finally:
        painter.end()
    return image


def write_png(data: MatrixData, out_path: Path, width: int = DEFAULT_PNG_WIDTH) -> None:
    """Write the matrix as a PNG file (atomically: a failure leaves no partial file)."""
    image = render_image(data, width)
    with atomic_output(Path(out_path)) as tmp:
        # PySide6 takes the format as str; its type stub says bytes.
        if not image.save(str(tmp), "PNG"):  # type: ignore[call-overload]
            raise ExportError(f"cannot write {out_path}: Qt could not encode the PNG")


def write_svg(data: MatrixData, out_path: Path, width: int = SVG_WIDTH) -> None:
    """Write the matrix as an SVG file whose labels and axis titles are text."""
    from PySide6.QtSvg import QSvgGenerator

    from editor.export.pdf.qt import ensure_gui_application

    ensure_gui_application()
    height = round(width * ASPECT)
    with atomic_output(Path(out_path)) as tmp:
        generator = QSvgGenerator()
        generator.setFileName(str(tmp))
        generator.setSize(QSize(width, height))
        generator.setViewBox(QRectF(0, 0, width, height))
        generator.setTitle(f"{data.title}: {data.y.name} × {data.x.name}")
        generator.setDescription(data.caption())
        painter = QPainter()
        if not painter.begin(generator):
            raise ExportError(f"cannot write {out_path}: Qt could not start the SVG")
        try:
            paint_matrix(painter, QRectF(0, 0, width, height), data, family=matrix_family(data), unit=width / 800)
        finally:
            painter.end()


def write_matrix(data: MatrixData, out_path: Path, width: int | None = None) -> str:
    """Write the matrix as SVG or PNG, chosen by the file name; returns the format."""
    kind = file_format(out_path)
    if kind == "png":
        write_png(data, out_path, width or DEFAULT_PNG_WIDTH)
    else:
        write_svg(data, out_path, width or SVG_WIDTH)
    return kind
