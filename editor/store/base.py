"""What every part of the store shares: the connection, transactions, lookups that validate ids."""

from __future__ import annotations

import dataclasses
import sqlite3
from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager, suppress
from pathlib import Path
from typing import Any, TypeVar

from nacl.signing import SigningKey
from sqlite_utils import Database

from editor.core.errors import NotFoundError, TrendmarkError

from .connection import read_only_error, translate
from .migrations.script_folding import refresh_search_index
from .outline import ReportOutline, load_outline
from .signatures import sign_pending


T = TypeVar("T")


def build(cls: type[T], row: Mapping[str, Any], **given: Any) -> T:
    """A dataclass from a row read by column name; a field the query lacks fails loudly."""
    fields = dataclasses.fields(cls)  # type: ignore[arg-type]
    return cls(**{f.name: given[f.name] if f.name in given else row[f.name] for f in fields})


class ReadOnlyEditionError(TrendmarkError):
    """An edit was aimed at an edition that a newer one replaced."""


class StoreBase:
    """The connection and its transaction discipline; the table-specific parts are mixins."""

    db: Database
    path: Path | None
    read_only: bool

    def __init__(self, db: Database, path: Path | None, read_only: bool) -> None:
        self.db = db
        self.path = path
        self.read_only = read_only
        self._depth = 0  # nesting level of transaction()
        self._closed = False
        self._outlines: dict[str, ReportOutline] = {}
        # (author id, private key) of the analyst whose rows this connection signs; see signatures.py.
        self._signer: tuple[str, SigningKey] | None = None

    # -- lifetime ---------------------------------------------------------------------------

    @property
    def label(self) -> str:
        """How errors name this database."""
        return str(self.path) if self.path is not None else "in-memory database"

    def close(self) -> None:
        """Close the connection (idempotent); the WAL is folded back into the file."""
        if self._closed:
            return
        self._closed = True
        if not self.read_only and self.path is not None:
            # Keeps query plans good and is cheap; if another program holds the lock,
            # optimising can wait for next time.
            with suppress(sqlite3.Error):
                self.db.conn.execute("PRAGMA optimize")
        self.db.close()

    def __enter__(self) -> StoreBase:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    # -- transactions -----------------------------------------------------------------------

    @contextmanager
    def transaction(self) -> Iterator[None]:
        """One SQL transaction around the block; nested blocks join it (as savepoints).

        An exception rolls back the block's changes (the whole transaction at the outer
        level) and propagates. Locked / read-only / full-disk failures become StoreError.
        """
        if self.read_only:
            raise read_only_error(self.label)
        conn = self.db.conn
        if self._depth > 0:
            savepoint = f"trendmark_{self._depth}"
            conn.execute(f"SAVEPOINT {savepoint}")
            self._depth += 1
            try:
                yield
            except BaseException:
                if conn.in_transaction:
                    conn.execute(f"ROLLBACK TO {savepoint}")
                    conn.execute(f"RELEASE {savepoint}")
                raise
            else:
                conn.execute(f"RELEASE {savepoint}")
            finally:
                self._depth -= 1
            return

        try:
            # IMMEDIATE: take the write lock now, so a busy database waits (busy_timeout)
            # instead of failing halfway through when a read turns into a write.
            conn.execute("BEGIN IMMEDIATE")
        except sqlite3.Error as exc:
            self._raise_translated(exc)
            raise
        self._depth = 1
        try:
            yield
            refresh_search_index(conn)  # what the block changed becomes searchable with it
            if self._signer is not None:
                sign_pending(conn, *self._signer)
            conn.execute("COMMIT")
        except sqlite3.Error as exc:
            self._rollback()
            self._raise_translated(exc)
            raise
        except BaseException:
            self._rollback()
            raise
        finally:
            self._depth = 0

    def _rollback(self) -> None:
        if self.db.conn.in_transaction:
            self.db.conn.execute("ROLLBACK")
        self._outlines.clear()  # it may hold a report whose import was just undone

    def _raise_translated(self, exc: sqlite3.Error) -> None:
        """Re-raise an actionable SQLite failure as StoreError; return for programming errors."""
        error = translate(exc, self.label)
        if error is not None:
            raise error from exc

    # -- small query helpers ----------------------------------------------------------------

    def _one(self, sql: str, params: Sequence[Any] = ()) -> tuple | None:
        return self.db.conn.execute(sql, params).fetchone()

    def _all(self, sql: str, params: Sequence[Any] = ()) -> list[tuple]:
        return self.db.conn.execute(sql, params).fetchall()

    def _scalar(self, sql: str, params: Sequence[Any] = ()) -> Any:
        """The one value an aggregate query (count, EXISTS) returns."""
        return self.db.conn.execute(sql, params).fetchone()[0]

    def _named_all(self, sql: str, params: Sequence[Any] = ()) -> list[dict[str, Any]]:
        """Rows as dicts keyed by column name (``AS`` names a computed column)."""
        cursor = self.db.conn.execute(sql, params)
        names = [column[0] for column in cursor.description]
        return [dict(zip(names, row, strict=True)) for row in cursor]

    def _named_one(self, sql: str, params: Sequence[Any] = ()) -> dict[str, Any] | None:
        """The first row as a dict keyed by column name, or None."""
        cursor = self.db.conn.execute(sql, params)
        row = cursor.fetchone()
        return None if row is None else dict(zip([c[0] for c in cursor.description], row, strict=True))

    def _exec(self, sql: str, params: Sequence[Any] = ()) -> sqlite3.Cursor:
        return self.db.conn.execute(sql, params)

    def _require_node(self, node_id: str) -> tuple[str, str, str]:
        """(path, title, body) of a node, or NotFoundError."""
        row = self._one("SELECT path, title, body FROM nodes WHERE id = ?", (node_id,))
        if row is None:
            raise NotFoundError(f"no node with id {node_id}")
        return row

    def _require_editable_node(self, node_id: str) -> tuple[str, str, str]:
        """(path, title, body) of a node that may be annotated: not in an edition a newer one revised."""
        row = self._one("SELECT path, title, body, EXISTS (SELECT 1 FROM report_editions e"
                        " WHERE e.previous_id = nodes.report_id) FROM nodes WHERE id = ?", (node_id,))
        if row is None:
            raise NotFoundError(f"no node with id {node_id}")
        if row[3]:
            raise ReadOnlyEditionError(f"{row[0]} {row[1]} is in an older edition of its report, kept read-only;"
                                       " annotate the current edition")
        return row[:3]

    def _require_author(self, author_id: str) -> None:
        if self._one("SELECT 1 FROM authors WHERE id = ?", (author_id,)) is None:
            raise NotFoundError(f"unknown author id {author_id}; add the analyst first")

    def _require_report(self, report_id: str) -> None:
        if self._one("SELECT 1 FROM reports WHERE id = ?", (report_id,)) is None:
            raise NotFoundError(f"no report with id {report_id}")

    def _outline(self, report_id: str) -> ReportOutline:
        """The report's outline text, read once per connection (it never changes; see outline.py)."""
        outline = self._outlines.get(report_id)
        if outline is None:
            outline = load_outline(self.db.conn, report_id)
            if outline.node_ids:  # an unknown report may still be imported later
                self._outlines[report_id] = outline
        return outline

    # -- small settings ---------------------------------------------------------------------

    def get_meta(self, key: str, default: str | None = None) -> str | None:
        """A small setting stored in the database (``meta`` table)."""
        row = self._one("SELECT value FROM meta WHERE key = ?", (key,))
        return default if row is None else row[0]

    def set_meta(self, key: str, value: str) -> None:
        """Store a small setting."""
        if not isinstance(value, str):
            raise TypeError(f"meta values are text; got {type(value).__name__} for {key!r}")
        with self.transaction():
            self._exec("INSERT INTO meta (key, value) VALUES (?, ?)"
                       " ON CONFLICT(key) DO UPDATE SET value = excluded.value", (key, value))

