"""The annotated PDF's trend pages: the matrix (vector, drawn by the shared renderer) and a "top trends" table.

Each row of the table links to its node's heading; the links are added by
:func:`matrix_links` in the finishing pass, once the headings' pages are known.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QFontMetricsF, QPen

from editor.core.matrix import MatrixData, MatrixPoint
from editor.export.matrix.paint import LIGHT, paint_matrix
from editor.export.pdf.increment import IncrementalUpdate, Ref, number
from editor.export.pdf.marks import PlacedHeading
from editor.export.pdf.style import ACCENT, INK, MUTED, PANEL, RULE, PageGeometry

MATRIX_PAGES = 2  # the matrix, then the table
TOP_TRENDS = 30
_ROW_POINTS = 17.0


@dataclass(frozen=True)
class PageLink:
    """A clickable area of a page (device units) leading to a node's heading."""

    page: int  # 0-based PDF page index
    rect: QRectF
    node_id: str


def has_matrix(data: MatrixData | None) -> bool:
    """Whether the export gets the trend pages (some trend is rated on both axes)."""
    return data is not None and bool(data.points)


def paint_matrix_pages(pages, data: MatrixData, first_page: int) -> list[PageLink]:
    """Paint the matrix page and the top-trends page on ``pages`` (a PagePainter); returns the row links."""
    g, px, p = pages.geometry, pages.geometry.px, pages.painter
    pages.new_page(f"Trend matrix: {data.y.name} × {data.x.name}")
    width = px(g.body_width)
    rect = QRectF(px(g.left), px(g.top), width, min(width * 1.1, px(g.body_height)))
    layout = paint_matrix(p, rect, data, family=pages.fonts.family, unit=width / 720, theme=LIGHT)
    pages.characters.update(layout.characters)

    pages.new_page("Top trends")
    left, y = px(g.left), px(g.top)
    p.setFont(pages.fonts.font(14, bold=True))
    p.setPen(INK)
    pages.text(QPointF(left, y + px(14)), "Top trends")
    y += px(24)
    p.setFont(pages.fonts.font(8.5))
    p.setPen(MUTED)
    pages.text(QPointF(left, y + px(8)), f"Highest mean {data.y.name} × {data.x.name}; spread is the lowest "
                                           f"and highest analyst rating; each row opens its chapter.")
    y += px(20)
    columns = _columns(data, width)
    row = px(_ROW_POINTS)
    p.setFont(pages.fonts.font(8, bold=True))
    p.setPen(MUTED)
    for (title, x, w, align) in columns:
        pages.text(QRectF(left + x, y, w, row), int(align | Qt.AlignmentFlag.AlignVCenter), title)
    y += row
    p.setPen(QPen(RULE, px(0.6)))
    p.drawLine(QPointF(left, y), QPointF(left + width, y))
    fits = int((px(g.top + g.body_height) - y) // row)
    links = []
    body_font = pages.fonts.font(8.5)
    metrics = QFontMetricsF(body_font, pages.writer)
    for rank, point in enumerate(data.top(min(TOP_TRENDS, fits)), 1):
        if rank % 2 == 0:
            p.fillRect(QRectF(left, y, width, row), PANEL)
        cells = _cells(rank, point, data)
        for (title, x, w, align), value in zip(columns, cells, strict=True):
            p.setFont(body_font)
            p.setPen(ACCENT if title == "Trend" else INK)
            shown = metrics.elidedText(value, Qt.TextElideMode.ElideRight, w - px(4))
            pages.text(QRectF(left + x, y, w, row), int(align | Qt.AlignmentFlag.AlignVCenter), shown)
        links.append(PageLink(first_page + 1, QRectF(left, y, width, row), point.node_id))
        y += row
    return links


def _columns(data: MatrixData, width: float) -> list[tuple[str, float, float, Qt.AlignmentFlag]]:
    """(heading, x, width, alignment) of each column, as shares of the text width."""
    shares = (("#", 0.05, Qt.AlignmentFlag.AlignLeft), ("Trend", 0.44, Qt.AlignmentFlag.AlignLeft),
              (data.y.name, 0.1, Qt.AlignmentFlag.AlignRight), (data.x.name, 0.12, Qt.AlignmentFlag.AlignRight),
              ("Score", 0.08, Qt.AlignmentFlag.AlignRight), ("Spread", 0.13, Qt.AlignmentFlag.AlignRight),
              ("Analysts", 0.08, Qt.AlignmentFlag.AlignRight))
    columns, x = [], 0.0
    for title, share, align in shares:
        columns.append((title, x, width * share, align))
        x += width * share
    return columns


def _cells(rank: int, point: MatrixPoint, data: MatrixData) -> list[str]:
    spread = f"{_range(point.y_low, point.y_high)} / {_range(point.x_low, point.x_high)}"
    return [str(rank), f"{point.label}  {point.title}", f"{point.y:.2f}", f"{point.x:.2f}", f"{point.score:.1f}",
            spread, str(point.analysts)]


def _range(low: float, high: float) -> str:
    return f"{low:g}" if low == high else f"{low:g}–{high:g}"


def matrix_links(update: IncrementalUpdate, links: list[PageLink], headings: list[PlacedHeading],
                 page_refs: list[Ref], geometry: PageGeometry) -> dict[int, list[Ref]]:
    """Link annotations for the table rows whose node has a printed heading, by page index."""
    by_node = {heading.mark.entry.node.id: heading for heading in headings}
    made: dict[int, list[Ref]] = {}
    s = geometry.scale
    for link in links:
        heading = by_node.get(link.node_id)
        if heading is None:
            continue  # the node is not printed (filtered out): the row stays plain text
        target = page_refs[heading.page]
        r = link.rect
        box = (r.left() * s, geometry.height - r.bottom() * s, r.right() * s, geometry.height - r.top() * s)
        body = b"<</Type /Annot /Subtype /Link /Rect [%s] /Border [0 0 0] /Dest [%d %d R /XYZ %s %s null]>>" % (
            b" ".join(number(v) for v in box), target.number, target.generation,
            number(max(0.0, heading.x - 24)), number(min(geometry.height, heading.top + 8)))
        made.setdefault(link.page, []).append(update.put_raw(update.allocate(), body))
    return made
