"""PDF files (pypdfium2): bookmarks with the text between their destinations, or headings found in the text.

Each page's text comes as lines with their position, font size and weight (pdf_lines). Running headers,
footers and page numbers are dropped; wrapped lines are joined into paragraphs (CJK without a
space, Latin with one, hyphenated ends closed up). With bookmarks, each node's text runs from its
destination to the next one's, by position on the page; without, headings are the lines set larger
or bolder than the body, or standing alone with a chapter or section number.
"""

from __future__ import annotations

import ctypes
from collections import Counter
import itertools
import re
import statistics
from dataclasses import dataclass

from editor.core.errors import ReportError
from editor.core.report import ParsedReport
from editor.importing.formats.pdf_contents import drop_contents
from editor.importing.formats.pdf_lines import Line, plain
from editor.importing.formats.pdf_pages import read_pages
from editor.importing.structure import Block, build_report, join_lines, split_label

_EDGE = 0.1  # share of the page height at the top and bottom where running heads and footers sit
_REPEATED = 0.5  # a line at the edge on at least this share of pages is a running head or footer
_PAGE_NUMBER = re.compile(
    r"^[-–—\s]*(?:(?:page|p\.|seite)\s*)?(?:\d{1,4}|[ivxlc]{1,7})(?:\s*(?:/|of|von)\s*\d{1,4})?[-–—\s]*$"
    r"|^第\s*\d{1,4}\s*[页頁](?:\s*[,，/]?\s*共\s*\d{1,4}\s*[页頁])?$|^\d{1,4}\s*/\s*\d{1,4}$", re.I)
_SENTENCE_END = tuple("。！？!?.:：;；」』”)）")
_MAX_HEADING_CHARS = 120
_SOFT_HYPHEN = "\u00ad"


def _where(source: str) -> str:
    return f"{source}: " if source else ""


def open_pdf(data: bytes, source: str = ""):
    """The document, or a one-line ReportError for a locked or damaged file."""
    import pypdfium2 as pdfium
    import pypdfium2.raw as raw

    try:
        return pdfium.PdfDocument(data)
    except pdfium.PdfiumError:
        code = raw.FPDF_GetLastError()
        if code == raw.FPDF_ERR_PASSWORD:
            raise ReportError(f"{_where(source)}the PDF is password-protected; open it in a PDF reader, "
                              f"save a copy without the password and import that") from None
        if code == raw.FPDF_ERR_SECURITY:
            raise ReportError(f"{_where(source)}the PDF uses an encryption this program cannot read") from None
        raise ReportError(f"{_where(source)}the PDF is damaged and cannot be read "
                          f"(not a complete PDF file)") from None


def _shape(text: str) -> str:
    return re.sub(r"\d+", "#", " ".join(text.split())).lower()


def _in_reading_order(lines: list[Line]) -> list[Line]:
    """A page's lines as drawn, except runs drawn bottom up (Google Docs draws footnotes so) put top down.

    A line drawn just above the one before it, over the same column, is such a run's next line; a new
    column or a line set beside another starts far up the page or apart from it.
    """
    out: list[Line] = []
    run: list[Line] = []
    for line in lines:
        if run and 0 < line.top - run[-1].top < 2 * (line.top - line.bottom) \
                and line.left < run[-1].right and run[-1].left < line.right:
            run.append(line)
            continue
        out += reversed(run) if len(run) > 1 else run
        run = [line]
    out += reversed(run) if len(run) > 1 else run
    return out


def drop_page_furniture(pages: list[tuple[list[Line], float]]) -> tuple[list[Line], int, int]:
    """All lines without running heads, footers and page numbers; (lines, furniture lines, page numbers)."""
    def at_edge(line: Line, lines: list[Line], height: float) -> bool:
        # Near the paper's edge, or the first or last line of a page set with wide margins.
        return line.top >= height * (1 - _EDGE) or line.bottom <= height * _EDGE \
            or (len(lines) >= 3 and (line is lines[0] or line is lines[-1]))

    edge_counts: dict[str, int] = {}
    for lines, height in pages:
        seen: set[str] = set()
        for line in lines:
            if at_edge(line, lines, height):
                seen.add(_shape(line.text))
        for shape in seen:
            edge_counts[shape] = edge_counts.get(shape, 0) + 1
    threshold = max(2, _REPEATED * len(pages))
    repeated = {shape for shape, count in edge_counts.items() if count >= threshold}
    kept: list[Line] = []
    furniture = numbers = 0
    for lines, height in pages:
        for line in lines:
            edge = at_edge(line, lines, height)
            if edge and _PAGE_NUMBER.match(line.text):
                numbers += 1
            elif edge and len(pages) >= 2 and _shape(line.text) in repeated:
                furniture += 1
            else:
                kept.append(line)
    return kept, furniture, numbers


