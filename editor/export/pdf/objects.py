"""Tag chips: rounded, coloured labels inline in the text, drawn as real (selectable) text.

A chip is a custom text object (``QTextObjectInterface``): the layout asks it for its
size and it paints a rounded rectangle in the tag's colour with the name on top. The
name is drawn as text (``draw_text``, emoji in their outline font), so in the PDF it is
text like any other: searchable and copyable, not a picture.
"""

from __future__ import annotations

from PySide6.QtCore import QRect, QRectF, QSizeF, Qt
from PySide6.QtGui import (
    QBrush, QColor, QFont, QFontMetricsF, QPainter, QPen, QPyTextObject, QTextCharFormat, QTextFormat,
)

from editor.export.pdf.fallback_text import draw_text
from editor.export.pdf.fonts import PdfFonts
from editor.export.pdf.style import text_on

CHIP_TYPE = QTextFormat.ObjectTypes.UserObject.value + 1
_NAME = QTextFormat.Property.UserProperty.value + 1
_COLOUR = QTextFormat.Property.UserProperty.value + 2
OBJECT_CHARACTER = "\ufffc"


class ChipRenderer(QPyTextObject):
    """Sizes and paints tag chips for one document laid out on one paint device."""

    def __init__(self, font: QFont, device, fonts: PdfFonts, parent=None) -> None:
        super().__init__(parent)
        self._font = font
        self._device = device
        self._fonts = fonts
        self._metrics = QFontMetricsF(font, device)
        self._pad_x = self._metrics.height() * 0.42
        self._pad_y = self._metrics.height() * 0.08
        self._sizes: dict[str, QSizeF] = {}

    @staticmethod
    def chip_format(name: str, colour: QColor) -> QTextCharFormat:
        """The character format that makes an object character a chip for tag ``name``."""
        fmt = QTextCharFormat()
        fmt.setObjectType(CHIP_TYPE)
        fmt.setProperty(_NAME, name)
        fmt.setProperty(_COLOUR, colour)
        fmt.setVerticalAlignment(QTextCharFormat.VerticalAlignment.AlignMiddle)
        return fmt

    def intrinsicSize(self, doc, pos_in_document: int, fmt: QTextFormat) -> QSizeF:
        """Room the chip for this tag takes in the line."""
        name = str(fmt.property(_NAME))
        size = self._sizes.get(name)
        if size is None:
            width = self._metrics.horizontalAdvance(name) + 2 * self._pad_x
            size = QSizeF(width, self._metrics.height() + 2 * self._pad_y)
            self._sizes[name] = size
        return size

    def drawObject(self, painter: QPainter, rect: QRectF | QRect, doc, pos_in_document: int,
                   fmt: QTextFormat) -> None:
        """Paint the chip: a pill in the tag's colour, the name centred in a readable ink."""
        name = str(fmt.property(_NAME))
        colour = fmt.property(_COLOUR)
        colour = colour if isinstance(colour, QColor) and colour.isValid() else QColor("#8A94A6")
        painter.save()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(QBrush(colour))
        radius = rect.height() / 2
        painter.drawRoundedRect(rect, radius, radius)
        painter.setPen(QPen(text_on(colour)))
        painter.setFont(self._font)
        draw_text(painter, self._fonts, self._device, QRectF(rect), int(Qt.AlignmentFlag.AlignCenter), name)
        painter.restore()
