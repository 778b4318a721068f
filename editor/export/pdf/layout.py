"""The report as text documents: one QTextDocument per chapter, with its annotation panels.

Each chapter (with its sections and points) becomes its own document, laid out on
the PDF writer at the size of the page's text column: chapters start on a new page
anyway, a failed or cancelled export stops between chapters, and no single layout
pass has to hold a 9,000-node report. While building, the positions of headings and
highlighted spans are recorded (document positions, UTF-16 units as Qt counts them)
so that bookmarks and PDF annotations can be placed over them after layout.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from collections.abc import Callable

from PySide6.QtGui import (
    QColor, QFont, QFontMetricsF, QTextBlock, QTextBlockFormat, QTextCharFormat, QTextCursor, QTextDocument,
)

from editor.core.annotations import Highlight
from editor.core.report import repeated_title_length

from editor.export.collect import ExportDocument, HighlightEntry, NodeEntry
from editor.export.pdf.body_styles import print_styles
from editor.export.pdf.objects import CHIP_TYPE, OBJECT_CHARACTER, ChipRenderer
from editor.export.pdf.style import BODY_SIZE, PANEL_SIZE, TextStyles, deepen, marker_label, parse_colour

_PLAIN_PARAGRAPHS = re.compile(r"^(?:<p>[^<>&]*</p>)+$")
_QUOTE_LIMIT = 36  # characters of a highlighted passage repeated in the panel
_PROGRESS_EVERY = 250  # nodes between progress reports inside one (long) chapter


@dataclass
class HeadingMark:
    """Where a node's heading starts in its chapter document."""

    entry: NodeEntry
    label: str  # number and title, as printed and as bookmarked
    block: QTextBlock  # the heading's paragraph (a handle that stays valid while the text is unchanged)
    line_height: float = 0.0  # of the heading's font on the paint device (0: unknown)
    run_in: bool = False  # the heading opens its body's paragraph (the title is the body's first sentence)


@dataclass
class HighlightMark:
    """A highlighted span of a body in its chapter document, with the marker keyed to its comment."""

    entry: HighlightEntry
    marker: str
    start: int
    end: int

    @property
    def highlight(self) -> Highlight:
        """The stored highlight."""
        return self.entry.highlight


@dataclass
class ChapterDocument:
    """One chapter laid out as a document, with the marks to place bookmarks and annotations."""

    document: QTextDocument
    renderer: ChipRenderer  # the document's chip painter; kept alive with the document
    running_title: str
    start_at: float = 0.0  # > 0: begins on the previous chapter's last page, this far down (device units)
    headings: list[HeadingMark] = field(default_factory=list)
    highlights: list[HighlightMark] = field(default_factory=list)

    @property
    def node_count(self) -> int:
        """Nodes printed in the chapter (its headings)."""
        return len(self.headings)

    @property
    def shares_first_page(self) -> bool:
        """Whether the chapter begins on the page where the previous one ends."""
        return self.start_at > 0

    def used_height(self) -> float:
        """How far down its last page the chapter's content reaches (device units)."""
        doc = self.document
        page_height = doc.pageSize().height()
        bottom = doc.documentLayout().blockBoundingRect(doc.lastBlock()).bottom()
        return bottom - (doc.pageCount() - 1) * page_height


def heading_label(entry: NodeEntry) -> str:
    """A node's heading as printed: "一、標題" for a chapter numbered in Chinese, "1.1 標題" otherwise."""
    node = entry.node
    number = node.number.strip()
    if not number:
        return node.title
    if number[-1] in "、.．)）":
        return f"{number}{node.title}" if number[-1] == "、" else f"{number} {node.title}"
    if not number[0].isascii():
        return f"{number}、{node.title}"
    return f"{number} {node.title}"


def original_page_citation(page: int) -> str:
    """Where a node stands in the document it was imported from, as the PDF cites it."""
    # No-break spaces: the citation is never split over two lines (or two pages).
    return f"p.\u00a0{page}\u00a0of\u00a0the\u00a0original"


