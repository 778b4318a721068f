"""Whole-database copies taken and put back in place, for undoing a merge as one step.

The SQLite backup API copies page by page into the open connection, so the window's
store (and its undo history of row-level edits) stays valid: after putting back the copy
taken before a merge, the database is exactly as those edits left it.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

from editor.core.errors import StoreError

from .base import StoreBase
from .connection import read_only_error


class Snapshot:
    """A copy of the whole database held in memory (closed when dropped)."""

    def __init__(self, conn: sqlite3.Connection) -> None:
        self._conn = conn

    def __del__(self) -> None:
        self._conn.close()


class SnapshotsMixin(StoreBase):
    """Copy the database out, and put a copy back."""

    def snapshot(self) -> Snapshot:
        """The database as it is now, copied into memory."""
        copy = sqlite3.connect(":memory:")
        self.db.conn.backup(copy)
        return Snapshot(copy)

    def restore_snapshot(self, snapshot: Snapshot) -> None:
        """Put the database back as it was when ``snapshot`` was taken."""
        self._replace_with(snapshot._conn)

    def restore_file(self, path: Path) -> None:
        """Put the database back as the copy at ``path`` holds it (a merge's backup)."""
        if not path.is_file():
            raise StoreError(f"the copy taken before the merge is gone: {path}")
        source = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
        try:
            self._replace_with(source)
        finally:
            source.close()

    def _replace_with(self, source: sqlite3.Connection) -> None:
        if self.read_only:
            raise read_only_error(self.label)
        if self.db.conn.in_transaction:
            raise RuntimeError("a database copy cannot be put back inside a transaction")
        try:
            source.backup(self.db.conn)
        except sqlite3.Error as exc:
            self._raise_translated(exc)
            raise
        finally:
            self._outlines.clear()  # the reports may differ from what was cached
