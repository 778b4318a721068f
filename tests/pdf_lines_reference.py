"""The PDF importer's lines as it first read them, one character at a time: what the array version must match.

Kept beside the tests only, as the plain statement of the rules (editor/importing/formats/pdf_lines.py
does the same work on whole pages at once).
"""

from __future__ import annotations

import ctypes
import re
from dataclasses import dataclass

from editor.importing.formats.pdf_lines import _BOLD_NAME, Line

_SOFT_HYPHEN = "\u00ad"
_GAP = "\x00"  # a space pdfium generated from a gap, not one the file holds
_CJK_CHARS = "\u2e80-\u9fff\uf900-\ufaff\uff00-\uffef"
_CJK_CHAR = re.compile(rf"[{_CJK_CHARS}]")
_CJK_SPACE = re.compile(rf"(?<=[{_CJK_CHARS}]) (?=[{_CJK_CHARS}])")


def _font_of(textpage, raw, index: int) -> tuple[float, bool]:
    """Font size and boldness of the character at ``index``, asked of it alone."""
    size = raw.FPDFText_GetFontSize(textpage, index)
    if raw.FPDFText_GetFontWeight(textpage, index) >= 600:
        return float(size), True
    buffer = ctypes.create_string_buffer(128)
    flags = ctypes.c_int()
    raw.FPDFText_GetFontInfo(textpage, index, buffer, 128, ctypes.byref(flags))
    return float(size), bool(_BOLD_NAME.search(buffer.value.decode("latin-1", "replace")))


@dataclass
class _Run:
    """Characters gathered into one line, each with its left edge, before they are put in order."""

    top: float
    bottom: float
    first: int  # index of the line's first character, for its font
    chars: list[tuple[float, float, str]]  # (left, right, character)


def _page_runs(textpage, raw) -> list[_Run]:
    """The page's characters grouped into lines by position; a character drawn late joins its line."""
    count = raw.FPDFText_CountChars(textpage)
    # Loose boxes span the font's ascent and descent: a low comma shares its line's middle.
    box = raw.FS_RECTF()
    box_ref = ctypes.byref(box)
    char_box = raw.FPDFText_GetLooseCharBox
    # The page's characters in one call (a UTF-16 unit per character index), not one call each.
    units = (ctypes.c_ushort * (count + 1))()
    if count > 0:
        raw.FPDFText_GetText(textpage, 0, count, units)
    runs: list[_Run] = []
    current: _Run | None = None
    high = 0
    for index, code in enumerate(units[:count]):
        if code == 0xFFFE:  # how the page's text writes pdfium's hyphen mark (2), among others
            code = raw.FPDFText_GetUnicode(textpage, index)
        if code == 2 and current is not None and current.chars:
            # pdfium's mark for a hyphen that breaks a word at the line's end.
            edge = current.chars[-1][1]
            current.chars.append((edge, edge, _SOFT_HYPHEN))
            continue
        if code in (10, 13, 0xFFFE, 2):
            continue
        if 0xD800 <= code < 0xDC00:
            high = code
            continue
        if 0xDC00 <= code < 0xE000 and high:
            code = 0x10000 + ((high - 0xD800) << 10) + (code - 0xDC00)
            high = 0
        char = chr(code)
        if char.isspace():
            if current is not None and current.chars:
                edge = current.chars[-1][1]
                # pdfium makes up spaces where it sees gaps; those are told apart from the file's own.
                made_up = raw.FPDFText_IsGenerated(textpage, index) == 1
                current.chars.append((edge, edge, _GAP if made_up else " "))
            continue
        char_box(textpage, index, box_ref)
        top, bottom = box.top, box.bottom
        middle = (top + bottom) / 2
        if current is None or not (current.bottom - 1 <= middle <= current.top + 1):
            current = next((run for run in runs[-4:] if run.bottom - 1 <= middle <= run.top + 1), None)
            if current is None:
                current = _Run(top, bottom, index, [])
                runs.append(current)
        if top > current.top:
            current.top = top
        if bottom < current.bottom:
            current.bottom = bottom
        current.chars.append((box.left, box.right, char))
    return runs


def page_lines(pdf, index: int) -> tuple[list[Line], float]:
    """A page's lines, top to bottom, and the page's height."""
    import pypdfium2.raw as raw

    page = pdf[index]
    height = page.get_height()
    textpage = page.get_textpage()
    lines: list[Line] = []
    for run in _page_runs(textpage, raw):
        chars = sorted(run.chars, key=lambda c: c[0])  # stable: spaces stay after the character before them
        size, bold = _font_of(textpage.raw, raw, run.first)
        text = ""
        previous_right: float | None = None
        for position, (char_left, char_right, char) in enumerate(chars):
            if char == _GAP:
                following = next((c[2] for c in chars[position + 1:] if c[2] not in (" ", _GAP)), "a")
                if _CJK_CHAR.match(following) or _CJK_CHAR.match(text[-1:] or "a"):
                    continue  # typesetting glue beside Chinese, not a space of the text
                char = " "
            if char == " ":
                text += "" if text.endswith(" ") else " "
                continue
            if previous_right is not None and char_left - previous_right > size * 0.3 and not text.endswith(" ") \
                    and not (_CJK_CHAR.match(char) or _CJK_CHAR.match(text[-1:] or "a")):
                # A gap the producer drew instead of a space; beside CJK it is typesetting (the glue
                # xeCJK and Word put between Chinese and Latin, or after a half-width comma), not text.
                text += " "
            text += char
            previous_right = char_right
        # Spaces between two CJK characters are gaps in the typesetting, not in the text.
        text = _CJK_SPACE.sub("", " ".join(text.split()))
        if _SOFT_HYPHEN in text[:-1]:
            text = text[:-1].replace(_SOFT_HYPHEN, "") + text[-1]  # only a line's last one breaks a word
        if text:
            lines.append(Line(index, run.top, run.bottom, chars[0][0], previous_right or chars[-1][1],
                              size, bold, text))
    textpage.close()
    page.close()
    return lines, height
