"""Schema version 2: what merging needs — text revisions of notes and highlights, and a conflicts table.

A *revision* names one version of a note's text (a highlight's comment): the time it
was written plus 8 random hex digits, e.g. ``2026-11-29T05:41:06.123Z-9f3a0c1e``.
``text_revisions`` holds, per note or highlight id, the current text's revision and
its ``ancestors``: the revisions it was edited from, oldest first, space-separated,
the newest ``MAX_ANCESTORS`` kept. Triggers maintain it for every writer — the app,
the command line, an analyst's own script — so merge can tell an edit made on top of
a colleague's text from an edit made beside it (see store/merge/apply.py).

The revisions live in a table of their own rather than in columns of ``notes`` and
``highlights``: a trigger that updated the row it fired on would run the full-text
index triggers a second time, in an order that corrupts the external-content index.
"""

from __future__ import annotations

import re

from sqlite_utils import Database

# The note editor saves after every pause in typing, so one sitting can make dozens of
# revisions; 200 (under 7 KB) keeps an exchange point in reach for a long while. A
# revision that falls off the end can only cause an extra conflict, never a lost text.
MAX_ANCESTORS = 200
REVISION_CHARS = 33  # "YYYY-MM-DDTHH:MM:SS.mmmZ" + "-" + 8 hex digits
REVISION_PATTERN = re.compile(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z-[0-9a-f]{8}")
# The ancestor list is capped by length, which keeps exactly the newest MAX_ANCESTORS
# entries because every revision has the same length.
ANCESTORS_CHARS = MAX_ANCESTORS * (REVISION_CHARS + 1) - 1

# (table, the column whose versions are tracked)
REVISED_TEXTS = (("notes", "html"), ("highlights", "comment_html"))

NEW_REVISION = "new.updated_at || '-' || lower(hex(randomblob(4)))"

REVISIONS_TABLE = """
CREATE TABLE text_revisions (
    row_id    TEXT PRIMARY KEY,  -- notes.id or highlights.id
    revision  TEXT NOT NULL,
    ancestors TEXT NOT NULL DEFAULT ''
)
"""

CONFLICTS_TABLE = """
CREATE TABLE conflicts (
    id               TEXT PRIMARY KEY,
    kind             TEXT NOT NULL CHECK (kind IN ('note', 'highlight')),
    row_id           TEXT NOT NULL,  -- notes.id or highlights.id
    node_id          TEXT NOT NULL REFERENCES nodes(id),
    author_id        TEXT NOT NULL REFERENCES authors(id),  -- whose note or highlight it is
    kept_html        TEXT NOT NULL,  -- the version the row holds after the merge
    kept_text        TEXT NOT NULL,
    kept_updated_at  TEXT NOT NULL,
    kept_revision    TEXT,
    kept_deleted     INTEGER NOT NULL DEFAULT 0,  -- the kept version is a deletion
    other_html       TEXT NOT NULL,  -- the version set aside here
    other_text       TEXT NOT NULL,
    other_updated_at TEXT NOT NULL,
    other_revision   TEXT,
    other_side       TEXT NOT NULL CHECK (other_side IN ('mine', 'theirs')),
    source           TEXT NOT NULL DEFAULT '',  -- file name of the database merged in
    created_at       TEXT NOT NULL,
    resolved_at      TEXT,
    resolution       TEXT CHECK (resolution IN ('mine', 'theirs', 'both'))
);
CREATE INDEX conflicts_open ON conflicts(node_id) WHERE resolved_at IS NULL
"""


def revision_triggers(table: str, column: str) -> list[str]:
    """Triggers giving each new text of ``table.column`` a revision and remembering the one it replaced."""
    return [
        f"""CREATE TRIGGER {table}_revision_insert AFTER INSERT ON {table}
        BEGIN
            INSERT OR IGNORE INTO text_revisions (row_id, revision) VALUES (new.id, {NEW_REVISION});
        END""",
        f"""CREATE TRIGGER {table}_revision_update AFTER UPDATE OF {column} ON {table}
        WHEN new.{column} IS NOT old.{column}
        BEGIN
            INSERT INTO text_revisions (row_id, revision) VALUES (new.id, {NEW_REVISION})
            ON CONFLICT (row_id) DO UPDATE SET
                ancestors = substr(ltrim(ancestors || ' ' || revision), -{ANCESTORS_CHARS}),
                revision = excluded.revision;
        END""",
    ]


def add_merge_tracking(db: Database) -> None:
    """Migration step 1 -> 2: text revisions of notes and highlights, and the conflicts table."""
    conn = db.conn
    conn.execute(REVISIONS_TABLE)
    for table, column in REVISED_TEXTS:
        # Existing texts get a revision derived from the row, so two copies of one file
        # that are upgraded apart still agree that their texts are the same version.
        conn.execute(f"INSERT INTO text_revisions (row_id, revision)"
                     f" SELECT id, updated_at || '-' || substr(replace(id, '-', ''), 1, 8) FROM {table}")
        for trigger in revision_triggers(table, column):
            conn.execute(trigger)
    for statement in CONFLICTS_TABLE.split(";"):
        if statement.strip():
            conn.execute(statement)


def derived_revision(updated_at: str, row_id: str) -> str:
    """The revision schema-2 upgrade gives an existing text (used for rows read from a version-1 file)."""
    return f"{updated_at}-{row_id.replace('-', '')[:8]}"
