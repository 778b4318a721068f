"""Timestamps of annotation rows: strictly increasing per row, because merge is last-writer-wins."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from editor.core.clock import now_iso


def _parse(stamp: str) -> datetime:
    return datetime.fromisoformat(stamp.replace("Z", "+00:00"))


def _format(moment: datetime) -> str:
    return moment.astimezone(UTC).isoformat(timespec="milliseconds").replace("+00:00", "Z")


def now() -> str:
    """The current time as stored (one place to read the clock, so tests can set it)."""
    return now_iso()


def next_stamp(previous: str | None) -> str:
    """The ``updated_at`` for a row changing now: later than ``previous`` by at least 1 ms.

    Two edits within one millisecond, or a clock that stepped back (or a colleague's
    merged row stamped in our future), must still make the newest write win a merge.
    """
    now = now_iso()
    if previous is None or now > previous:
        return now
    try:
        return _format(_parse(previous) + timedelta(milliseconds=1))
    except ValueError:
        # A stamp we cannot read (hand-edited file): the current time is the best we have.
        return now
