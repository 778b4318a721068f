"""How a highlight remembers where it is: its exact text and a little of what surrounds it."""

from __future__ import annotations

CONTEXT_CHARS = 32  # prefix/suffix kept to find a highlight again if the text shifts


def anchor_text(title: str, body: str) -> str:
    """The text a node's highlights are offsets into: its body, or its title when it has none.

    Chapters and sections usually have no text of their own; their title is then the only
    thing an analyst can quote, so it takes the body's place.
    """
    return body if body else title


def quote_context(body: str, start: int, end: int) -> tuple[str, str, str]:
    """(exact, prefix, suffix) of ``body[start:end]``, the W3C TextQuoteSelector's three parts."""
    return body[start:end], body[max(0, start - CONTEXT_CHARS):start], body[end:end + CONTEXT_CHARS]
