"""Finding the parts of a scraped report file: header furniture, title, outline lines, body, footer."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from editor.importing.cleaning import (
    is_notice_heading, is_notice_item, is_page_caption, is_site_furniture, page_caption_title, strip_readings,
)
from editor.importing.numerals import NUMERAL_CHARS, parse_chinese_numeral

_LEAD_SPACE = " \t\u3000\ufeff\u200b"
_CHAPTER = re.compile(rf"^[{_LEAD_SPACE}]*([{NUMERAL_CHARS}]{{1,8}})、[ \t\u3000]*(.*)$", re.S)
# A chapter label glued after other text, as on the first outline line: "標題參考模板一、…".
_GLUED_CHAPTER = re.compile(rf"^(.*?)([{NUMERAL_CHARS}]{{1,8}})、[ \t\u3000]*(.*)$", re.S)
_NUMBERED = re.compile(
    r"^[" + _LEAD_SPACE + r"]*(\d{1,4}(?:[.．]\d{1,4}){1,7})([.．、]?)([ \t\u3000]*)(.*)$", re.S)
_TEMPLATE_WORD = re.compile(r"[參参]考模板$")
_HTML = re.compile(r"<!doctype html|<html[\s>]|<head[\s>]|<body[\s>]", re.IGNORECASE)

# How many stray label-like lines to try before giving up: keeps a huge file without
# an outline (say 60 MB of prose with numbered lists) from being examined line by line.
_MAX_START_CANDIDATES = 2000


@dataclass(frozen=True)
class OutlineLine:
    """One outline line split into its label and title (both raw, before clean-up)."""

    label: str  # as printed, without the trailing 、 or dot: "一", "1.1", "1.1.1"
    parts: tuple[int, ...]  # canonical numbers: (1,), (1, 1), (1, 1, 1)
    title: str
    line_no: int  # 1-based line in the file, for messages
    # For "1.1.1.2025年…" the label might end earlier than the last dot: the shorter
    # readings, longest first, as (label, parts, title). Worked out only when asked for.
    shorter: tuple[str, str] = ("", "")  # (separator and spaces after the label, rest of the line)

    @property
    def alternatives(self) -> list[tuple[str, tuple[int, ...], str]]:
        """Other ways to split the line into label and title, for when the first does not fit.

        Only a label run straight into its title ("1.1.1.2025年") is in doubt; "1.2.1.風險"
        with its dot is read as printed even if 1.2 is missing.
        """
        separator, rest = self.shorter
        if separator:
            return []
        numbers = self.label.split(".")
        out: list[tuple[str, tuple[int, ...], str]] = []
        for count in range(len(numbers) - 1, 1, -1):
            head, tail = numbers[:count], numbers[count:]
            title = (".".join(tail) + rest).strip()
            out.append((".".join(head), self.parts[:count], title))
        return out


@dataclass
class Layout:
    """The report's parts as found in the file."""

    title: str  # raw title text (may still carry readings)
    outline: list[OutlineLine]
    body: str  # raw body text, lines joined with "\n"
    ignored: list[str] = field(default_factory=list)  # non-furniture lines left out, for warnings


def parse_outline_line(text: str, line_no: int = 0) -> OutlineLine | None:
    """The outline entry on a line (chapter ``一、…`` or numbered ``1.1.…``), or None."""
    match = _CHAPTER.match(text)
    if match:
        try:
            value = parse_chinese_numeral(match.group(1))
        except ValueError:
            value = 0
        if value > 0:
            return OutlineLine(match.group(1), (value,), match.group(2).strip(), line_no)
    match = _NUMBERED.match(text)
    if not match:
        return None
    label, separator, space, rest = match.groups()
    numbers = re.split(r"[.．]", label)
    return OutlineLine(".".join(numbers), tuple(int(n) for n in numbers), rest.strip(), line_no,
                       (separator + space, rest))


def _content_lines(lines: list[str], start: int, limit: int = 6) -> list[int]:
    """Indexes of the next few lines after ``start`` that are neither blank nor site furniture."""
    found: list[int] = []
    for index in range(start + 1, len(lines)):
        text = lines[index].strip()
        if text and not is_site_furniture(text):
            found.append(index)
            if len(found) >= limit:
                break
    return found


def _first_chapter_of(line: str) -> tuple[str, OutlineLine] | None:
    """(text before the label, chapter entry) for a line whose chapter label is glued to a title."""
    match = _GLUED_CHAPTER.match(line.strip())
    if not match or not match.group(1):
        return None
    try:
        value = parse_chinese_numeral(match.group(2))
    except ValueError:
        return None
    if value <= 0:
        return None
    return match.group(1), OutlineLine(match.group(2), (value,), match.group(3).strip(), 0)


def _previous_content_line(lines: list[str], index: int, reach: int = 8) -> int | None:
    """Index of the nearest line above ``index`` that is neither blank nor site furniture."""
    for back in range(index - 1, max(-1, index - 1 - reach), -1):
        text = lines[back].strip()
        if text and not is_site_furniture(text):
            return back
    return None


def _continues(entry: OutlineLine, nxt: OutlineLine) -> bool:
    """True if ``nxt`` can follow ``entry`` in an outline: a child of it, or a later entry."""
    if nxt.parts == entry.parts:
        return False
    options = [nxt.parts, *(alt[1] for alt in nxt.alternatives)]
    for parts in options:
        if len(parts) > len(entry.parts):
            if parts[: len(entry.parts)] == entry.parts:
                return True
        elif parts > entry.parts[: len(parts)]:
            return True
    return False


