"""The look of the annotated PDF: page geometry, colours and the text formats built from them.

Sizes are in points (1/72 inch) here; the layout works in the PDF writer's device
units (``resolution`` dots per inch), and :class:`PageGeometry` converts between the
two. PDF user space has its origin at the bottom-left of the page, Qt's at the
top-left: :meth:`PageGeometry.to_pdf` is the one place that flips.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QMarginsF, QSizeF, Qt
from PySide6.QtGui import (
    QBrush, QColor, QPageLayout, QPageSize, QTextBlockFormat, QTextCharFormat, QTextFrameFormat, QTextOption,
)

from editor.core.colors import DEFAULT_HIGHLIGHT_COLOR
from editor.export.pdf.fonts import PdfFonts

RESOLUTION = 1200  # QPdfWriter's default; fine enough that glyph positions are not rounded visibly

# Colours: a restrained navy for structure, warm gold for stars, greys for secondary text.
INK = QColor("#23272E")
MUTED = QColor("#6B7480")
FAINT = QColor("#9AA3AD")
ACCENT = QColor("#1B365D")
RULE = QColor("#C9D1DA")
PANEL = QColor("#F3F5F8")
PANEL_EDGE = QColor("#DCE2E9")
STAR_ON = QColor("#D89B12")
STAR_OFF = QColor("#CDD3DA")
NOTE_ICON = QColor("#F2C94C")

_PAGE_SIZES = {"A4": QPageSize.PageSizeId.A4, "Letter": QPageSize.PageSizeId.Letter}

# Heading sizes and spacing (points) by outline level; deeper levels use the last entry.
_HEADINGS = (
    # (size, colour, space before, space after)
    (17.0, ACCENT, 0.0, 10.0),
    (13.0, ACCENT, 13.0, 4.0),
    (10.5, INK, 8.0, 2.0),
    (10.0, INK, 7.0, 2.0),
)
BODY_SIZE = 9.5
PANEL_SIZE = 8.5
SMALL_SIZE = 7.5
MARKER_SIZE = 7.5  # highlight markers, in the margin beside the line where the passage ends
MARKER_RAISE = 1.0  # points above the line's baseline, so the circled figure centres on the text


@dataclass(frozen=True)
class PageGeometry:
    """Page size and margins in points, and conversions to and from device units."""

    page_size: str
    width: float  # points
    height: float
    left: float = 62.0
    right: float = 56.0
    top: float = 70.0
    bottom: float = 62.0
    resolution: int = RESOLUTION

    @classmethod
    def for_page_size(cls, page_size: str) -> PageGeometry:
        """Geometry for "A4" or "Letter" (the sizes ExportOptions allows)."""
        rect = QPageSize(_PAGE_SIZES[page_size]).rect(QPageSize.Unit.Point)
        return cls(page_size, rect.width(), rect.height())

    def page_layout(self) -> QPageLayout:
        """The writer's page layout: the page size with no margins (the export draws its own)."""
        return QPageLayout(QPageSize(_PAGE_SIZES[self.page_size]), QPageLayout.Orientation.Portrait,
                           QMarginsF(0, 0, 0, 0), QPageLayout.Unit.Point)

    @property
    def scale(self) -> float:
        """Points per device unit."""
        return 72.0 / self.resolution

    def px(self, points: float) -> float:
        """Device units for a length in points."""
        return points / self.scale

    @staticmethod
    def css(points: float) -> float:
        """A length in points as text-layout pixels.

        QTextDocumentLayout scales some lengths from 96 dpi pixels to the paint device
        itself (measured on Qt 6.12): block top/bottom margins, frame borders, paddings
        and margins, tab positions and the list indent width. Block left/right margins,
        the first-line indent, the page size and object sizes are in device units (px).
        """
        return points * 96.0 / 72.0

    @property
    def body_width(self) -> float:
        """Width of the text column, in points."""
        return self.width - self.left - self.right

    @property
    def body_height(self) -> float:
        """Height of the text column, in points."""
        return self.height - self.top - self.bottom

    def body_size_px(self) -> QSizeF:
        """The text column in device units: the page size of the laid-out documents."""
        return QSizeF(self.px(self.body_width), self.px(self.body_height))

    def to_pdf(self, x_px: float, y_px: float) -> tuple[float, float]:
        """A point of the body column (device units, y down) as PDF user space (points, y up)."""
        return self.left + x_px * self.scale, self.height - (self.top + y_px * self.scale)


