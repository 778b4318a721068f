"""The reading pane: the selected node's heading and text (and, for chapters and sections,
everything beneath it), with highlights drawn in their colours and selectable text to highlight."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QCoreApplication, QEvent, QPoint, Qt, Signal
from PySide6.QtGui import (QAction, QColor, QContextMenuEvent, QFont, QHelpEvent, QMouseEvent, QTextBlockFormat,
                           QTextCharFormat, QTextCursor, QTextDocument, QTextFormat)
from PySide6.QtWidgets import QMenu, QTextBrowser, QTextEdit, QToolTip, QWidget

from editor.core.annotations import Highlight, Node
from editor.core.conversion import Converted, Script, convert, find
from editor.ui.outline.model import display_label
from editor.ui.palette import HIGHLIGHT_COLORS, swatch_icon
from editor.ui.textoffsets import codepoint_offset, utf16_length, utf16_offset
from editor.ui.i18n import translate
from editor.ui.plain_text import plain_tooltip
from editor.ui.rich_body import apply_styles, open_link



@dataclass
class _BodySpan:
    """The text a node's highlights are in: its body, or the title of a node without one."""

    node: Node
    start: int  # document position (UTF-16) where the text begins
    length: int  # UTF-16 length of the text shown
    view: Converted  # node.anchor_text, and as shown (another script, maybe), offsets mapped
    fmt: QTextCharFormat  # how the text looks without highlights

    @property
    def text(self) -> str:
        """The text as shown in the pane."""
        return self.view.text

    def apply_styles(self, document: QTextDocument) -> None:
        """Bold, italic, code and links of the body, over the text as shown."""
        if self.node.styles and self.node.body:  # a bodyless title has none
            apply_styles(document, self.node.styles, self.position)

    def position(self, offset: int, *, end: bool = False) -> int:
        """Document position of code point ``offset`` of the text as written."""
        return self.start + utf16_offset(self.text, self.view.to_converted(offset, end=end))

    def offset(self, position: int, *, end: bool = False) -> int:
        """Code point of the text as written at document ``position`` (inside this span)."""
        return self.view.to_original(codepoint_offset(self.text, position - self.start), end=end)


@dataclass
class _HighlightSpan:
    highlight: Highlight
    start: int
    end: int