@dataclass
class Mark:
    """A bookmark: its depth, title and where its destination points."""

    level: int
    title: str
    page: int  # 0-based
    top: float | None  # None: the top of the page


def bookmarks(pdf) -> list[Mark]:
    """The document's bookmarks in order, with their destinations (explicit, named or through a GoTo).

    On pdfium's plain calls (pdf_lines.plain): a report has thousands of bookmarks, and pypdfium2's
    typed bindings cost more per call than pdfium's work.
    """
    import pypdfium2.raw as raw

    document = ctypes.cast(pdf.raw, ctypes.c_void_p).value
    get_dest = plain("FPDFBookmark_GetDest", ctypes.c_void_p, ctypes.c_void_p)
    get_action = plain("FPDFBookmark_GetAction", ctypes.c_void_p)
    action_type = plain("FPDFAction_GetType", ctypes.c_ulong)
    action_dest = plain("FPDFAction_GetDest", ctypes.c_void_p, ctypes.c_void_p)
    page_of = plain("FPDFDest_GetDestPageIndex", ctypes.c_int, ctypes.c_void_p)
    location = plain("FPDFDest_GetLocationInPage", ctypes.c_int, *[ctypes.c_void_p] * 6)
    view = plain("FPDFDest_GetView", ctypes.c_ulong, ctypes.c_void_p, ctypes.c_void_p)
    marks: list[Mark] = []
    # Out-parameters made once: pdfium sets each of them on every call.
    has_x, has_y, has_zoom = ctypes.c_int(), ctypes.c_int(), ctypes.c_int()
    x, y, zoom = ctypes.c_float(), ctypes.c_float(), ctypes.c_float()
    count = ctypes.c_ulong()
    pos = (ctypes.c_float * 4)()
    out = [ctypes.addressof(value) for value in (has_x, has_y, has_zoom, x, y, zoom)]
    count_at, pos_at = ctypes.addressof(count), ctypes.addressof(pos)
    for level, bookmark, title in _outline(document):
        dest = get_dest(document, bookmark)
        if not dest:
            action = get_action(bookmark)
            if action and action_type(action) == raw.PDFACTION_GOTO:
                dest = action_dest(document, action)
        if not dest:
            continue
        page = page_of(document, dest)
        if page < 0:
            continue
        top: float | None = None
        if location(dest, *out) and has_y.value:
            top = y.value
        else:
            mode = view(dest, count_at, pos_at)
            if mode in (raw.PDFDEST_VIEW_FITH, raw.PDFDEST_VIEW_FITBH) and count.value >= 1:
                top = pos[0]
            elif mode == raw.PDFDEST_VIEW_FITR and count.value >= 4:
                top = pos[3]
        # A bookmark without a title still marks where a part begins (its heading is read at its destination).
        marks.append(Mark(level, " ".join(title.split()), page, top))
    return marks


