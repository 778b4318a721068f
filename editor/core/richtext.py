"""Rich text as stored in notes and comments: a small, safe subset of HTML.

Every piece of HTML that enters the database — typed by the analyst, pasted from
the web or merged from a colleague's file — passes through :func:`sanitize_html`.
"""

from __future__ import annotations

import html as html_lib
import re
from html.parser import HTMLParser

import nh3

# What the note editor's formatting bar can produce, and nothing else.
ALLOWED_TAGS = {
    "p", "br", "div", "span", "b", "strong", "i", "em", "u", "s", "sub", "sup",
    "ul", "ol", "li", "a", "blockquote", "code", "pre", "h1", "h2", "h3", "h4",
}
ALLOWED_ATTRIBUTES = {
    "a": {"href", "title"},
    "span": {"style"},
    "p": {"style"},
    "div": {"style"},
    "li": {"style"},
    "ol": {"start", "type"},
}
# Colours, weights and decorations survive; positioning, urls and the rest do not.
ALLOWED_CSS = {
    "color", "background-color", "font-weight", "font-style", "text-decoration",
}
# Only links a reader can follow safely: no javascript:, data:, file:.
ALLOWED_URL_SCHEMES = {"http", "https", "mailto"}

MAX_HTML_CHARS = 1_000_000  # a note longer than this is not a note; refuse rather than choke


def sanitize_html(html: str) -> str:
    """Return ``html`` reduced to the allowlist (no scripts, images, remote or file links)."""
    if len(html) > MAX_HTML_CHARS:
        raise ValueError(f"rich text is {len(html):,} characters long; the limit is {MAX_HTML_CHARS:,}")
    return nh3.clean(
        html,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes=ALLOWED_URL_SCHEMES,
        filter_style_properties=ALLOWED_CSS,
        link_rel="noopener noreferrer",
        strip_comments=True,
    )


# Scripts, styles and the head of a web page hold no text a reader sees.
_DROP = re.compile(r"<(script|style|head|noscript|template)\b.*?</\1\s*>|<!--.*?-->", re.S | re.I)
_BLOCK = re.compile(
    r"</?(?:p|div|br|li|ul|ol|h[1-6]|tr|table|section|article|header|footer|blockquote|pre|title|body|html)"
    r"\b[^<>]*>",
    re.I,
)
_TAG = re.compile(r"<[^<>]{1,2000}>")


def html_to_text(html: str, *, page: bool = False) -> str:
    """Plain text of HTML, every block element on its own line.

    A note or comment (sanitised HTML, for search, CSV, JSON, QDPX): lines trimmed,
    blank ones dropped, every list item on its own line with its number ("1. ") or
    bullet ("• "), nested lists indented. A whole web page (``page``, a report saved from
    a browser): its scripts, styles and head dropped and its line structure kept for the
    outline parser.
    """
    if page:
        text = _BLOCK.sub("\n", _DROP.sub("", html))
        return html_lib.unescape(_TAG.sub("", text)).replace("\xa0", " ")
    collector = _PlainText()
    collector.feed(html)
    collector.close()
    return collector.text()


class _PlainText(HTMLParser):
    """Sanitised note HTML to lines of text, lists numbered as the reader saw them."""

    _BLOCKS = frozenset({"p", "div", "br", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "pre", "tr", "table"})

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self._lines: list[list[str]] = [["", ""]]  # (indent and list marker, text) per line
        self._lists: list[list[int | None]] = []  # per open list: [next number] or [None] for bullets

    def _break(self) -> None:
        if self._lines[-1][1].strip():
            self._lines.append(["", ""])

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in self._BLOCKS:
            self._break()
        elif tag in ("ol", "ul"):
            self._break()
            start = next((int(v) for k, v in attrs if k == "start" and v and v.isdigit()), 1)
            self._lists.append([start if tag == "ol" else None])
        elif tag == "li":
            self._break()
            counter = self._lists[-1] if self._lists else [None]
            marker = "•" if counter[0] is None else f"{counter[0]}."
            if counter[0] is not None:
                counter[0] += 1
            self._lines[-1] = ["  " * max(0, len(self._lists) - 1) + marker + " ", ""]

    def handle_endtag(self, tag: str) -> None:
        if tag in ("ol", "ul") and self._lists:
            self._lists.pop()
            self._break()
        elif tag in self._BLOCKS or tag == "li":
            self._break()

    def handle_data(self, data: str) -> None:
        self._lines[-1][1] += data

    def text(self) -> str:
        return "\n".join(prefix + text.strip() for prefix, text in self._lines if text.strip())


def text_to_html(text: str) -> str:
    """Wrap plain text as HTML paragraphs (one per line), escaping markup."""
    paragraphs = [html_lib.escape(line) for line in text.splitlines() if line.strip()]
    return "".join(f"<p>{p}</p>" for p in paragraphs)
