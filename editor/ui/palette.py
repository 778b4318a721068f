"""Highlight colours offered in menus: soft marker tones that keep black text readable."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QColor, QIcon, QPainter, QPixmap

from editor.core.colors import DEFAULT_HIGHLIGHT_COLOR
from editor.ui.i18n import QT_TRANSLATE_NOOP


# (colour, name to translate); the first is the default.
HIGHLIGHT_COLORS: tuple[tuple[str, str], ...] = (
    (DEFAULT_HIGHLIGHT_COLOR, QT_TRANSLATE_NOOP("Palette", "Yellow")),
    ("#B2F2BB", QT_TRANSLATE_NOOP("Palette", "Green")),
    ("#A5D8FF", QT_TRANSLATE_NOOP("Palette", "Blue")),
    ("#FCC2D7", QT_TRANSLATE_NOOP("Palette", "Pink")),
    ("#FFD8A8", QT_TRANSLATE_NOOP("Palette", "Orange")),
    ("#D0BFFF", QT_TRANSLATE_NOOP("Palette", "Purple")),
)


def color_name(color: str) -> str:
    """Translated name of a palette colour, or the hex code for any other colour."""
    for value, name in HIGHLIGHT_COLORS:
        if value.casefold() == color.casefold():
            return QCoreApplication.translate("Palette", name)
    return color


def swatch_icon(color: str, size: int = 14) -> QIcon:
    """A small rounded colour square for menus and lists."""
    pixmap = QPixmap(size, size)
    pixmap.fill(QColor(0, 0, 0, 0))
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
    painter.setPen(QColor(color).darker(130))
    painter.setBrush(QColor(color))
    painter.drawRoundedRect(1, 1, size - 2, size - 2, 3, 3)
    painter.end()
    return QIcon(pixmap)
