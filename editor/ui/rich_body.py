"""Bold, italic, code and links of a node's body drawn over its plain text in the reading pane.

Character formats only: the document's plain text stays the body as shown, so highlight
and search-mark positions are unchanged.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QUrl
from PySide6.QtGui import QColor, QDesktopServices, QFont, QTextCharFormat, QTextCursor, QTextDocument

from editor.core.styles import BOLD, CODE, ITALIC, LINK, Style, safe_href

LINK_COLOR = "#1a5fb4"


def style_format(style: Style) -> QTextCharFormat:
    """How one kind of span looks."""
    fmt = QTextCharFormat()
    if style.kind == BOLD:
        fmt.setFontWeight(QFont.Weight.Bold)
    elif style.kind == ITALIC:
        fmt.setFontItalic(True)
    elif style.kind == CODE:
        fmt.setFontFamilies(["monospace"])
        fmt.setBackground(QColor("#f0f2f5"))
    elif style.kind == LINK:
        fmt.setAnchor(True)
        fmt.setAnchorHref(style.href)
        fmt.setForeground(QColor(LINK_COLOR))
        fmt.setFontUnderline(True)
        fmt.setToolTip(style.href)
    return fmt


def apply_styles(document: QTextDocument, styles: tuple[Style, ...],
                 position: Callable[..., int]) -> None:
    """Merge each style's format over its text; ``position(offset, end=...)`` maps body offsets to the document."""
    for style in styles:
        start, end = position(style.start), position(style.end, end=True)
        if end <= start:
            continue
        cursor = QTextCursor(document)
        cursor.setPosition(start)
        cursor.setPosition(end, QTextCursor.MoveMode.KeepAnchor)
        cursor.mergeCharFormat(style_format(style))


def open_link(href: str) -> bool:
    """Open a link of a body in the desktop's browser or mail program, only when it is http, https or mailto."""
    safe = safe_href(href)
    if not safe:
        return False
    return QDesktopServices.openUrl(QUrl(safe))