class OutlineNotFound(Exception):
    """No outline in the text; the message says how far the search went."""


def _has_sections_ahead(lines: list[str], index: int, first: OutlineLine, look: int = 6) -> bool:
    """True if numbered entries (1.1., 1.1.1.) carry on the run of entries within a few lines."""
    previous = first
    for position in _content_lines(lines, index, limit=look):
        entry = parse_outline_line(lines[position].strip())
        if entry is None or not _continues(previous, entry):
            return False  # the run ends (prose, or numbering that starts over)
        if len(entry.parts) > 1:
            return True
        previous = entry
    return False


def _find_outline_start(lines: list[str]) -> tuple[int, str, OutlineLine]:
    """(line index, title prefix, first entry) of the outline's first line.

    The first run of entries with numbered sections in it wins; a run of chapter
    lines alone ("一、… 二、…", which prose lists look like too) only if there is no other.
    """
    candidates = 0
    fallback: tuple[int, str, OutlineLine] | None = None
    for index, raw in enumerate(lines):
        text = raw.lstrip(_LEAD_SPACE)
        if not text:
            continue
        glued_hint = "模板" in text
        if not (text[0].isdigit() or text[0] in NUMERAL_CHARS or glued_hint):
            continue
        prefix = ""
        entry = None if glued_hint else parse_outline_line(text, index + 1)
        if entry is None:
            glued = _first_chapter_of(text)
            if glued is None:
                continue
            prefix, entry = glued
            entry = OutlineLine(entry.label, entry.parts, entry.title, index + 1)
        candidates += 1
        if candidates > _MAX_START_CANDIDATES:
            if fallback is not None:
                return fallback
            raise OutlineNotFound(f"gave up after {_MAX_START_CANDIDATES} lines that look like headings "
                                  f"but start no outline")
        following = _content_lines(lines, index, limit=1)
        if not following:
            continue
        nxt = parse_outline_line(lines[following[0]].strip())
        if nxt is None or not _continues(entry, nxt):
            continue
        found = (index, prefix, entry)
        if len(entry.parts) > 1 and not prefix:
            # A section first: its chapter may sit at the end of the line above, glued
            # to the title without the 參考模板 marker.
            above = _previous_content_line(lines, index)
            glued = _first_chapter_of(lines[above]) if above is not None else None
            if above is not None and glued is not None and glued[1].parts == entry.parts[:1]:
                chapter = glued[1]
                found = (above, glued[0], OutlineLine(chapter.label, chapter.parts, chapter.title, above + 1))
        if len(entry.parts) > 1 or _has_sections_ahead(lines, index, entry):
            return found
        fallback = fallback or found
    if fallback is not None:
        return fallback
    raise OutlineNotFound("")


def _glued_body_at(text: str, first: OutlineLine) -> int:
    """Where the body starts inside an outline line: the first chapter's heading again (-1: nowhere).

    The heading is compared without pinyin readings, which the outline and the body do
    not always carry alike.
    """
    if not first.title:
        return -1
    label = f"{first.label}、"
    title = strip_readings(first.title)
    position = text.find(label, 1)
    while position > 0:
        if text[position - 1] not in NUMERAL_CHARS:
            after = position + len(label)
            window = strip_readings(text[after: after + 3 * len(first.title) + 20])
            if window.startswith(title):
                return position
        position = text.find(label, position + 1)
    return -1


def _title_from_header(lines: list[str], end: int) -> str:
    """The report title from the lines above the outline: a plain line, else a page caption."""
    caption = ""
    plain = ""
    for raw in lines[:end]:
        text = raw.strip()
        if not text:
            continue
        if is_page_caption(text):
            caption = caption or page_caption_title(text)
        elif not is_site_furniture(text) and len(text) <= 200:
            plain = text
    return plain or caption


def looks_like_html(text: str) -> bool:
    """True if the text is an HTML page rather than a plain report."""
    return bool(_HTML.search(text[:20_000]))


def split_layout(text: str) -> Layout:
    """Locate title, outline and body in decoded text; OutlineNotFound when there is no outline."""
    lines = text.split("\n")
    start_index, prefix, first = _find_outline_start(lines)
    title = _TEMPLATE_WORD.sub("", prefix.strip()).strip() if prefix else ""
    if not title:
        title = _title_from_header(lines, start_index)

    outline = [first]
    body_parts: list[str] = []
    index = start_index + 1
    # The outline: consecutive entries until the body starts (glued to the last entry,
    # or on a line of its own that repeats the first chapter) or something else appears.
    while index < len(lines):
        text = lines[index].strip()
        entry = parse_outline_line(text, index + 1) if text else None
        if entry is None:
            if is_notice_heading(text):
                break  # the footer follows the outline directly: there is no body
            if not text or is_site_furniture(text):
                index += 1
                continue
        if entry is None or entry.parts == first.parts:
            break  # prose, or the body opening with the first chapter on a line of its own
        glued_at = _glued_body_at(text, first)
        if glued_at > 0:
            head = parse_outline_line(text[:glued_at], index + 1)
            if head is not None:
                outline.append(head)
            body_parts.append(text[glued_at:])
            index += 1
            break
        outline.append(entry)
        index += 1

    ignored: list[str] = []
    in_notice = False
    for position in range(index, len(lines)):
        text = lines[position].strip()
        if not text:
            continue
        if is_notice_heading(text):
            in_notice = True
            continue
        if in_notice and is_notice_item(text):
            continue
        if is_site_furniture(text):
            continue
        if in_notice:
            ignored.append(text)
            continue
        body_parts.append(text)
    return Layout(title, outline, "\n".join(body_parts), ignored)
