"""Reading a colleague's database for a merge: untrusted input, opened read-only and checked before use.

Nothing of their file is ever executed or copied as schema. Their file is read from a
private copy (private_copy.py: no -shm/-wal ever appears beside their file, and a FIFO,
device or oversized file is refused), with ``query_only`` and ``trusted_schema=OFF``
(so functions in their schema cannot run with side effects), only real tables listed in ``sqlite_master`` are read — a view or
virtual table standing where one of our tables should be is refused —, columns are
read by explicit name, never ``*``, generated columns are refused, and every value
is bounded by ``SQLITE_LIMIT_LENGTH`` before it reaches Python. Triggers on their
tables never fire, because we never write to their file or its copy.
"""

from __future__ import annotations

import os
import sqlite3
from dataclasses import dataclass, field
from pathlib import Path

from editor.core.errors import StoreError
from editor.core.files import NotRegularFile, open_regular

from editor.store import migrations
from editor.store.merge.private_copy import private_copy
from editor.store.migrations.v2 import derived_revision
from editor.store.migrations.v1 import APPLICATION_ID
from editor.store.migrations.node_styles import add_node_styles

SQLITE_HEADER = b"SQLite format 3\x00"
# No value in a Trendmark file comes near this (a whole 500-chapter report is ~1.3 MB);
# a larger one is hostile or broken and is refused by SQLite itself while reading.
MAX_VALUE_BYTES = 64 * 1024 * 1024

# Columns read from each of their tables: exactly ours, by name.
COLUMNS: dict[str, tuple[str, ...]] = {
    "authors": ("id", "name", "created_at", "updated_at"),
    "reports": ("id", "title", "source", "imported_at", "warnings"),
    "nodes": ("id", "report_id", "parent_id", "position", "level", "number", "path", "title", "body"),
    "tags": ("id", "name", "color", "author_id", "created_at", "updated_at", "deleted_at"),
    "dimensions": ("id", "name", "min", "max", "position", "created_at", "updated_at", "deleted_at"),
    "node_tags": ("node_id", "tag_id", "author_id", "created_at", "updated_at", "deleted_at"),
    "ratings": ("node_id", "dimension_id", "author_id", "value", "created_at", "updated_at", "deleted_at"),
    "notes": ("id", "node_id", "author_id", "html", "created_at", "updated_at", "deleted_at"),
    "highlights": ("id", "node_id", "author_id", "start", "end", "exact", "color", "comment_html",
                   "created_at", "updated_at", "deleted_at"),
    "highlight_tags": ("highlight_id", "tag_id", "author_id", "created_at", "updated_at", "deleted_at"),
}
REVISION_COLUMNS = ("row_id", "revision", "ancestors")
# The schema version that added nodes.styles: read from their file from then on.
STYLES_VERSION = migrations.MIGRATIONS.index(add_node_styles) + 1
FIRST_REVISED_VERSION = 2  # schema version that added text_revisions


@dataclass
class TheirRows:
    """Everything read from their file, as raw tuples in ``COLUMNS`` order (not yet validated)."""

    label: str  # their file's name, for messages and conflict records
    version: int
    tables: dict[str, list[tuple]] = field(default_factory=dict)
    revisions: dict[str, tuple[str, str]] = field(default_factory=dict)  # row id -> (revision, ancestors)
    node_styles: dict[object, object] = field(default_factory=dict)  # node id -> styles JSON, unchecked

    def revision_of(self, row_id: str, updated_at: str) -> tuple[str, str]:
        """(revision, ancestors) of a note or highlight; a version-1 file gets what upgrading would give it."""
        found = self.revisions.get(row_id)
        if found is not None:
            return found
        return derived_revision(str(updated_at), str(row_id)), ""


def _refuse(path: Path, why: str) -> StoreError:
    return StoreError(f"cannot merge {path}: {why}")


def _same_file(a: Path, b: Path | None) -> bool:
    if b is None:
        return False
    try:
        return os.path.samefile(a, b)
    except OSError:
        return False


def _connect(copy: Path) -> sqlite3.Connection:
    # Our private copy (private_copy.py), opened for writing only so that SQLite may finish
    # a transaction their program left in its log; query_only keeps us from writing rows.
    conn = sqlite3.connect(copy, isolation_level=None)
    conn.setlimit(sqlite3.SQLITE_LIMIT_LENGTH, MAX_VALUE_BYTES)
    conn.execute("PRAGMA trusted_schema = OFF")
    conn.execute("PRAGMA query_only = ON")
    return conn


