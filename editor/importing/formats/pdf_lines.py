"""A PDF page's printed lines (pypdfium2): each with its position, font size and weight, and its text.

Characters go into lines by position, a character drawn late joining the line it sits on; within a
line they are put in order left to right. Spaces pdfium made up from gaps are told apart from the
file's own (beside Chinese a gap is typesetting glue, not a space), a gap the producer drew instead
of a space becomes one, and pdfium's line-end hyphen mark becomes a soft hyphen.

A 300-page report has some 200,000 characters, so the work is done on arrays for the whole page:
reading one character's box is one call into pdfium, and everything else is numpy. Only where a
line starts (a handful of places per line) does Python decide anything.
"""

from __future__ import annotations

import ctypes
import itertools
import math
import re
from collections import deque
from dataclasses import dataclass
from functools import cache

import numpy as np

_SOFT_HYPHEN = "\u00ad"
_HYPHEN_MARK = 2  # pdfium's code for a hyphen that breaks a word at a line's end
_NOT_A_CHAR = 0xFFFE  # how the page's text writes the hyphen mark, among others
_SPACE, _GAP, _CHAR = 1, 2, 3  # a space the file holds, one pdfium made up from a gap, anything printed


@dataclass(slots=True)
class Line:
    """One printed line: where it is, how it is set, and its text."""

    page: int  # 0-based
    top: float
    bottom: float
    left: float
    right: float
    size: float
    bold: bool
    text: str
    color: int = -1  # its fill colour as 0xRRGGBB when its first and last characters share one, else -1
    cells: int = 1  # runs of text set apart by gaps wider than 1.2 times the type's size: a table's row has several


_STROKED = (2, 6)  # pdfium's FPDF_TEXTRENDERMODE_FILL_STROKE and _FILL_STROKE_CLIP: text emboldened by its outline
_BOLD_NAME = re.compile(r"bold|heavy|black|semibold|demi|[-,]b$|-?w[6-9]$", re.I)


def _is_bold(handle: int, index: int) -> bool:
    """Whether the character at ``index`` is set in a bold font: by its weight, else by the font's name."""
    if plain("FPDFText_GetFontWeight", ctypes.c_int, ctypes.c_int)(handle, index) >= 600:
        return True
    buffer = ctypes.create_string_buffer(128)
    flags = ctypes.c_int()
    plain("FPDFText_GetFontInfo", ctypes.c_ulong, ctypes.c_int, ctypes.c_void_p, ctypes.c_ulong, ctypes.c_void_p)(
        handle, index, buffer, 128, ctypes.byref(flags))
    return bool(_BOLD_NAME.search(buffer.value.decode("latin-1", "replace")))


def _fonts(handle: int, indexes: list[int]) -> tuple[list[float], list[bool]]:
    """Font size and boldness of many characters: the size asked of each, the weight once per font on the page.

    pdfium reads a character's weight and font name from its text object's font, so characters
    set in one font share them; the page's lines are set in a handful of fonts. A font with no bold
    face is made bold by drawing its outline too (text render mode "fill, then stroke"), as LibreOffice
    and Word do for Chinese fonts: that is read from the line's own text object.
    """
    sizes = list(map(plain("FPDFText_GetFontSize", ctypes.c_double, ctypes.c_int), itertools.repeat(handle), indexes))
    text_objects = map(plain("FPDFText_GetTextObject", ctypes.c_void_p, ctypes.c_int), itertools.repeat(handle), indexes)
    font_of = plain("FPDFTextObj_GetFont", ctypes.c_void_p)
    render_mode = plain("FPDFTextObj_GetTextRenderMode", ctypes.c_int)
    matrix_of = plain("FPDFPageObj_GetMatrix", ctypes.c_int, ctypes.c_void_p)
    matrix = (ctypes.c_float * 6)()  # a, b, c, d, e, f
    bolds: list[bool] = []
    known: dict[int, bool] = {}
    for number, (index, text_object) in enumerate(zip(indexes, text_objects, strict=True)):
        # The size the font is set at, times the scale the text and page matrices put on it: Acrobat
        # Distiller (and so Word's PDFMaker) sets every font at 1 pt and scales it to 12 pt by the matrix.
        if text_object and matrix_of(text_object, ctypes.addressof(matrix)):
            sizes[number] *= math.hypot(matrix[2], matrix[3]) or 1.0
        font = font_of(text_object) if text_object else None
        if font is None:
            bolds.append(_is_bold(handle, index))
            continue
        if font not in known:
            known[font] = _is_bold(handle, index)
        bolds.append(known[font] or render_mode(text_object) in _STROKED)
    return sizes, bolds


