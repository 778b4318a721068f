"""Schema version 1: plain, well-named tables (their names are a public contract)."""

from __future__ import annotations

from sqlite_utils import Database

from editor.store.ids import dimension_id
from editor.store.stamps import now

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
