"""Signed authorship: authors get a public key, annotation rows a signature (see editor/core/signing.py).

``authors.public_key`` is the Ed25519 key an author signs with; the first one a database
sees for an author id stays (it is pinned). ``signatures`` holds, per signed row (its
``row_key``), the author's signature over that row's current revision, or NULL for a row
accepted unverified (written before signatures, or by an analyst with no key).
``unsigned_rows`` is the queue of rows changed since they were last signed, filled by
triggers for every writer; the store signs the rows of the analyst whose key it holds
when a transaction commits, so a database upgraded to this version has its local
author's existing rows signed the first time that analyst opens it.
"""

from __future__ import annotations

from sqlite_utils import Database

# table -> SQL expression of the row's key in ``signatures`` (the table name, then its identity).
ROW_KEYS = {
    "authors": "'authors:' || {row}.id",
    "notes": "'notes:' || {row}.node_id || ':' || {row}.author_id",
    "highlights": "'highlights:' || {row}.id",
    "ratings": "'ratings:' || {row}.node_id || ':' || {row}.dimension_id || ':' || {row}.author_id",
    "node_tags": "'node_tags:' || {row}.node_id || ':' || {row}.tag_id || ':' || {row}.author_id",
    "highlight_tags": "'highlight_tags:' || {row}.highlight_id || ':' || {row}.tag_id || ':' || {row}.author_id",
}

TABLES = """
CREATE TABLE signatures (
    row_key   TEXT PRIMARY KEY,
    signature TEXT  -- 128 hex digits, or NULL: accepted unverified
);
CREATE TABLE unsigned_rows (
    row_key TEXT PRIMARY KEY
)
"""


def queue_triggers(table: str) -> list[str]:
    key = ROW_KEYS[table].format(row="new")
    return [
        f"""CREATE TRIGGER {table}_sign_insert AFTER INSERT ON {table}
        BEGIN INSERT OR IGNORE INTO unsigned_rows (row_key) VALUES ({key}); END""",
        f"""CREATE TRIGGER {table}_sign_update AFTER UPDATE ON {table}
        BEGIN INSERT OR IGNORE INTO unsigned_rows (row_key) VALUES ({key}); END""",
    ]


def add_signatures(db: Database) -> None:
    """Migration step: public keys, signatures, and every existing row queued for signing."""
    conn = db.conn
    conn.execute("ALTER TABLE authors ADD COLUMN public_key TEXT")
    for statement in TABLES.split(";"):
        if statement.strip():
            conn.execute(statement)
    for table, key in ROW_KEYS.items():
        conn.execute(f"INSERT OR IGNORE INTO unsigned_rows (row_key) SELECT {key.format(row=table)} FROM {table}")
        for trigger in queue_triggers(table):
            conn.execute(trigger)