class ReadingPane(QTextBrowser):
    """Read-only text of the current node and its descendants, with highlights."""

    highlightActivated = Signal(str)  # a highlight was clicked
    highlightRequested = Signal(str, int, int, str)  # (node id, start, end in code points, colour)
    highlightRecolorRequested = Signal(str, str)  # (highlight id, colour)
    highlightDeleteRequested = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("ReadingPane")
        self.setOpenLinks(False)
        self.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse
                                     | Qt.TextInteractionFlag.TextSelectableByKeyboard)
        self.document().setDocumentMargin(28)
        self._bodies: list[_BodySpan] = []
        self._highlights: dict[str, list[_HighlightSpan]] = {}
        self._author_names: dict[str, str] = {}
        self._current_author = ""
        self._selected_highlight = ""
        self._editable = True
        self._root_id = ""
        self._script = Script.ORIGINAL

    # -- content ---------------------------------------------------------------------
    def set_editable(self, editable: bool) -> None:
        """False for a read-only database: no highlight actions are offered."""
        self._editable = editable

    def set_authors(self, names: dict[str, str], current_author_id: str) -> None:
        """Author names for tooltips on colleagues' highlights."""
        self._author_names = dict(names)
        self._current_author = current_author_id

    def set_script(self, script: Script) -> None:
        """Show Chinese text as written or converted to one script; the next ``show_nodes`` uses it.

        Display only: highlights are still made and stored against the text as written.
        """
        self._script = script

    def script(self) -> Script:
        """The script text is shown in."""
        return self._script

    def mark_matches(self, query: str) -> None:
        """Mark every occurrence of the outline filter's text, in either script, where it is shown.

        Extra selections, not character formats: they sit over the highlights without
        changing them and go away with the next call.
        """
        selections = []
        text = self.toPlainText()
        fmt = QTextCharFormat()
        fmt.setBackground(QColor("#ffe9a8"))
        fmt.setUnderlineStyle(QTextCharFormat.UnderlineStyle.SingleUnderline)
        fmt.setUnderlineColor(QColor("#d08a00"))
        at = 0
        while query.strip() and (span := find(text, query.strip(), at)) is not None:
            selection = QTextEdit.ExtraSelection()
            selection.cursor = QTextCursor(self.document())
            selection.cursor.setPosition(utf16_offset(text, span[0]))
            selection.cursor.setPosition(utf16_offset(text, span[1]), QTextCursor.MoveMode.KeepAnchor)
            selection.format = fmt
            selections.append(selection)
            at = max(span[1], span[0] + 1)
        self.setExtraSelections(selections)

    def matches(self) -> list[str]:
        """The text of each marked match, in document order."""
        return [selection.cursor.selectedText() for selection in self.extraSelections()]

    def root_node_id(self) -> str:
        """The node selected in the outline, shown first."""
        return self._root_id

    def shown_node_ids(self) -> list[str]:
        """Every node whose text is in the pane, in reading order."""
        return [span.node.id for span in self._bodies]

    def clear_content(self, message: str = "") -> None:
        """Show nothing but an optional message (an empty database, no selection)."""
        self._bodies = []
        self._highlights = {}
        self._root_id = ""
        self.document().clear()
        if message:
            cursor = QTextCursor(self.document())
            fmt = QTextCharFormat()
            fmt.setForeground(QColor("#7a8594"))
            cursor.insertText(message, fmt)

    def show_nodes(self, nodes: list[Node], highlights: dict[str, list[Highlight]],
                   breadcrumb: str = "", more: int = 0, pages: dict[str, int] | None = None) -> None:
        """Show ``nodes[0]`` with its descendants ``nodes[1:]`` in reading order.

        ``more``: how many further descendants were left out (said at the end); ``pages``: node id ->
        the page of the original it starts on, printed after its heading.
        """
        pages = pages or {}
        document = self.document()
        self.setUpdatesEnabled(False)
        try:
            document.clear()
            self._bodies = []
            self._highlights = {}
            self._selected_highlight = ""
            self._root_id = nodes[0].id if nodes else ""
            cursor = QTextCursor(document)
            base_font = self.font()
            base_size = base_font.pointSizeF() if base_font.pointSizeF() > 0 else 10.0
            first = True
            if breadcrumb:
                crumb_fmt = QTextCharFormat()
                crumb_fmt.setForeground(QColor("#7a8594"))
                crumb_fmt.setFontPointSize(base_size * 0.92)
                cursor.setBlockFormat(self._block_format(0, 6))
                cursor.insertText(convert(breadcrumb, self._script).text, crumb_fmt)
                first = False
            root_level = nodes[0].level if nodes else 1
            for node in nodes:
                depth = node.level - root_level
                heading_fmt = QTextCharFormat()
                heading_fmt.setFontWeight(QFont.Weight.Bold)
                heading_fmt.setForeground(QColor("#1d2a3a"))
                heading_fmt.setFontPointSize(base_size * (1.45 if depth == 0 else 1.2 if depth == 1 else 1.05))
                if not first:
                    cursor.insertBlock()
                cursor.setBlockFormat(self._block_format(0 if first else (20 if depth <= 1 else 12), 6))
                label = display_label(node)
                if not node.body and node.title and label.endswith(node.title):
                    # Without a body the title is what can be highlighted (Node.anchor_text).
                    view = convert(node.title, self._script)
                    cursor.insertText(convert(label[:-len(node.title)], self._script).text, heading_fmt)
                    start = cursor.position()
                    cursor.insertText(view.text, heading_fmt)
                    self._bodies.append(_BodySpan(node, start, utf16_length(view.text), view, heading_fmt))
                    self._apply_highlights(node.id, highlights.get(node.id, []))
                else:
                    cursor.insertText(convert(label, self._script).text, heading_fmt)
                first = False
                if node.id in pages:
                    page_fmt = QTextCharFormat()
                    page_fmt.setForeground(QColor("#7a8594"))
                    page_fmt.setFontPointSize(base_size * 0.92)
                    cursor.insertText("\u2003" + translate("ReadingPane", "p. {page}").format(page=pages[node.id]),
                                      page_fmt)
                if node.body:
                    cursor.insertBlock()
                    cursor.setBlockFormat(self._block_format(0, 0, line_height=160))
                    start = cursor.position()
                    body_fmt = self._body_format(base_size)
                    view = convert(node.body, self._script)
                    cursor.insertText(view.text, body_fmt)
                    self._bodies.append(_BodySpan(node, start, utf16_length(view.text), view, body_fmt))
                    self._bodies[-1].apply_styles(document)
                    self._apply_highlights(node.id, highlights.get(node.id, []))
                elif not self._has_children(nodes, node):
                    # Chapters and sections often have no text of their own; a point without text
                    # means the source stopped early, which the reader should be told.
                    missing = QTextCharFormat()
                    missing.setFontItalic(True)
                    missing.setForeground(QColor("#8a94a3"))
                    missing.setFontPointSize(base_size * 0.95)
                    cursor.insertBlock()
                    cursor.setBlockFormat(self._block_format(0, 0))
                    cursor.insertText(translate("ReadingPane", "No text for this point in the source."), missing)
            if more:
                note = QTextCharFormat()
                note.setFontItalic(True)
                note.setForeground(QColor("#6b7685"))
                cursor.insertBlock()
                cursor.setBlockFormat(self._block_format(20, 0))
                cursor.insertText(translate("ReadingPane", "… and {count} more parts below this one; select a "
                                            "section in the outline to read on.").format(count=more), note)
            self.moveCursor(QTextCursor.MoveOperation.Start)
        finally:
            self.setUpdatesEnabled(True)

    @staticmethod
    def _has_children(nodes: list[Node], node: Node) -> bool:
        return any(other.parent_id == node.id for other in nodes)

    @staticmethod
    def _block_format(top: float, bottom: float, line_height: int = 130) -> QTextBlockFormat:
        fmt = QTextBlockFormat()
        fmt.setTopMargin(top)
        fmt.setBottomMargin(bottom)
        fmt.setLineHeight(line_height, QTextBlockFormat.LineHeightTypes.ProportionalHeight.value)
        return fmt

    @staticmethod
    def _body_format(base_size: float) -> QTextCharFormat:
        fmt = QTextCharFormat()
        fmt.setFontPointSize(base_size * 1.08)
        fmt.setForeground(QColor("#222a33"))
        return fmt

    def update_highlights(self, node_id: str, highlights: list[Highlight]) -> None:
        """Redraw one node's highlights after an edit, keeping the scroll position."""
        span = self._body(node_id)
        if span is None or not span.length:
            return
        cursor = QTextCursor(self.document())
        cursor.setPosition(span.start)
        cursor.setPosition(span.start + span.length, QTextCursor.MoveMode.KeepAnchor)
        cursor.setCharFormat(span.fmt)
        span.apply_styles(self.document())
        self._apply_highlights(node_id, highlights)

    def _apply_highlights(self, node_id: str, highlights: list[Highlight]) -> None:
        span = self._body(node_id)
        if span is None:
            return
        spans: list[_HighlightSpan] = []
        for highlight in highlights:
            start = span.position(highlight.start)
            end = span.position(highlight.end, end=True)
            if end <= start:
                continue
            spans.append(_HighlightSpan(highlight, start, end))
            fmt = QTextCharFormat()
            fmt.setBackground(QColor(highlight.color))
            if highlight.id == self._selected_highlight:
                # The one being edited is underlined solidly, whoever made it.
                fmt.setUnderlineStyle(QTextCharFormat.UnderlineStyle.SingleUnderline)
                fmt.setUnderlineColor(QColor(highlight.color).darker(170))
            elif highlight.author_id != self._current_author:
                # Colleagues' highlights carry a dotted underline so ownership is visible at a glance.
                fmt.setUnderlineStyle(QTextCharFormat.UnderlineStyle.DotLine)
                fmt.setUnderlineColor(QColor(highlight.color).darker(200))
            fmt.setProperty(QTextFormat.Property.UserProperty, highlight.id)
            cursor = QTextCursor(self.document())
            cursor.setPosition(start)
            cursor.setPosition(end, QTextCursor.MoveMode.KeepAnchor)
            cursor.mergeCharFormat(fmt)
        self._highlights[node_id] = spans

    def _body(self, node_id: str) -> _BodySpan | None:
        return next((span for span in self._bodies if span.node.id == node_id), None)

    # -- highlights ----------------------------------------------------------------------
    def select_highlight(self, highlight_id: str) -> None:
        """Mark a highlight as the one being edited and scroll it into view."""
        previous = self._selected_highlight
        self._selected_highlight = highlight_id
        for node_id, spans in list(self._highlights.items()):
            ids = {s.highlight.id for s in spans}
            if highlight_id in ids or previous in ids:
                self.update_highlights(node_id, [s.highlight for s in spans])
        for spans in self._highlights.values():
            for span in spans:
                if span.highlight.id == highlight_id:
                    cursor = QTextCursor(self.document())
                    cursor.setPosition(span.start)
                    self.setTextCursor(cursor)
                    self.ensureCursorVisible()
                    return

    def highlight_at(self, position: int) -> Highlight | None:
        """The highlight covering a document position (the latest one if several overlap)."""
        found = None
        for spans in self._highlights.values():
            for span in spans:
                if span.start <= position < span.end:
                    found = span.highlight
        return found

    def highlight_range(self, highlight_id: str) -> tuple[int, int] | None:
        """Document positions (UTF-16) a highlight covers, e.g. to check what is painted."""
        for spans in self._highlights.values():
            for span in spans:
                if span.highlight.id == highlight_id:
                    return span.start, span.end
        return None

    def select_body_text(self, node_id: str, start: int, end: int) -> None:
        """Select code points ``start:end`` of a node's body (title if it has none), as a mouse drag would."""
        span = self._body(node_id)
        if span is None:
            return
        cursor = QTextCursor(self.document())
        cursor.setPosition(span.position(start))
        cursor.setPosition(span.position(end, end=True), QTextCursor.MoveMode.KeepAnchor)
        self.setTextCursor(cursor)

    def selection_span(self) -> tuple[str, int, int] | None:
        """(node id, start, end) in code points of the text as written, for the selection inside one body
        (or bodyless title), else None.

        A selection that strays into a heading is trimmed to the text it mostly covers.
        """
        cursor = self.textCursor()
        if not cursor.hasSelection():
            return None
        sel_start, sel_end = cursor.selectionStart(), cursor.selectionEnd()
        best: tuple[int, _BodySpan] | None = None
        for span in self._bodies:
            overlap = min(sel_end, span.start + span.length) - max(sel_start, span.start)
            if overlap > 0 and (best is None or overlap > best[0]):
                best = (overlap, span)
        if best is None:
            return None
        span = best[1]
        # Offsets of the text as written, whatever script it is shown in.
        start = span.offset(max(sel_start, span.start))
        end = span.offset(min(sel_end, span.start + span.length), end=True)
        if end <= start:
            return None
        return span.node.id, start, end

    # -- mouse, tooltips, context menu -----------------------------------------------------
    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        super().mouseReleaseEvent(event)
        if event.button() == Qt.MouseButton.LeftButton and not self.textCursor().hasSelection():
            href = self.anchorAt(event.position().toPoint())
            if href:  # a click on a link of the body opens it (only http, https, mailto)
                open_link(href)
                return
            highlight = self.highlight_at(self.cursorForPosition(event.position().toPoint()).position())
            if highlight is not None:
                self.highlightActivated.emit(highlight.id)

    def event(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.ToolTip and isinstance(event, QHelpEvent):
            highlight = self.highlight_at(self.cursorForPosition(
                self.viewport().mapFromGlobal(event.globalPos())).position())
            if highlight is not None:
                QToolTip.showText(event.globalPos(), plain_tooltip(self.tooltip_for(highlight)), self)
            else:
                QToolTip.hideText()
            return True
        return super().event(event)

    def tooltip_for(self, highlight: Highlight) -> str:
        """What hovering a highlight says: who made it, and its comment."""
        author = self._author_names.get(highlight.author_id, "")
        lines = [translate("ReadingPane", "Highlighted by {author}").format(author=author) if author
                 else translate("ReadingPane", "Highlight")]
        if highlight.comment_text:
            lines.append(highlight.comment_text)
        return "\n".join(lines)

    def contextMenuEvent(self, event: QContextMenuEvent) -> None:
        menu = self.build_context_menu(event.pos())
        menu.exec(event.globalPos())
        menu.deleteLater()

    def build_context_menu(self, pos: QPoint) -> QMenu:
        """The right-click menu at viewport position ``pos`` (separate so tests can inspect it)."""
        menu = self.createStandardContextMenu(pos)
        selection = self.selection_span()
        if self._editable and selection is not None:
            node_id, start, end = selection
            menu.addSeparator()
            add = QMenu(translate("ReadingPane", "Highlight selection"), menu)
            for color, name in HIGHLIGHT_COLORS:
                action = QAction(swatch_icon(color), QCoreApplication.translate("Palette", name), add)
                action.triggered.connect(
                    lambda _=False, c=color: self.highlightRequested.emit(node_id, start, end, c))
                add.addAction(action)
            menu.addMenu(add)
        highlight = self.highlight_at(self.cursorForPosition(pos).position())
        if highlight is not None:
            menu.addSeparator()
            show = menu.addAction(translate("ReadingPane", "Show highlight in inspector"))
            show.triggered.connect(lambda: self.highlightActivated.emit(highlight.id))
            if self._editable and highlight.author_id == self._current_author:
                recolor = QMenu(translate("ReadingPane", "Highlight colour"), menu)
                for color, name in HIGHLIGHT_COLORS:
                    action = QAction(swatch_icon(color), QCoreApplication.translate("Palette", name), recolor)
                    action.setCheckable(True)
                    action.setChecked(color.casefold() == highlight.color.casefold())
                    action.triggered.connect(
                        lambda _=False, c=color: self.highlightRecolorRequested.emit(highlight.id, c))
                    recolor.addAction(action)
                menu.addMenu(recolor)
                delete = menu.addAction(translate("ReadingPane", "Delete highlight"))
                delete.triggered.connect(lambda: self.highlightDeleteRequested.emit(highlight.id))
        return menu


def plain_text_at(document: QTextDocument, start: int, end: int) -> str:
    """Text between two document positions (for tests and accessibility checks)."""
    cursor = QTextCursor(document)
    cursor.setPosition(start)
    cursor.setPosition(end, QTextCursor.MoveMode.KeepAnchor)
    return cursor.selectedText()
