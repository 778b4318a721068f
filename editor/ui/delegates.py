"""Painting and editing of the outline's rating, tag and marker columns."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QModelIndex, QPersistentModelIndex, QRect, QRectF, QSize, Qt, Signal
from PySide6.QtGui import QColor, QFontMetrics, QMouseEvent, QPainter, QPaintEvent
from PySide6.QtWidgets import QApplication, QStyle, QStyledItemDelegate, QStyleOptionViewItem, QWidget

from editor.ui.outline.model import Roles
from editor.ui.stars import StarRating


def readable_text_color(background: QColor) -> QColor:
    """Black or white, whichever reads better on ``background``."""
    luminance = 0.299 * background.red() + 0.587 * background.green() + 0.114 * background.blue()
    return QColor("#1d232b") if luminance > 150 else QColor("#ffffff")


def paint_cell_background(painter: QPainter, option: QStyleOptionViewItem) -> None:
    """Selection and hover background of a cell, without asking the model for text, icon or font.

    (initStyleOption would fetch eight roles per cell; these columns draw everything else themselves.)
    """
    widget = option.widget
    style = widget.style() if widget is not None else QApplication.style()
    style.drawPrimitive(QStyle.PrimitiveElement.PE_PanelItemViewItem, option, painter, widget)


def chip_colors(color: str) -> tuple[QColor, QColor, QColor]:
    """(fill, border, text) for a tag chip: a soft tint of the tag's colour and legible text."""
    base = QColor(color) if QColor.isValidColorName(color) else QColor("#8899aa")
    hue = max(0.0, base.hslHueF())
    saturation = base.hslSaturationF()
    fill = QColor.fromHslF(hue, min(1.0, saturation * 0.85), 0.90)
    border = QColor.fromHslF(hue, min(1.0, saturation * 0.6), 0.68)
    text = QColor.fromHslF(hue, min(1.0, saturation * 0.9), 0.24)
    return fill, border, text


class StarEditor(QWidget):
    """The in-place editor of Qt's Star Delegate example: follows the mouse, commits on release."""

    editingFinished = Signal()

    def __init__(self, maximum: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.rating = StarRating(0, maximum)
        self.setMouseTracking(True)
        self.setAutoFillBackground(True)

    def sizeHint(self) -> QSize:
        return self.rating.size_hint()

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        self.rating.paint(painter, self.rect())

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        star = self.rating.star_at(event.position().x() - self.rating.spacing)
        if star != self.rating.value and star > 0:
            self.rating.value = star
            self.update()

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        self.editingFinished.emit()

    def keyPressEvent(self, event) -> None:
        key = event.key()
        if Qt.Key.Key_0 <= key <= Qt.Key.Key_9 and key - Qt.Key.Key_0 <= self.rating.maximum:
            self.rating.value = key - Qt.Key.Key_0
            self.editingFinished.emit()
        elif key == Qt.Key.Key_Right:
            self.rating.value = min(self.rating.maximum, self.rating.value + 1)
            self.update()
        elif key == Qt.Key.Key_Left:
            self.rating.value = max(0, self.rating.value - 1)
            self.update()
        elif key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self.editingFinished.emit()
        else:
            super().keyPressEvent(event)


class StarDelegate(QStyledItemDelegate):
    """Paints the first dimension's rating as stars; a click on a star rates, F2/double-click edits."""

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.star_size = 12

    def _rating(self, index: QModelIndex | QPersistentModelIndex) -> StarRating:
        model = index.model()
        maximum = getattr(model, "rating_max", None)
        if maximum is None and hasattr(model, "sourceModel"):
            maximum = getattr(model.sourceModel(), "rating_max", 5)
        return StarRating(int(index.data(Roles.Rating) or 0), int(maximum or 5), self.star_size)

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex) -> None:
        paint_cell_background(painter, option)
        rating = self._rating(index)
        rect = option.rect.adjusted(4, 0, 0, 0)
        if rating.value or option.state & QStyle.StateFlag.State_MouseOver:
            rating.paint(painter, rect)
        else:
            # Unrated rows stay quiet: faint outlines only, so rated rows stand out when scanning.
            painter.save()
            painter.setOpacity(0.3)
            rating.paint(painter, rect)
            painter.restore()

    def sizeHint(self, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex) -> QSize:
        hint = self._rating(index).size_hint()
        return QSize(hint.width() + 8, max(hint.height(), super().sizeHint(option, index).height()))

    def star_rect(self, cell: QRect, star: int) -> QRect:
        """Where star ``star`` (1-based) is painted inside a cell: what a click must hit."""
        rating = StarRating(0, 5, self.star_size)  # geometry only: the maximum does not move star n
        left = cell.left() + 4 + rating.spacing + (star - 1) * (rating.star_size + rating.spacing)
        return QRect(left, cell.top(), rating.star_size, cell.height())

    def editorEvent(self, event: QEvent, model, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex) -> bool:
        # One click on a star sets the rating; clicking the current value clears it.
        if (event.type() == QEvent.Type.MouseButtonRelease and isinstance(event, QMouseEvent)
                and event.button() == Qt.MouseButton.LeftButton and index.flags() & Qt.ItemFlag.ItemIsEditable):
            rating = self._rating(index)
            star = rating.star_at(event.position().x() - option.rect.left() - 4 - rating.spacing)
            if star > 0:
                model.setData(index, 0 if star == rating.value else star, Qt.ItemDataRole.EditRole)
                return True
        return super().editorEvent(event, model, option, index)

    def createEditor(self, parent: QWidget, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex) -> QWidget:
        editor = StarEditor(self._rating(index).maximum, parent)
        editor.editingFinished.connect(self._commit_and_close)
        return editor

    def setEditorData(self, editor: QWidget, index: QModelIndex | QPersistentModelIndex) -> None:
        if isinstance(editor, StarEditor):
            editor.rating.value = int(index.data(Roles.Rating) or 0)
            editor.update()

    def setModelData(self, editor: QWidget, model, index: QModelIndex | QPersistentModelIndex) -> None:
        if isinstance(editor, StarEditor):
            model.setData(index, editor.rating.value, Qt.ItemDataRole.EditRole)

    def _commit_and_close(self) -> None:
        editor = self.sender()
        self.commitData.emit(editor)
        self.closeEditor.emit(editor, QStyledItemDelegate.EndEditHint.NoHint)


