"""Documents with their own structure (PDF bookmarks, Word headings, Markdown, HTML) to a ParsedReport.

Each format reader turns its file into a list of ``Block`` values: headings with a level the
document itself gives, and body paragraphs. This module makes the outline from them, splits the
printed number off each heading, and cleans titles and bodies by the text importer's rules.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from editor.core.report import ParsedNode, ParsedReport
from editor.core.styles import Style, remapped, shifted
from editor.importing.cleaning import clean_text, has_pinyin_readings
from editor.importing.diagnostics import Located, removal_warnings, short
from editor.importing.layout import parse_outline_line
from editor.importing.numerals import NUMERAL_CHARS, parse_chinese_numeral

_CONTEXT = 8

# Labels other than the text importer's 「一、」 and 「1.1.」: chapters and sections in words,
# bracketed Chinese numbers, a single arabic number and roman numerals.
_CHINESE_PART = re.compile(rf"^第\s*([{NUMERAL_CHARS}\d]{{1,6}})\s*([章编編部篇节節条條])[\s\u3000:：、.．]*(.*)$", re.S)
_BRACKETED = re.compile(rf"^[(（]([{NUMERAL_CHARS}]{{1,4}})[)）][\s\u3000、]*(.*)$", re.S)
_SINGLE = re.compile(r"^(\d{1,3})(?:[.．、](?!\d)|[ \t\u3000]+)[ \t\u3000]*(\S.*)$", re.S)
_ROMAN = re.compile(r"^((?=[IVXLC])C{0,3}(?:XC|XL|L?X{0,3})(?:IX|IV|V?I{0,3}))[.．、][ \t\u3000]*(\S.*)$", re.S)
_PART_DEPTH = {"编": 1, "編": 1, "部": 1, "篇": 1, "章": 1, "节": 2, "節": 2, "条": 3, "條": 3}


@dataclass
class Block:
    """A heading (``level`` 1–9 as the document gives it) or a body paragraph (``level`` 0)."""

    text: str
    level: int = 0
    page: int | None = None  # 1-based page of the original, where the format has pages
    number: str | None = None  # the heading's number when the format gives it apart (Word's numbering)
    styles: tuple[Style, ...] = ()  # bold, italic, links over ``text`` (body paragraphs only)


@dataclass(frozen=True)
class Label:
    """A heading's printed number split off its title, with the depth the numbering implies."""

    number: str  # as printed, without the trailing 、 or dot
    depth: int  # 1 for 一、 / 第一章 / 1. / IV., 2 for 1.1 or （一）, and so on
    title: str


def split_label(text: str, depth_hint: int = 0) -> Label | None:
    """The numbering at the start of a heading (``一、``, ``1.1``, ``第一章``, ``1.``, ``IV.``), or None."""
    text = text.strip()
    entry = parse_outline_line(text)
    if entry is not None and entry.title:
        label, parts, title = entry.label, entry.parts, entry.title
        if depth_hint and len(parts) > depth_hint:
            # "1.1.1.2025年…": the numbers after the heading's depth belong to the title.
            for alt_label, alt_parts, alt_title in entry.alternatives:
                if len(alt_parts) == depth_hint:
                    label, parts, title = alt_label, alt_parts, alt_title
        return Label(label, len(parts), title)
    match = _CHINESE_PART.match(text)
    if match and match.group(3).strip():
        return Label(f"第{match.group(1)}{match.group(2)}", _PART_DEPTH[match.group(2)], match.group(3).strip())
    match = _BRACKETED.match(text)
    if match and match.group(2).strip():
        try:
            parse_chinese_numeral(match.group(1))
        except ValueError:
            return None
        return Label(f"（{match.group(1)}）", 2, match.group(2).strip())
    for pattern in (_SINGLE, _ROMAN):
        match = pattern.match(text)
        if match and match.group(1):
            return Label(match.group(1), 1, match.group(2).strip())
    return None


_CJK = re.compile(r"[\u2e80-\u9fff\uf900-\ufaff\uff00-\uffef\U00020000-\U0003134f]")


def join_lines(previous: str, line: str) -> str:
    """Two wrapped lines of one paragraph: CJK without a space, Latin with one, a hyphen joined."""
    if not previous:
        return line
    if not line:
        return previous
    last, first = previous[-1], line[0]
    if last == "\u00ad" or (last == "-" and len(previous) > 1 and previous[-2].isalpha() and first.islower()):
        return previous[:-1] + line  # a word hyphenated at the line's end, closed up
    if _CJK.match(last) or _CJK.match(first) or last.isspace():
        return previous + line
    return previous + " " + line


