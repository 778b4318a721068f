"""Removing what a document site adds to a report: page furniture, pinyin readings, markup residue, unprintables."""

from __future__ import annotations

import html
import re
from dataclasses import dataclass, field
from collections.abc import Iterable

from editor.importing.pinyin import PINYIN_LETTERS, is_toned_reading, is_toneless_reading

# ---------------------------------------------------------------------------
# Site furniture: whole lines that belong to the document site, not to the report.
# Each pattern accepts the Traditional and the Simplified spelling. They are matched
# after pinyin readings are gone ("版權(quán)說明" -> "版權說明").

_PAGE_CAPTION = re.compile(r"^.{0,300}_第\s*\d{1,5}\s*[頁页]$")
_FURNITURE = re.compile(
    r"^(?:"
    r"已[閱阅][讀读]\s*\d+\s*[頁页].*"  # 已閱讀5頁,還剩13頁未讀, 繼續免費閱讀
    r"|.{0,40}[還还]剩\s*\d+\s*[頁页]未[讀读].*"
    r"|下[載载](?:本)?文[檔档]|免[費费]下[載载]|[繼继][續续]免[費费][閱阅][讀读]"
    r"|版[權权][說说]明\s*[:：].*"  # 版權說明:本文檔由用戶提供並上傳……
    r"|文[檔档][簡简]介"
    r"|[評评][論论]|提交[評评][論论]|\d{1,4}\s*/\s*\d{1,5}"  # comment box and its 0/150 counter
    r"|[內内]容提供方.{0,40}|[舉举]報|收藏|分享"
    r")$"
)
_FURNITURE_MAX = 600  # characters; furniture lines are short, report lines can be a whole body
# 溫馨提示 opens the site's notice with its own numbered list ("• 1. 本站所有資源…").
_NOTICE_HEADING = re.compile(r"^[溫温]馨提示[:：]?$")
_NOTICE_ITEM = re.compile(r"^(?:[•·●▪◆■\-*]\s*)?\d{1,2}\s*[.、．]\s*\S")


def is_page_caption(line: str) -> bool:
    """True for a page caption such as ``報告名_第3頁``."""
    return bool(_PAGE_CAPTION.match(line.strip()))


def page_caption_title(line: str) -> str:
    """The report name a page caption carries (``報告名_第3頁`` -> ``報告名``)."""
    return line.strip().rsplit("_第", 1)[0].strip()


def is_site_furniture(line: str) -> bool:
    """True for a line the document site adds around every report (never report content)."""
    text = line.strip()
    if len(text) > _FURNITURE_MAX:
        return False
    if "(" in text or "（" in text:
        text = _strip_readings(text, False)[0]  # 版權(quán)說明 is 版權說明
    return bool(text) and bool(
        _PAGE_CAPTION.match(text) or _FURNITURE.match(text) or _NOTICE_HEADING.match(text)
    )


def is_notice_heading(line: str) -> bool:
    """True for the 溫馨提示 heading that opens the site's footer notice."""
    return bool(_NOTICE_HEADING.match(line.strip()))


def is_notice_item(line: str) -> bool:
    """True for one numbered or bulleted item of the site's footer notice."""
    return bool(_NOTICE_ITEM.match(line.strip()))


def only_site_furniture(lines: Iterable[str]) -> bool:
    """True if the non-blank lines are all site furniture (the notice's numbered items included)."""
    in_notice = False
    seen = False
    for line in lines:
        text = line.strip()
        if not text:
            continue
        seen = True
        if is_notice_heading(text):
            in_notice = True
        elif not (in_notice and is_notice_item(text)) and not is_site_furniture(text):
            return False
    return seen


# ---------------------------------------------------------------------------
# Character-level clean-up. Pinyin readings go first and are only counted (a scraped
# report has thousands); everything else goes in one pass so each removal keeps its place.

READING = "reading"  # pinyin after a character: 發(fā)展
DAMAGED = "damaged"  # a reading whose opening bracket was lost in scraping: 發展?jié)
MARKUP = "markup"  # </p>, ?/p>, <br>, &nbsp;
PRIVATE_USE = "private-use"
CONTROL = "control"
INVISIBLE = "invisible"
LOST = "lost"  # U+FFFD / U+FFFC: text lost before the file was written