def _check_tables(conn: sqlite3.Connection, path: Path, version: int) -> None:
    """Every table we read is a real table of theirs with our columns, none generated."""
    kinds = dict(conn.execute("SELECT name, type FROM main.sqlite_master WHERE name NOT LIKE 'sqlite_%'"))
    tables = {name: sql for name, sql in conn.execute(
        "SELECT name, coalesce(sql, '') FROM main.sqlite_master WHERE type = 'table'")}
    wanted = dict(COLUMNS)
    if version >= FIRST_REVISED_VERSION:
        wanted["text_revisions"] = REVISION_COLUMNS
    for table, columns in wanted.items():
        if table == "nodes" and version >= STYLES_VERSION:
            columns = (*columns, "styles")
        if table not in tables:
            what = f"{table} is a {kinds[table]}, not a table" if table in kinds else f"table {table} is missing"
            raise _refuse(path, f"it is not a valid Trendmark database ({what})")
        if tables[table].lstrip().upper().startswith("CREATE VIRTUAL"):
            raise _refuse(path, f"it is not a valid Trendmark database ({table} is a virtual table)")
        info = {row[1]: row[6] for row in conn.execute("SELECT * FROM pragma_table_xinfo(?)", (table,))}
        missing = [column for column in columns if column not in info]
        if missing:
            raise _refuse(path, f"it is not a valid Trendmark database (column {table}.{missing[0]} is missing)")
        generated = [column for column in columns if info[column] in (2, 3)]
        if generated:
            raise _refuse(path, f"column {table}.{generated[0]} is computed, which a Trendmark database never is")


def _quoted(columns: tuple[str, ...]) -> str:
    return ", ".join(f'"{column}"' for column in columns)


def _check_header(path: Path) -> None:
    """Refuse what is not an SQLite file (or not a regular file) before anything is copied."""
    try:
        fd = open_regular(path)
    except NotRegularFile as exc:
        raise _refuse(path, f"it is {exc.kind}, not a database file") from None
    except OSError as exc:
        raise _refuse(path, exc.strerror or str(exc)) from exc
    try:
        head = os.read(fd, len(SQLITE_HEADER))
    except OSError as exc:
        raise _refuse(path, exc.strerror or str(exc)) from exc
    finally:
        os.close(fd)
    if head != SQLITE_HEADER:
        raise _refuse(path, "it is not a Trendmark database (it is not an SQLite file)")


def read_their_database(path: Path, ours: Path | None = None) -> TheirRows:
    """Open ``path`` read-only, check it is a Trendmark database we can read, and read our tables from it.

    Raises StoreError (one line) when it is missing, not SQLite, damaged, not Trendmark's,
    from a newer Trendmark, or this very database.
    """
    path = Path(path).expanduser()
    if not path.exists():
        raise _refuse(path, "no such file")
    if path.is_dir():
        raise _refuse(path, "it is a directory, not a database file")
    if _same_file(path, ours):
        raise _refuse(path, "it is this database itself")
    _check_header(path)
    with private_copy(path) as copy:
        try:
            conn = _connect(copy)
        except sqlite3.Error as exc:
            raise _refuse(path, f"it cannot be opened ({exc})") from exc
        try:
            # One read transaction: every table comes from the same snapshot.
            conn.execute("BEGIN")
            return _read(conn, path)
        except sqlite3.Error as exc:
            raise _refuse(path, f"it cannot be read ({exc})") from exc
        finally:
            conn.close()


def _read(conn: sqlite3.Connection, path: Path) -> TheirRows:
    check = [row[0] for row in conn.execute("PRAGMA quick_check").fetchall()]
    if check != ["ok"]:
        raise _refuse(path, f"it is damaged (integrity check: {check[0]})")
    app_id = int(conn.execute("PRAGMA application_id").fetchone()[0])
    version = migrations.user_version(conn)
    if app_id != APPLICATION_ID:
        raise _refuse(path, "it is not a Trendmark database")
    newest = migrations.schema_version()
    if version > newest:
        raise StoreError(f"{path} was written by a newer Trendmark (schema {version}); "
                         "update Trendmark to merge it")
    if version < 1:
        raise _refuse(path, "it is not a Trendmark database (it has no schema)")
    _check_tables(conn, path, version)
    rows = TheirRows(path.name, version)
    for table, columns in COLUMNS.items():
        rows.tables[table] = conn.execute(f'SELECT {_quoted(columns)} FROM main."{table}"').fetchall()
    if version >= STYLES_VERSION:
        rows.node_styles = dict(conn.execute('SELECT "id", "styles" FROM main."nodes" WHERE "styles" IS NOT NULL'))
    if version >= FIRST_REVISED_VERSION:
        for row_id, revision, ancestors in conn.execute(
                f"SELECT {_quoted(REVISION_COLUMNS)} FROM main.text_revisions"):
            if isinstance(row_id, str) and isinstance(revision, str) and isinstance(ancestors, str):
                rows.revisions[row_id] = (revision, ancestors)
    return rows
