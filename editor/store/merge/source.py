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
from collections.abc import Iterable, Iterator
from contextlib import ExitStack
from pathlib import Path
from typing import Protocol

from editor.core.errors import StoreError
from editor.core.files import NotRegularFile, open_regular

from editor.store import migrations
from editor.store.merge.private_copy import private_copy
from editor.store.migrations.v2 import derived_revision
from editor.store.migrations.v1 import APPLICATION_ID
from editor.store.migrations.signatures import add_signatures
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
SIGNED_VERSION = migrations.MIGRATIONS.index(add_signatures) + 1  # the version that added signatures
# Tables looked up by key (one at a time, or a batch with IN): each must have a plain unique
# index on that key, or every lookup would scan their whole table.
LOOKUPS = {"text_revisions": "row_id", "signatures": "row_key"}
BATCH = 500  # keys per IN (...) lookup, well under SQLite's limit on bound parameters


class Tables(Protocol):
    """Their rows of each table, by table name."""

    def __getitem__(self, table: str) -> Iterable[tuple]: ...


class TheirTables:
    """Their tables, each read afresh as a stream of raw tuples in ``COLUMNS`` order.

    Rows are never all held at once: a file padded with a million junk rows costs the
    time to look at them, not the memory.
    """

    def __init__(self, conn: sqlite3.Connection, path: Path) -> None:
        self._conn = conn
        self._path = path

    def __getitem__(self, table: str) -> Iterator[tuple]:
        return self.query(f'SELECT {_quoted(COLUMNS[table])} FROM main."{table}"')

    def query(self, sql: str, params: tuple = ()) -> Iterator[tuple]:
        try:
            yield from self._conn.execute(sql, params)
        except sqlite3.Error as exc:
            raise _refuse(self._path, f"it cannot be read ({exc})") from exc

    def one(self, sql: str, params: tuple) -> tuple | None:
        return next(iter(self.query(sql, params)), None)

    def batched(self, sql: str, keys: list[str]) -> Iterator[tuple]:
        """Rows of ``sql`` (ending in ``IN``) for ``keys``, looked up ``BATCH`` keys at a time."""
        for start in range(0, len(keys), BATCH):
            part = keys[start:start + BATCH]
            yield from self.query(f"{sql} ({', '.join('?' * len(part))})", tuple(part))


class TheirRows:
    """A colleague's rows as raw tuples in ``COLUMNS`` order, with what vouches for them; not yet validated.

    This form holds them in memory (rows pulled from a team hub); ``TheirFile`` reads a
    colleague's database as streams instead.
    """

    def __init__(self, label: str, version: int, tables: Tables | None = None) -> None:
        self.label = label  # where they come from, for messages and conflict records
        self.version = version
        self.tables: Tables = tables or {table: [] for table in COLUMNS}
        self.revisions: dict[str, tuple[str, str]] = {}  # row id -> (revision, ancestors)
        self.keys: dict[str, str | None] = {}  # author id -> the public key they claim
        self.signatures: dict[str, str] = {}  # row key -> its author's signature
        self._styles: dict[object, object] = {}  # node id -> styles JSON, unchecked
        # Revisions looked up ahead of use (hold_revisions), None where they have none.
        self._held: dict[str, tuple[str, str] | None] = {}

    @property
    def node_styles(self) -> dict[object, object]:
        """Node id -> their styles JSON (unchecked), for rebuilding a report we lack."""
        return self._styles

    def close(self) -> None:
        """Release what reading needs (nothing, for rows in memory)."""

    def __enter__(self) -> TheirRows:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    def revision_of(self, row_id: str, updated_at: str) -> tuple[str, str]:
        """(revision, ancestors) of a note, highlight or rating; a row without one gets what upgrading gives it."""
        found = self._held[row_id] if row_id in self._held else self._revision(row_id)
        return found if found is not None else (derived_revision(str(updated_at), str(row_id)), "")

    def hold_revisions(self, row_ids: Iterable[str]) -> None:
        """Look up the revisions of ``row_ids`` now, in batches, for revision_of to answer from."""
        wanted = [row_id for row_id in dict.fromkeys(row_ids) if row_id not in self._held]
        found = self._revisions(wanted)
        for row_id in wanted:
            self._held[row_id] = found.get(row_id)

    def release_revisions(self, row_ids: Iterable[str]) -> None:
        """Forget revisions held for rows that have been planned (memory stays bounded)."""
        for row_id in row_ids:
            self._held.pop(row_id, None)

    def public_keys(self) -> Iterable[tuple]:
        """(author id, public key) of each of their authors that claims one."""
        return self.keys.items()

    def signature(self, row_key: str) -> str | None:
        """Their signature of one row, if they hold one."""
        found = self.signatures.get(row_key)
        return found if isinstance(found, str) else None

    def signatures_of(self, row_keys: Iterable[str]) -> dict[str, str]:
        """Their signatures of the rows they hold one for, by row key."""
        return {key: found for key in row_keys if isinstance(found := self.signatures.get(key), str)}

    def _revision(self, row_id: str) -> tuple[str, str] | None:
        return self.revisions.get(row_id)

    def _revisions(self, row_ids: list[str]) -> dict[str, tuple[str, str]]:
        return {row_id: found for row_id in row_ids if (found := self.revisions.get(row_id)) is not None}


