"""Convert between the store's code-point offsets and Qt's UTF-16 positions.

The store counts offsets in Unicode code points (Python string indices), as the
W3C and REFI-QDA formats do; ``QTextCursor`` counts UTF-16 code units, so every
character outside the Basic Multilingual Plane (an emoji, ``𠀀``) is two units in
Qt and one in Python. Without conversion at this boundary, highlights drift.
"""

from __future__ import annotations


def _is_astral(ch: str) -> bool:
    return ord(ch) > 0xFFFF


def utf16_offset(text: str, index: int) -> int:
    """UTF-16 position in ``text`` of the code-point ``index`` (clamped to the text)."""
    index = max(0, min(index, len(text)))
    return index + sum(1 for ch in text[:index] if _is_astral(ch))


def codepoint_offset(text: str, position: int) -> int:
    """Code-point index in ``text`` of the UTF-16 ``position``.

    A position in the middle of a surrogate pair (which Qt should never report)
    rounds down to the start of that character.
    """
    units = 0
    for i, ch in enumerate(text):
        width = 2 if _is_astral(ch) else 1
        if units + width > position:
            return i
        units += width
    return len(text)


def utf16_length(text: str) -> int:
    """Length of ``text`` in UTF-16 code units (what Qt reports as its length)."""
    return len(text) + sum(1 for ch in text if _is_astral(ch))
