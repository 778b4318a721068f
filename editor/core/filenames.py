"""File names made from what people type: report titles, analyst names."""

from __future__ import annotations

import re

_REFUSED = re.compile(r'[\\/:*?"<>|\x00-\x1f]+')  # what Windows, macOS or Linux refuse in a name


def safe_file_stem(text: str, fallback: str = "report") -> str:
    """A file name stem from a title: characters file systems refuse removed, length kept sensible."""
    stem = re.sub(r"\s+", " ", _REFUSED.sub(" ", text)).strip().strip(".").strip()
    return stem[:80].strip() or fallback
