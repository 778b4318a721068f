"""Deterministic identifiers and normalised values for rows analysts create independently.

Two analysts who both create the tag "Risk" (or "risk"), or who both rate with the
default dimensions, must produce the same ids, or merging their databases would
duplicate what is one thing.
"""

from __future__ import annotations

import re
import unicodedata
import uuid
import colorsys
import zlib
from collections.abc import Collection

from editor.core.report import TRENDMARK_NAMESPACE

# One namespace per kind of row, so a tag and a dimension with the same name never share an id.
TAG_NAMESPACE = uuid.uuid5(TRENDMARK_NAMESPACE, "tags")
DIMENSION_NAMESPACE = uuid.uuid5(TRENDMARK_NAMESPACE, "dimensions")
NOTE_NAMESPACE = uuid.uuid5(TRENDMARK_NAMESPACE, "notes")

# Soft, distinguishable colours that keep black text readable (tags are drawn as chips).
TAG_PALETTE = (
    "#F28B82", "#FBBC04", "#FFF475", "#CCFF90", "#A7FFEB", "#CBF0F8",
    "#AECBFA", "#D7AEFB", "#FDCFE8", "#E6C9A8", "#B5EAD7", "#FFDAC1",
)

_COLOR = re.compile(r"#[0-9A-Fa-f]{6}")
_SPACES = re.compile(r"\s+")


def clean_name(name: str, kind: str) -> str:
    """A user-typed name in canonical form (NFC, single spaces); ValueError when blank."""
    cleaned = _SPACES.sub(" ", unicodedata.normalize("NFC", name)).strip()
    if not cleaned:
        raise ValueError(f"a {kind} name cannot be empty")
    return cleaned


def name_key(name: str) -> str:
    """The case-insensitive identity of a name: "Risk", "RISK" and "risk" are one."""
    return clean_name(name, "name").casefold()


def tag_id(name: str) -> str:
    """Deterministic tag id: UUIDv5 of the casefolded name."""
    return str(uuid.uuid5(TAG_NAMESPACE, name_key(name)))


def dimension_id(name: str) -> str:
    """Deterministic dimension id: UUIDv5 of the casefolded name."""
    return str(uuid.uuid5(DIMENSION_NAMESPACE, name_key(name)))


def note_id(node_id: str, author_id: str) -> str:
    """Deterministic note id: one note per node per author, the same in every copy."""
    return str(uuid.uuid5(NOTE_NAMESPACE, f"{node_id}\x1f{author_id}"))


def palette_color(name: str, taken: Collection[str] = ()) -> str:
    """The default colour of a new tag: one no live tag has (``taken``), starting from the name's own.

    The start depends on the name only, so the first tags of a fresh database get the same
    colours on every machine; a colour in use is skipped, and past the palette pastel hues
    a golden angle apart are made, so two tags never share a default colour.
    """
    used = {color.upper() for color in taken}
    start = zlib.crc32(name_key(name).encode("utf-8"))
    for step in range(len(TAG_PALETTE)):
        color = TAG_PALETTE[(start + step) % len(TAG_PALETTE)]
        if color not in used:
            return color
    for step in range(1, 4096):
        hue = ((start % 360) + step * 137.508) % 360 / 360
        red, green, blue = colorsys.hls_to_rgb(hue, 0.80, 0.70 + 0.25 * ((step // 7) % 2))
        color = f"#{round(red * 255):02X}{round(green * 255):02X}{round(blue * 255):02X}"
        if color not in used:
            return color
    return TAG_PALETTE[start % len(TAG_PALETTE)]  # 4,000 tags: shared colours are the least of it


def clean_color(color: str) -> str:
    """A colour as stored: ``#RRGGBB`` in upper case; ValueError for anything else."""
    value = color.strip()
    if not _COLOR.fullmatch(value):
        raise ValueError(f"colour must look like #RRGGBB, not {color!r}")
    return value.upper()
