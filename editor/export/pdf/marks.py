"""Where headings and highlighted spans landed: page numbers and PDF coordinates from the Qt layout.

A chapter document is laid out as a tall strip cut into pages of the text column's
height (the layout moves a line that would straddle a cut onto the next page). A
position in the strip (device units, y down) therefore maps to page ``y // height``
and to a point of that page's text column; :meth:`PageGeometry.to_pdf` turns that
into PDF user space (points, origin bottom-left). Highlights are measured line by
line with ``QTextLine.cursorToX``, so a span that wraps becomes one quadrilateral
per line, and one annotation per page when it crosses a page break.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import cast

from PySide6.QtGui import QTextDocument

from editor.export.pdf.layout import ChapterDocument, HeadingMark, HighlightMark
from editor.export.pdf.style import PageGeometry

Quad = tuple[float, float, float, float, float, float, float, float]


@dataclass(frozen=True)
class PlacedHeading:
    """A heading on its page: the top-left of its first line and the line height, in PDF points."""

    mark: HeadingMark
    page: int  # 0-based index in the PDF
    x: float
    top: float
    height: float


@dataclass(frozen=True)
class PlacedHighlight:
    """The part of a highlight on one page: QuadPoints in PDF order (UL, UR, LL, LR per line)."""

    mark: HighlightMark
    page: int
    quads: tuple[Quad, ...]
    part: int  # 0 for the first page it is on, 1, 2… for continuations

    def rect(self) -> tuple[float, float, float, float]:
        """The bounding box of the quads: (left, bottom, right, top)."""
        xs = [q[i] for q in self.quads for i in (0, 2, 4, 6)]
        ys = [q[i] for q in self.quads for i in (1, 3, 5, 7)]
        return min(xs), min(ys), max(xs), max(ys)


def place_headings(chapter: ChapterDocument, first_page: int, geometry: PageGeometry) -> list[PlacedHeading]:
    """The chapter's headings with their page and position (``first_page``: the chapter's first PDF page)."""
    doc = chapter.document
    layout = doc.documentLayout()
    page_height = doc.pageSize().height()
    placed = []
    for mark in chapter.headings:
        block = mark.block
        box = layout.blockBoundingRect(block)
        top, left = box.top(), box.left()
        line_height = min(box.height(), mark.line_height) if mark.line_height else box.height()
        if page_height > 0 and top // page_height != (top + line_height) // page_height:
            # Near a page break the first line may have been moved down: ask the line itself.
            text_layout = block.layout()
            if text_layout is None or text_layout.lineCount() == 0:
                continue
            line = text_layout.lineAt(0)
            top, left, line_height = top + line.y(), left + line.x(), line.height()
        page = _page_of(top + line_height / 2, page_height)
        x, y = geometry.to_pdf(left, top - page * page_height)
        placed.append(PlacedHeading(mark, first_page + page, x, y, line_height * geometry.scale))
    return placed


@dataclass(frozen=True)
class MarginMarker:
    """A highlight's marker (①) beside the line where the passage ends, in chapter-document units."""

    label: str
    colour: str  # the highlight's colour, as stored
    page: int  # within the chapter
    top: float  # the line's top, relative to its page
    ascent: float  # the line's ascent


def place_markers(chapter: ChapterDocument) -> dict[int, list[MarginMarker]]:
    """The chapter's highlight markers by page (within the chapter), in reading order.

    Drawn in the margin rather than in the text, so they neither enlarge a line nor land
    in the copied text between two words of a sentence.
    """
    doc = chapter.document
    layout = doc.documentLayout()
    page_height = doc.pageSize().height()
    found: dict[int, list[MarginMarker]] = {}
    for mark in chapter.highlights:
        if mark.start < 0 or mark.end <= mark.start:
            continue
        block = doc.findBlock(mark.end - 1)
        text_layout = block.layout()
        if text_layout is None or text_layout.lineCount() == 0:
            continue
        line = text_layout.lineForTextPosition(mark.end - 1 - block.position())
        if not line.isValid():
            continue
        top = layout.blockBoundingRect(block).top() + line.y()
        page = _page_of(top + line.height() / 2, page_height)
        found.setdefault(page, []).append(
            MarginMarker(mark.marker, mark.highlight.color, page, top - page * page_height, line.ascent()))
    return found


def place_highlights(chapter: ChapterDocument, first_page: int,
                     geometry: PageGeometry) -> list[PlacedHighlight]:
    """Every highlight of the chapter cut into per-page parts, each with one quad per line."""
    doc = chapter.document
    page_height = doc.pageSize().height()
    placed: list[PlacedHighlight] = []
    for mark in chapter.highlights:
        if mark.start < 0 or mark.end <= mark.start:
            continue
        by_page: dict[int, list[Quad]] = {}
        for page, quad in _line_quads(doc, mark.start, mark.end, page_height, geometry):
            by_page.setdefault(page, []).append(quad)
        for part, page in enumerate(sorted(by_page)):
            placed.append(PlacedHighlight(mark, first_page + page, tuple(by_page[page]), part))
    return placed


def _line_quads(doc: QTextDocument, start: int, end: int, page_height: float, geometry: PageGeometry):
    """(page within the chapter, quad) for each line the span [start, end) covers."""
    layout = doc.documentLayout()
    block = doc.findBlock(start)
    while block.isValid() and block.position() < end:
        text_layout = block.layout()
        base = block.position()
        origin = layout.blockBoundingRect(block).topLeft()
        for index in range(text_layout.lineCount() if text_layout is not None else 0):
            line = text_layout.lineAt(index)
            line_start = base + line.textStart()
            line_end = line_start + line.textLength()
            a, b = max(start, line_start), min(end, line_end)
            if a >= b:
                continue
            # cursorToX returns (x, adjusted position); the stubs type it as a bare object.
            x0 = origin.x() + cast(tuple[float, int], line.cursorToX(a - base))[0]
            x1 = origin.x() + cast(tuple[float, int], line.cursorToX(b - base))[0]
            top = origin.y() + line.y()
            bottom = top + line.ascent() + line.descent()
            page = _page_of((top + bottom) / 2, page_height)
            left, upper = geometry.to_pdf(min(x0, x1), top - page * page_height)
            right, lower = geometry.to_pdf(max(x0, x1), bottom - page * page_height)
            yield page, (left, upper, right, upper, left, lower, right, lower)
        block = block.next()


def _page_of(y: float, page_height: float) -> int:
    return max(0, int(y // page_height)) if page_height > 0 else 0
