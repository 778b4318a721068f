"""The Markdown export: the annotated outline as a document that reads well as plain text.

Layout (documented in ``docs/export-markdown.md``): the report title is the one ``#``
heading; chapters are ``##``, sections ``###``, points ``####`` (deeper levels stop at
``######``), each with its printed number. Under a heading comes the node's text,
then its annotations: tags as `` `tag` `` chips, ratings as ★★★★☆ per dimension and
analyst, each note converted from its HTML to Markdown, and each highlight as a
blockquote with its comment. Nodes kept only as context for a filtered export show
their heading alone.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path
from typing import ClassVar

from .collect import ExportDocument, NodeEntry
from .options import ProgressFn, check_progress

_PROGRESS_EVERY = 200
_CJK_NUMERALS = set("〇零一二三四五六七八九十百千")
# Characters that Markdown would read as markup inside running text.
_ESCAPE = re.compile(r"([\\`*_\[\]<>|~])")
_LINE_START = re.compile(r"^(\s*)([#>+\-=])", re.MULTILINE)
_ORDERED_START = re.compile(r"^(\s*\d+)([.)])", re.MULTILINE)


def escape_inline(text: str) -> str:
    """``text`` with the characters that are markup anywhere in a line backslash-escaped."""
    return _ESCAPE.sub(r"\\\1", text)


def escape_markdown(text: str) -> str:
    """``text`` with Markdown markup characters backslash-escaped (so it shows literally)."""
    text = escape_inline(text)
    text = _LINE_START.sub(lambda m: m.group(1) + "\\" + m.group(2), text)
    return _ORDERED_START.sub(lambda m: m.group(1) + "\\" + m.group(2), text)


def chip(name: str) -> str:
    """A tag as an inline code span; a name containing a backtick gets a longer fence."""
    return f"`` {name} ``" if "`" in name else f"`{name}`"


def stars(value: int, low: int, high: int) -> str:
    """A rating as filled and empty stars on its scale: 4 on 1–5 -> ★★★★☆."""
    filled = max(0, min(value - low + 1, high - low + 1))
    return "★" * filled + "☆" * (high - low + 1 - filled)


class _MarkdownWriter(HTMLParser):
    """Converts the sanitised note HTML subset (editor.core.richtext) into Markdown."""

    _INLINE: ClassVar[dict[str, str]] = {"b": "**", "strong": "**", "i": "*", "em": "*", "s": "~~", "code": "`"}
    _HEADINGS: ClassVar[set[str]] = {"h1", "h2", "h3", "h4"}
    _BLOCKS: ClassVar[set[str]] = {"p", "div", "blockquote", "pre"} | _HEADINGS

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.out: list[str] = []  # finished lines
        self.line: list[str] = []  # inline pieces of the line being built
        self.lists: list[list] = []  # open lists, innermost last: [ordered, next number]
        self.quote_depth = 0
        self.in_pre = False
        self.links: list[str | None] = []

    def _emit(self, *, blank_after: bool) -> None:
        """Finish the current line(s); a blank line after separates paragraphs."""
        text = "".join(self.line)
        self.line = []
        if not self.in_pre:  # keep a list item's indent, drop stray spaces elsewhere
            text = text.rstrip() if self.lists else text.strip()
        prefix = "> " * self.quote_depth
        if text:
            self.out.extend(prefix + part if part else prefix.rstrip() for part in text.split("\n"))
        if blank_after and self.out and self.out[-1].strip("> ") != "":
            self.out.append(prefix.rstrip())

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in self._INLINE:
            self.line.append(self._INLINE[tag])
        elif tag == "br":
            self.line.append("\n" if self.in_pre else "  \n")
        elif tag == "a":
            self.links.append(dict(attrs).get("href"))
            self.line.append("[")
        elif tag in ("ul", "ol"):
            self._emit(blank_after=not self.lists)
            start = dict(attrs).get("start") or ""
            self.lists.append([tag == "ol", int(start) if start.isdigit() else 1])
        elif tag == "li":
            self._emit(blank_after=False)
            self.line.append(self._marker())
        elif tag in self._BLOCKS and not self.lists:  # a paragraph inside a list item stays inline
            self._emit(blank_after=True)
            if tag == "blockquote":
                self.quote_depth += 1
            elif tag == "pre":
                self.line.append("```\n")
                self.in_pre = True
            elif tag in self._HEADINGS:
                self.line.append("**")  # a heading inside a note must not break the outline

    def handle_endtag(self, tag: str) -> None:
        if tag in self._INLINE:
            self.line.append(self._INLINE[tag])
        elif tag == "a":
            href = self.links.pop() if self.links else None
            self.line.append(f"]({_link_target(href)})" if href else "]")
        elif tag == "li":
            self._emit(blank_after=False)
        elif tag in ("ul", "ol"):
            self._emit(blank_after=False)
            if self.lists:
                self.lists.pop()
            if not self.lists:
                self._emit(blank_after=True)
        elif tag in self._BLOCKS and not self.lists:
            if tag in self._HEADINGS:
                self.line.append("**")
            elif tag == "pre":
                self.line.append("\n```")
            self._emit(blank_after=tag != "blockquote")
            if tag == "blockquote":
                if self.out and self.out[-1] == ("> " * self.quote_depth).rstrip():
                    self.out.pop()  # the quote's last paragraph break
                self.quote_depth = max(0, self.quote_depth - 1)
                self.out.append(("> " * self.quote_depth).rstrip())  # a blank line ends the quote
            elif tag == "pre":
                self.in_pre = False

    def _marker(self) -> str:
        if not self.lists:
            return "- "
        indent = "   " * (len(self.lists) - 1)
        kind = self.lists[-1]
        if kind[0]:
            kind[1] += 1
            return f"{indent}{kind[1] - 1}. "
        return f"{indent}- "

    def handle_data(self, data: str) -> None:
        if self.in_pre:
            self.line.append(data)
        elif data.strip() or self.line:
            self.line.append(escape_markdown(re.sub(r"\s+", " ", data)))

    def result(self) -> str:
        self._emit(blank_after=False)
        text = "\n".join(self.out).strip()
        return re.sub(r"\n{3,}", "\n\n", text)


def _link_target(href: str) -> str:
    """A URL safe inside ``(...)``: spaces, parentheses and angle brackets percent-encoded."""
    return href.translate({ord(" "): "%20", ord("("): "%28", ord(")"): "%29", ord("<"): "%3C", ord(">"): "%3E"})


def html_to_markdown(html: str) -> str:
    """Markdown for a note or comment stored as sanitised HTML (bold, italics, lists, links…)."""
    writer = _MarkdownWriter()
    writer.feed(html)
    writer.close()
    return writer.result()


def heading_label(entry: NodeEntry) -> str:
    """``一、Title`` for a chapter numeral, ``1.1 Title`` otherwise."""
    # Not at the start of a line (the #-s come first), so only inline markup needs escaping.
    number, title = entry.node.number.strip(), escape_inline(entry.node.title)
    if not number:
        return title
    if all(ch in _CJK_NUMERALS for ch in number):
        return f"{number}、{title}"
    return f"{escape_inline(number)} {title}"


def render_node(document: ExportDocument, entry: NodeEntry) -> str:
    """The Markdown for one node: heading, body, and its annotation block."""
    level = min(entry.node.level + 1, 6)
    parts = [f"{'#' * level} {heading_label(entry)}"]
    if entry.context_only:
        return parts[0]
    # Each line of the text is a paragraph; leading spaces would turn it into a code block.
    parts.extend(escape_markdown(line.strip()) for line in entry.node.body.splitlines() if line.strip())
    parts.extend(_annotation_block(document, entry))
    return "\n\n".join(parts)


def _annotation_block(document: ExportDocument, entry: NodeEntry) -> list[str]:
    parts: list[str] = []
    if entry.tags:
        chips = " ".join(chip(name) for name in entry.tag_names())
        parts.append(f"**Tags:** {chips}")
    rating_lines = []
    for dimension in document.dimensions:
        values = entry.ratings_for(dimension.id)
        for author_id, value in sorted(values.items(), key=lambda kv: document.author_name(kv[0])):
            rating_lines.append(f"- {escape_inline(dimension.name)}: {stars(value, dimension.min, dimension.max)} "
                                f"{value}/{dimension.max} — {escape_inline(document.author_name(author_id))}")
    if rating_lines:
        parts.append("**Ratings**\n\n" + "\n".join(rating_lines))
    for note in entry.notes:
        body = html_to_markdown(note.html) or escape_markdown(note.text)
        parts.append(f"**Note — {escape_inline(document.author_name(note.author_id))}**\n\n{body}")
    for item in entry.highlights:
        parts.append(_highlight(document, item))
    return parts


def _highlight(document: ExportDocument, item) -> str:
    highlight = item.highlight
    lines = [f"> {line}" if line else ">" for line in escape_markdown(highlight.exact).split("\n")]
    credit = f"> — {escape_inline(document.author_name(highlight.author_id))}"
    if item.tags:
        credit += " " + " ".join(chip(tag.name) for tag in item.tags)
    lines += [">", credit]
    comment = html_to_markdown(highlight.comment_html) if highlight.comment_html else ""
    if comment:
        lines.append(">")
        lines += [f"> {line}" if line else ">" for line in comment.split("\n")]
    return "\n".join(lines)


def _count(n: int, noun: str) -> str:
    return f"{n} {noun}" if n == 1 else f"{n} {noun}s"


def render_markdown(document: ExportDocument, progress: ProgressFn | None = None) -> str:
    """The whole export as one Markdown string (ends with a newline)."""
    parts = [f"# {escape_inline(document.report.title)}"]
    meta = [f"{len(document.kept())} of {document.total_nodes} nodes",
            _count(document.note_count(), "note"), _count(document.highlight_count(), "highlight")]
    if document.authors:
        meta.append("analysts: " + ", ".join(escape_inline(a.name) for a in
                                              sorted(document.authors.values(), key=lambda a: a.name)))
    if document.filter_summary():
        meta.append("filtered: " + escape_inline(document.filter_summary()))
    parts.append("*" + " · ".join(meta) + "*")
    total = len(document.nodes)
    for done, entry in enumerate(document.nodes, start=1):
        parts.append(render_node(document, entry))
        if done % _PROGRESS_EVERY == 0:
            check_progress(progress, done, total)
    check_progress(progress, total, total)
    return "\n\n".join(parts) + "\n"


def write_markdown(document: ExportDocument, path: Path, progress: ProgressFn | None = None) -> None:
    """Write the Markdown export to ``path`` (UTF-8, LF line ends)."""
    Path(path).write_text(render_markdown(document, progress), encoding="utf-8", newline="\n")
