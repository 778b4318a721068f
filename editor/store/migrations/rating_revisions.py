"""Ratings get revisions like texts do, so a merge can tell a rating changed on both copies from one changed on one.

Before this step a merge took the newer rating silently: an analyst who re-rated a
trend on a laptop and on the office machine lost one of the two without a word. Now a
rating's revision lives in ``text_revisions`` under the key ``rating_key`` gives it
(node, dimension and author, the rating's identity), maintained by triggers for every
writer, and ``conflicts`` accepts the kind ``rating``.
"""

from __future__ import annotations

from sqlite_utils import Database

from editor.store.migrations.v2 import CONFLICTS_TABLE, NEW_REVISION, ANCESTORS_CHARS

# The SQL form of ``rating_key``. It starts with the node id, so the revision an upgrade
# derives from it (``updated_at`` + its first 8 hex digits, as for texts) is well-formed.
_KEY = "{row}.node_id || ':' || {row}.dimension_id || ':' || {row}.author_id"

RATING_TRIGGERS = [
    f"""CREATE TRIGGER ratings_revision_insert AFTER INSERT ON ratings
    BEGIN
        INSERT OR IGNORE INTO text_revisions (row_id, revision) VALUES ({_KEY.format(row='new')}, {NEW_REVISION});
    END""",
    f"""CREATE TRIGGER ratings_revision_update AFTER UPDATE OF value, deleted_at ON ratings
    WHEN new.value IS NOT old.value OR new.deleted_at IS NOT old.deleted_at
    BEGIN
        INSERT INTO text_revisions (row_id, revision) VALUES ({_KEY.format(row='new')}, {NEW_REVISION})
        ON CONFLICT (row_id) DO UPDATE SET
            ancestors = substr(ltrim(ancestors || ' ' || revision), -{ANCESTORS_CHARS}),
            revision = excluded.revision;
    END""",
]


def rating_key(node_id: str, dimension_id: str, author_id: str) -> str:
    """The id a rating's revision (and a conflict about it) is kept under."""
    return f"{node_id}:{dimension_id}:{author_id}"


def split_rating_key(key: str) -> tuple[str, str, str]:
    """(node id, dimension id, author id) of a ``rating_key``."""
    node_id, dimension_id, author_id = key.split(":")
    return node_id, dimension_id, author_id


def add_rating_revisions(db: Database) -> None:
    """Migration step: revisions for ratings, and rating conflicts."""
    conn = db.conn
    # Derived like v2's text revisions, so two copies of one file upgraded apart agree.
    conn.execute(f"INSERT OR IGNORE INTO text_revisions (row_id, revision)"
                 f" SELECT {_KEY.format(row='ratings')},"
                 f" updated_at || '-' || substr(replace(node_id, '-', ''), 1, 8) FROM ratings")
    for trigger in RATING_TRIGGERS:
        conn.execute(trigger)
    # SQLite cannot change a CHECK in place: the table is rebuilt with the wider one.
    conn.execute("ALTER TABLE conflicts RENAME TO conflicts_before_ratings")
    conn.execute("DROP INDEX conflicts_open")
    for statement in CONFLICTS_TABLE.replace("('note', 'highlight')", "('note', 'highlight', 'rating')").split(";"):
        if statement.strip():
            conn.execute(statement)
    conn.execute("INSERT INTO conflicts SELECT * FROM conflicts_before_ratings")
    conn.execute("DROP TABLE conflicts_before_ratings")
