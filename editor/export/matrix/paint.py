"""Drawing the trend matrix with a QPainter on any device: a widget, a QImage, a QSvgGenerator, a QPdfWriter.

Sizes are given in points and multiplied by ``unit`` (device pixels per point), so
the same call draws a window at 100 % or 200 %, a 1600-pixel PNG and a 1200-dpi PDF
page with the same proportions. Text is drawn with ``drawText`` (never as paths), so
SVG and PDF keep it as text.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import (
    QBrush, QColor, QFont, QFontMetricsF, QImage, QPainter, QPainterPath, QPaintEngine, QPen,
)

from editor.core.matrix import MatrixData, MatrixPoint

# Labels are only written where they do not cover another: a coarse grid of taken cells
# keeps the test cheap with thousands of points.
_LABEL_CELL = 6.0  # points


@dataclass(frozen=True)
class MatrixTheme:
    """The colours of one drawing (light for print and files, dark for a dark window)."""

    background: QColor
    plot: QColor
    ink: QColor
    muted: QColor
    grid: QColor
    divider: QColor
    quadrants: tuple[QColor, QColor, QColor, QColor]  # top-left, top-right, bottom-left, bottom-right
    point: QColor
    point_edge: QColor
    spread: QColor
    selected: QColor


LIGHT = MatrixTheme(
    background=QColor("#FFFFFF"), plot=QColor("#FBFCFD"), ink=QColor("#23272E"), muted=QColor("#6B7480"),
    grid=QColor("#E3E8EE"), divider=QColor("#9AA3AD"),
    quadrants=(QColor(242, 201, 76, 34), QColor(214, 69, 65, 34), QColor(120, 144, 156, 22), QColor(27, 54, 93, 26)),
    point=QColor(27, 54, 93, 170), point_edge=QColor("#FFFFFF"), spread=QColor(27, 54, 93, 90),
    selected=QColor("#D6452F"),
)
DARK = MatrixTheme(
    background=QColor("#1E2126"), plot=QColor("#23272E"), ink=QColor("#E6E9ED"), muted=QColor("#A2ABB6"),
    grid=QColor("#343A43"), divider=QColor("#6B7480"),
    quadrants=(QColor(242, 201, 76, 30), QColor(235, 87, 87, 36), QColor(160, 174, 192, 18), QColor(86, 156, 214, 30)),
    point=QColor(110, 176, 240, 190), point_edge=QColor("#1E2126"), spread=QColor(110, 176, 240, 110),
    selected=QColor("#FF8A65"),
)


def theme_for(background: QColor) -> MatrixTheme:
    """The theme that reads on ``background`` (a window's palette colour)."""
    return DARK if background.lightnessF() < 0.5 else LIGHT


@dataclass(frozen=True)
class View:
    """The part of the scales shown (zoom): x and y ranges in rating units."""

    x0: float
    x1: float
    y0: float
    y1: float

    @classmethod
    def whole(cls, data: MatrixData) -> View:
        """Both scales with half a step of room around them."""
        return cls(data.x.min - 0.5, data.x.max + 0.5, data.y.min - 0.5, data.y.max + 0.5)

    def zoomed(self, factor: float, cx: float, cy: float, limit: View) -> View:
        """``factor`` times closer around (cx, cy), never wider than ``limit``."""
        width = min((self.x1 - self.x0) / factor, limit.x1 - limit.x0)
        height = min((self.y1 - self.y0) / factor, limit.y1 - limit.y0)
        x0 = cx - (cx - self.x0) / (self.x1 - self.x0) * width
        y0 = cy - (cy - self.y0) / (self.y1 - self.y0) * height
        x0 = min(max(x0, limit.x0), limit.x1 - width)
        y0 = min(max(y0, limit.y0), limit.y1 - height)
        return View(x0, x0 + width, y0, y0 + height)


@dataclass
class MatrixLayout:
    """Where a drawing put things: the plot area and every point, for hit tests and links."""

    plot: QRectF
    view: View
    points: list[tuple[float, float, float, MatrixPoint]] = field(default_factory=list)  # (x, y, radius, point)
    characters: set[str] = field(default_factory=set)  # every character drawn (a PDF's ToUnicode repair)

    def to_device(self, x: float, y: float) -> QPointF:
        """Device position of rating values (x, y)."""
        v, r = self.view, self.plot
        return QPointF(r.left() + (x - v.x0) / (v.x1 - v.x0) * r.width(),
                       r.bottom() - (y - v.y0) / (v.y1 - v.y0) * r.height())

    def to_values(self, pos: QPointF) -> tuple[float, float]:
        """Rating values at a device position."""
        v, r = self.view, self.plot
        return (v.x0 + (pos.x() - r.left()) / r.width() * (v.x1 - v.x0),
                v.y0 + (r.bottom() - pos.y()) / r.height() * (v.y1 - v.y0))

    def hit(self, pos: QPointF, slack: float = 3.0) -> MatrixPoint | None:
        """The point drawn at ``pos`` (the topmost, i.e. last drawn, when several overlap)."""
        px, py = pos.x(), pos.y()
        for x, y, radius, point in reversed(self.points):
            reach = radius + slack
            if (x - px) ** 2 + (y - py) ** 2 <= reach * reach:
                return point
        return None

    def position(self, node_id: str) -> QPointF | None:
        """Where a node's point was drawn (None: not in this drawing)."""
        for x, y, _radius, point in self.points:
            if point.node_id == node_id:
                return QPointF(x, y)
        return None


def paint_matrix(painter: QPainter, rect: QRectF, data: MatrixData, *, family: str, unit: float = 1.0,
                 theme: MatrixTheme = LIGHT, view: View | None = None, selected: str = "",
                 show_title: bool = True) -> MatrixLayout:
    """Draw ``data`` into ``rect`` on ``painter``'s device; returns where everything went."""
    view = view or View.whole(data)
    drawn: set[str] = set()

    def font(points: float, bold: bool = False) -> QFont:
        f = QFont(family)
        f.setPixelSize(max(1, round(points * unit)))
        if bold:
            f.setWeight(QFont.Weight.Bold)
        return f

    def text(where, *args) -> None:
        drawn.update(args[-1])
        painter.drawText(where, *args)

    painter.save()
    painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
    painter.setRenderHint(QPainter.RenderHint.TextAntialiasing, True)
    painter.fillRect(rect, theme.background)
    pad = 12 * unit
    top = rect.top() + pad
    if show_title:
        painter.setPen(theme.ink)
        title_font = font(13, bold=True)
        painter.setFont(title_font)
        metrics = QFontMetricsF(title_font, painter.device())
        title = metrics.elidedText(data.title, Qt.TextElideMode.ElideRight, rect.width() - 2 * pad)
        text(QPointF(rect.left() + pad, top + metrics.ascent()), title)
        top += metrics.height() + 2 * unit
        caption_font = font(8)
        painter.setFont(caption_font)
        painter.setPen(theme.muted)
        metrics = QFontMetricsF(caption_font, painter.device())
        caption = metrics.elidedText(data.caption(), Qt.TextElideMode.ElideRight, rect.width() - 2 * pad)
        text(QPointF(rect.left() + pad, top + metrics.ascent()), caption)
        top += metrics.height() + 8 * unit

    tick_font, axis_font = font(8.5), font(10, bold=True)
    tick_metrics = QFontMetricsF(tick_font, painter.device())
    axis_metrics = QFontMetricsF(axis_font, painter.device())
    left = rect.left() + pad + axis_metrics.height() + 6 * unit + tick_metrics.horizontalAdvance("00") + 6 * unit
    bottom = rect.bottom() - pad - axis_metrics.height() - 4 * unit - tick_metrics.height() - 4 * unit
    plot = QRectF(left, top, max(10.0, rect.right() - pad - left), max(10.0, bottom - top))
    layout = MatrixLayout(plot, view, characters=drawn)

    painter.fillRect(plot, theme.plot)
    painter.save()
    painter.setClipRect(plot)
    _quadrants(painter, layout, data, theme, unit, font, text)
    if data.quadrants.grid:
        painter.setPen(QPen(theme.grid, max(0.5, 0.6 * unit)))
        for value in range(data.x.min, data.x.max + 1):
            a, b = layout.to_device(value, view.y0), layout.to_device(value, view.y1)
            painter.drawLine(a, b)
        for value in range(data.y.min, data.y.max + 1):
            a, b = layout.to_device(view.x0, value), layout.to_device(view.x1, value)
            painter.drawLine(a, b)
    _points(painter, layout, data, theme, unit, selected, font, text)
    painter.restore()

    painter.setPen(QPen(theme.divider, max(0.5, 0.8 * unit)))
    painter.setBrush(Qt.BrushStyle.NoBrush)
    painter.drawRect(plot)
    _axes(painter, layout, data, theme, unit, tick_font, axis_font, text)
    painter.restore()
    return layout


def _quadrants(painter: QPainter, layout: MatrixLayout, data: MatrixData, theme: MatrixTheme, unit: float,
               font, text) -> None:
    plot = layout.plot
    split = layout.to_device(data.x.split(data.quadrants.x_split), data.y.split(data.quadrants.y_split))
    boxes = (QRectF(QPointF(plot.left(), plot.top()), split), QRectF(QPointF(split.x(), plot.top()),
             QPointF(plot.right(), split.y())), QRectF(QPointF(plot.left(), split.y()), QPointF(split.x(),
             plot.bottom())), QRectF(split, QPointF(plot.right(), plot.bottom())))
    for box, colour in zip(boxes, theme.quadrants, strict=True):
        painter.fillRect(box.normalized(), colour)
    pen = QPen(theme.divider, max(0.5, 1.0 * unit), Qt.PenStyle.DashLine)
    painter.setPen(pen)
    painter.drawLine(QPointF(split.x(), plot.top()), QPointF(split.x(), plot.bottom()))
    painter.drawLine(QPointF(plot.left(), split.y()), QPointF(plot.right(), split.y()))
    label_font = font(10, bold=True)
    painter.setFont(label_font)
    colour = QColor(theme.muted)
    painter.setPen(colour)
    inset = 6 * unit
    a = Qt.AlignmentFlag
    aligns = (a.AlignLeft | a.AlignTop, a.AlignRight | a.AlignTop, a.AlignLeft | a.AlignBottom,
              a.AlignRight | a.AlignBottom)
    for box, label, align in zip(boxes, data.quadrants.labels(), aligns, strict=True):
        if label:
            text(box.normalized().adjusted(inset, inset, -inset, -inset), int(align), label)


_VISIBLE_LAYERS = 6  # 1 - (1 - 170/255)^6 > 99.8 %: a seventh copy changes nothing you can see


class _Stamps:
    """Circles for a raster target, each size drawn once and then copied: an antialiased ellipse
    costs about 13 µs, a copied image a fraction of that, which is what lets thousands of points
    redraw within a keystroke. Vector targets (SVG, PDF) get real circles."""

    def __init__(self, painter: QPainter, pen: QPen, fill: QColor) -> None:
        engine = painter.paintEngine()
        self._painter = painter
        self._raster = engine is not None and engine.type() == QPaintEngine.Type.Raster
        device = painter.device()
        self._ratio = device.devicePixelRatioF() if device is not None else 1.0
        self._pen, self._fill = pen, fill
        self._images: dict[int, tuple[QImage, float]] = {}

    def draw(self, x: float, y: float, radius: float) -> None:
        """A circle of ``radius`` centred on (x, y)."""
        if not self._raster:
            self._painter.drawEllipse(QPointF(x, y), radius, radius)
            return
        key = round(radius * 4)  # quarter-pixel steps
        stamp = self._images.get(key)
        if stamp is None:
            stamp = self._images[key] = self._make(key / 4)
        image, half = stamp
        self._painter.drawImage(QPointF(x - half, y - half), image)

    def _make(self, radius: float) -> tuple[QImage, float]:
        half = radius + self._pen.widthF() + 1
        side = max(1, math.ceil(2 * half * self._ratio))
        image = QImage(side, side, QImage.Format.Format_ARGB32_Premultiplied)
        image.setDevicePixelRatio(self._ratio)
        image.fill(Qt.GlobalColor.transparent)
        painter = QPainter(image)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
        painter.setPen(self._pen)
        painter.setBrush(QBrush(self._fill))
        centre = side / self._ratio / 2
        painter.drawEllipse(QPointF(centre, centre), radius, radius)
        painter.end()
        return image, side / self._ratio / 2


def _radius(point: MatrixPoint, data: MatrixData, unit: float) -> float:
    """Bigger for more confidence (or more analysts): 3.5 to 7 points."""
    if data.size is not None and point.size is not None:
        share = (point.size - data.size.min) / max(1, data.size.max - data.size.min)
    else:
        share = (point.analysts - 1) / max(1, data.max_analysts - 1) if data.max_analysts > 1 else 1.0
    return (3.5 + 3.5 * min(1.0, max(0.0, share))) * unit


def _points(painter: QPainter, layout: MatrixLayout, data: MatrixData, theme: MatrixTheme, unit: float,
            selected: str, font, text) -> None:
    plot = layout.plot
    v = layout.view
    sx, sy = plot.width() / (v.x1 - v.x0), plot.height() / (v.y1 - v.y0)
    ox, oy = plot.left() - v.x0 * sx, plot.bottom() + v.y0 * sy
    spread_pen = QPen(theme.spread, max(0.5, 1.1 * unit))
    spread_pen.setCapStyle(Qt.PenCapStyle.FlatCap)
    cap = 2.0 * unit
    placed = []
    # Team means fall on a coarse grid (four analysts, five steps): thousands of trends share a
    # few hundred positions. A stroked path is a union, so a segment drawn twice looks the same
    # as once; each distinct segment goes in once, which keeps the one path small.
    segments: set[tuple[float, float, float, float]] = set()
    for point in data.points:
        x, y = ox + point.x * sx, oy - point.y * sy
        placed.append((x, y, _radius(point, data, unit), point))
        if point.x_high > point.x_low:
            lo, hi = ox + point.x_low * sx, ox + point.x_high * sx
            segments.add((lo, y, hi, y))
            segments.update((end, y - cap, end, y + cap) for end in (lo, hi))
        if point.y_high > point.y_low:
            lo, hi = oy - point.y_low * sy, oy - point.y_high * sy
            segments.add((x, lo, x, hi))
            segments.update((x - cap, end, x + cap, end) for end in (lo, hi))
    spreads = QPainterPath()
    for x0, y0, x1, y1 in sorted(segments):
        spreads.moveTo(x0, y0)
        spreads.lineTo(x1, y1)
    # One path for all spread bars: one draw call instead of thousands.
    painter.setPen(spread_pen)
    painter.setBrush(Qt.BrushStyle.NoBrush)
    painter.drawPath(spreads)
    edge = QPen(theme.point_edge, max(0.5, 0.8 * unit))
    painter.setPen(edge)
    painter.setBrush(QBrush(theme.point))
    stamps = _Stamps(painter, edge, theme.point)  # raster targets only; SVG and PDF keep real circles
    chosen = None
    # Points are translucent, so stacked points darken; past a few layers the colour no longer
    # changes visibly, and further copies of the same circle (to half a pixel) are not drawn.
    layers: dict[tuple[int, int, int], int] = {}
    for x, y, radius, point in placed:
        key = (round(x * 2), round(y * 2), round(radius * 2))  # half-pixel steps
        drawn = layers.get(key, 0)
        if drawn < _VISIBLE_LAYERS:
            layers[key] = drawn + 1
            stamps.draw(x, y, radius)
        if point.node_id == selected:
            chosen = (x, y, radius)
    layout.points = placed

    label_font = font(8)
    painter.setFont(label_font)
    metrics = QFontMetricsF(label_font, painter.device())
    cell = _LABEL_CELL * unit
    taken: set[tuple[int, int]] = set()
    ascent, height = metrics.ascent(), metrics.height()
    painter.setPen(theme.ink)
    # The selected point's label first, so it is never the one left out.
    ordered = sorted(placed, key=lambda item: item[3].node_id != selected)
    for x, y, radius, point in ordered:
        if not plot.contains(QPointF(x, y)):
            continue
        lx, ly = x + radius + 1.5 * unit, y - radius * 0.3
        if point.node_id != selected and (int(lx // cell), int((ly - ascent) // cell)) in taken:
            continue  # its first cell is taken already: the label would collide (cheap test first)
        label = point.label
        width = metrics.horizontalAdvance(label)
        cells = {(cx, cy) for cx in range(int(lx // cell), int((lx + width) // cell) + 1)
                 for cy in range(int((ly - ascent) // cell), int((ly - ascent + height) // cell) + 1)}
        if point.node_id != selected and not cells.isdisjoint(taken):
            continue
        taken |= cells
        text(QPointF(lx, ly + ascent / 2), label)
    if chosen is not None:
        x, y, radius = chosen
        painter.setBrush(Qt.BrushStyle.NoBrush)
        painter.setPen(QPen(theme.selected, max(1.0, 2.0 * unit)))
        painter.drawEllipse(QPointF(x, y), radius + 2.5 * unit, radius + 2.5 * unit)


def _axes(painter: QPainter, layout: MatrixLayout, data: MatrixData, theme: MatrixTheme, unit: float,
          tick_font: QFont, axis_font: QFont, text) -> None:
    plot, view = layout.plot, layout.view
    painter.setFont(tick_font)
    painter.setPen(theme.muted)
    metrics = QFontMetricsF(tick_font, painter.device())
    for value in range(data.x.min, data.x.max + 1):
        if not view.x0 <= value <= view.x1:
            continue
        at = layout.to_device(value, view.y0)
        label = str(value)
        text(QPointF(at.x() - metrics.horizontalAdvance(label) / 2, plot.bottom() + 4 * unit + metrics.ascent()),
             label)
    for value in range(data.y.min, data.y.max + 1):
        if not view.y0 <= value <= view.y1:
            continue
        at = layout.to_device(view.x0, value)
        label = str(value)
        text(QPointF(plot.left() - 6 * unit - metrics.horizontalAdvance(label), at.y() + metrics.ascent() / 2.6),
             label)
    painter.setFont(axis_font)
    painter.setPen(theme.ink)
    axis_metrics = QFontMetricsF(axis_font, painter.device())
    x_title = f"{data.x.name} →"
    text(QPointF(plot.center().x() - axis_metrics.horizontalAdvance(x_title) / 2,
                 plot.bottom() + 8 * unit + metrics.height() + axis_metrics.ascent()), x_title)
    y_title = f"{data.y.name} →"
    painter.save()
    painter.translate(plot.left() - 12 * unit - metrics.horizontalAdvance("00") - axis_metrics.descent(),
                      plot.center().y() + axis_metrics.horizontalAdvance(y_title) / 2)
    painter.rotate(-90)
    text(QPointF(0, 0), y_title)
    painter.restore()
