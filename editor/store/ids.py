"""Deterministic identifiers and normalised values for rows analysts create independently.

Two analysts who both create the tag "Risk" (or "risk"), or who both rate with the
default dimensions, must produce the same ids, or merging their databases would
duplicate what is one thing.
"""

from __future__ import annotations

import re
import unicodedata
import uuid
import zlib

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


def palette_color(name: str) -> str:
    """The default colour of a new tag, the same for the same name on every machine."""
    return TAG_PALETTE[zlib.crc32(name_key(name).encode("utf-8")) % len(TAG_PALETTE)]


def clean_color(color: str) -> str:
    """A colour as stored: ``#RRGGBB`` in upper case; ValueError for anything else."""
    value = color.strip()
    if not _COLOR.fullmatch(value):
        raise ValueError(f"colour must look like #RRGGBB, not {color!r}")
    return value.upper()
