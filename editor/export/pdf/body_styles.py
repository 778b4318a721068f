"""Bold, italic and links of a body in the exported PDF, over text already laid out with its highlights.

Formats are merged over the inserted text, so the positions the highlight marks noted
stay right. Bold and italic come from the export's font family (a face of its own where
the family has one; Qt makes an oblique one for a CJK family without italics). Links are
printed in the link colour, underlined, as PDF links.
"""

from __future__ import annotations

from PySide6.QtGui import QColor, QFont, QTextCharFormat, QTextCursor, QTextDocument

from editor.core.styles import BOLD, ITALIC, LINK, Style

LINK_INK = "#1a4f8b"


def _utf16(text: str) -> int:
    return len(text.encode("utf-16-le")) // 2


def print_styles(document: QTextDocument, begin: int, body: str, styles: tuple[Style, ...]) -> None:
    """Merge the styles of ``body``, inserted at document position ``begin``, over it."""
    for style in styles:
        fmt = QTextCharFormat()
        if style.kind == BOLD:
            fmt.setFontWeight(QFont.Weight.Bold)
        elif style.kind == ITALIC:
            fmt.setFontItalic(True)
        elif style.kind == LINK:
            fmt.setAnchor(True)
            fmt.setAnchorHref(style.href)
            fmt.setForeground(QColor(LINK_INK))
            fmt.setFontUnderline(True)
        else:
            continue  # code keeps the body's font: the bundled families have no monospace face
        start = begin + _utf16(body[:style.start])
        end = start + _utf16(body[style.start:style.end])
        cursor = QTextCursor(document)
        cursor.setPosition(start)
        cursor.setPosition(end, QTextCursor.MoveMode.KeepAnchor)
        cursor.mergeCharFormat(fmt)
