"""Painting the pages: the title page, then each chapter's pages inside a running header and footer.

Everything is drawn with a QPainter on the QPdfWriter in device units (the writer has
no margins of its own, so device (0, 0) is the top-left corner of the paper).
"""

from __future__ import annotations

from dataclasses import dataclass
from collections.abc import Callable, Iterable

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import (
    QAbstractTextDocumentLayout, QBrush, QFontMetricsF, QPainter, QPainterPath, QPdfWriter, QPen, QTextBlock,
    QTextDocument,
)

from editor.export.collect import ExportDocument
from editor.export.options import ExportError
from editor.export.pdf.fallback_text import draw_text
from editor.export.pdf.fonts import PdfFonts
from editor.export.pdf.layout import ChapterDocument
from editor.export.pdf.marks import MarginMarker, place_markers
from editor.export.pdf.style import (
    ACCENT, FAINT, INK, MARKER_RAISE, MARKER_SIZE, MUTED, RULE, SMALL_SIZE, PageGeometry, deepen, parse_colour,
    text_on,
)

_EDGE = 1.0  # device units (1/1200 inch) kept off each page edge when choosing the lines to draw


@dataclass(frozen=True)
class TitlePageFacts:
    """What the title page states about the export."""

    title: str
    source: str
    analysts: tuple[str, ...]
    exported: str  # a date as people read it
    annotated_nodes: int
    printed_nodes: int
    total_nodes: int
    tag_count: int
    highlight_count: int
    note_count: int
    filters: str
    tags: tuple[tuple[str, str], ...]  # (name, colour) for the legend


def title_page_facts(export: ExportDocument, exported: str) -> TitlePageFacts:
    """The title page's facts, derived from the collected export."""
    kept = export.kept()
    return TitlePageFacts(
        title=export.report.title,
        source=export.report.source,
        analysts=tuple(sorted((a.name for a in export.authors.values()), key=str.casefold)),
        exported=exported,
        annotated_nodes=sum(1 for entry in kept if entry.annotated),
        printed_nodes=len(export.nodes),
        total_nodes=export.total_nodes,
        tag_count=len(export.tags),
        highlight_count=export.highlight_count(),
        note_count=export.note_count(),
        filters=export.filter_summary(),
        tags=tuple((tag.name, tag.color) for tag in export.tags),
    )


