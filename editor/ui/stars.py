"""Star ratings: the value type that paints itself (Qt's Star Delegate pattern) and a clickable widget."""

from __future__ import annotations

import math

from PySide6.QtCore import QPointF, QRect, QRectF, QSize, Qt, Signal
from PySide6.QtGui import QColor, QMouseEvent, QPainter, QPaintEvent, QPolygonF
from PySide6.QtWidgets import QSizePolicy, QWidget

STAR_FILL = QColor("#F0A81C")
STAR_EMPTY = QColor("#C9CED6")
STAR_PREVIEW = QColor("#F7CD6B")


def _star_polygon() -> QPolygonF:
    # A five-pointed star in a unit box, points alternating outer/inner radius.
    points = []
    for i in range(10):
        radius = 0.5 if i % 2 == 0 else 0.21
        angle = -math.pi / 2 + i * math.pi / 5
        points.append(QPointF(0.5 + radius * math.cos(angle), 0.53 + radius * math.sin(angle)))
    return QPolygonF(points)


_STAR = _star_polygon()


class StarRating:
    """A rating value that knows how to paint itself and how big it is."""

    def __init__(self, value: int = 0, maximum: int = 5, star_size: int = 14, spacing: int = 2) -> None:
        self.value = value
        self.maximum = maximum
        self.star_size = star_size
        self.spacing = spacing

    def size_hint(self) -> QSize:
        """Room the stars need."""
        return QSize(self.maximum * (self.star_size + self.spacing) + self.spacing, self.star_size + 4)

    def star_at(self, x: float) -> int:
        """Which star (1-based) lies under horizontal offset ``x`` from the left edge; 0 before the first."""
        if x < 0:
            return 0
        star = int(x // (self.star_size + self.spacing)) + 1
        return max(0, min(self.maximum, star))

    def paint(self, painter: QPainter, rect: QRect, *, preview: int = 0, enabled: bool = True) -> None:
        """Paint the stars left-aligned and vertically centred in ``rect``."""
        painter.save()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
        painter.setPen(Qt.PenStyle.NoPen)
        top = rect.top() + (rect.height() - self.star_size) / 2
        for i in range(self.maximum):
            left = rect.left() + self.spacing + i * (self.star_size + self.spacing)
            if preview:
                color = STAR_PREVIEW if i < preview else STAR_EMPTY
            else:
                color = STAR_FILL if i < self.value else STAR_EMPTY
            if not enabled:
                color = QColor(color)
                color.setAlpha(110)
            painter.setBrush(color)
            painter.save()
            painter.translate(left, top)
            painter.scale(self.star_size, self.star_size)
            painter.drawPolygon(_STAR)
            painter.restore()
        painter.restore()


class StarRatingWidget(QWidget):
    """Clickable stars: hover previews, a click sets, clicking the current value clears."""

    ratingChosen = Signal(int)  # 0 clears

    def __init__(self, maximum: int = 5, star_size: int = 18, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._rating = StarRating(0, maximum, star_size, spacing=3)
        self._hover = 0
        self.setMouseTracking(True)
        self.setCursor(Qt.CursorShape.PointingHandCursor)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Fixed)

    def value(self) -> int:
        """The rating shown (0: none)."""
        return self._rating.value

    def set_value(self, value: int) -> None:
        """Show another rating."""
        self._rating.value = value
        self.update()

    def maximum(self) -> int:
        """Number of stars."""
        return self._rating.maximum

    def set_maximum(self, maximum: int) -> None:
        """Change the number of stars."""
        self._rating.maximum = maximum
        self.updateGeometry()
        self.update()

    def star_center(self, star: int) -> QPointF:
        """Centre of star ``star`` (1-based) in widget coordinates: where a click sets that value."""
        step = self._rating.star_size + self._rating.spacing
        x = self._rating.spacing + (star - 1) * step + self._rating.star_size / 2
        return QPointF(x, self.height() / 2)

    def sizeHint(self) -> QSize:
        return self._rating.size_hint() + QSize(2, 4)

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        self._rating.paint(painter, self.rect(), preview=self._hover if self.isEnabled() else 0,
                           enabled=self.isEnabled())
        if self.hasFocus():
            painter.setPen(self.palette().highlight().color())
            painter.drawRect(QRectF(self.rect()).adjusted(0.5, 0.5, -0.5, -0.5))

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        hover = self._rating.star_at(event.position().x() - self._rating.spacing)
        if hover != self._hover:
            self._hover = hover
            self.update()

    def leaveEvent(self, event) -> None:
        self._hover = 0
        self.update()

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        if event.button() != Qt.MouseButton.LeftButton or not self.isEnabled():
            return
        star = self._rating.star_at(event.position().x() - self._rating.spacing)
        if star == 0:
            return
        self._hover = 0
        self.ratingChosen.emit(0 if star == self._rating.value else star)

    def event(self, event) -> bool:
        # Digits typed while the stars have focus rate this dimension, not the window's first one.
        if event.type() == event.Type.ShortcutOverride and Qt.Key.Key_0 <= event.key() <= Qt.Key.Key_9:
            event.accept()
            return True
        return super().event(event)

    def keyPressEvent(self, event) -> None:
        key = event.key()
        if Qt.Key.Key_0 <= key <= Qt.Key.Key_9 and key - Qt.Key.Key_0 <= self._rating.maximum:
            self.ratingChosen.emit(key - Qt.Key.Key_0)
        elif key in (Qt.Key.Key_Right, Qt.Key.Key_Plus) and self._rating.value < self._rating.maximum:
            self.ratingChosen.emit(self._rating.value + 1)
        elif key in (Qt.Key.Key_Left, Qt.Key.Key_Minus) and self._rating.value > 0:
            self.ratingChosen.emit(self._rating.value - 1)
        else:
            super().keyPressEvent(event)