class TextStyles:
    """QTextDocument formats for every kind of text in the export, made once per export."""

    def __init__(self, fonts: PdfFonts, geometry: PageGeometry) -> None:
        self.fonts = fonts
        self.geometry = geometry
        px = geometry.css
        self.body = self._chars(BODY_SIZE, INK)
        self.body_block = QTextBlockFormat()
        self.body_block.setAlignment(Qt.AlignmentFlag.AlignJustify)
        self.body_block.setLineHeight(118, QTextBlockFormat.LineHeightTypes.ProportionalHeight.value)
        self.body_block.setBottomMargin(px(4))
        self.body_block.setTextIndent(0)
        self.missing_body = self._chars(BODY_SIZE - 1, FAINT, italic=True)
        self.headings: list[tuple[QTextBlockFormat, QTextCharFormat, QTextCharFormat]] = []
        for size, colour, before, after in _HEADINGS:
            block = QTextBlockFormat()
            block.setTopMargin(px(before))
            block.setBottomMargin(px(after))
            block.setLineHeight(100, QTextBlockFormat.LineHeightTypes.ProportionalHeight.value)
            block.setHeadingLevel(len(self.headings) + 1)
            block.setNonBreakableLines(False)
            self.headings.append((block, self._chars(size, colour, bold=True), self._chars(size, FAINT, bold=True)))
        # A point titled by its first sentence is printed once: its number and that sentence in
        # bold open the body's paragraph (a run-in heading), spaced above like a heading.
        self.run_in = self._chars(BODY_SIZE, INK, bold=True)
        self.run_in_blocks = []
        for block, _chars, _faint in self.headings:
            run_in_block = QTextBlockFormat(self.body_block)
            run_in_block.setTopMargin(block.topMargin())
            run_in_block.setHeadingLevel(block.headingLevel())
            self.run_in_blocks.append(run_in_block)
        self.chapter_gap = px(30)  # above a chapter that follows the previous one on its page
        self.spacer = self._chars(1, INK)  # the empty paragraph that holds that room
        # The annotation panel under a node.
        self.panel_frame = QTextFrameFormat()
        self.panel_frame.setBackground(QBrush(PANEL))
        self.panel_frame.setBorder(px(0.6))
        self.panel_frame.setBorderBrush(QBrush(PANEL_EDGE))
        self.panel_frame.setBorderStyle(QTextFrameFormat.BorderStyle.BorderStyle_Solid)
        self.panel_frame.setPadding(px(6))
        self.panel_frame.setTopMargin(px(2))
        self.panel_frame.setBottomMargin(px(7))
        self.panel_frame.setRightMargin(px(1))  # Qt draws the right border just past the frame's width
        self.panel_text = self._chars(PANEL_SIZE, INK)
        self.panel_label = self._chars(PANEL_SIZE - 0.5, MUTED, bold=True)
        self.panel_muted = self._chars(PANEL_SIZE - 0.5, MUTED)
        self.panel_quote = self._chars(PANEL_SIZE, MUTED)
        self.star_on = self._chars(PANEL_SIZE + 1.5, STAR_ON)
        self.star_off = self._chars(PANEL_SIZE + 1.5, STAR_OFF)
        self.panel_block = QTextBlockFormat()
        self.panel_block.setBottomMargin(px(2.5))
        self.panel_block.setLineHeight(112, QTextBlockFormat.LineHeightTypes.ProportionalHeight.value)
        self.rating_block = QTextBlockFormat(self.panel_block)
        self.rating_block.setTabPositions([QTextOption.Tab(px(64), QTextOption.TabType.LeftTab)])
        self.note_indent = geometry.px(10)  # a block left margin: device units

    def heading(self, level: int, context_only: bool = False) -> tuple[QTextBlockFormat, QTextCharFormat]:
        """Block and character format of a heading at outline ``level`` (1 = chapter)."""
        block, chars, faint = self.headings[min(max(level, 1), len(self.headings)) - 1]
        return block, (faint if context_only else chars)

    def run_in_block(self, level: int) -> QTextBlockFormat:
        """Block format of a body paragraph opened by a run-in heading at outline ``level``."""
        return self.run_in_blocks[min(max(level, 1), len(self.run_in_blocks)) - 1]

    def _chars(self, size: float, colour: QColor, *, bold: bool = False, italic: bool = False) -> QTextCharFormat:
        fmt = QTextCharFormat()
        fmt.setFont(self.fonts.font(size, bold=bold, italic=italic),
                    QTextCharFormat.FontPropertiesInheritanceBehavior.FontPropertiesAll)
        fmt.setForeground(QBrush(colour))
        return fmt


def marker_label(number: int) -> str:
    """The marker of the ``number``-th highlight of a node: ① … ㊿, then (51), (52)…"""
    if 1 <= number <= 20:
        return chr(0x2460 + number - 1)
    if 21 <= number <= 35:
        return chr(0x3251 + number - 21)
    if 36 <= number <= 50:
        return chr(0x32B1 + number - 36)
    return f"({number})"


def text_on(colour: QColor) -> QColor:
    """Black or white, whichever reads better on ``colour``."""
    luminance = 0.2126 * colour.redF() ** 2.2 + 0.7152 * colour.greenF() ** 2.2 + 0.0722 * colour.blueF() ** 2.2
    return QColor("#1A1A1A") if luminance > 0.33 else QColor("#FFFFFF")


def deepen(colour: QColor, factor: float = 0.55) -> QColor:
    """A darker, more saturated shade of a highlight colour, readable as text on white."""
    hue, saturation, value = colour.hsvHueF(), colour.hsvSaturationF(), colour.valueF()
    return QColor.fromHsvF(max(hue, 0.0), min(1.0, saturation * 1.25 + 0.2), value * factor)


def parse_colour(value: str, fallback: str = DEFAULT_HIGHLIGHT_COLOR) -> QColor:
    """``value`` as a QColor (a stored "#RRGGBB"), or the fallback when it is not a colour."""
    colour = QColor(value or "")
    return colour if colour.isValid() else QColor(fallback)
