"""The annotated PDF: the report in outline order with its tags, ratings, notes and highlights.

What the reader gets
    A title page (title, analysts, export date, counts); then the chapters, each from
    a new page unless there are very many, headings numbered as in the report, body text with the highlighted passages
    in their colours and a marker (①) after each, and under every annotated node a
    panel with its tags as chips, ratings as stars (per analyst when several), the
    notes with their formatting, and the highlight comments keyed by marker. A running
    header names the report and chapter; the footer says "page / total". The bookmark
    pane opens with the outline; notes are sticky-note annotations at their headings
    and highlights are highlight annotations, so they appear in a reader's comments list.

Fonts: the text is real text, in an embedded subset
    The family is chosen by :mod:`.pdf_fonts` (Noto Sans CJK / Source Han Sans first).
    Debian's Noto Sans CJK is a CFF-flavoured OpenType collection; Qt 6 does not embed
    it as Type 3 glyph procedures but converts the subset's outlines to TrueType glyphs
    and embeds a CIDFontType2 font (``pdffonts``: "CID TrueType", emb yes, uni yes). So
    fonts-noto-cjk is all the machine needs; no TrueType-outline CJK package is
    required. Qt's ToUnicode maps misname some ideographs (Kangxi radicals win over
    the ideographs that share their glyph) and omit characters beyond the BMP; they
    are rewritten from the printed text (:mod:`.pdf_unicode`), so ``pdftotext`` and
    search find 金融, 風險 and 𠮷 as written.

How it is made
    1. :func:`~.collect.collect_export` applies the options' filters.
    2. Each chapter is built as a QTextDocument (:mod:`.pdf_layout`) and laid out on the
       QPdfWriter at the text column's size; headings left alone at the foot of a page
       move to the next. A report of up to ``NEW_PAGE_CHAPTERS_UP_TO`` chapters starts
       each on a new page; beyond that a chapter follows on the same page when room is left.
    3. Pages are painted (:mod:`.pdf_paint`) into an in-memory buffer; positions of
       headings and highlighted spans are read back from the layout (:mod:`.pdf_marks`).
    4. Bookmarks, annotations, page mode and the font repair are appended to Qt's file
       as an incremental update (:mod:`.pdf_finish`), and the result is written once.
    Progress is reported per chapter laid out and painted and per finishing stage; a
    cancelled export stops there and writes nothing.

Only QtGui is used (no widgets); a QGuiApplication is created if none runs.
"""

from __future__ import annotations

import gc
import warnings
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import datetime
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QBuffer, QIODevice
from PySide6.QtGui import QFont, QPdfWriter, QTextCursor, QTextFormat

from editor import __version__

from editor.export.collect import ExportDocument, collect_export
from editor.export.options import ExportError, ExportOptions, ExportWarning, ProgressFn, check_progress
from editor.export.pdf.finish import finish_pdf
from editor.export.pdf.fonts import choose_fonts, fonts_by_postscript_name, missing_glyphs_warning
from editor.export.pdf.info import document_info
from editor.export.pdf.layout import ChapterBuilder, ChapterDocument, original_page_citation, split_chapters
from editor.export.pdf.matrix_pages import MATRIX_PAGES, PageLink, has_matrix, paint_matrix_pages
from editor.export.pdf.marks import PlacedHeading, PlacedHighlight, place_headings, place_highlights
from editor.export.pdf.paint import PagePainter, title_page_facts
from editor.export.pdf.qt import ensure_gui_application
from editor.export.pdf.style import PageGeometry, TextStyles

if TYPE_CHECKING:
    from editor.store import Store

_KEEP_WITH_NEXT_PASSES = 3
# A report of a few chapters starts each on a new page; one of hundreds of short chapters
# (a generated or very fine-grained report) lets a chapter follow on the same page when a
# sixth of it is still free, instead of printing hundreds of half-empty pages.
NEW_PAGE_CHAPTERS_UP_TO = 40
_FLOW_IF_USED_BELOW = 0.85