class TheirFile(TheirRows):
    """Their open file (one read snapshot), read as streams: close it when done."""

    def __init__(self, conn: sqlite3.Connection, path: Path, version: int) -> None:
        self.conn = conn
        self.reader = TheirTables(conn, path)
        super().__init__(path.name, version, self.reader)
        self.signed = version >= SIGNED_VERSION
        self.resources: ExitStack | None = None

    def close(self) -> None:
        if self.resources is not None:
            self.resources.close()
        else:
            self.conn.close()

    @property
    def node_styles(self) -> dict[object, object]:
        """Read when a report of theirs is rebuilt (their nodes are then held too), not before."""
        if not self._styles and self.version >= STYLES_VERSION:
            self._styles = dict(self.reader.query('SELECT "id", "styles" FROM main."nodes"'
                                                  ' WHERE "styles" IS NOT NULL'))
        return self._styles

    def _revision(self, row_id: str) -> tuple[str, str] | None:
        if self.version < FIRST_REVISED_VERSION:
            return None
        found = self.reader.one(f"SELECT {_quoted(REVISION_COLUMNS[1:])} FROM main.text_revisions"
                                " WHERE row_id = ?", (row_id,))
        if found is not None and isinstance(found[0], str) and isinstance(found[1], str):
            return found[0], found[1]
        return None

    def _revisions(self, row_ids: list[str]) -> dict[str, tuple[str, str]]:
        if self.version < FIRST_REVISED_VERSION:
            return {}
        return {row_id: (revision, ancestors) for row_id, revision, ancestors in self.reader.batched(
            f"SELECT {_quoted(REVISION_COLUMNS)} FROM main.text_revisions WHERE row_id IN", row_ids)
            if isinstance(revision, str) and isinstance(ancestors, str)}

    def signatures_of(self, row_keys: Iterable[str]) -> dict[str, str]:
        if not self.signed:
            return {}
        return {key: signature for key, signature in self.reader.batched(
            "SELECT row_key, signature FROM main.signatures WHERE row_key IN", list(row_keys))
            if isinstance(signature, str)}

    def public_keys(self) -> Iterable[tuple]:
        """(author id, public key) of each of their authors; none before signatures."""
        if not self.signed:
            return ()
        return self.reader.query("SELECT id, public_key FROM main.authors")

    def signature(self, row_key: str) -> str | None:
        if not self.signed:
            return None
        found = self.reader.one("SELECT signature FROM main.signatures WHERE row_key = ?", (row_key,))
        return found[0] if found is not None and isinstance(found[0], str) else None


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
    if version >= SIGNED_VERSION:
        wanted["signatures"] = ("row_key", "signature")
        wanted["authors"] = (*COLUMNS["authors"], "public_key")
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
        if table in LOOKUPS and not _unique_index(conn, table, LOOKUPS[table]):
            raise _refuse(path, f"it is not a valid Trendmark database ({table}.{LOOKUPS[table]} is not its key)")


def _unique_index(conn: sqlite3.Connection, table: str, column: str) -> bool:
    """Whether ``table`` has a full unique index on exactly ``column`` in plain binary order."""
    for _seq, name, unique, _origin, partial in conn.execute("SELECT * FROM pragma_index_list(?)", (table,)):
        if not unique or partial:
            continue
        keys = [(row[2], row[4]) for row in conn.execute("SELECT * FROM pragma_index_xinfo(?)", (name,)) if row[5]]
        if keys == [(column, "BINARY")]:
            return True
    return False


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


def read_their_database(path: Path, ours: Path | None = None) -> TheirFile:
    """Open a private copy of ``path``, check it is a Trendmark database we can read, and return it open.

    Close the result (or use it in a ``with`` block) when done: its tables are read as streams.

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
    resources = ExitStack()  # the private copy and the connection to it, released by TheirRows.close
    try:
        copy = resources.enter_context(private_copy(path))
        try:
            conn = _connect(copy)
        except sqlite3.Error as exc:
            raise _refuse(path, f"it cannot be opened ({exc})") from exc
        resources.callback(conn.close)
        try:
            # One read transaction: every table comes from the same snapshot.
            conn.execute("BEGIN")
            rows = _read(conn, path)
        except sqlite3.Error as exc:
            raise _refuse(path, f"it cannot be read ({exc})") from exc
    except BaseException:
        resources.close()
        raise
    rows.resources = resources
    return rows


def _read(conn: sqlite3.Connection, path: Path) -> TheirFile:
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
    return TheirFile(conn, path, version)
