"""The trend matrix as a widget: the shared renderer on screen, with clicks, hover, zoom and keys."""

from __future__ import annotations

from dataclasses import replace
from typing import cast

from PySide6.QtCore import QEvent, QPointF, QRectF, Qt, Signal
from PySide6.QtGui import QHelpEvent, QImage, QKeyEvent, QMouseEvent, QPainter, QPalette, QWheelEvent
from PySide6.QtWidgets import QSizePolicy, QToolTip, QWidget

from editor.core.matrix import MatrixData, MatrixPoint
from editor.export.matrix.paint import MatrixLayout, View, paint_matrix, theme_for
from editor.ui.i18n import translate

ZOOM_STEP = 1.25
MAX_ZOOM = 16.0


class MatrixView(QWidget):
    """Draws a :class:`MatrixData`; a click or the arrow keys pick a point, the wheel or +/- zoom."""

    pointActivated = Signal(str)  # node id of the point clicked or moved to with the keys

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("MatrixView")
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setMouseTracking(True)
        self.setMinimumSize(280, 220)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.setAccessibleName(translate("MatrixView", "Trend matrix"))
        self.data: MatrixData | None = None
        self.selected = ""
        self.view: View | None = None  # None: both whole scales
        self.drawing: MatrixLayout | None = None  # where the last paint put everything

    # -- what is shown ------------------------------------------------------------------
    def set_data(self, data: MatrixData | None) -> None:
        """Show ``data`` (None: nothing to show); the zoom stays if the scales did not change."""
        old = self.data
        if old is None or data is None or (old.x, old.y) != (data.x, data.y):
            self.view = None
        self.data = data
        self.drawing = None
        self.update()

    def set_selected(self, node_id: str) -> None:
        """Ring the point of ``node_id`` (the tree's current node)."""
        if node_id != self.selected:
            self.selected = node_id
            self.update()

    def shown_points(self) -> tuple[MatrixPoint, ...]:
        """The points drawn (after the filters)."""
        return self.data.points if self.data is not None else ()

    def point_position(self, node_id: str) -> QPointF | None:
        """Where the point of ``node_id`` is drawn in widget coordinates (None: not shown)."""
        return self._layout().position(node_id) if self.data is not None else None

    def zoom_factor(self) -> float:
        """How many times closer than the whole scales the view is."""
        if self.data is None or self.view is None:
            return 1.0
        whole = View.whole(self.data)
        return (whole.x1 - whole.x0) / (self.view.x1 - self.view.x0)

    def unit(self) -> float:
        """Device-independent pixels per point: follows the widget's font, so it reads like the rest."""
        return max(0.8, self.font().pointSizeF() / 9.0) * self.logicalDpiY() / 72.0

    # -- painting -----------------------------------------------------------------------
    def paintEvent(self, _event) -> None:
        painter = QPainter(self)
        try:
            self._paint(painter)
        finally:
            painter.end()

    def _paint(self, painter: QPainter) -> None:
        theme = theme_for(self.palette().color(QPalette.ColorRole.Window))
        if self.data is None:
            painter.fillRect(self.rect(), theme.background)
            painter.setPen(theme.muted)
            painter.drawText(self.rect(), int(Qt.AlignmentFlag.AlignCenter), translate(
                "MatrixView", "No trend is rated on both dimensions yet."))
            self.drawing = None
            return
        self.drawing = paint_matrix(painter, QRectF(self.rect()), self.data, family=self.font().family(),
                                    unit=self.unit(), theme=theme, view=self.view, selected=self.selected,
                                    show_title=False)

    def _layout(self) -> MatrixLayout:
        """The last drawing's layout, drawing off screen first if the widget has not painted yet."""
        if self.drawing is None or self.drawing.plot.width() <= 0:
            image = QImage(max(1, self.width()), max(1, self.height()), QImage.Format.Format_ARGB32_Premultiplied)
            painter = QPainter(image)
            try:
                self._paint(painter)
            finally:
                painter.end()
        assert self.drawing is not None  # _paint always lays the matrix out
        return self.drawing

    # -- mouse --------------------------------------------------------------------------
    def mousePressEvent(self, event: QMouseEvent) -> None:
        if event.button() == Qt.MouseButton.LeftButton and self.data is not None:
            point = self._layout().hit(event.position())
            if point is not None:
                self._activate(point.node_id)
                event.accept()
                return
        super().mousePressEvent(event)

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        if self.data is not None:
            hovering = self._layout().hit(event.position()) is not None
            self.setCursor(Qt.CursorShape.PointingHandCursor if hovering else Qt.CursorShape.ArrowCursor)
        super().mouseMoveEvent(event)

    def event(self, event: QEvent) -> bool:
        # The window binds bare 0–5 to rating; while the matrix has focus 0, + and - zoom instead.
        if (event.type() == QEvent.Type.ShortcutOverride and self.data is not None
                and not cast(QKeyEvent, event).modifiers() & ~Qt.KeyboardModifier.KeypadModifier
                and cast(QKeyEvent, event).key() in (Qt.Key.Key_0, Qt.Key.Key_Plus, Qt.Key.Key_Equal, Qt.Key.Key_Minus)):
            event.accept()
            return True
        if event.type() == QEvent.Type.ToolTip and self.data is not None:
            help_event = cast(QHelpEvent, event)
            point = self._layout().hit(QPointF(help_event.pos()))
            if point is None:
                QToolTip.hideText()
                event.ignore()
            else:
                QToolTip.showText(help_event.globalPos(), self.describe(point), self)
            return True
        return super().event(event)

    def describe(self, point: MatrixPoint) -> str:
        """The hover text of a point: number and title, the means, the spread and who rated it."""
        data = self.data
        assert data is not None  # only drawn points are described
        lines = [f"{point.label}  {point.title}",
                 f"{data.y.name} {point.y:.2f} ({_spread(point.y_low, point.y_high)}) · "
                 f"{data.x.name} {point.x:.2f} ({_spread(point.x_low, point.x_high)})"]
        people = translate("MatrixView", "{count} analyst(s)").format(count=point.analysts)
        if data.size is not None and point.size is not None:
            people += f" · {data.size.name} {point.size:.1f}"
        lines.append(people)
        return "\n".join(lines)

    def wheelEvent(self, event: QWheelEvent) -> None:
        steps = event.angleDelta().y() / 120
        if self.data is None or not steps:
            return super().wheelEvent(event)
        self.zoom(ZOOM_STEP ** steps, event.position())
        event.accept()

    # -- keys ---------------------------------------------------------------------------
    def keyPressEvent(self, event: QKeyEvent) -> None:
        key = event.key()
        k = Qt.Key
        if self.data is not None:
            if key in (k.Key_Plus, k.Key_Equal):
                return self.zoom(ZOOM_STEP)
            if key == k.Key_Minus:
                return self.zoom(1 / ZOOM_STEP)
            if key == k.Key_0:
                return self.reset_zoom()
            moves: dict[int, tuple[int, int]] = {k.Key_Left: (-1, 0), k.Key_Right: (1, 0), k.Key_Up: (0, 1), k.Key_Down: (0, -1)}
            if key in moves:
                target = self._neighbour(*moves[key])
                if target is not None:
                    self._activate(target.node_id)
                return None
            if key in (k.Key_Return, k.Key_Enter) and self.selected:
                self.pointActivated.emit(self.selected)
                return None
        super().keyPressEvent(event)

    def _neighbour(self, dx: int, dy: int) -> MatrixPoint | None:
        """The nearest point in a direction from the selected one (the first point if none is selected)."""
        if self.data is None:
            return None
        points = [p for p in self.data.points if self._in_view(p)]
        current = next((p for p in points if p.node_id == self.selected), None)
        if current is None:
            return points[0] if points else None
        best, best_cost = None, float("inf")
        for p in points:
            along = (p.x - current.x) * dx + (p.y - current.y) * dy
            across = abs((p.x - current.x) * dy) + abs((p.y - current.y) * dx)
            if p is current or along < 0 or (along == 0 and across == 0):
                continue
            if along == 0:
                continue
            cost = along + 2 * across
            if cost < best_cost:
                best, best_cost = p, cost
        return best

    def _in_view(self, point: MatrixPoint) -> bool:
        v = self.view
        return v is None or (v.x0 <= point.x <= v.x1 and v.y0 <= point.y <= v.y1)

    # -- zoom ---------------------------------------------------------------------------
    def zoom(self, factor: float, at: QPointF | None = None) -> None:
        """Zoom by ``factor`` around ``at`` (widget coordinates; default: the centre of the plot)."""
        if self.data is None:
            return
        whole = View.whole(self.data)
        current = self.view or whole
        wanted = min(MAX_ZOOM, max(1.0, self.zoom_factor() * factor))
        layout = self._layout()
        cx, cy = layout.to_values(at if at is not None else layout.plot.center())
        view = current.zoomed(wanted / self.zoom_factor(), cx, cy, whole)
        self.view = None if wanted <= 1.0 else view
        self.drawing = None
        self.update()

    def reset_zoom(self) -> None:
        """Both whole scales again."""
        self.view = None
        self.drawing = None
        self.update()

    def _activate(self, node_id: str) -> None:
        self.set_selected(node_id)
        self.pointActivated.emit(node_id)


def _spread(low: float, high: float) -> str:
    return f"{low:g}" if low == high else f"{low:g}–{high:g}"


def filtered(data: MatrixData, keep) -> MatrixData:
    """``data`` with only the points whose node ``keep`` accepts."""
    return replace(data, points=tuple(p for p in data.points if keep(p.node_id)))