class TagChipsDelegate(QStyledItemDelegate):
    """Paints a row's tags as small coloured chips; those that do not fit become “+N”."""

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex) -> None:
        paint_cell_background(painter, option)
        tags = index.data(Roles.Tags) or []
        if not tags:
            return
        font = option.font
        font.setPointSizeF(max(7.0, font.pointSizeF() * 0.86))
        metrics = QFontMetrics(font)
        painter.save()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
        painter.setFont(font)
        rect = option.rect.adjusted(3, 0, -3, 0)
        height = min(rect.height() - 4, metrics.height() + 2)
        top = rect.top() + (rect.height() - height) / 2
        x = float(rect.left())
        for i, (name, color) in enumerate(tags):
            width = metrics.horizontalAdvance(name) + 12
            remaining = len(tags) - i
            more_width = metrics.horizontalAdvance(f"+{remaining}") + 6 if remaining > 1 else 0
            if x + width + more_width > rect.right():
                painter.setPen(option.palette.placeholderText().color())
                painter.drawText(QRectF(x, top, rect.right() - x, height),
                                 Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignLeft, f"+{remaining}")
                break
            fill, border, text = chip_colors(color)
            chip = QRectF(x, top, width, height)
            painter.setPen(border)
            painter.setBrush(fill)
            painter.drawRoundedRect(chip.adjusted(0.5, 0.5, -0.5, -0.5), height / 2, height / 2)
            painter.setPen(text)
            painter.drawText(chip, Qt.AlignmentFlag.AlignCenter, name)
            x += width + 4
        painter.restore()


class MarksDelegate(QStyledItemDelegate):
    """A quiet marker for nodes with a note (a pen) and/or highlights (a coloured bar with a count)."""

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex) -> None:
        paint_cell_background(painter, option)
        has_note, highlights = index.data(Roles.Marks) or (False, 0)
        if not has_note and not highlights:
            return
        painter.save()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
        rect = option.rect
        cy = rect.center().y()
        x = rect.left() + 5
        if has_note:
            # A small sheet with lines: reads as "note" without needing an icon file.
            sheet = QRectF(x, cy - 6, 10, 12)
            painter.setPen(QColor("#5b6b80"))
            painter.setBrush(QColor("#eef2f7"))
            painter.drawRoundedRect(sheet, 1.5, 1.5)
            for dy in (-2.5, 0.5, 3.5):
                painter.drawLine(int(x + 2), int(cy + dy), int(x + 8), int(cy + dy))
            x += 15
        if highlights:
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(QColor("#FFD43B"))
            painter.drawRoundedRect(QRectF(x, cy - 6, 5, 12), 1.5, 1.5)
            font = option.font
            font.setPointSizeF(max(7.0, font.pointSizeF() * 0.86))
            painter.setFont(font)
            painter.setPen(option.palette.text().color())
            painter.drawText(QRectF(x + 7, rect.top(), rect.right() - x - 7, rect.height()),
                             Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignLeft, str(highlights))
        painter.restore()

    def sizeHint(self, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex) -> QSize:
        return QSize(44, super().sizeHint(option, index).height())
