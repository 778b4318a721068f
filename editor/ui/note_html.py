"""Turn a rich-text QTextDocument into the small, clean HTML that notes are stored as.

``QTextEdit.toHtml()`` emits a whole page of inline CSS (margins, font sizes,
``-qt-`` properties) that would bloat the database and every export. This
writer walks the document and emits only what the note toolbar can produce:
paragraphs, bold, italic, underline, strike-out, text colour, links and nested
bullet/numbered lists. Reading the result back and writing it again yields the
same string, so "unchanged note" can be detected by comparing text.
"""

from __future__ import annotations

import html as html_lib

from PySide6.QtGui import QFont, QTextBlock, QTextDocument, QTextFormat, QTextListFormat

# What QTextEdit should apply when it loads stored HTML: compact paragraphs, so a
# note looks the same after reopening as while it was typed.
NOTE_STYLESHEET = "p, li { margin-top: 0px; margin-bottom: 4px; } ul, ol { margin-top: 0px; margin-bottom: 4px; }"

_ORDERED_STYLES = {
    QTextListFormat.Style.ListDecimal,
    QTextListFormat.Style.ListLowerAlpha,
    QTextListFormat.Style.ListUpperAlpha,
    QTextListFormat.Style.ListLowerRoman,
    QTextListFormat.Style.ListUpperRoman,
}
_LINE_SEPARATOR = "\u2028"  # Shift+Enter inside a paragraph
_OBJECT_REPLACEMENT = "\ufffc"  # an embedded image or object: never stored


def _inline_html(block: QTextBlock) -> str:
    parts: list[str] = []
    it = block.begin()
    while not it.atEnd():
        fragment = it.fragment()
        it += 1
        if not fragment.isValid():
            continue
        text = fragment.text().replace(_OBJECT_REPLACEMENT, "")
        if not text:
            continue
        fmt = fragment.charFormat()
        piece = html_lib.escape(text, quote=False).replace(_LINE_SEPARATOR, "<br>")
        if fmt.fontStrikeOut():
            piece = f"<s>{piece}</s>"
        href = fmt.anchorHref() if fmt.isAnchor() else ""
        # A link is underlined by its own style; only mark underline the writer chose.
        if fmt.fontUnderline() and not href:
            piece = f"<u>{piece}</u>"
        if fmt.fontItalic():
            piece = f"<i>{piece}</i>"
        if fmt.fontWeight() >= QFont.Weight.DemiBold.value:
            piece = f"<b>{piece}</b>"
        if fmt.hasProperty(QTextFormat.Property.ForegroundBrush) and not href:
            color = fmt.foreground().color()
            if color.isValid() and color.alpha() > 0:
                piece = f'<span style="color: {color.name()}">{piece}</span>'
        if href:
            piece = f'<a href="{html_lib.escape(href, quote=True)}">{piece}</a>'
        parts.append(piece)
    return "".join(parts)


def document_to_html(document: QTextDocument) -> str:
    """Clean HTML for ``document``; an empty document gives ``""``."""
    out: list[str] = []
    # Open lists, innermost last: [list object index, tag, indent, an <li> is open].
    stack: list[list] = []

    def close_to(depth: int) -> None:
        while len(stack) > depth:
            _, tag, _, li_open = stack.pop()
            if li_open:
                out.append("</li>")
            out.append(f"</{tag}>")

    block = document.begin()
    while block.isValid():
        inline = _inline_html(block)
        text_list = block.textList()
        if text_list is None:
            close_to(0)
            out.append(f"<p>{inline}</p>")
        else:
            index = text_list.objectIndex()
            indent = text_list.format().indent()
            depth = next((i for i, entry in enumerate(stack) if entry[0] == index), None)
            if depth is not None:
                close_to(depth + 1)
            else:
                # A list indented deeper than the open one nests inside its current item.
                while stack and stack[-1][2] >= indent:
                    close_to(len(stack) - 1)
                tag = "ol" if text_list.format().style() in _ORDERED_STYLES else "ul"
                out.append(f"<{tag}>")
                stack.append([index, tag, indent, False])
            entry = stack[-1]
            if entry[3]:
                out.append("</li>")
            out.append(f"<li>{inline}")
            entry[3] = True
        block = block.next()
    close_to(0)
    # Trailing empty paragraphs are the cursor's resting place, not content.
    while out and out[-1] == "<p></p>":
        out.pop()
    return "".join(out)
