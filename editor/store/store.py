"""The ``Store``: the one object the rest of Trendmark uses to read and write the database."""

from __future__ import annotations

import os
from pathlib import Path

from .authors import AuthorsMixin
from .connection import open_file, open_memory
from .editions import EditionsMixin
from .filesystems import IN_MEMORY
from .highlights import HighlightsMixin
from .matrix import MatrixMixin
from .notes import NotesMixin
from .ratings import RatingsMixin
from .reports import ReportsMixin
from .search import SearchMixin
from .snapshots import SnapshotsMixin
from .summaries import SummariesMixin
from .tags import TagsMixin


class Store(AuthorsMixin, ReportsMixin, TagsMixin, RatingsMixin, NotesMixin, HighlightsMixin,
            SearchMixin, SummariesMixin, SnapshotsMixin, EditionsMixin, MatrixMixin):
    """An annotation database: reports, outline and every analyst's tags, ratings, notes, highlights.

    Every write method is one transaction; wrap several calls in ``store.transaction()``
    to make them one. Reads return the frozen dataclasses of ``editor.core.annotations``.
    """

    # "local (WAL)", "network drive (rollback journal)" or "in memory": for the status bar.
    storage_mode: str = IN_MEMORY

    @classmethod
    def open(cls, path: str | os.PathLike[str], *, read_only: bool = False) -> Store:
        """Open the database at ``path``, creating it (and its schema) when missing.

        Raises StoreError, leaving the file untouched, for a file that is not SQLite, not
        Trendmark's, damaged, from a newer Trendmark, or in use by another program. A file
        in a read-only location opens read-only (``store.read_only`` tells).
        """
        file = Path(path).expanduser().absolute()
        opened = open_file(file, read_only)
        store = cls(opened.db, file, opened.read_only)
        store.storage_mode = opened.storage_mode
        return store

    @classmethod
    def memory(cls) -> Store:
        """A fresh in-memory database (tests, previews)."""
        return cls(open_memory(), None, False)

    def __enter__(self) -> Store:
        return self