_LETTERS = re.escape(PINYIN_LETTERS) + r"\u0300-\u036f"
_TAG_NAMES = (
    r"p|br|div|span|a|b|i|u|em|strong|font|img|table|tbody|thead|tr|td|th|ul|ol|li|"
    r"h[1-6]|sup|sub|hr|section|article|header|footer|blockquote|pre|code|center|small|big"
)
_READING = re.compile(rf"[(（]([{_LETTERS}]{{1,30}})[)）]")
_CLEAN = re.compile(
    rf"(?P<damaged>[?？\ufffd](?P<dsyl>[{_LETTERS}]{{1,30}})[)）])"
    rf"|(?P<markup></?(?:{_TAG_NAMES})\b[^<>\n]{{0,300}}>"
    rf"|<!--.{{0,2000}}?-->"
    rf"|[?？\ufffd]/(?:{_TAG_NAMES})\s*>"
    rf"|&(?:nbsp|amp|lt|gt|quot|apos|ensp|emsp|#\d{{1,7}}|#[xX][0-9a-fA-F]{{1,6}});)"
    r"|(?P<private>[\ue000-\uf8ff\U000f0000-\U0010ffff])"
    r"|(?P<control>[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f])"
    r"|(?P<invisible>[\u00ad\u200b\u200e\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff\ufff9-\ufffb])"
    r"|(?P<lost>[\ufffc\ufffd\ud800-\udfff])",
    re.IGNORECASE,
)


def _is_han(ch: str) -> bool:
    code = ord(ch)
    return (0x3400 <= code <= 0x9FFF or 0xF900 <= code <= 0xFAFF or 0x20000 <= code <= 0x3FFFF
            or code == 0x3007)


@dataclass(frozen=True)
class Removal:
    """One thing taken out of the text: its kind, where (in the cleaned text) and what."""

    kind: str
    at: int
    text: str


@dataclass
class CleanText:
    """Cleaned text, what was removed from it, and how many pinyin readings went."""

    text: str
    removals: list[Removal] = field(default_factory=list)
    readings: int = 0
    reading_example: str = ""  # the first one, with its character: 發(fā)


def has_pinyin_readings(text: str, at_least: int = 3) -> bool:
    """True if the text carries tone-marked readings after its characters, as scraped pages do.

    Only then are tone-less readings such as ``(de)`` taken for pinyin too; in a report
    without readings a lowercase word in brackets is left alone.
    """
    found = 0
    for match in _READING.finditer(text):
        start = match.start()
        if start and not text[start - 1].isspace() and is_toned_reading(match.group(1)):
            found += 1
            if found >= at_least:
                return True
    return False


def _strip_readings(text: str, toneless: bool) -> tuple[str, int, str]:
    """Text without its pinyin readings, how many there were, and the first one."""
    if "(" not in text and "（" not in text:
        return text, 0, ""
    count = 0
    example = ""

    def replace(match: re.Match[str]) -> str:
        nonlocal count, example
        start = match.start()
        before = text[start - 1] if start else " "
        # A bracketed word after a space (or at a line start) is the author's, not a reading.
        if before.isspace():
            return match.group()
        reading = match.group(1)
        if is_toned_reading(reading) or (toneless and _is_han(before) and is_toneless_reading(reading)):
            count += 1
            example = example or before + match.group()
            return ""
        return match.group()

    return _READING.sub(replace, text), count, example


def strip_readings(text: str) -> str:
    """The text without tone-marked pinyin readings (for comparing, not for keeping)."""
    return _strip_readings(text, False)[0]


def clean_text(text: str, *, toneless_readings: bool = False) -> CleanText:
    """Remove readings, markup residue and unprintable characters; keep every other character.

    ``toneless_readings`` also removes one-syllable readings without tone marks after a
    Chinese character (``的(de)``); pass it for texts where ``has_pinyin_readings`` holds.
    Readings are only counted (there are thousands); every other removal keeps its place.
    """
    text, readings, example = _strip_readings(text, toneless_readings)
    if not _CLEAN.search(text):
        return CleanText(text, [], readings, example)  # the common case: nothing else to remove
    pieces: list[str] = []
    removals: list[Removal] = []
    kept_upto = 0
    out_len = 0
    for match in _CLEAN.finditer(text):
        start, end = match.span()
        kind = match.lastgroup
        replacement = ""
        if kind in ("damaged", "dsyl"):
            if not is_toned_reading(match.group("dsyl")):
                continue
            kind = DAMAGED
        elif kind == "markup":
            token = match.group()
            if token.startswith("&"):
                replacement = html.unescape(token).replace("\xa0", " ")
            elif token[:3].lower() == "<br":
                replacement = "\n"
            kind = MARKUP
        elif kind == "private":
            kind = PRIVATE_USE
        # control / invisible / lost keep their group names as kinds
        pieces.append(text[kept_upto:start])
        out_len += start - kept_upto
        removals.append(Removal(kind or LOST, out_len, match.group()))
        pieces.append(replacement)
        out_len += len(replacement)
        kept_upto = end
    if removals:
        pieces.append(text[kept_upto:])
        text = "".join(pieces)
    return CleanText(text, removals, readings, example)
