"""Markdown (CommonMark through markdown-it-pyrs): ATX and Setext headings, front-matter title, text blocks."""

from __future__ import annotations

import itertools
import re

from editor.core.report import ParsedReport
from editor.core.styles import BOLD, CODE, ITALIC, LINK, Style, StyledText, remapped, shifted, tidy
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


# Inline nodes: the words of a paragraph, heading or table cell (a tight list item holds them directly).
_INLINE = frozenset({"text", "text_special", "code_inline", "softbreak", "hardbreak", "image", "html_inline",
                     "em", "strong", "link", "strikethrough", "autolink"})


def _inline_text(nodes) -> str:
    """The plain text of inline nodes: emphasis and links keep their words, breaks join lines."""
    return _inline(nodes)[0]


def _inline(nodes) -> tuple[str, tuple[Style, ...]]:
    """The plain text of inline nodes and its bold, italic, code and link spans."""
    styled = StyledText()
    for node in nodes:
        _words(node, styled, ())
    out = styled.text()
    styles = tidy(styled.styles, len(out)) if styled.styles else ()
    if "\x00" in out:
        pieces = out.split("\x00")
        joined = pieces[0]
        for piece in pieces[1:]:
            joined = join_lines(joined.rstrip(" "), piece.lstrip(" "))
        styles = remapped(styles, out, joined)
        out = joined
    return out, styles


def _paragraph(nodes) -> Block:
    text, styles = _inline(nodes)
    return Block(text, styles=styles)


# Inline nodes whose words take a style, and which.
_KIND = {"strong": BOLD, "em": ITALIC, "code_inline": CODE, "link": LINK, "autolink": LINK}


def _words(node, styled: StyledText, kinds: tuple[str, ...], href: str = "") -> None:
    name = node.name
    if name == "softbreak":
        styled.add("\x00")  # a wrapped line: joined once the text on both sides is known
    elif name == "hardbreak":
        styled.add("\n")
    elif name == "html_inline":
        if node.meta.get("content", "").lower().startswith("<br"):
            styled.add("\n")
    elif node.children:  # emphasis, links, inline code, an image's alt text
        kind = _KIND.get(name)
        if kind is not None and kind not in kinds:
            kinds = (*kinds, kind)
            if kind == LINK:
                href = node.meta.get("url", "")
        for child in node.children:
            _words(child, styled, kinds, href)
    else:  # text, and text_special (escapes, entities, autolinks)
        styled.add(node.meta.get("content", ""), kinds, href)


def markdown_blocks(text: str) -> list[Block]:
    """Headings and text blocks of a Markdown document, in order; list items carry their markers."""
    # markdown-it-pyrs: markdown-it's CommonMark rules in Rust, ~5x faster than markdown-it-py on a
    # long report (its parse alone took longer than the whole plain-text import).
    from markdown_it_pyrs import MarkdownIt

    blocks: list[Block] = []
    _add_blocks(MarkdownIt("commonmark").enable("table").tree(text).children, blocks, 0)
    return _attach_markers(blocks)


def _add_blocks(nodes, blocks: list[Block], depth: int) -> None:
    """Append the blocks of ``nodes`` (children of the document, a list item or a quote) to ``blocks``."""
    words: list = []  # inline nodes straight under a tight list item
    for node in nodes:
        name = node.name
        if name in _INLINE:
            words.append(node)
            continue
        if words:
            blocks.append(_paragraph(words))
            words = []
        if name in ("heading", "lheading"):
            blocks.append(Block(_inline_text(node.children), int(node.meta["level"])))
        elif name == "paragraph":
            blocks.append(_paragraph(node.children))
        elif name in ("bullet_list", "ordered_list"):
            number = int(node.meta.get("start", 1)) if name == "ordered_list" else None
            for item in node.children:
                marker = "•" if number is None else f"{number}."
                if number is not None:
                    number += 1
                blocks.append(Block("\x01" + "  " * depth + marker + " "))
                _add_blocks(item.children, blocks, depth + 1)
        elif name == "table":
            for part in node.children:  # thead, tbody
                for row in part.children:
                    blocks.append(Block("\t".join(_inline_text(cell.children) for cell in row.children)))
        elif name in ("fence", "code_block"):
            blocks.append(Block(node.meta.get("content", "").rstrip("\n")))
        elif name == "blockquote":
            _add_blocks(node.children, blocks, depth)
    if words:
        blocks.append(_paragraph(words))


def _attach_markers(blocks: list[Block]) -> list[Block]:
    """Put each list marker in front of its item's first paragraph."""
    out: list[Block] = []
    marker = ""
    for block in blocks:
        if block.text.startswith("\x01"):
            marker += block.text[1:] if not marker else ""
            continue
        if marker and not block.level:
            block = Block(marker + block.text, styles=tuple(shifted(block.styles, len(marker))))
        marker = ""
        out.append(block)
    return out


def parse_markdown(text: str, source: str = "", warnings: list[str] | None = None) -> ParsedReport | None:
    """The report in a Markdown document, or None when it has no heading (then it is read as plain text)."""
    title, body = front_matter(text)
    return build_report(markdown_blocks(body), title=title, source=source, warnings=warnings)