def split_chapters(entries: tuple[NodeEntry, ...]) -> list[list[NodeEntry]]:
    """The export's nodes cut into chapters: a new group at every top-level node."""
    groups: list[list[NodeEntry]] = []
    for entry in entries:
        if entry.node.parent_id is None or not groups:
            groups.append([])
        groups[-1].append(entry)
    return groups


def _keep_shaping(doc: QTextDocument) -> None:
    """Let every block keep its shaped glyphs after layout, for painting.

    QTextLayout drops its shaping at the end of layout unless asked to keep it, and
    painting then shapes every line again: measured, a third of the time spent painting.
    """
    block = doc.begin()
    while block.isValid():
        block.layout().setCacheEnabled(True)
        block = block.next()


class ChapterBuilder:
    """Builds chapter documents for one export and collects every character it prints."""

    def __init__(self, export: ExportDocument, styles: TextStyles, device) -> None:
        self.export = export
        self.styles = styles
        self.device = device
        self.characters: set[str] = set()
        self._chip_font = styles.fonts.font(PANEL_SIZE - 0.5)
        self._tag_colours = {tag.name.casefold(): parse_colour(tag.color, "#8A94A6") for tag in export.tags}
        self._formats: dict = {}
        self._spacer_line = QFontMetricsF(styles.spacer.font(), device).height()  # the spacer's own line

    def build(self, entries: list[NodeEntry], start_at: float = 0.0,
              progress: Callable[[int], None] | None = None) -> ChapterDocument:
        """A chapter document for ``entries`` (a chapter and its descendants), laid out.

        ``start_at``: where on its first page the chapter begins (device units from the top
        of the text column); 0 starts it on a page of its own. ``progress(nodes)`` is told
        how many more nodes went in, every few hundred and at the end.
        """
        styles = self.styles
        doc = QTextDocument()
        doc.setUndoRedoEnabled(False)
        doc.setDocumentMargin(0)
        doc.setDefaultFont(styles.fonts.font(BODY_SIZE))
        doc.setIndentWidth(styles.geometry.css(13))
        renderer = ChipRenderer(self._chip_font, self.device, styles.fonts, doc)
        # The layout exists, on the PDF writer, before the text goes in; the edit block below
        # makes it lay the chapter out once at the end rather than after every insertion.
        layout = doc.documentLayout()
        layout.registerHandler(CHIP_TYPE, renderer)
        layout.setPaintDevice(self.device)
        doc.setPageSize(styles.geometry.body_size_px())
        chapter = ChapterDocument(doc, renderer, heading_label(entries[0]), start_at)
        cursor = QTextCursor(doc)
        cursor.beginEditBlock()
        fresh = True
        if start_at > 0:
            # Follow the previous chapter on its last page: an empty first paragraph holds the room
            # that chapter used (Qt drops a top margin at the top of a page, not a bottom margin).
            spacer = QTextBlockFormat()
            spacer.setBottomMargin(styles.geometry.css((start_at - self._spacer_line) * styles.geometry.scale)
                                   + styles.chapter_gap)
            cursor.setBlockFormat(spacer)
            cursor.setBlockCharFormat(styles.spacer)
            fresh = False
        reported = 0
        for index, entry in enumerate(entries, 1):
            fresh = self._node(cursor, entry, chapter, fresh)
            if progress is not None and index - reported >= _PROGRESS_EVERY:
                progress(index - reported)
                reported = index
        self._set_fallback_runs(doc)
        _keep_shaping(doc)
        cursor.endEditBlock()
        self.characters.update(doc.toPlainText())
        if progress is not None:
            progress(len(entries) - reported)
        return chapter

    def _set_fallback_runs(self, doc: QTextDocument) -> None:
        """Set what the main family lacks (emoji) in its outline fallback, so it prints as copyable text."""
        runs = self.styles.fonts.fallback_runs(doc.toPlainText())
        span = QTextCursor(doc)
        for start, end, family in runs:
            span.setPosition(start)
            span.setPosition(end, QTextCursor.MoveMode.KeepAnchor)
            fallback = QTextCharFormat()
            fallback.setFontFamilies([family])
            fallback.setFontStyleStrategy(QFont.StyleStrategy.NoFontMerging)  # this family, not the emoji font
            span.mergeCharFormat(fallback)

    # -- one node -------------------------------------------------------------------

    def _node(self, cursor: QTextCursor, entry: NodeEntry, chapter: ChapterDocument, fresh: bool) -> bool:
        """Insert a node's heading, body and panel; returns whether the cursor sits in an empty block."""
        node = entry.node
        repeated = 0 if entry.context_only else repeated_title_length(node.title, node.body)
        label = heading_label(entry)
        if repeated:
            # The title is the body's first sentence: print it once, in bold, opening the paragraph.
            block_format, char_format = self.styles.run_in_block(node.level), self.styles.run_in
        else:
            block_format, char_format = self.styles.heading(node.level, entry.context_only)
        if fresh:
            cursor.setBlockFormat(block_format)
            cursor.setBlockCharFormat(char_format)
        else:
            cursor.insertBlock(block_format, char_format)
        chapter.headings.append(HeadingMark(entry, label, cursor.block(), self._line_height(char_format),
                                            run_in=bool(repeated)))
        page = self.export.original_page(node.id)
        if repeated:
            number = label[:len(label) - len(node.title)] if label.endswith(node.title) else ""
            cursor.insertText(number, char_format)
            self._body(cursor, entry, chapter, bold=repeated)
            if page:
                cursor.insertText(f" ({original_page_citation(page)})", self.styles.panel_muted)
        elif entry.highlights and not node.body and not entry.context_only and label.endswith(node.title):
            # A node without body has its highlights in its title (anchor_text).
            cursor.insertText(label[:len(label) - len(node.title)], char_format)
            self._marked(cursor, node.title, entry, chapter, 0, char_format, char_format)
            if page:
                cursor.insertText(f"\u2003{original_page_citation(page)}", self.styles.panel_muted)
        else:
            cursor.insertText(label, char_format)
            if page:
                cursor.insertText(f"\u2003{original_page_citation(page)}", self.styles.panel_muted)
        if entry.context_only:
            return False
        if node.body and not repeated:
            self._body(cursor, entry, chapter)
        if entry.annotated:
            self._panel(cursor, entry)
            return True
        return False

    def _body(self, cursor: QTextCursor, entry: NodeEntry, chapter: ChapterDocument, bold: int = 0) -> None:
        """Insert a node's body, noting where its highlights are; ``bold`` > 0: continue the run-in
        heading's paragraph, the first ``bold`` characters (the repeated title) in its bold."""
        styles = self.styles
        body = entry.node.body
        if not bold:
            cursor.insertBlock(styles.body_block, styles.body)
        begin = cursor.position()
        if not entry.highlights:
            if bold:
                cursor.insertText(body[:bold], styles.run_in)
                cursor.insertText(body[bold:], styles.body)
            else:
                cursor.insertText(body, styles.body)
        else:
            self._marked(cursor, body, entry, chapter, bold, styles.run_in, styles.body)
        if entry.node.styles:
            print_styles(cursor.document(), begin, body, entry.node.styles)

    @staticmethod
    def _marked(cursor: QTextCursor, body: str, entry: NodeEntry, chapter: ChapterDocument, bold: int,
                bold_format: QTextCharFormat, text_format: QTextCharFormat) -> None:
        """Insert ``body`` (the first ``bold`` characters in ``bold_format``), noting where its highlights are."""
        starts: dict[int, list[HighlightMark]] = {}
        ends: dict[int, list[HighlightMark]] = {}
        for number, item in enumerate(entry.highlights, 1):
            h = item.highlight
            start, end = max(0, min(h.start, len(body))), max(0, min(h.end, len(body)))
            if end <= start:
                continue  # offsets drifted past the text: listed in the panel, not drawn
            mark = HighlightMark(item, marker_label(number), -1, -1)
            chapter.highlights.append(mark)
            starts.setdefault(start, []).append(mark)
            ends.setdefault(end, []).append(mark)
        offset = 0
        for boundary in sorted(set(starts) | set(ends) | {len(body), bold}):
            if boundary > offset:
                cursor.insertText(body[offset:boundary], bold_format if boundary <= bold else text_format)
                offset = boundary
            for mark in ends.get(boundary, ()):
                # The marker (①) is drawn in the margin beside the passage's last line, not in the text.
                mark.end = cursor.position()
            for mark in starts.get(boundary, ()):
                mark.start = cursor.position()

    # -- formats made once per export -------------------------------------------------

    def _tinted(self, base: QTextCharFormat, colour: str) -> QTextCharFormat:
        """``base`` in a deeper shade of a highlight colour (markers), one format per colour."""
        key = (id(base), colour)
        fmt = self._formats.get(key)
        if fmt is None:
            fmt = QTextCharFormat(base)
            fmt.setForeground(deepen(parse_colour(colour)))
            self._formats[key] = fmt
        return fmt

    def _line_height(self, fmt: QTextCharFormat) -> float:
        """Height of one line in ``fmt``'s font on the PDF writer (what a heading's first line takes)."""
        key = ("line", id(fmt))
        height = self._formats.get(key)
        if height is None:
            height = self._formats[key] = QFontMetricsF(fmt.font(), self.device).height()
        return height

    def _chip_format(self, name: str) -> QTextCharFormat:
        fmt = self._formats.get(name)
        if fmt is None:
            colour = self._tag_colours.get(name.casefold(), QColor("#8A94A6"))
            fmt = self._formats[name] = ChipRenderer.chip_format(name, colour)
            self.characters.update(name)  # drawn by the chip renderer, not part of the text
        return fmt

    # -- the annotation panel -------------------------------------------------------

    def _panel(self, cursor: QTextCursor, entry: NodeEntry) -> None:
        styles = self.styles
        frame = cursor.insertFrame(styles.panel_frame)
        lines = _Lines(cursor, styles.panel_block, styles.panel_text)
        if entry.tags:
            lines.start()
            self._chips(cursor, entry.tag_names())
        self._ratings(lines, entry)
        for note in entry.notes:
            lines.start()
            cursor.insertText("Note", styles.panel_label)
            cursor.insertText(f" · {self.export.author_name(note.author_id)}", styles.panel_muted)
            lines.start()
            self._rich(cursor, note.html, note.text, styles.note_indent)
        for number, item in enumerate(entry.highlights, 1):
            lines.start()
            self._highlight_line(cursor, item, number)
        # Leave the frame: the next node starts in the empty block Qt keeps after it.
        cursor.setPosition(frame.lastPosition() + 1)

    def _chips(self, cursor: QTextCursor, names: tuple[str, ...]) -> None:
        for index, name in enumerate(names):
            if index:
                cursor.insertText("\u2002", self.styles.panel_text)  # an en space between chips
            cursor.insertText(OBJECT_CHARACTER, self._chip_format(name))

    def _ratings(self, lines: _Lines, entry: NodeEntry) -> None:
        styles = self.styles
        cursor = lines.cursor
        several = len({r.author_id for r in entry.ratings}) > 1
        for dimension in self.export.dimensions:
            values = entry.ratings_for(dimension.id)
            if not values:
                continue
            lines.start(styles.rating_block)
            cursor.insertText(f"{dimension.name}\t", styles.panel_label)
            for index, (author_id, value) in enumerate(values.items()):
                if index:
                    cursor.insertText("\u2003", styles.panel_text)
                filled = max(0, min(value - dimension.min + 1, dimension.max - dimension.min + 1))
                empty = dimension.max - dimension.min + 1 - filled
                cursor.insertText("★" * filled, styles.star_on)
                if empty:
                    cursor.insertText("☆" * empty, styles.star_off)
                suffix = f" {self.export.author_name(author_id)}" if several else f" {value}/{dimension.max}"
                cursor.insertText(suffix, styles.panel_muted)

    def _highlight_line(self, cursor: QTextCursor, item: HighlightEntry, number: int) -> None:
        styles = self.styles
        h = item.highlight
        cursor.insertText(f"{marker_label(number)} ", self._tinted(styles.panel_label, h.color))
        quote = h.exact if len(h.exact) <= _QUOTE_LIMIT else h.exact[:_QUOTE_LIMIT - 1] + "…"
        cursor.insertText(f"“{quote}”", styles.panel_quote)
        if h.comment_text.strip():
            cursor.insertText("  ", styles.panel_text)
            self._rich(cursor, h.comment_html, h.comment_text, 0, inline=True)
        cursor.insertText(f" — {self.export.author_name(h.author_id)}", styles.panel_muted)
        if item.tags:
            cursor.insertText("  ", styles.panel_text)
            self._chips(cursor, tuple(tag.name for tag in item.tags))

    def _rich(self, cursor: QTextCursor, html: str, text: str, indent: float, inline: bool = False) -> None:
        """Insert sanitised note/comment HTML, keeping its bold, lists, colours and links."""
        styles = self.styles
        start = cursor.position()
        if _PLAIN_PARAGRAPHS.match(html or ""):
            # Most notes are plain paragraphs: skip the HTML parser, which is the slow path.
            paragraphs = [p for p in text.split("\n") if p.strip()] or [text]
            for index, paragraph in enumerate(paragraphs):
                if index:
                    cursor.insertBlock(styles.panel_block, styles.panel_text)
                cursor.insertText(paragraph, styles.panel_text)
        else:
            if inline:
                html = _unwrap_single_paragraph(html)
            cursor.insertHtml(html)
            # Imported HTML uses the document's body size and Qt's paragraph margins: bring it
            # to the panel's size and spacing while keeping weight, slant, colour and links.
            span = QTextCursor(cursor.document())
            span.setPosition(start)
            span.setPosition(cursor.position(), QTextCursor.MoveMode.KeepAnchor)
            size = QTextCharFormat()
            size.setFontPointSize(PANEL_SIZE)
            size.setFontFamilies([styles.fonts.family])
            span.mergeCharFormat(size)
            if not inline:
                spacing = QTextBlockFormat()
                spacing.setTopMargin(0)
                spacing.setBottomMargin(styles.geometry.css(2))
                spacing.setLineHeight(112, QTextBlockFormat.LineHeightTypes.ProportionalHeight.value)
                span.mergeBlockFormat(spacing)
        if indent and not inline:
            span = QTextCursor(cursor.document())
            span.setPosition(start)
            span.setPosition(cursor.position(), QTextCursor.MoveMode.KeepAnchor)
            margin = QTextBlockFormat()
            margin.setLeftMargin(indent)
            span.mergeBlockFormat(margin)


class _Lines:
    """Starts panel lines: the first reuses the frame's empty block, the rest add a block."""

    def __init__(self, cursor: QTextCursor, block: QTextBlockFormat, chars: QTextCharFormat) -> None:
        self.cursor = cursor
        self._block = block
        self._chars = chars
        self._first = True

    def start(self, block: QTextBlockFormat | None = None) -> None:
        """Begin the panel's next line (in ``block`` format, else the panel's)."""
        fmt = block or self._block
        if self._first:
            self.cursor.setBlockFormat(fmt)
            self.cursor.setBlockCharFormat(self._chars)
            self._first = False
        else:
            self.cursor.insertBlock(fmt, self._chars)


def _unwrap_single_paragraph(html: str) -> str:
    """``<p>x</p>`` -> ``x`` so a one-paragraph comment runs on in the key line."""
    stripped = html.strip()
    if stripped.startswith("<p>") and stripped.endswith("</p>") and stripped.count("<p>") == 1:
        return stripped[3:-4]
    return html

