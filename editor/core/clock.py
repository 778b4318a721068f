"""Timestamps as stored on every annotation row: UTC ISO-8601 with milliseconds."""

from __future__ import annotations

from datetime import datetime, UTC


def now_iso() -> str:
    """Current UTC time, e.g. ``2026-11-29T05:41:06.123Z`` (sorts as text, compares as time)."""
    return datetime.now(UTC).isoformat(timespec="milliseconds").replace("+00:00", "Z")
