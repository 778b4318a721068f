"""Errors a person can act on: each carries one line that says what is wrong and where."""

from __future__ import annotations


class TrendmarkError(Exception):
    """Base for every error shown to the user as one line (CLI: ``error: …``, GUI: a dialog)."""


class ReportError(TrendmarkError):
    """A report file cannot be read or holds no outline."""


class StoreError(TrendmarkError):
    """The database cannot be opened or written (locked, read-only, corrupt, foreign, too new)."""


class DimensionsChanged(StoreError):
    """A colleague's file would add rating dimensions or widen a scale: merged only if the user agrees."""


class NotFoundError(TrendmarkError):
    """A report, node, tag or dimension named by the user does not exist."""


class NotYoursError(TrendmarkError):
    """An edit of another analyst's annotation: only its author may change it."""