def _continued_blocks(doc: QTextDocument) -> dict[int, list[QTextBlock]]:
    """Paragraphs that go on from one page to the next, by the page (of the chapter) they continue on."""
    layout = doc.documentLayout()
    page_height = doc.pageSize().height()
    found: dict[int, list[QTextBlock]] = {}
    if page_height <= 0 or doc.pageCount() < 2:
        return found
    block = doc.begin()
    while block.isValid():
        # blockBoundingRect puts the lines' box at the layout's position, though the first line may
        # have been moved down (to the next page): the lines' own extent is what counts.
        top = layout.blockBoundingRect(block).top()
        lines = block.layout().boundingRect()
        first, last = int((top + lines.top()) // page_height), int((top + lines.bottom() - _EDGE) // page_height)
        for page in range(first + 1, last + 1):
            found.setdefault(page, []).append(block)
        block = block.next()
    return found


class PagePainter:
    """Paints the export page by page on one QPdfWriter."""

    def __init__(self, writer: QPdfWriter, geometry: PageGeometry, fonts: PdfFonts, report_title: str,
                 total_pages: int) -> None:
        self.writer = writer
        self.geometry = geometry
        self.fonts = fonts
        self.report_title = report_title
        self.total_pages = total_pages
        self.painter = QPainter()
        self._pages_started = 0
        self._small = fonts.font(SMALL_SIZE)
        self._small_metrics = QFontMetricsF(self._small, writer)
        self.characters: set[str] = set()  # everything drawn outside the chapter documents
        self._elisions: dict[tuple[str, float], str] = {}
        self._marker_paths: dict[str, tuple[QPainterPath, float]] = {}

    def begin(self) -> None:
        """Start painting (the first page is open)."""
        if not self.painter.begin(self.writer):
            raise ExportError("the PDF could not be started (Qt refused to paint on the PDF writer)")

    def end(self) -> None:
        """Finish painting; safe to call twice and after a failure."""
        if self.painter.isActive():
            self.painter.end()

    def _text(self, *args) -> None:
        """``painter.drawText(*args)``, remembering the characters (for the PDF's ToUnicode repair)."""
        text = args[-1]
        self.characters.update(text)
        draw_text(self.painter, self.fonts, self.writer, args[0], int(args[1]) if len(args) == 3 else 0, text)

    def new_page(self, running_title: str) -> int:
        """Start a page with the running header and footer; returns its 1-based number."""
        number = self._next_page()
        self._furniture(number, running_title)
        return number

    def text(self, *args) -> None:
        """``painter.drawText(*args)`` for other page painters, its characters remembered."""
        self._text(*args)

    def _next_page(self) -> int:
        if self._pages_started:
            self.writer.newPage()
        self._pages_started += 1
        return self._pages_started

    # -- the title page -------------------------------------------------------------------

    def title_page(self, facts: TitlePageFacts) -> None:
        """Paint the title page: title, who and when, what the export contains, the tags."""
        self._next_page()
        g, p, px = self.geometry, self.painter, self.geometry.px
        left, width = px(g.left), px(g.body_width)
        y = px(g.height * 0.2)
        p.setFont(self.fonts.font(8.5, bold=True))
        p.setPen(ACCENT)
        self._text(QPointF(left, y), "ANNOTATED REPORT")
        y += px(16)
        title_font = self.fonts.font(23, bold=True)
        p.setFont(title_font)
        p.setPen(INK)
        flags = int(Qt.TextFlag.TextWordWrap) | int(Qt.AlignmentFlag.AlignLeft) | int(Qt.AlignmentFlag.AlignTop)
        bounds = p.boundingRect(QRectF(left, y, width, px(300)), flags, facts.title)
        self._text(QRectF(left, y, width, bounds.height()), flags, facts.title)
        y += bounds.height() + px(14)
        p.fillRect(QRectF(left, y, px(46), px(2.4)), ACCENT)
        y += px(30)

        rows = [("Analysts", ", ".join(facts.analysts) or "—"), ("Exported", facts.exported)]
        if facts.source:
            rows.insert(0, ("Source", facts.source))
        if facts.filters:
            rows.append(("Filter", facts.filters))
        label_font, value_font = self.fonts.font(8.5, bold=True), self.fonts.font(10)
        for label, value in rows:
            p.setFont(label_font)
            p.setPen(MUTED)
            self._text(QRectF(left, y, px(80), px(16)), int(Qt.AlignmentFlag.AlignLeft), label)
            p.setFont(value_font)
            p.setPen(INK)
            box = p.boundingRect(QRectF(left + px(80), y, width - px(80), px(200)), flags, value)
            self._text(QRectF(left + px(80), y, width - px(80), box.height()), flags, value)
            y += max(box.height(), px(14)) + px(7)
        y += px(22)

        figures = [
            (facts.annotated_nodes, "annotated nodes"),
            (facts.tag_count, "tags"),
            (facts.highlight_count, "highlights"),
            (facts.note_count, "notes"),
        ]
        column = width / len(figures)
        p.setPen(QPen(RULE, px(0.6)))
        p.drawLine(QPointF(left, y), QPointF(left + width, y))
        y += px(12)
        for index, (count, label) in enumerate(figures):
            x = left + index * column
            p.setFont(self.fonts.font(22, bold=True))
            p.setPen(ACCENT)
            self._text(QRectF(x, y, column, px(30)), int(Qt.AlignmentFlag.AlignLeft), f"{count:,}")
            p.setFont(self.fonts.font(8.5))
            p.setPen(MUTED)
            self._text(QRectF(x, y + px(31), column, px(14)), int(Qt.AlignmentFlag.AlignLeft), label)
        y += px(52)
        p.setPen(QPen(RULE, px(0.6)))
        p.drawLine(QPointF(left, y), QPointF(left + width, y))
        y += px(12)
        p.setFont(self.fonts.font(8.5))
        p.setPen(MUTED)
        scope = (f"{facts.printed_nodes:,} of {facts.total_nodes:,} outline nodes printed"
                 if facts.printed_nodes != facts.total_nodes else f"{facts.total_nodes:,} outline nodes")
        self._text(QPointF(left, y + px(9)), scope)
        y += px(30)
        if facts.tags:
            p.setFont(self.fonts.font(8.5, bold=True))
            p.setPen(MUTED)
            self._text(QPointF(left, y), "Tags")
            y += px(8)
            self._chip_row(facts.tags, left, y, width)

    def _chip_row(self, tags: tuple[tuple[str, str], ...], left: float, top: float, width: float) -> None:
        p, px = self.painter, self.geometry.px
        font = self.fonts.font(8.5)
        metrics = QFontMetricsF(font, self.writer)
        height = metrics.height() + px(3)
        x, y = left, top
        p.setFont(font)
        p.setRenderHint(QPainter.RenderHint.Antialiasing, True)
        for name, colour_text in tags:
            colour = parse_colour(colour_text, "#8A94A6")
            chip_width = metrics.horizontalAdvance(name) + px(12)
            if x + chip_width > left + width and x > left:
                x, y = left, y + height + px(5)
            rect = QRectF(x, y, chip_width, height)
            p.setPen(Qt.PenStyle.NoPen)
            p.setBrush(QBrush(colour))
            p.drawRoundedRect(rect, height / 2, height / 2)
            p.setPen(text_on(colour))
            self._text(rect, int(Qt.AlignmentFlag.AlignCenter), name)
            x += chip_width + px(6)

    # -- body pages -----------------------------------------------------------------------

    def chapter_pages(self, chapter: ChapterDocument, on_page: Callable[[], None] | None = None) -> None:
        """Paint every page of a chapter document with its header and footer.

        A chapter that shares its first page with the previous one is drawn onto the
        page already open, below where that chapter ended.
        """
        markers = place_markers(chapter)
        continued = _continued_blocks(chapter.document)
        doc = chapter.document
        layout = doc.documentLayout()
        g, px = self.geometry, self.geometry.px
        page_height = doc.pageSize().height()
        page_width = doc.pageSize().width()
        for index in range(doc.pageCount()):
            if index or not chapter.shares_first_page:
                number = self._next_page()
                self._furniture(number, chapter.running_title)
            p = self.painter
            p.save()
            p.translate(px(g.left), px(g.top) - index * page_height)
            clip = QRectF(0, index * page_height, page_width, page_height)
            p.setClipRect(clip)
            context = QAbstractTextDocumentLayout.PaintContext()
            # Each line must be drawn on its own page only: a line drawn clipped out of sight is still
            # in the text layer, where search, copy and screen readers meet it twice. QTextLayout
            # draws every line touching the clip, edges included (a line the layout moved to the next
            # page starts exactly at this page's bottom edge), hence a clip one device unit inside.
            context.clip = clip.adjusted(0, _EDGE, 0, -_EDGE)
            # It also draws the line just above the clip of a paragraph that continues from the
            # previous page: such a paragraph is left out here and its lines on this page drawn one
            # by one.
            continuing = continued.get(index, ())
            for block in continuing:
                block.setVisible(False)  # no relayout: visibility is read only while drawing
            layout.draw(p, context)
            for block in continuing:
                block.setVisible(True)
                self._lines_on_page(layout, block, clip)
            p.restore()
            self._margin_markers(markers.get(index, ()), page_width)
            if on_page is not None:
                on_page()  # progress, and the chance to cancel, page by page

    def _lines_on_page(self, layout: QAbstractTextDocumentLayout, block: QTextBlock, page: QRectF) -> None:
        """Draw the lines of ``block`` that lie on the page ``page`` (document coordinates)."""
        text_layout = block.layout()
        origin = layout.blockBoundingRect(block).topLeft()  # the layout's position (the box's top-left)
        self.painter.setPen(INK)  # what the layout sets before drawing a block
        for index in range(text_layout.lineCount()):
            line = text_layout.lineAt(index)
            top = origin.y() + line.y()
            if page.top() - _EDGE <= top < page.bottom() - _EDGE:
                line.draw(self.painter, origin)

    def _margin_markers(self, markers: Iterable[MarginMarker], column_width: float) -> None:
        """Draw highlight markers in the right margin, beside the lines where their passages end.

        They are filled outlines, not text: the text layer holds the sentence alone, and the
        marker's label is text where it keys the comment, in the annotation panel.
        """
        p, g, px = self.painter, self.geometry, self.geometry.px
        x_start = px(g.left) + column_width + px(5)
        previous: tuple[float, float] | None = None  # (line top, where the last marker on it ended)
        for marker in markers:
            x = previous[1] if previous is not None and abs(previous[0] - marker.top) < 1 else x_start
            path, advance = self._marker_path(marker.label)
            baseline = px(g.top) + marker.top + marker.ascent
            p.save()
            p.setRenderHint(QPainter.RenderHint.Antialiasing, True)
            p.translate(x, baseline - px(MARKER_RAISE))
            p.fillPath(path, QBrush(deepen(parse_colour(marker.colour))))
            p.restore()
            previous = (marker.top, x + advance + px(1))

    def _marker_path(self, label: str) -> tuple[QPainterPath, float]:
        """The outline of a marker label at the marker size, with its advance (device units)."""
        found = self._marker_paths.get(label)
        if found is None:
            font = self.fonts.font(MARKER_SIZE, bold=True)
            font.setPixelSize(max(1, round(self.geometry.px(MARKER_SIZE))))  # a path has no device: size it here
            path = QPainterPath()
            path.addText(QPointF(0, 0), font, label)
            found = self._marker_paths[label] = (path, QFontMetricsF(font).horizontalAdvance(label))
        return found

    def _elided(self, text: str, width: float) -> str:
        """``text`` cut with an ellipsis to ``width`` in the header font (the same titles recur on every page)."""
        key = (text, width)
        elided = self._elisions.get(key)
        if elided is None:
            elided = self._elisions[key] = self._small_metrics.elidedText(text, Qt.TextElideMode.ElideRight, width)
        return elided

    def _furniture(self, number: int, running_title: str) -> None:
        """The running header (report and chapter title over a hairline) and the "n / N" footer."""
        p, g, px = self.painter, self.geometry, self.geometry.px
        left, right = px(g.left), px(g.width - g.right)
        baseline = px(g.top - 22)
        p.setFont(self._small)
        p.setPen(MUTED)
        half = (right - left) / 2 - px(8)
        self._text(QPointF(left, baseline), self._elided(self.report_title, half))
        chapter = self._elided(running_title, half)
        self._text(QPointF(right - self._small_metrics.horizontalAdvance(chapter), baseline), chapter)
        p.setPen(QPen(RULE, px(0.5)))
        rule = baseline + px(6)
        p.drawLine(QPointF(left, rule), QPointF(right, rule))
        footer = f"{number} / {self.total_pages}"
        p.setPen(FAINT)
        width = self._small_metrics.horizontalAdvance(footer)
        self._text(QPointF((left + right - width) / 2, px(g.height - g.bottom + 30)), footer)