@cache
def _whitespace() -> np.ndarray:
    """For every BMP code, whether Python counts it as whitespace (str.split does)."""
    return np.array([chr(code).isspace() for code in range(0x10000)] + [False], dtype=bool)


def _is_cjk(codes: np.ndarray) -> np.ndarray:
    return (((codes >= 0x2E80) & (codes <= 0x9FFF)) | ((codes >= 0xF900) & (codes <= 0xFAFF))
            | ((codes >= 0xFF00) & (codes <= 0xFFEF)))


@cache
def plain(name: str, restype, *argtypes):
    """pdfium's function ``name`` on plain addresses and numbers (its first argument a handle's address).

    pypdfium2's own bindings convert handles to typed pointers on every call; for one call per
    line or character that conversion costs more than pdfium's work.
    """
    import pypdfium2.raw as raw

    address = ctypes.cast(getattr(raw, name), ctypes.c_void_p).value
    assert address is not None
    return ctypes.CFUNCTYPE(restype, ctypes.c_void_p, *argtypes)(address)


def _codes(handle: int, count: int) -> np.ndarray:
    """One code point per character index; -1 where nothing is printed (surrogate halves, line ends)."""
    units = np.zeros(count + 1, dtype=np.uint16)
    plain("FPDFText_GetText", ctypes.c_int, ctypes.c_int, ctypes.c_int, ctypes.c_void_p)(handle, 0, count, units.ctypes.data)
    codes = units[:count].astype(np.int64)
    unicode_of = plain("FPDFText_GetUnicode", ctypes.c_uint, ctypes.c_int)
    for index in np.flatnonzero(codes == _NOT_A_CHAR).tolist():
        codes[index] = unicode_of(handle, index)
    codes[(codes == 10) | (codes == 13) | (codes == _NOT_A_CHAR)] = -1
    if ((codes >= 0xD800) & (codes < 0xE000)).any():
        high = 0
        for index, code in enumerate(codes.tolist()):
            if 0xD800 <= code < 0xDC00:
                high, codes[index] = code, -1
            elif 0xDC00 <= code < 0xE000 and high:
                codes[index] = 0x10000 + ((high - 0xD800) << 10) + (code - 0xDC00)
                high = 0
    return codes


def _runs(tops: np.ndarray, bottoms: np.ndarray) -> tuple[np.ndarray, list[list[float]], list[int]]:
    """Each printed character's line (by number), each line's [top, bottom], numbered as lines begin,
    and where each line begins (the index of its first printed character).

    A character joins the current line when its middle lies within it, else one of the last four
    lines, else it starts a line. The current line always spans the character before, so one whose
    middle lies within that character's box joins it for certain; only the others are looked at.
    """
    middles = (tops + bottoms) / 2
    follows = (middles[1:] >= bottoms[:-1] - 1) & (middles[1:] <= tops[:-1] + 1)
    starts = np.flatnonzero(np.concatenate(([True], ~follows)))
    group_tops = np.maximum.reduceat(tops, starts).tolist()
    group_bottoms = np.minimum.reduceat(bottoms, starts).tolist()
    runs: list[list[float]] = []
    begins: list[int] = []
    of_group: list[int] = []
    current = -1
    for start, middle, top, bottom in zip(starts.tolist(), middles[starts].tolist(), group_tops, group_bottoms,
                                          strict=True):
        if current < 0 or not (runs[current][1] - 1 <= middle <= runs[current][0] + 1):
            current = -1
            for number in range(max(0, len(runs) - 4), len(runs)):
                if runs[number][1] - 1 <= middle <= runs[number][0] + 1:
                    current = number
                    break
            if current < 0:
                current = len(runs)
                runs.append([top, bottom])
                begins.append(start)
                of_group.append(current)
                continue  # a new line is its first group's span already
        run = runs[current]
        if top > run[0]:
            run[0] = top
        if bottom < run[1]:
            run[1] = bottom
        of_group.append(current)
    lengths = np.diff(np.append(starts, len(tops)))
    return np.repeat(np.array(of_group, dtype=np.int64), lengths), runs, begins


