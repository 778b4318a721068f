"""Schema version 9: the search indexes hold Chinese text folded to Simplified characters.

A query is folded the same way (editor/core/conversion.py), so 移动支付 finds 移動支付 and
the reverse; the tables keep the text as written. Folding needs OpenCC, which plain
SQLite does not have, and analysts' own scripts must still be able to write the tables
with nothing but ``sqlite3``. So the triggers only queue the rows that changed
(``search_index_queue``), and the store indexes the queued rows, folded, before each of
its own commits and when it opens the file (``refresh_search_index``). The indexes are
contentless (the text is in the tables already); to take a row out, the index is given
the folded text it indexed, which the triggers keep in the queue.
"""

from __future__ import annotations

import sqlite3

from sqlite_utils import Database

from editor.core.conversion import fold, fold_many
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
    return f"CREATE VIRTUAL TABLE \"{table}_fts\" USING FTS5 ({names}, tokenize='trigram', content=''{sizes})"


def queue_triggers(table: str) -> list[str]:
    """The triggers that queue a changed row of ``table`` for indexing: plain SQL, no folding.

    The first change to a row since the last refresh decides what the index holds for it:
    nothing (a new row) or its text before that change, which is what the index must be
    told to remove it. Later changes to the same row are ignored until the refresh.
    """
    columns = FTS_COLUMNS[table]
    old = ", ".join(f'old."{column}"' for column in columns)
    nothing = ", ".join("NULL" for _ in columns)
    slots = ", ".join(f"old_{i}" for i in range(len(columns)))

    def queue(row: str, indexed: int, values: str) -> str:
        return (f"INSERT OR IGNORE INTO {QUEUE} (source, row, indexed, {slots})"
                f" VALUES ('{table}', {row}.rowid, {indexed}, {values});")
    return [
        f'CREATE TRIGGER "{table}_ai" AFTER INSERT ON "{table}" BEGIN {queue("new", 0, nothing)} END',
        f'CREATE TRIGGER "{table}_ad" AFTER DELETE ON "{table}" BEGIN {queue("old", 1, old)} END',
        f'CREATE TRIGGER "{table}_au" AFTER UPDATE ON "{table}" BEGIN'
        f' {queue("old", 1, old)} {queue("new", 0, nothing)} END',
    ]


def index_rows(conn: sqlite3.Connection, table: str, where: str, params: tuple = ()) -> None:
    """Add the rows of ``table`` matching ``where`` to its index, folded (inside a transaction)."""
    columns = FTS_COLUMNS[table]
    names = ", ".join(f'"{column}"' for column in columns)
    rows = conn.execute(f'SELECT rowid, {names} FROM "{table}" WHERE {where}', params).fetchall()
    _insert_folded(conn, table, [row[0] for row in rows], [row[1:] for row in rows])


def index_texts(conn: sqlite3.Connection, table: str, first_rowid: int, texts: list[tuple[str, ...]]) -> None:
    """Index rows ``first_rowid``, ``first_rowid + 1``, … of ``table`` whose indexed columns are ``texts``."""
    _insert_folded(conn, table, list(range(first_rowid, first_rowid + len(texts))), texts)


def _insert_folded(conn: sqlite3.Connection, table: str, rowids: list[int], texts: list) -> None:
    if not rowids:
        return
    columns = FTS_COLUMNS[table]
    names = ", ".join(f'"{column}"' for column in columns)
    # The whole batch folded in one conversion (an import's thousands of nodes: ~3x faster
    # than trendmark_fold row by row, measured in tests/benchmarks/bench_search_scripts.py).
    width = len(columns)
    folded_texts = fold_many([value if isinstance(value, str) else "" for row in texts for value in row])
    values = [(rowid, *folded_texts[i * width:(i + 1) * width]) for i, rowid in enumerate(rowids)]
    marks = ", ".join("?" for _ in range(width + 1))
    conn.executemany(f'INSERT INTO "{table}_fts" (rowid, {names}) VALUES ({marks})', values)


def refresh_search_index(conn: sqlite3.Connection) -> None:
    """Index, folded, every row queued since the last refresh (inside the caller's transaction)."""
    try:
        if conn.execute(f"SELECT 1 FROM {QUEUE} LIMIT 1").fetchone() is None:
            return  # the usual case, checked on every commit
    except sqlite3.OperationalError:
        return  # a file of an older schema, upgraded before it is written by this code
    for table, columns in FTS_COLUMNS.items():
        names = ", ".join(f'"{column}"' for column in columns)
        old = ", ".join(f"{FOLD_FUNCTION}(old_{i})" for i in range(len(columns)))
        # The index keeps no text: it is told what it indexed to take a row out.
        conn.execute(f'INSERT INTO "{table}_fts" ("{table}_fts", rowid, {names})'
                     f" SELECT 'delete', row, {old} FROM {QUEUE} WHERE source = ? AND indexed = 1", (table,))
        index_rows(conn, table, f"rowid IN (SELECT row FROM {QUEUE} WHERE source = ?)", (table,))
    conn.execute(f"DELETE FROM {QUEUE}")


def fold_search_indexes(db: Database) -> None:
    """Migration step 8 -> 9: folded indexes, kept in step through the queue."""
    conn = db.conn
    slots = ", ".join(f"old_{i} TEXT" for i in range(max(len(c) for c in FTS_COLUMNS.values())))
    conn.execute(f"CREATE TABLE {QUEUE} (source TEXT NOT NULL, row INTEGER NOT NULL, indexed INTEGER NOT NULL,"
                 f" {slots}, PRIMARY KEY (source, row)) WITHOUT ROWID")
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
