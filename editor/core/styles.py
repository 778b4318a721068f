"""Inline styles of a node's body: bold, italic, code and links as spans over its plain text.

The plain text stays what highlights, search and the report id are made of; styles only
say how stretches of it look. Offsets are code points into the body, end exclusive.
Styles come from files and from colleagues' databases, so everything that reads them
back (``styles_from_json``) checks their shape, bounds and links.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass
from difflib import SequenceMatcher
from urllib.parse import urlsplit

BOLD, ITALIC, LINK, CODE = "bold", "italic", "link", "code"
KINDS = frozenset({BOLD, ITALIC, LINK, CODE})
# Only links a reader can follow safely: no javascript:, data:, file:.
LINK_SCHEMES = frozenset({"http", "https", "mailto"})
MAX_STYLES = 5_000  # per node; a body with more spans than this is not a report paragraph
MAX_HREF_CHARS = 2_000


@dataclass(frozen=True, order=True)
class Style:
    """``kind`` over code points ``start:end`` of a body; ``href`` for links."""

    start: int
    end: int
    kind: str
    href: str = ""


def safe_href(href: str | None) -> str:
    """The link when a reader may follow it (http, https, mailto), else ""."""
    href = (href or "").strip()
    if not href or len(href) > MAX_HREF_CHARS or any(ord(ch) < 0x20 or ch == "\x7f" for ch in href):
        return ""
    try:
        parts = urlsplit(href)
    except ValueError:
        return ""
    if parts.scheme.lower() not in LINK_SCHEMES:
        return ""
    if parts.scheme.lower() != "mailto" and not parts.netloc:
        return ""
    return href


def tidy(styles: Iterable[Style], length: int) -> tuple[Style, ...]:
    """Styles clipped to a body of ``length``, empty ones and unsafe links dropped, touching runs joined."""
    out: list[Style] = []
    for style in sorted(styles):
        start, end = max(0, style.start), min(length, style.end)
        if end <= start or style.kind not in KINDS:
            continue
        href = ""
        if style.kind == LINK:
            href = safe_href(style.href)
            if not href:
                continue
        for i in range(len(out) - 1, -1, -1):
            last = out[i]
            if last.kind == style.kind and last.href == href and last.end >= start:
                out[i] = Style(last.start, max(last.end, end), last.kind, href)
                break
        else:
            out.append(Style(start, end, style.kind, href))
    return tuple(sorted(out)[:MAX_STYLES])


def shifted(styles: Iterable[Style], by: int) -> list[Style]:
    """The styles moved ``by`` code points (a piece of text put after others)."""
    return [Style(s.start + by, s.end + by, s.kind, s.href) for s in styles]


def remapped(styles: tuple[Style, ...] | list[Style], before: str, after: str) -> tuple[Style, ...]:
    """Styles over ``before`` carried to ``after``, a cleaned or normalised form of the same text.

    The cleaning rules only take pieces out or replace them (pinyin readings, markup,
    invisible characters, NFC composition), so aligning the two texts gives every kept
    character its new place. Done only when the text changed and has styles.
    """
    if not styles or before == after:
        return tuple(styles)
    starts = [0] * (len(before) + 1)
    matcher = SequenceMatcher(None, before, after, autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        for k in range(i1, i2):
            # An equal stretch maps one to one; a replaced or deleted one shrinks to where it went.
            starts[k] = j1 + (k - i1) if tag == "equal" else j1 + min(k - i1, j2 - j1)
    starts[len(before)] = len(after)
    out = [Style(starts[s.start], starts[s.end] if s.end < len(before) else len(after), s.kind, s.href)
           for s in styles if 0 <= s.start <= s.end <= len(before)]
    return tidy(out, len(after))


def styles_to_json(styles: Iterable[Style]) -> str | None:
    """The form kept in the database: a compact JSON list, or None for a body without styles."""
    rows = [[s.start, s.end, s.kind, s.href] if s.href else [s.start, s.end, s.kind] for s in styles]
    return json.dumps(rows, ensure_ascii=False, separators=(",", ":")) if rows else None


class StylesError(ValueError):
    """Styles that are not what Trendmark writes: wrong shape, out of the body, too many, unsafe link."""


def styles_from_json(raw: object, length: int) -> tuple[Style, ...]:
    """Styles read back for a body of ``length`` code points; StylesError unless they are well-formed."""
    if raw is None or raw == "":
        return ()
    if not isinstance(raw, str) or len(raw) > MAX_STYLES * (MAX_HREF_CHARS + 40):
        raise StylesError("styles are not a JSON text of a sensible size")
    try:
        rows = json.loads(raw)
    except ValueError:
        raise StylesError("styles are not JSON") from None
    if not isinstance(rows, list) or len(rows) > MAX_STYLES:
        raise StylesError(f"styles are not a list of at most {MAX_STYLES:,} spans")
    out: list[Style] = []
    for row in rows:
        if not isinstance(row, list) or len(row) not in (3, 4):
            raise StylesError("a style is not [start, end, kind] or [start, end, kind, link]")
        start, end, kind = row[0], row[1], row[2]
        href = row[3] if len(row) == 4 else ""
        if type(start) is not int or type(end) is not int or not 0 <= start < end <= length:
            raise StylesError(f"a style's span {start!r}:{end!r} is outside the text ({length} characters)")
        if kind not in KINDS or not isinstance(href, str):
            raise StylesError(f"a style's kind {kind!r} is not one of {', '.join(sorted(KINDS))}")
        if kind == LINK and not safe_href(href):
            raise StylesError("a link goes somewhere other than an http, https or mailto address")
        if kind != LINK and href:
            raise StylesError(f"a {kind} style carries a link")
        out.append(Style(start, end, kind, href))
    return tuple(sorted(out))


class StyledText:
    """Text put together piece by piece, with the styles that are on while each piece is added."""

    def __init__(self) -> None:
        self.parts: list[str] = []
        self.length = 0
        self.styles: list[Style] = []

    def add(self, text: str, kinds: Iterable[str] = (), href: str = "") -> None:
        """Append ``text`` styled ``kinds`` (a link to ``href`` when ``kinds`` holds "link")."""
        if not text:
            return
        start = self.length
        self.parts.append(text)
        self.length += len(text)
        for kind in kinds:
            self.styles.append(Style(start, self.length, kind, href if kind == LINK else ""))

    def text(self) -> str:
        """The text so far."""
        return "".join(self.parts)

    def result(self) -> tuple[str, tuple[Style, ...]]:
        """(text, its styles tidied)."""
        return self.text(), tidy(self.styles, self.length)
