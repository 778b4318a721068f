"""Markdown (CommonMark through markdown-it-py): ATX and Setext headings, front-matter title, text blocks."""

from __future__ import annotations

import itertools
import re

from editor.core.report import ParsedReport
from editor.importing.structure import Block, build_report, join_lines

_FRONT_MATTER = re.compile(r"\A(?:\ufeff)?---[ \t]*\n(.*?)\n(?:---|\.\.\.)[ \t]*(?:\n|\Z)", re.S)
_FRONT_TITLE = re.compile(r"^title[ \t]*:[ \t]*(.+?)[ \t]*$", re.M)
_ATX = re.compile(r"^ {0,3}#{1,6}[ \t]+\S", re.M)
_SETEXT = re.compile(r"^ {0,3}\S[^\n]*\n {0,3}(?:=+|-{2,})[ \t]*$", re.M)
_SNIFF_CHARS = 200_000


def looks_like_markdown(text: str) -> bool:
    """True for text with front matter or at least two Markdown headings near its start."""
    head = text[:_SNIFF_CHARS]
    if _FRONT_MATTER.match(head) and (_ATX.search(head) or _SETEXT.search(head)):
        return True
    # Two headings of either kind: one alone may be a line of text that happens to start with "#".
    headings = itertools.chain(_ATX.finditer(head), _SETEXT.finditer(head))
    return next(itertools.islice(headings, 1, None), None) is not None


def front_matter(text: str) -> tuple[str, str]:
    """(title from a YAML front-matter block, the text after the block)."""
    match = _FRONT_MATTER.match(text)
    if not match:
        return "", text
    found = _FRONT_TITLE.search(match.group(1))
    title = found.group(1).strip().strip("'\"") if found else ""
    return title, text[match.end():]


def _inline(token) -> str:
    """The plain text of an inline token: emphasis and links keep their words, breaks join lines."""
    out = ""
    for child in token.children or []:
        kind = child.type
        if kind in ("text", "code_inline"):
            out += child.content
        elif kind == "softbreak":
            out += "\x00"  # a wrapped line: joined once the text on both sides is known
        elif kind == "hardbreak":
            out += "\n"
        elif kind == "image":
            out += child.content
        elif kind == "html_inline" and child.content.lower().startswith("<br"):
            out += "\n"
    if "\x00" in out:
        pieces = out.split("\x00")
        joined = pieces[0]
        for piece in pieces[1:]:
            joined = join_lines(joined.rstrip(" "), piece.lstrip(" "))
        out = joined
    return out


def markdown_blocks(text: str) -> list[Block]:
    """Headings and text blocks of a Markdown document, in order; list items carry their markers."""
    from markdown_it import MarkdownIt

    tokens = MarkdownIt("commonmark").enable("table").parse(text)
    blocks: list[Block] = []
    lists: list[list[int | None]] = []  # open lists: [next number] or [None] for bullets
    heading = 0
    row: list[str] | None = None
    cell = ""
    for token in tokens:
        kind = token.type
        if kind == "heading_open":
            heading = int(token.tag[1])
        elif kind == "heading_close":
            heading = 0
        elif kind == "bullet_list_open":
            lists.append([None])
        elif kind == "ordered_list_open":
            lists.append([int(token.attrGet("start") or 1)])
        elif kind in ("bullet_list_close", "ordered_list_close"):
            lists.pop()
        elif kind == "tr_open":
            row = []
        elif kind == "tr_close":
            blocks.append(Block("\t".join(row or [])))
            row = None
        elif kind == "inline":
            content = _inline(token)
            if heading:
                blocks.append(Block(content, heading))
            elif row is not None:
                cell = content
                row.append(cell)
            else:
                blocks.append(Block(content))
        elif kind == "list_item_open" and lists:
            counter = lists[-1]
            marker = "•" if counter[0] is None else f"{counter[0]}."
            if counter[0] is not None:
                counter[0] += 1
            blocks.append(Block("\x01" + "  " * (len(lists) - 1) + marker + " "))
        elif kind in ("fence", "code_block"):
            blocks.append(Block(token.content.rstrip("\n")))
    return _attach_markers(blocks)


def _attach_markers(blocks: list[Block]) -> list[Block]:
    """Put each list marker in front of its item's first paragraph."""
    out: list[Block] = []
    marker = ""
    for block in blocks:
        if block.text.startswith("\x01"):
            marker += block.text[1:] if not marker else ""
            continue
        if marker and not block.level:
            block = Block(marker + block.text)
        marker = ""
        out.append(block)
    return out


def parse_markdown(text: str, source: str = "", warnings: list[str] | None = None) -> ParsedReport | None:
    """The report in a Markdown document, or None when it has no heading (then it is read as plain text)."""
    title, body = front_matter(text)
    return build_report(markdown_blocks(body), title=title, source=source, warnings=warnings)