def _outline(document: int | None, max_depth: int = 15):
    """(level from 1, bookmark, title) in document order, as pypdfium2's get_toc walks them, cycles cut.

    Walked with one title buffer; ``document`` and the bookmarks are pdfium's handles as addresses.
    """
    first_child = plain("FPDFBookmark_GetFirstChild", ctypes.c_void_p, ctypes.c_void_p)
    next_sibling = plain("FPDFBookmark_GetNextSibling", ctypes.c_void_p, ctypes.c_void_p)
    get_title = plain("FPDFBookmark_GetTitle", ctypes.c_ulong, ctypes.c_void_p, ctypes.c_ulong)
    buffer = ctypes.create_string_buffer(2048)
    seen: set[int] = set()
    stack = [(first_child(document, None), 1)]
    while stack:
        bookmark, level = stack.pop()
        if not bookmark:
            continue
        if bookmark in seen:
            continue  # a circular reference: this branch ends here
        seen.add(bookmark)
        size = get_title(bookmark, buffer, len(buffer))
        if size > len(buffer):
            buffer = ctypes.create_string_buffer(size)
            size = get_title(bookmark, buffer, size)
        yield level, bookmark, buffer.raw[:max(0, size - 2)].decode("utf-16-le", "replace")
        stack.append((next_sibling(document, bookmark), level))
        if level < max_depth:
            stack.append((first_child(document, bookmark), level + 1))


def _squeeze(text: str) -> str:
    """The text without any whitespace: str.split knows the same whitespace as a regular expression's \\s."""
    return "".join(text.split())


class _Paragraphs:
    """Joins lines into paragraphs by their spacing, indentation and where the previous line ended."""

    def __init__(self, lines: list[Line]) -> None:
        # The body's size is the one most characters are set in.
        sizes: Counter[float] = Counter()
        for line in lines:
            sizes[round(line.size, 1)] += min(len(line.text), 200)
        self.body_size = sizes.most_common(1)[0][0] if sizes else 10.0
        body = [line for line in lines if abs(line.size - self.body_size) < 0.6] or lines
        self.left = statistics.median(line.left for line in body) if body else 0.0
        self.right = max((line.right for line in body), default=0.0)
        gaps = [a.bottom - b.bottom for a, b in itertools.pairwise(body) if a.page == b.page and a.bottom > b.bottom]
        self.leading = statistics.median(gaps) if gaps else self.body_size * 1.4

    def starts_paragraph(self, previous: Line | None, line: Line) -> bool:
        if previous is None or (previous.page != line.page and previous.text.endswith(_SENTENCE_END)
                                and previous.right < self.right - 2 * self.body_size):
            return True
        # Larger type has larger line spacing: a two-line title is one paragraph.
        spacing = self.leading * 1.45 * max(1.0, line.size / self.body_size)
        if previous.page == line.page and previous.bottom - line.bottom > spacing:
            return True
        body_line = abs(line.size - self.body_size) < 0.6 and not line.bold
        if body_line and line.left > self.left + self.body_size * 0.8 and line.left > previous.left + 1:
            return True  # a first-line indent (a centred heading's second line is not one)
        if abs(line.size - previous.size) > 0.6:
            return True
        if line.bold != previous.bold and not self._wrapped_heading(previous, line):
            return True
        if (line.bold or line.size > self.body_size * 1.12) and split_label(line.text) is not None:
            return True  # a numbered heading right under another heading of about its size
        return previous.right < self.right - 2.5 * self.body_size and previous.text.endswith(_SENTENCE_END)

    def _wrapped_heading(self, previous: Line, line: Line) -> bool:
        """Whether ``line`` goes on a heading that filled the line before it, whatever weight each is read in.

        A heading's weight is read from its line's first character, and in one heading a number in a
        bold Latin font and Chinese drawn bold by stroking (Skia's Type 3 glyphs, read as regular) can
        begin its two lines. The heading may go on at the top of the next page.
        """
        return (line.size > self.body_size * 1.12 and line.page - previous.page in (0, 1)
                and previous.right >= self.right - 2 * line.size and split_label(line.text) is None)

    def blocks(self, lines: list[Line]) -> list[tuple[str, Line, int]]:
        """(paragraph text, its first line, its number of lines) in order."""
        out: list[tuple[str, Line, int]] = []
        previous: Line | None = None
        for line in lines:
            if self.starts_paragraph(previous, line):
                out.append((line.text, line, 1))
            else:
                text, first, count = out[-1]
                out[-1] = (join_lines(text, line.text), first, count + 1)
            previous = line
        return [(text.replace(_SOFT_HYPHEN, ""), first, count) for text, first, count in out]