class _Cleaner:
    """Cleans titles and bodies by the text importer's rules and keeps what was removed, and where."""

    def __init__(self, sample: str) -> None:
        self.toneless = has_pinyin_readings(sample)
        self.located: list[Located] = []
        self.readings = 0
        self.example = ""

    def __call__(self, text: str, where: str) -> str:
        return self.styled(text, (), where)[0]

    def styled(self, text: str, styles: tuple[Style, ...], where: str) -> tuple[str, tuple[Style, ...]]:
        """The cleaned text and its styles carried over to it."""
        cleaned = clean_text(text, toneless_readings=self.toneless)
        self.readings += cleaned.readings
        self.example = self.example or cleaned.reading_example
        for removal in cleaned.removals:
            context = cleaned.text[max(0, removal.at - _CONTEXT): removal.at + _CONTEXT].replace("\n", " ")
            self.located.append(Located(removal.kind, where, removal.text, context))
        return cleaned.text, remapped(styles, text, cleaned.text)


def _body(paragraphs: list[tuple[str, tuple[Style, ...]]], clean: _Cleaner,
          where: str) -> tuple[str, list[Style]]:
    """A node's body: its paragraphs a line each, cleaned, with their styles at their places in it."""
    styles: list[Style] = []
    at = 0
    for text, own in paragraphs:
        if own:
            styles.extend(shifted(own, at))
        at += len(text) + 1
    body, kept = clean.styled("\n".join(text for text, _own in paragraphs), tuple(styles), where)
    return body, list(kept)


def _ranks(levels: list[int]) -> dict[int, int]:
    """Document heading levels (h2, h4, …) to outline levels 1, 2, … without gaps."""
    return {level: rank for rank, level in enumerate(sorted(set(levels)), start=1)}


def build_report(blocks: list[Block], *, title: str = "", source: str = "",
                 warnings: list[str] | None = None) -> ParsedReport | None:
    """The report the blocks describe, or None when they hold no heading to build an outline on."""
    headings = [b for b in blocks if b.level]
    if not headings:
        return None
    out_warnings = list(warnings or [])
    top = min(b.level for b in headings)
    # One heading above all the others, first in the file, is the document's title, not a chapter.
    if not title and len(headings) > 1 and headings[0].level == top \
            and sum(1 for b in headings if b.level == top) == 1:
        title = headings[0].text
        index = blocks.index(headings[0])
        blocks = blocks[:index] + blocks[index + 1:]
        headings = headings[1:]
    if title and headings and split_label(headings[0].text) is None \
            and re.sub(r"\s+", "", headings[0].text) == re.sub(r"\s+", "", title):
        # The title as printed above the first chapter (a PDF's title block), not a chapter of its own.
        index = blocks.index(headings[0])
        blocks = blocks[:index] + blocks[index + 1:]
        headings = headings[1:]
    ranks = _ranks([b.level for b in headings])
    sample = "\n".join(b.text for b in blocks[:2000])
    clean = _Cleaner(sample)

    roots: list[ParsedNode] = []
    stack: list[tuple[ParsedNode, list[int], tuple[int, int]]] = []  # open: node, children's counter, rank
    counters: list[int] = [0]  # children counted at the top
    preamble: list[str] = []
    paragraphs: dict[int, list[tuple[str, tuple[Style, ...]]]] = {}
    nodes: list[ParsedNode] = []
    for block in blocks:
        if not block.level:
            text = block.text.strip()
            if not text:
                continue
            if stack:
                styles = block.styles
                if styles:
                    styles = tuple(shifted(styles, -(len(block.text) - len(block.text.lstrip()))))
                paragraphs.setdefault(id(stack[-1][0]), []).append((text, styles))
            else:
                preamble.append(text)
            continue
        # Within one heading level, a deeper printed number (1.1 under an unnumbered chapter) nests.
        numbered = split_label(block.text) if block.number is None else None
        rank = (ranks[block.level], numbered.depth if numbered and numbered.depth > 1 else 0)
        while stack and stack[-1][2] >= rank:
            stack.pop()
        # A heading two levels below its parent hangs directly under it: no invented empty node.
        level = len(stack) + 1
        siblings = stack[-1][1] if stack else counters
        siblings[0] += 1
        path = (stack[-1][0].path + "." if stack else "") + str(siblings[0])
        if block.number is not None:
            label: Label | None = Label(block.number, level, block.text)
        elif numbered is None or numbered.depth <= level:
            label = numbered  # what the hint below would give: read once, not twice
        else:
            label = split_label(block.text, level)
        number, heading = (label.number, label.title) if label else ("", block.text.strip())
        node = ParsedNode(number=number, path=path, level=level, title=clean(" ".join(heading.split()),
                          f"{path} title"), page=block.page)
        (stack[-1][0].children if stack else roots).append(node)
        stack.append((node, [0], rank))
        nodes.append(node)
    for node in nodes:
        node.body, node.styles = _body(paragraphs.get(id(node), []), clean, node.path)
    title = clean(" ".join(title.split()), "the report title") if title else nodes[0].title
    out_warnings += removal_warnings(clean.located, clean.readings, clean.example)
    if preamble and re.sub(r"\s+", "", " ".join(preamble)) == re.sub(r"\s+", "", title):
        preamble = []  # the title as printed above the first heading
    if preamble:
        text = " ".join(preamble)
        out_warnings.append(f"{len(text)} characters before the first heading belong to no node: «{short(text, 16)}»")
    return ParsedReport(title=title, nodes=roots, source=source, warnings=out_warnings)
