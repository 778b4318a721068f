"""Forward-only schema migrations, every version in this package, with a backup copy taken before any of them.

v1.py creates the schema; v2.py adds merge tracking (text revisions, conflicts); v3.py
lightens the nodes table; editions.py links a report's
revised editions; quadrants.py adds the trend matrix's quadrant labels; rating_revisions.py
lets ratings conflict like texts; node_pages.py keeps the page each node starts on in the
original; hub_sync.py remembers how far each team hub was synced; script_folding.py folds
the search indexes to Simplified characters; signatures.py adds authors' public keys and
the signatures of annotation rows; node_styles.py keeps bold, italic, code and links of
node bodies. A new version is a
new file and one entry appended to MIGRATIONS.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path

from sqlite_utils import Database

from editor.store.migrations.v2 import add_merge_tracking
from editor.store.migrations.v1 import create_version_1
from editor.store.migrations.v3 import lighten_nodes
from editor.store.migrations.editions import add_editions
from editor.store.migrations.quadrants import add_report_quadrants
from editor.store.migrations.rating_revisions import add_rating_revisions
from editor.store.migrations.node_pages import add_node_pages
from editor.store.migrations.hub_sync import add_hub_sync
from editor.store.migrations.script_folding import fold_search_indexes
from editor.store.migrations.signatures import add_signatures
from editor.store.migrations.node_styles import add_node_styles

MigrationStep = Callable[[Database], None]

# MIGRATIONS[n] upgrades a database from schema version n to n + 1. Append, never edit:
# files written by released versions must keep upgrading the same way.
MIGRATIONS: list[MigrationStep] = [
    create_version_1,
    add_merge_tracking,
    lighten_nodes,
    add_editions,
    add_report_quadrants,
    add_rating_revisions,
    add_node_pages,
    add_hub_sync,
    fold_search_indexes,
    add_signatures,
    add_node_styles,
]


def schema_version() -> int:
    """The schema version this code writes (and the newest it can read)."""
    return len(MIGRATIONS)


def has_step(step: MigrationStep) -> bool:
    """Whether the schema this code writes includes ``step`` (what it added may be read and written)."""
    return step in MIGRATIONS


def user_version(conn: sqlite3.Connection) -> int:
    """The schema version recorded in a database file."""
    return int(conn.execute("PRAGMA user_version").fetchone()[0])


def backup_path(path: Path, old_version: int) -> Path:
    """Where the copy of a file is kept before migrating it: ``<name>.bak-v<old>-<timestamp>``."""
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%S%fZ")
    return path.with_name(f"{path.name}.bak-v{old_version}-{stamp}")


def backup(conn: sqlite3.Connection, path: Path, old_version: int) -> Path:
    """Copy the open database next to itself with the SQLite backup API (consistent even in WAL)."""
    target = backup_path(path, old_version)
    copy = sqlite3.connect(target)
    try:
        conn.backup(copy)
    finally:
        copy.close()
    return target


def migrate(db: Database, target: int | None = None) -> int:
    """Run the steps from the file's version up to ``target`` in one transaction; return the old version.

    The caller holds no transaction. Either every step applies and ``user_version``
    moves to the target, or the file is left exactly as it was.
    """
    target = schema_version() if target is None else target
    conn = db.conn
    conn.execute("BEGIN IMMEDIATE")
    try:
        # Read again under the write lock: another process may have migrated meanwhile.
        old = user_version(conn)
        for version in range(old, target):
            MIGRATIONS[version](db)
            conn.execute(f"PRAGMA user_version = {version + 1}")
        conn.execute("COMMIT")
    except BaseException:
        if conn.in_transaction:
            conn.execute("ROLLBACK")
        raise
    return old