def _placed(lines: list[Line], marks: list[Mark]) -> list[Mark]:
    """Marks whose destination names only a page (/XYZ with null coordinates, /Fit) placed at their heading.

    Several such marks on one page would otherwise all start at its top, leaving all but the last
    empty: each is put at the first line below the one before it that spells its title.
    """
    if all(mark.top is not None for mark in marks):
        return marks
    by_page: dict[int, list[Line]] = {}
    for line in lines:
        by_page.setdefault(line.page, []).append(line)
    placed: list[Mark] = []
    for mark in marks:
        if mark.top is None:
            previous = placed[-1] if placed and placed[-1].page == mark.page else None
            wanted = _squeeze(mark.title)
            label = split_label(mark.title)
            bare = _squeeze(label.title) if label else wanted
            for line in by_page.get(mark.page, []):
                if previous is not None and previous.top is not None and line.top >= previous.top:
                    continue
                text = _squeeze(line.text)
                if len(text) >= min(len(wanted), 4) and (wanted.startswith(text) or text.startswith(wanted) or text.endswith(bare)):
                    mark = Mark(mark.level, mark.title, mark.page, line.top)
                    break
        placed.append(mark)
    return placed


def _with_bookmarks(lines: list[Line], marks: list[Mark], heights: list[float]) -> list[Block]:
    """Each bookmark a heading; the lines from its destination to the next one's its text."""
    tolerance = 3.0
    marks = _placed(lines, marks)
    # Lines are in reading order; a line belongs to the last mark whose destination is above or at it.
    # By the line's middle: Chromium's (Skia's) destinations point a little below the top of the
    # heading's glyph boxes, by some 15% of its size in Latin fonts, more than any fixed tolerance.
    order = sorted(range(len(marks)), key=lambda i: i)
    starts = [(m.page, -(m.top + tolerance) if m.top is not None else -heights[m.page] - 1) for m in marks]
    groups: list[list[Line]] = [[] for _ in marks]
    preamble: list[Line] = []
    current = -1
    for line in lines:
        key = (line.page, -(line.top + line.bottom) / 2)
        while current + 1 < len(order) and starts[current + 1] <= key:
            current += 1
        (groups[current] if current >= 0 else preamble).append(line)
    paragraphs = _Paragraphs(lines)
    blocks: list[Block] = [Block(text) for text, _, _ in paragraphs.blocks(preamble)]
    for mark, group in zip(marks, groups, strict=True):
        if not mark.title:
            if group:
                blocks += _untitled(mark, group, paragraphs)
            continue  # an untitled bookmark with no line of its own marks nothing
        # The heading as printed at the destination: drop the lines that spell the bookmark's title.
        wanted = _squeeze(mark.title)
        # Nearly always printed on one line as the bookmark spells it: then there is no label to split off.
        one_line = bool(group) and _squeeze(group[0].text) == wanted
        skip = 1 if one_line else _heading_lines(wanted, mark.title, group)
        blocks.append(Block(mark.title, mark.level, mark.page + 1))
        blocks += [Block(text, 0, first.page + 1) for text, first, _ in paragraphs.blocks(group[skip:])]
    return blocks


def _untitled(mark: Mark, group: list[Line], paragraphs: _Paragraphs) -> list[Block]:
    """A bookmark without a title (Word writes them for headings it cannot spell): the line at its
    destination is its heading, or, when that line is running text, the line's start names it."""
    found = paragraphs.blocks(group)
    text, _first, count = found[0]
    title = " ".join(text.split())
    if count == 1 and len(title) <= _MAX_HEADING_CHARS:
        found = found[1:]  # a line standing alone: the heading
    else:
        title = title[:40].rstrip() + "…"  # running text: it stays the node's, and its start names it
    return [Block(title, mark.level, mark.page + 1), *(Block(text, 0, line.page + 1) for text, line, _ in found)]


def _heading_lines(wanted: str, title: str, group: list[Line]) -> int:
    """How many of the group's first lines spell the bookmark's title, with or without its number."""
    label = split_label(title)
    bare = _squeeze(label.title) if label else wanted
    taken = ""
    skip = 0
    for line in group[:6]:
        candidate = taken + _squeeze(line.text)
        if wanted.startswith(candidate) or bare.startswith(candidate) or candidate.endswith(bare):
            taken, skip = candidate, skip + 1
            if candidate in (wanted, bare) or candidate.endswith(bare):
                break
        else:
            break
    if taken not in (wanted, bare) and not taken.endswith(bare):
        skip = 0
    return skip