def export_pdf(store: Store, out_path: Path, report_id: str, options: ExportOptions,
               progress: ProgressFn | None = None) -> None:
    """Write report ``report_id`` with its annotations as an annotated PDF to ``out_path``.

    ``progress(done, total)`` is called as pages are made; returning False cancels the
    export (:class:`~.options.ExportCancelled`; nothing is written).
    """
    with _without_cycle_collector():
        write_pdf(collect_export(store, report_id, options), Path(out_path), progress)


def write_pdf(export: ExportDocument, out_path: Path, progress: ProgressFn | None = None, *,
              exported_at: datetime | None = None) -> None:
    """Write an already collected export as a PDF (the window collects first, then writes in a thread)."""
    ensure_gui_application()
    with _without_cycle_collector():
        _write_pdf(export, out_path, progress, exported_at)


@contextmanager
def _without_cycle_collector() -> Iterator[None]:
    """Hundreds of thousands of short-lived wrappers, no reference cycles worth hunting:
    the cyclic collector would only add pauses (measured: ~5 % of a large export)."""
    collecting = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if collecting:
            gc.enable()


def _write_pdf(export: ExportDocument, out_path: Path, progress: ProgressFn | None,
               exported_at: datetime | None) -> None:
    tracker = _Progress(progress, len(export.nodes))
    tracker.report()
    fonts = choose_fonts(_printed_text(export))
    if fonts.missing:
        warnings.warn(missing_glyphs_warning(fonts.missing), ExportWarning, stacklevel=3)
    geometry = PageGeometry.for_page_size(export.options.page_size)
    when = (exported_at or datetime.now().astimezone()).strftime("%Y-%m-%d %H:%M")

    buffer = QBuffer()
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    writer = QPdfWriter(buffer)
    writer.setResolution(geometry.resolution)
    writer.setPageLayout(geometry.page_layout())
    info = document_info(export)
    writer.setTitle(export.report.title)
    writer.setAuthor(info.author)
    writer.setCreator(f"Trendmark {__version__}")

    styles = TextStyles(fonts, geometry)
    builder = ChapterBuilder(export, styles, writer)
    chapters = _lay_out_chapters(export, builder, tracker)

    trend_pages = MATRIX_PAGES if has_matrix(export.matrix) else 0
    total_pages = 1 + trend_pages + sum(chapter.document.pageCount() - chapter.shares_first_page for chapter in chapters)
    painter = PagePainter(writer, geometry, fonts, export.report.title, total_pages)
    headings: list[PlacedHeading] = []
    highlights: list[PlacedHighlight] = []
    links: list[PageLink] = []
    painter.begin()
    try:
        painter.title_page(title_page_facts(export, when))
        if trend_pages and export.matrix is not None:
            links = paint_matrix_pages(painter, export.matrix, 1)
        next_page = 1 + trend_pages  # 0-based PDF page index; the title page is 0
        for chapter in chapters:
            first_page = next_page - 1 if chapter.shares_first_page else next_page
            pages = chapter.document.pageCount()
            painter.chapter_pages(chapter, partial(tracker.advance, chapter.node_count / pages))
            headings += place_headings(chapter, first_page, geometry)
            highlights += place_highlights(chapter, first_page, geometry)
            next_page = first_page + pages
    finally:
        painter.end()
    buffer.close()
    data = bytes(buffer.data().data())
    if not data.startswith(b"%PDF"):
        raise ExportError("Qt produced no PDF data; the export was not written")

    originals = fonts_by_postscript_name([fonts.font(10), fonts.font(10, bold=True),
                                          *(QFont(family) for family in fonts.fallbacks)])
    third = max(1, len(export.nodes) // 3)
    result = finish_pdf(data, export, geometry, info=info, headings=headings, highlights=highlights, links=links,
                        originals=originals, characters=builder.characters | painter.characters,
                        step=lambda: tracker.advance(third))
    tracker.finish()
    try:
        out_path.write_bytes(result)
    except OSError as error:
        raise ExportError(f"cannot write {out_path}: {error.strerror or error}") from None


def _lay_out_chapters(export: ExportDocument, builder: ChapterBuilder, tracker: _Progress) -> list[ChapterDocument]:
    """Build and lay out every chapter; with many chapters, a short one follows on the same page."""
    groups = split_chapters(export.nodes)
    flow = len(groups) > NEW_PAGE_CHAPTERS_UP_TO
    page_height = builder.styles.geometry.body_size_px().height()
    chapters: list[ChapterDocument] = []
    for group in groups:
        start_at = 0.0
        if flow and chapters:
            used = chapters[-1].used_height()
            if used < page_height * _FLOW_IF_USED_BELOW:
                start_at = used
        chapter = builder.build(group, start_at, tracker.advance)
        _keep_headings_with_text(chapter)
        chapters.append(chapter)
    return chapters


def _printed_text(export: ExportDocument) -> str:
    """The text the PDF will show, for choosing a font that covers it."""
    parts = [export.report.title, *(author.name for author in export.authors.values())]
    for entry in export.nodes:
        parts.append(entry.node.title)
        parts.append(entry.node.body)
        parts.extend(note.text for note in entry.notes)
        parts.extend(item.highlight.comment_text for item in entry.highlights)
    parts.extend(tag.name for tag in export.tags)
    if export.pages:
        parts.append(original_page_citation(1234567890))
    if export.matrix is not None:
        parts.extend((export.matrix.x.name, export.matrix.y.name, *export.matrix.quadrants.labels()))
    return "".join(parts)


def _keep_headings_with_text(chapter: ChapterDocument) -> None:
    """Move a heading left alone at the foot of a page to the top of the next one."""
    doc = chapter.document
    layout = doc.documentLayout()
    page_height = doc.pageSize().height()
    if page_height <= 0:
        return
    moved: set[int] = set()  # headings already sent to a new page (their policy is no longer Auto)
    low = page_height * 0.8
    bounding_rect = layout.blockBoundingRect
    for _ in range(_KEEP_WITH_NEXT_PASSES):
        stranded = []
        for index, mark in enumerate(chapter.headings[1:], 1):
            if index in moved or mark.run_in:  # a run-in heading shares its paragraph with the text
                continue
            block = mark.block
            # Only a heading ending in the last fifth of a page (or across a page break) can be stranded.
            box = bounding_rect(block)
            bottom = box.bottom()
            if bottom % page_height < low and bottom // page_height == box.top() // page_height:
                continue
            heading_page = _line_middle(layout, block, last=False) // page_height
            following = block.next()
            if following.isValid() and _line_middle(layout, following, last=False) // page_height > heading_page:
                stranded.append(block)
                moved.add(index)
        if not stranded:
            return
        cursor = QTextCursor(doc)
        cursor.beginEditBlock()  # one relayout for all the moves
        for block in stranded:
            fmt = block.blockFormat()
            fmt.setPageBreakPolicy(QTextFormat.PageBreakFlag.PageBreak_AlwaysBefore)
            QTextCursor(block).setBlockFormat(fmt)
        cursor.endEditBlock()


def _line_middle(layout, block, *, last: bool) -> float:
    """The vertical middle of a block's first or last line, in document coordinates."""
    text_layout = block.layout()
    top = layout.blockBoundingRect(block).top()
    if text_layout is None or text_layout.lineCount() == 0:
        return top
    line = text_layout.lineAt(text_layout.lineCount() - 1 if last else 0)
    return top + line.y() + line.height() / 2


class _Progress:
    """Turns the export's stages into ``progress(done, total)`` calls; raises when cancelled."""

    def __init__(self, callback: ProgressFn | None, nodes: int) -> None:
        self._callback = callback
        self._done = 0.0
        self.total = max(1, 3 * nodes)

    def report(self) -> None:
        """Tell the caller where the export stands."""
        check_progress(self._callback, min(round(self._done), self.total), self.total)

    def advance(self, amount: float) -> None:
        """Count ``amount`` more units of work done."""
        self._done += amount
        self.report()

    def finish(self) -> None:
        """Report the export complete."""
        self._done = self.total
        self.report()


__all__ = ["export_pdf", "write_pdf"]
