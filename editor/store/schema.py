"""The database schema, version 1: plain, well-named tables (their names are a public contract).

Version 2 is in merge_schema.py; version 3 (``lighten_nodes``) takes two indexes and the
search index's column sizes from ``nodes``: an import paid for them, queries hardly used them.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator, Sequence
from contextlib import contextmanager

from sqlite_utils import Database

from .ids import dimension_id
from .stamps import now

# PRAGMA application_id marks a file as ours ("TRMK"), so a foreign SQLite file is
# recognised as such before anything is written to it.
APPLICATION_ID = 0x54524D4B

# Columns every annotation row carries, for merge (union by id, last writer wins).
_STAMPS = """
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    deleted_at TEXT"""

SCHEMA_V1 = f"""
CREATE TABLE meta (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
);
CREATE TABLE authors (
    id         TEXT PRIMARY KEY,
    name       TEXT NOT NULL,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
);
CREATE TABLE reports (
    id          TEXT PRIMARY KEY,
    title       TEXT NOT NULL,
    source      TEXT NOT NULL DEFAULT '',
    imported_at TEXT NOT NULL,
    warnings    TEXT NOT NULL DEFAULT '[]'
);
CREATE TABLE nodes (
    id        TEXT PRIMARY KEY,
    report_id TEXT NOT NULL REFERENCES reports(id),
    parent_id TEXT REFERENCES nodes(id),
    position  INTEGER NOT NULL,
    level     INTEGER NOT NULL,
    number    TEXT NOT NULL,
    path      TEXT NOT NULL,
    title     TEXT NOT NULL,
    body      TEXT NOT NULL DEFAULT '',
    seq       INTEGER NOT NULL  -- outline pre-order within the report
);
CREATE INDEX nodes_by_report ON nodes(report_id, seq);
CREATE INDEX nodes_by_parent ON nodes(parent_id, position);
CREATE UNIQUE INDEX nodes_by_path ON nodes(report_id, path);

CREATE TABLE tags (
    id        TEXT PRIMARY KEY,
    name      TEXT NOT NULL UNIQUE COLLATE NOCASE,
    color     TEXT NOT NULL,
    author_id TEXT REFERENCES authors(id),{_STAMPS}
);
CREATE TABLE node_tags (
    node_id   TEXT NOT NULL REFERENCES nodes(id),
    tag_id    TEXT NOT NULL REFERENCES tags(id),
    author_id TEXT NOT NULL REFERENCES authors(id),{_STAMPS},
    PRIMARY KEY (node_id, tag_id, author_id)
);
CREATE INDEX node_tags_by_tag ON node_tags(tag_id);

CREATE TABLE dimensions (
    id       TEXT PRIMARY KEY,
    name     TEXT NOT NULL UNIQUE COLLATE NOCASE,
    min      INTEGER NOT NULL,
    max      INTEGER NOT NULL,
    position INTEGER NOT NULL,{_STAMPS},
    CHECK (min >= 1 AND max > min)
);
CREATE TABLE ratings (
    node_id      TEXT NOT NULL REFERENCES nodes(id),
    dimension_id TEXT NOT NULL REFERENCES dimensions(id),
    author_id    TEXT NOT NULL REFERENCES authors(id),
    value        INTEGER NOT NULL,{_STAMPS},
    PRIMARY KEY (node_id, dimension_id, author_id)
);
CREATE INDEX ratings_by_dimension ON ratings(dimension_id, author_id);

CREATE TABLE notes (
    id        TEXT PRIMARY KEY,
    node_id   TEXT NOT NULL REFERENCES nodes(id),
    author_id TEXT NOT NULL REFERENCES authors(id),
    html      TEXT NOT NULL,
    text      TEXT NOT NULL,{_STAMPS},
    UNIQUE (node_id, author_id)
);
CREATE TABLE highlights (
    id           TEXT PRIMARY KEY,
    node_id      TEXT NOT NULL REFERENCES nodes(id),
    author_id    TEXT NOT NULL REFERENCES authors(id),
    start        INTEGER NOT NULL,
    "end"        INTEGER NOT NULL,
    exact        TEXT NOT NULL,
    prefix       TEXT NOT NULL DEFAULT '',
    suffix       TEXT NOT NULL DEFAULT '',
    color        TEXT NOT NULL,
    comment_html TEXT NOT NULL DEFAULT '',
    comment_text TEXT NOT NULL DEFAULT '',{_STAMPS},
    CHECK (start >= 0 AND "end" > start)
);
CREATE INDEX highlights_by_node ON highlights(node_id, start);
CREATE TABLE highlight_tags (
    highlight_id TEXT NOT NULL REFERENCES highlights(id),
    tag_id       TEXT NOT NULL REFERENCES tags(id),
    author_id    TEXT NOT NULL REFERENCES authors(id),{_STAMPS},
    PRIMARY KEY (highlight_id, tag_id, author_id)
);
CREATE INDEX highlight_tags_by_tag ON highlight_tags(tag_id);