def _body_color(lines: list[Line], body_size: float) -> int:
    """The colour most of the body's characters are printed in."""
    colors: Counter[int] = Counter()
    for line in lines:
        if abs(line.size - body_size) < 0.6:
            colors[line.color] += len(line.text)
    return colors.most_common(1)[0][0] if colors else -1


def _found_headings(lines: list[Line]) -> tuple[list[Block], str]:
    """Headings from the text itself: larger or bolder than the body, or numbered and standing alone."""
    paragraphs = _Paragraphs(lines)
    found = paragraphs.blocks(lines)
    body_bold = sum(len(line.text) for line in lines if line.bold) > sum(len(line.text) for line in lines) / 2
    body_color = _body_color(lines, paragraphs.body_size)
    candidates: list[tuple[int, str, Line, float, int]] = []  # (index, text, line, size, numbering depth)
    for index, (text, first, count) in enumerate(found):
        if len(text) > _MAX_HEADING_CHARS or count > 3 or first.cells > 2:
            continue  # a table's row (its cells set apart by wide gaps) is not a heading, whatever its type
        larger = first.size > paragraphs.body_size * 1.12
        bolder = first.bold and not body_bold
        # Word's headings differ from the body by colour, some (Heading 3) hardly by size: 12 pt on 11.
        colored = first.color not in (-1, body_color) and not text.endswith(_SENTENCE_END)
        label = split_label(text)
        if larger or bolder or colored or (label is not None and label.depth >= 2 and count == 1
                                and not text.endswith(("。", "；", ";", ","))):
            candidates.append((index, text, first, first.size if larger else paragraphs.body_size,
                               label.depth if label else 0))
    how = "font size"
    numbered = sum(1 for c in candidates if c[4])
    if candidates and numbered >= 0.8 * len(candidates):
        levels = {c[0]: c[4] or 1 for c in candidates}
        how = "numbering"
    else:
        # Larger type is a higher level; at one size, bold comes before numbered plain text.
        styles = sorted({(-round(c[3]), not c[2].bold) for c in candidates})
        levels = {c[0]: styles.index((-round(c[3]), not c[2].bold)) + 1 for c in candidates}
    blocks = [Block(text, levels.get(index, 0), first.page + 1) for index, (text, first, _) in enumerate(found)]
    return blocks, how


def parse_pdf(data: bytes, source: str = "") -> ParsedReport:
    """The report in a PDF; a locked, damaged or image-only file is a one-line ReportError."""
    pdf = open_pdf(data, source)
    try:
        count = len(pdf)
        if count == 0:
            raise ReportError(f"{_where(source)}the PDF has no pages")
        reading = read_pages(data, pdf, count)
        marks = bookmarks(pdf)
        title = (pdf.get_metadata_dict().get("Title") or "").strip()
        pages = reading()
    finally:
        pdf.close()
    if sum(len(line.text) for lines, _ in pages for line in lines) < 20:
        raise ReportError(f"{_where(source)}the PDF has no text (a scanned document? run OCR first)")
    lines, furniture, numbers = drop_page_furniture([(_in_reading_order(page), height) for page, height in pages])
    warnings: list[str] = []
    if furniture or numbers:
        parts = [f"{furniture} running header and footer lines"] if furniture else []
        parts += [f"{numbers} page numbers"] if numbers else []
        warnings.append(f"removed {' and '.join(parts)} from the page edges")
    lines, contents = drop_contents(lines)
    if contents:
        warnings.append(f"removed the table of contents ({contents} lines)")
    heights = [height for _, height in pages]
    if marks:
        blocks = _with_bookmarks(lines, marks, heights)
    else:
        blocks, how = _found_headings(lines)
        warnings.append(f"no bookmarks: headings found by {how}")
    report = build_report(blocks, title=title, source=source, warnings=warnings)
    if report is None:
        raise ReportError(f"{_where(source)}the PDF has neither bookmarks nor headings that could be found "
                          f"(no larger, bold or numbered heading lines)")
    return report
