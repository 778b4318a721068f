"""Inserting many rows at once with their search index written in one statement."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator, Sequence
from contextlib import contextmanager

from editor.store.migrations.script_folding import index_rows


@contextmanager
def bulk_insert_into(conn: sqlite3.Connection, table: str, where: str, params: Sequence[object]) -> Iterator[None]:
    """Insert many rows into ``table`` inside the caller's transaction, indexing them once at the end.

    Per-row FTS triggers cost ~1.0 s for a 9,000-node report; indexing the new rows in
    one statement afterwards ~0.3 s (measured, see tests/benchmarks). The insert trigger is dropped and re-created inside the same
    transaction, so no other connection ever sees the table without it, and a failure
    inside the block is undone, trigger included, by the caller's rollback.
    """
    if not conn.in_transaction:
        raise RuntimeError("bulk_insert_into needs an open transaction")
    trigger = conn.execute("SELECT sql FROM sqlite_master WHERE type = 'trigger' AND name = ?",
                           (f"{table}_ai",)).fetchone()
    if trigger is not None:
        conn.execute(f"DROP TRIGGER {table}_ai")
    yield
    index_rows(conn, table, where, tuple(params))
    if trigger is not None:
        conn.execute(trigger[0])
