"""Schema version 8: the search indexes hold Chinese text folded to Simplified characters.

A query is folded the same way (editor/core/conversion.py), so 移动支付 finds 移動支付 and
the reverse; the tables keep the text as written. Folding needs OpenCC, which plain
SQLite does not have, and analysts' own scripts must still be able to write the tables
with nothing but ``sqlite3``. So the triggers only queue the rows that changed
(``search_index_queue``), and the store indexes the queued rows, folded, before each of
its own commits and when it opens the file (``refresh_search_index``). The indexes keep
their own copy of the folded text: an external-content index could not drop a row whose
text another program already changed.
"""

from __future__ import annotations

import sqlite3

from sqlite_utils import Database

from editor.core.conversion import fold
from editor.store.migrations.v1 import FTS_COLUMNS

FOLD_FUNCTION = "trendmark_fold"
QUEUE = "search_index_queue"


def register_fold(conn: sqlite3.Connection) -> None:
    """Make ``trendmark_fold(text)`` available to SQL on ``conn``."""
    conn.create_function(FOLD_FUNCTION, 1, lambda text: fold(text) if isinstance(text, str) else text,
                         deterministic=True)


def folded(prefix: str, columns: tuple[str, ...]) -> str:
    """``trendmark_fold(prefix."col"), …`` for ``columns``: the values an index row is made of."""
    return ", ".join(f'{FOLD_FUNCTION}({prefix}"{column}")' for column in columns)


def _index_table(table: str) -> str:
    names = ", ".join(f'"{column}"' for column in FTS_COLUMNS[table])
    # Node texts are only searched for, never ranked: no per-row column sizes (see v3.py).
    sizes = ", columnsize=0" if table == "nodes" else ""
    return f"CREATE VIRTUAL TABLE \"{table}_fts\" USING FTS5 ({names}, tokenize='trigram'{sizes})"


def queue_triggers(table: str) -> list[str]:
    """The triggers that queue a changed row of ``table`` for indexing: plain SQL, no folding."""
    def queue(row: str) -> str:
        return f"INSERT OR IGNORE INTO {QUEUE} (source, row) VALUES ('{table}', {row}.rowid);"
    return [
        f'CREATE TRIGGER "{table}_ai" AFTER INSERT ON "{table}" BEGIN {queue("new")} END',
        f'CREATE TRIGGER "{table}_ad" AFTER DELETE ON "{table}" BEGIN {queue("old")} END',
        f'CREATE TRIGGER "{table}_au" AFTER UPDATE ON "{table}" BEGIN {queue("old")} {queue("new")} END',
    ]


def index_rows(conn: sqlite3.Connection, table: str, where: str, params: tuple = ()) -> None:
    """Add the rows of ``table`` matching ``where`` to its index, folded (inside a transaction)."""
    columns = FTS_COLUMNS[table]
    names = ", ".join(f'"{column}"' for column in columns)
    conn.execute(f'INSERT INTO "{table}_fts" (rowid, {names}) SELECT rowid, {folded("", columns)}'
                 f' FROM "{table}" WHERE {where}', params)


def refresh_search_index(conn: sqlite3.Connection) -> None:
    """Index, folded, every row queued since the last refresh (inside the caller's transaction)."""
    try:
        if conn.execute(f"SELECT 1 FROM {QUEUE} LIMIT 1").fetchone() is None:
            return  # the usual case, checked on every commit
    except sqlite3.OperationalError:
        return  # a file of an older schema, upgraded before it is written by this code
    for table in FTS_COLUMNS:
        queued = f"SELECT row FROM {QUEUE} WHERE source = '{table}'"
        conn.execute(f'DELETE FROM "{table}_fts" WHERE rowid IN ({queued})')
        index_rows(conn, table, f"rowid IN ({queued})")
    conn.execute(f"DELETE FROM {QUEUE}")


def fold_search_indexes(db: Database) -> None:
    """Migration step 7 -> 8: folded indexes with their own text, kept in step through the queue."""
    conn = db.conn
    conn.execute(f"CREATE TABLE {QUEUE} (source TEXT NOT NULL, row INTEGER NOT NULL,"
                 " PRIMARY KEY (source, row)) WITHOUT ROWID")
    for table in FTS_COLUMNS:
        for suffix in ("ai", "ad", "au"):
            conn.execute(f'DROP TRIGGER IF EXISTS "{table}_{suffix}"')
        conn.execute(f'DROP TABLE IF EXISTS "{table}_fts"')
        conn.execute(_index_table(table))
        if table == "nodes":  # one pass for a large report's terms (see v3.py)
            conn.execute(f"INSERT INTO nodes_fts (nodes_fts, rank) VALUES ('hashsize', {8 << 20})")
        for statement in queue_triggers(table):
            conn.execute(statement)
        index_rows(conn, table, "1")
