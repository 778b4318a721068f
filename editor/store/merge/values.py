"""Checks for single values read from a colleague's file: ids, stamps, names, colours, numbers, rich text."""

from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta

from editor.core.richtext import MAX_HTML_CHARS, html_to_text, sanitize_html

from editor.store.ids import clean_color, clean_name
from editor.store.migrations.v2 import MAX_ANCESTORS, REVISION_PATTERN

_UUID = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")
_STAMP = re.compile(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z")

MAX_NAME_CHARS = 200  # author, tag and dimension names
MAX_TITLE_CHARS = 2_000  # report and node titles, numbers, paths
MAX_BODY_CHARS = 16 * 1024 * 1024
MAX_SCALE = 100  # the largest dimension maximum accepted
# A colleague's clock may run a little fast; a stamp further ahead than this is not a
# clock error, and would make their row win every merge until that time (a row dated
# hours ahead overrides every edit made meanwhile). Computers keep time by NTP today.
MAX_CLOCK_SKEW = timedelta(minutes=5)


class Invalid(ValueError):
    """A value of their file that is not acceptable; the row holding it is skipped."""


class Future(Invalid):
    """A timestamp ahead of our clock by more than the skew allowed; the row is refused and listed."""


def uuid_id(value: object, what: str) -> str:
    """A canonical lower-case UUID string."""
    if not isinstance(value, str) or not _UUID.fullmatch(value):
        raise Invalid(f"{what} is not a valid id ({_show(value)})")
    return value


def optional_uuid(value: object, what: str) -> str | None:
    return None if value is None else uuid_id(value, what)


def stamp(value: object, what: str, latest: datetime) -> str:
    """A UTC ISO-8601 timestamp with milliseconds, not after ``latest``."""
    if not isinstance(value, str) or not _STAMP.fullmatch(value):
        raise Invalid(f"{what} is not a timestamp ({_show(value)})")
    try:
        moment = datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        raise Invalid(f"{what} is not a real date ({_show(value)})") from None
    if moment > latest:
        raise Future(f"{what} lies in the future ({value})")
    return value


def optional_stamp(value: object, what: str, latest: datetime) -> str | None:
    return None if value is None else stamp(value, what, latest)


def latest_acceptable() -> datetime:
    """The latest timestamp a merged row may carry: now plus a generous clock skew."""
    return datetime.now(UTC) + MAX_CLOCK_SKEW


def integer(value: object, what: str, low: int | None = None, high: int | None = None) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        raise Invalid(f"{what} is not a whole number ({_show(value)})")
    if (low is not None and value < low) or (high is not None and value > high):
        raise Invalid(f"{what} {value} is outside {low}..{high}")
    return value


def text(value: object, what: str, limit: int) -> str:
    if not isinstance(value, str):
        raise Invalid(f"{what} is not text ({_show(value)})")
    if len(value) > limit:
        raise Invalid(f"{what} is {len(value):,} characters long; the limit is {limit:,}")
    if "\x00" in value:
        raise Invalid(f"{what} contains a NUL character")
    return value


def name(value: object, what: str) -> str:
    """A user-typed name (author, tag, dimension) in canonical form."""
    try:
        return clean_name(text(value, what, MAX_NAME_CHARS), what)
    except ValueError as exc:
        raise Invalid(str(exc)) from None


def color(value: object, what: str) -> str:
    try:
        return clean_color(text(value, what, 16))
    except ValueError:
        raise Invalid(f"{what} is not a colour like #RRGGBB ({_show(value)})") from None


def rich_text(value: object, what: str) -> tuple[str, str, bool]:
    """(sanitised html, its plain text, whether sanitising changed it).

    Rich text over ``MAX_HTML_CHARS`` is refused (the row is skipped with a warning),
    not truncated: cutting HTML mid-tag and re-sanitising would keep a text its
    author never wrote.
    """
    raw = text(value, what, MAX_HTML_CHARS)
    clean = sanitize_html(raw)
    return clean, html_to_text(clean), clean != raw


def revision(value: object, what: str) -> str:
    if not isinstance(value, str) or not REVISION_PATTERN.fullmatch(value):
        raise Invalid(f"{what} has an invalid revision ({_show(value)})")
    return value


def ancestors(value: object, what: str) -> tuple[str, ...]:
    """A space-separated ancestor list; invalid entries are dropped (they could only cause extra conflicts)."""
    if not isinstance(value, str):
        raise Invalid(f"{what} has an invalid revision history")
    entries = [entry for entry in value.split()[-MAX_ANCESTORS:] if REVISION_PATTERN.fullmatch(entry)]
    return tuple(entries)


def show(value: object) -> str:
    """A value of theirs as a message shows it: its repr, cut short."""
    return _show(value)


def _show(value: object) -> str:
    shown = repr(value)
    return shown if len(shown) <= 40 else shown[:39] + "…"