def page_lines(pdf, index: int) -> tuple[list[Line], float]:
    """A page's lines, top to bottom, and the page's height.

    The page is opened on pdfium's plain calls, not as pypdfium2's page objects: this reads each page
    once and closes it at once, and their bookkeeping costs a tenth of pdfium's reading of a page.
    """
    import pypdfium2 as pdfium

    page = plain("FPDF_LoadPage", ctypes.c_void_p, ctypes.c_int)(ctypes.cast(pdf.raw, ctypes.c_void_p).value, index)
    if not page:
        raise pdfium.PdfiumError("Failed to load page.")
    try:
        height = plain("FPDF_GetPageHeightF", ctypes.c_float)(page)
        textpage = plain("FPDFText_LoadPage", ctypes.c_void_p)(page)
        if not textpage:
            raise pdfium.PdfiumError("Failed to load text page.")
        try:
            lines = _lines(textpage, index)
        finally:
            plain("FPDFText_ClosePage", None)(textpage)
    finally:
        plain("FPDF_ClosePage", None)(page)
    return lines, height


def _lines(handle: int, page_index: int) -> list[Line]:
    count = plain("FPDFText_CountChars", ctypes.c_int)(handle)
    if count <= 0:
        return []
    codes = _codes(handle, count)
    spaces = (codes >= 0) & _whitespace()[np.minimum(codes, 0x10000)]
    printed = np.flatnonzero((codes >= 0) & ~spaces & (codes != _HYPHEN_MARK))
    if len(printed) == 0:
        return []
    # Loose boxes span the font's ascent and descent: a low comma shares its line's middle.
    boxes = (ctypes.c_float * (4 * len(printed)))()
    start = ctypes.addressof(boxes)
    # Its result is not looked at (a box not read stays zero), so none is converted; the calls' own
    # results are dropped as they come.
    loose_box = plain("FPDFText_GetLooseCharBox", None, ctypes.c_int, ctypes.c_void_p)
    deque(map(loose_box, itertools.repeat(handle, len(printed)), printed.tolist(),
              range(start, start + 16 * len(printed), 16)), maxlen=0)
    box = np.frombuffer(memoryview(boxes), dtype=np.float32).reshape(-1, 4).astype(np.float64)  # left, top, right, bottom
    run_of_printed, runs, begins = _runs(box[:, 1], box[:, 3])

    # Spaces and hyphen marks belong to the line of the printed character before them, at its right edge;
    # before the page's first printed character they belong nowhere.
    extras = np.flatnonzero(spaces | (codes == _HYPHEN_MARK))
    before = np.searchsorted(printed, extras) - 1
    extras, before = extras[before >= 0], before[before >= 0]
    kind = np.full(len(extras), _CHAR, dtype=np.int64)
    extra_spaces = np.flatnonzero(spaces[extras])
    generated = plain("FPDFText_IsGenerated", ctypes.c_int, ctypes.c_int)
    made_up = np.fromiter(map(generated, itertools.repeat(handle), extras[extra_spaces].tolist()),
                          dtype=np.int64, count=len(extra_spaces)) == 1
    kind[extra_spaces] = np.where(made_up, _GAP, _SPACE)
    extra_codes = np.where(kind == _CHAR, ord(_SOFT_HYPHEN), 32)
    edge = box[before, 2]

    order_index = np.concatenate((printed, extras))
    run = np.concatenate((run_of_printed, run_of_printed[before]))
    left = np.concatenate((box[:, 0], edge))
    right = np.concatenate((box[:, 2], edge))
    code = np.concatenate((codes[printed], extra_codes))
    kinds = np.concatenate((np.where(codes[printed] == 0, _GAP, _CHAR), kind))
    # In each line, left to right; characters at one position stay in the order they were drawn.
    order = np.lexsort((order_index, left, run))
    run, left, right, code, kinds, order_index = (run[order], left[order], right[order], code[order], kinds[order],
                                                  order_index[order])

    # A line is set in the font of the character that began it (lines are numbered as they begin).
    firsts = printed[begins].tolist()
    sizes, bolds = _fonts(handle, firsts)
    first_of_run = np.flatnonzero(np.concatenate(([True], run[1:] != run[:-1])))
    line_left = dict(zip(run[first_of_run].tolist(), left[first_of_run].tolist(), strict=True))
    last_of_run = np.append(first_of_run[1:], len(run)) - 1
    line_last_right = dict(zip(run[last_of_run].tolist(), right[last_of_run].tolist(), strict=True))

    # The text: the printed characters, with a space between two of them where the file has a space,
    # or a made-up one or a gap wider than a third of the type's size stands between two that are not
    # Chinese; never between two Chinese characters (there it is a gap in the typesetting).
    spaces_so_far = np.cumsum(kinds == _SPACE)
    gaps_so_far = np.cumsum(kinds == _GAP)
    chars = np.flatnonzero(kinds == _CHAR)
    c_run, c_code, c_left, c_right = run[chars], code[chars], left[chars], right[chars]
    same_line = c_run[1:] == c_run[:-1]
    cjk = _is_cjk(c_code)
    neither_cjk = ~cjk[:-1] & ~cjk[1:]
    space_between = spaces_so_far[chars[1:]] > spaces_so_far[chars[:-1]]
    gap_between = gaps_so_far[chars[1:]] > gaps_so_far[chars[:-1]]
    gaps = c_left[1:] - c_right[:-1]
    line_sizes = np.array(sizes)[c_run[1:]]
    wide = gaps > line_sizes * 0.3
    cell_breaks = np.bincount(c_run[1:][same_line & (gaps > line_sizes * 1.2)], minlength=len(runs)).tolist()
    space = same_line & ~(cjk[:-1] & cjk[1:]) & (space_between | (neither_cjk & (gap_between | wide)))
    separator = np.where(same_line, np.where(space, 32, -1), 10)
    out = np.empty(2 * len(chars) - 1, dtype=np.int64)
    out[0::2] = c_code
    out[1::2] = separator
    text = out[out >= 0].astype("<u4").tobytes().decode("utf-32-le", "surrogatepass")

    ends = np.append(np.flatnonzero(~same_line), len(chars) - 1)  # each line's last character
    line_right = dict(zip(c_run[ends].tolist(), c_right[ends].tolist(), strict=True))
    colors = _colors(handle, firsts, dict(zip(c_run[ends].tolist(), order_index[chars][ends].tolist(), strict=True)))
    lines: list[Line] = []
    for number, line_text in zip(dict.fromkeys(c_run.tolist()), text.split("\n"), strict=True):
        if _SOFT_HYPHEN in line_text[:-1]:
            line_text = line_text[:-1].replace(_SOFT_HYPHEN, "") + line_text[-1]  # only a line's last one breaks a word
        top, bottom = runs[number]
        lines.append(Line(page_index, top, bottom, line_left[number], line_right[number] or line_last_right[number],
                          sizes[number], bolds[number], line_text, colors[number], 1 + cell_breaks[number]))
    return lines


def _colors(handle: int, firsts: list[int], lasts: dict[int, int]) -> list[int]:
    """Each line's colour (Line.color), from the character that began it and the last one in it.

    Two characters a line: a heading is set in a colour throughout, while a link or a coloured
    word only begins or ends a line of body text.
    """
    fill = plain("FPDFText_GetFillColor", ctypes.c_int, ctypes.c_int, *[ctypes.c_void_p] * 4)
    channels = [ctypes.c_uint() for _ in range(4)]
    out = [ctypes.addressof(channel) for channel in channels]
    red, green, blue = channels[:3]

    def color(index: int) -> int:
        if not fill(handle, index, *out):
            return -1
        return (red.value & 0xFF) << 16 | (green.value & 0xFF) << 8 | (blue.value & 0xFF)

    colors = []
    for number, first in enumerate(firsts):
        found = color(first)
        last = lasts.get(number, first)
        colors.append(found if last == first or color(last) == found else -1)
    return colors