-- Live annotations by node, covering what the outline summaries read: the tree of a
-- 9,000-node report with 20,000 annotations is summarised from these in a few ms.
CREATE INDEX node_tags_live ON node_tags(node_id, tag_id) WHERE deleted_at IS NULL;
CREATE INDEX ratings_live ON ratings(node_id, dimension_id, author_id, value) WHERE deleted_at IS NULL;
CREATE INDEX notes_live ON notes(node_id) WHERE deleted_at IS NULL;
CREATE INDEX highlights_live ON highlights(node_id, start) WHERE deleted_at IS NULL;
"""

# Tables a version-1 database must have; anything less is damaged, not ours to guess at.
TABLES_V1 = (
    "meta", "authors", "reports", "nodes", "tags", "node_tags", "dimensions",
    "ratings", "notes", "highlights", "highlight_tags",
)

# Full-text indexes: external-content FTS5 tables (the text is stored once, in the table
# itself) kept in step by sqlite-utils' triggers, so every writer — import, merge, an
# analyst's own script — leaves search correct. The trigram tokenizer finds any run of
# three or more characters, which is what Chinese (no spaces between words) needs.
FTS_COLUMNS = {
    "nodes": ("title", "body"),
    "notes": ("text",),
    "highlights": ("comment_text",),
}

DEFAULT_DIMENSIONS = ("Impact", "Likelihood", "Confidence")


def create_version_1(db: Database) -> None:
    """Migration step 0 -> 1: the whole schema, its search indexes and default dimensions."""
    for statement in SCHEMA_V1.split(";"):
        if statement.strip():
            db.conn.execute(statement)
    for table, columns in FTS_COLUMNS.items():
        db.table(table).enable_fts(columns, tokenize="trigram", create_triggers=True)
    stamp = now()
    db.conn.executemany(
        "INSERT INTO dimensions (id, name, min, max, position, created_at, updated_at)"
        " VALUES (?, ?, 1, 5, ?, ?, ?)",
        [(dimension_id(name), name, pos, stamp, stamp) for pos, name in enumerate(DEFAULT_DIMENSIONS)],
    )
    db.conn.execute(f"PRAGMA application_id = {APPLICATION_ID}")


# Version 3: the nodes search index without per-row column sizes. Only bm25() ranking
# reads them (and works without them); search orders hits by outline, not by rank.
NODES_FTS_V3 = """
CREATE VIRTUAL TABLE "nodes_fts" USING FTS5 (
    "title", "body",
    tokenize='trigram',
    content="nodes",
    columnsize=0
)"""


def lighten_nodes(db: Database) -> None:
    """Migration step 2 -> 3: drop what importing a report paid for and little or nothing used.

    Together ~25 ms of the ~145 ms a 9,000-node import took (tests/benchmarks/bench_cli.py):
    - ``nodes_by_parent``: no query looks nodes up by parent; outlines are built from the
      report's nodes read in order through ``nodes_by_report``.
    - ``nodes_by_path``: only ``find_node`` (a command naming a node) looks a path up; it
      now reads the report's nodes through ``nodes_by_report``, ~2 ms for 9,000. Paths
      stay unique because the one writer of nodes, ``Store.add_report`` (a merge brings
      their reports in through it too), refuses an outline with a repeated path.
    - the column sizes in the nodes search index (see NODES_FTS_V3): rebuilt without them,
      and with a larger in-memory term list, so an import writes it in one pass.
    """
    conn = db.conn
    conn.execute("DROP INDEX nodes_by_parent")
    conn.execute("DROP INDEX nodes_by_path")
    # The triggers that keep the index in step name the table, not its options: they stay.
    conn.execute("DROP TABLE nodes_fts")
    conn.execute(NODES_FTS_V3)
    # FTS5 writes its in-memory term list out as a new segment (to be merged later) every
    # 1 MB; a large report's index fits in one pass at 8 MB (~15 % of the rebuild, measured).
    conn.execute(f"INSERT INTO nodes_fts (nodes_fts, rank) VALUES ('hashsize', {8 << 20})")
    conn.execute("INSERT INTO nodes_fts (nodes_fts) VALUES ('rebuild')")


@contextmanager
def bulk_insert_into(conn: sqlite3.Connection, table: str, where: str, params: Sequence[object]) -> Iterator[None]:
    """Insert many rows into ``table`` inside the caller's transaction, indexing them once at the end.

    Per-row FTS triggers cost ~1.0 s for a 9,000-node report; indexing the new rows in
    one statement afterwards ~0.3 s, a full 'rebuild' ~0.2 s (measured, see
    tests/benchmarks). The insert trigger is dropped and re-created inside the same
    transaction, so no other connection ever sees the table without it, and a failure
    inside the block is undone, trigger included, by the caller's rollback.
    """
    if not conn.in_transaction:
        raise RuntimeError("bulk_insert_into needs an open transaction")
    fts = f"{table}_fts"
    columns = ", ".join(FTS_COLUMNS[table])
    trigger = conn.execute("SELECT sql FROM sqlite_master WHERE type = 'trigger' AND name = ?",
                           (f"{table}_ai",)).fetchone()
    if trigger is not None:
        conn.execute(f"DROP TRIGGER {table}_ai")
    had_rows = conn.execute(f"SELECT 1 FROM {table} LIMIT 1").fetchone() is not None
    yield
    if had_rows:
        conn.execute(f"INSERT INTO {fts} (rowid, {columns}) SELECT rowid, {columns} FROM {table}"
                     f" WHERE {where}", tuple(params))
    else:
        conn.execute(f"INSERT INTO {fts} ({fts}) VALUES ('rebuild')")  # the fastest path, when it is all new
    if trigger is not None:
        conn.execute(trigger[0])
