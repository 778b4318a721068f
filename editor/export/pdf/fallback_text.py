"""``QPainter.drawText`` for the PDF, with what the main font lacks set in its outline fallback.

``drawText`` lets Qt choose the system's colour emoji font for emoji, and that font reaches
the PDF as pictures that cannot be copied. A text layout can give those characters their
own family without font merging, as the chapter documents do (layout.py). Everything
painted outside the chapter documents — title page, running header, tag chips — goes
through :func:`draw_text`.
"""

from __future__ import annotations

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QFont, QPaintDevice, QPainter, QTextCharFormat, QTextLayout, QTextOption

from editor.export.pdf.fonts import PdfFonts

_NO_WRAP_WIDTH = 1e9


def draw_text(painter: QPainter, fonts: PdfFonts, device: QPaintDevice, where: QPointF | QRectF, flags: int,
              text: str) -> None:
    """Draw ``text`` at a baseline point, or in a rectangle with ``flags``, as ``drawText`` would."""
    runs = list(fonts.fallback_runs(text))
    if not runs:
        if isinstance(where, QRectF):
            painter.drawText(where, flags, text)
        else:
            painter.drawText(where, text)
        return
    layout = QTextLayout(text, painter.font(), device)
    ranges = []
    for start, end, family in runs:
        fallback = QTextCharFormat()
        fallback.setFontFamilies([family])
        fallback.setFontStyleStrategy(QFont.StyleStrategy.NoFontMerging)  # this family, not the emoji font
        part = QTextLayout.FormatRange()
        part.start, part.length, part.format = start, end - start, fallback
        ranges.append(part)
    layout.setFormats(ranges)
    wrap = isinstance(where, QRectF) and bool(flags & int(Qt.TextFlag.TextWordWrap))
    option = QTextOption()
    option.setWrapMode(QTextOption.WrapMode.WordWrap if wrap else QTextOption.WrapMode.NoWrap)
    layout.setTextOption(option)
    box = where if isinstance(where, QRectF) else QRectF(where.x(), where.y(), 0, 0)
    height, lines = 0.0, []
    layout.beginLayout()
    while (line := layout.createLine()).isValid():
        line.setLineWidth(box.width() if wrap else _NO_WRAP_WIDTH)
        line.setPosition(QPointF(0, height))
        lines.append(line)
        height += line.height()
    layout.endLayout()
    for line in lines:
        spare = box.width() - line.naturalTextWidth()
        if flags & int(Qt.AlignmentFlag.AlignHCenter):
            line.setPosition(QPointF(spare / 2, line.y()))
        elif flags & int(Qt.AlignmentFlag.AlignRight):
            line.setPosition(QPointF(spare, line.y()))
    if isinstance(where, QPointF):
        top = where.y() - (lines[0].ascent() if lines else 0.0)
    elif flags & int(Qt.AlignmentFlag.AlignVCenter):
        top = box.top() + (box.height() - height) / 2
    elif flags & int(Qt.AlignmentFlag.AlignBottom):
        top = box.bottom() - height
    else:
        top = box.top()
    layout.draw(painter, QPointF(box.left(), top))
