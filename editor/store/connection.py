"""Opening a database file safely: recognise it, refuse what is not ours, never write before deciding.

Every refusal is one line a person can act on, and leaves the file byte for byte as it was:
the checks only read, and the WAL switch, schema creation or migration happen after them.
"""

from __future__ import annotations

import os
import sqlite3
from dataclasses import dataclass
from pathlib import Path

from sqlite_utils import Database

from editor.core.errors import StoreError

from editor.store import filesystems

from editor.store import migrations
from editor.store.migrations.script_folding import refresh_search_index, register_fold
from editor.store.migrations.v1 import APPLICATION_ID, TABLES_V1

BUSY_TIMEOUT_MS = 2000
SQLITE_HEADER = b"SQLite format 3\x00"


def in_use_error(label: str) -> StoreError:
    """The refusal when another program holds the write lock longer than we wait."""
    return StoreError(f"{label} is in use by another program; close it there and try again")


def read_only_error(label: str) -> StoreError:
    """The refusal of a write to a database opened (or only openable) read-only."""
    return StoreError(f"database is read-only: {label}")


def translate(exc: sqlite3.Error, label: str) -> StoreError | None:
    """A StoreError for the failures a person can act on; None for programming errors."""
    message = str(exc).lower()
    if "locked" in message or "busy" in message:
        return in_use_error(label)
    if "readonly" in message or "read-only" in message:
        return read_only_error(label)
    if "disk is full" in message or "disk i/o" in message:
        return StoreError(f"cannot write {label}: {exc}")
    if "malformed" in message or "not a database" in message:
        return StoreError(f"{label} is damaged ({exc}); restore a backup copy")
    if isinstance(exc, sqlite3.IntegrityError):
        return StoreError(f"{label} rejected the change: {exc}")
    return None


@dataclass
class Opened:
    """A connection that passed every check, and how it may be used."""

    db: Database
    read_only: bool
    storage_mode: str = filesystems.LOCAL_WAL  # see filesystems.py


def configure(conn: sqlite3.Connection) -> Database:
    """Per-connection settings every store connection needs."""
    conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
    conn.execute("PRAGMA foreign_keys = ON")
    register_fold(conn)  # the search index triggers fold what they index
    return Database(conn, execute_plugins=False)


def open_memory() -> Database:
    """A fresh in-memory database with the current schema."""
    conn = sqlite3.connect(":memory:", isolation_level=None)
    db = configure(conn)
    migrations.migrate(db)
    return db


def _sniff(path: Path) -> None:
    """Refuse a file that is not SQLite at all, before SQLite gets to touch it."""
    with path.open("rb") as handle:
        head = handle.read(len(SQLITE_HEADER))
    if head != SQLITE_HEADER:
        raise StoreError(f"{path} is not a Trendmark database (it is not an SQLite file)")


def _location_writable(path: Path) -> bool:
    """Whether we may write the file and create its -wal/-shm companions (and missing folders)."""
    directory = path.parent
    while not directory.exists() and directory != directory.parent:
        directory = directory.parent
    return os.access(directory, os.W_OK) and (not path.exists() or os.access(path, os.W_OK))


def _connect(path: Path, read_only: bool) -> sqlite3.Connection:
    # isolation_level=None: no implicit transactions; the store says BEGIN/COMMIT itself.
    if not read_only:
        return sqlite3.connect(path, isolation_level=None)
    uri = path.absolute().as_uri()
    try:
        conn = sqlite3.connect(f"{uri}?mode=ro", uri=True, isolation_level=None)
        conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
        return conn
    except sqlite3.OperationalError as exc:
        # A WAL file whose -shm index is missing and cannot be made (a folder we may not
        # write): "unable to open", or "attempt to write a readonly database".
        message = str(exc).lower()
        if "unable to open" not in message and "readonly" not in message:
            raise
    wal = Path(f"{path}-wal")
    if wal.exists() and wal.stat().st_size > 0:
        # An immutable read would silently leave out what the log holds.
        raise StoreError(f"{path} has changes in {wal.name} that cannot be read without write access to "
                         "its folder; open it once where it can be written")
    # With no log, the file itself is the whole database: read it as an immutable
    # snapshot, the only way without creating -shm/-wal files in that folder.
    return sqlite3.connect(f"{uri}?immutable=1", uri=True, isolation_level=None)


def _inspect(conn: sqlite3.Connection, path: Path, existed: bool) -> tuple[bool, int]:
    """Read-only checks; returns (is_fresh, schema_version) or raises the refusal.

    Only a missing or zero-byte file is fresh. An SQLite file without tables was made by
    some other program (ours are created with their tables in one transaction), so it
    is refused like any foreign database.
    """
    try:
        check = conn.execute("PRAGMA quick_check").fetchall()
    except sqlite3.DatabaseError as exc:
        raise (translate(exc, str(path)) or StoreError(f"{path} is damaged ({exc})")) from exc
    if [row[0] for row in check] != ["ok"]:
        raise StoreError(f"{path} is damaged (integrity check: {check[0][0]}); restore a backup copy")
    app_id = int(conn.execute("PRAGMA application_id").fetchone()[0])
    version = migrations.user_version(conn)
    names = [row[0] for row in conn.execute(
        "SELECT name FROM sqlite_master WHERE name NOT LIKE 'sqlite_%' ORDER BY name")]
    if app_id != APPLICATION_ID:
        if not existed and app_id == 0 and version == 0 and not names:
            return True, 0
        shown = ", ".join(names[:5]) + (", …" if len(names) > 5 else "")
        what = f"it holds other tables: {shown}" if names else "it is an empty database of another program"
        raise StoreError(f"{path} is not a Trendmark database ({what})")
    newest = migrations.schema_version()
    if version > newest:
        raise StoreError(
            f"{path} was written by a newer Trendmark (schema {version}; this version reads up to {newest})")
    if version >= 1:
        missing = [t for t in TABLES_V1 if t not in names]
        if missing:
            raise StoreError(f"{path} is damaged (table {missing[0]} is missing); restore a backup copy")
    return False, version


def _upgrade(db: Database, path: Path, version: int, fresh: bool) -> None:
    """Create the schema in a new file, or back up and migrate an older one (all or nothing)."""
    copy = None if fresh else migrations.backup(db.conn, path, version)
    # Schema before WAL: a crash in between leaves a complete rollback-journal database,
    # never a header without tables.
    try:
        migrations.migrate(db)
    except sqlite3.OperationalError as exc:
        if translate(exc, str(path)) is not None:
            raise  # locked / read-only: the caller words it
        raise _failed_upgrade(path, version, copy, exc) from exc
    except (sqlite3.Error, ValueError, RuntimeError) as exc:
        raise _failed_upgrade(path, version, copy, exc) from exc


def _failed_upgrade(path: Path, version: int, copy: Path | None, exc: Exception) -> StoreError:
    kept = f"; a copy from before is at {copy.name}" if copy is not None else ""
    return StoreError(f"cannot upgrade {path} from schema {version} to {migrations.schema_version()}:"
                      f" {exc}; the file is unchanged{kept}")


def open_file(path: Path, read_only: bool) -> Opened:
    """Open (or create) the database at ``path`` after checking it; see ``Store.open``."""
    if path.is_dir():
        raise StoreError(f"{path} is a directory, not a database file")
    exists = path.exists() and path.stat().st_size > 0
    if not exists and read_only:
        raise StoreError(f"no database at {path}" + (" (the file is empty)" if path.exists() else ""))
    if exists:
        try:
            _sniff(path)
        except OSError as exc:
            raise StoreError(f"cannot read {path}: {exc.strerror or exc}") from exc
    if not read_only and not _location_writable(path):
        if not exists:
            raise StoreError(f"cannot create a database at {path}: the folder is not writable")
        read_only = True  # a read-only location: open for reading, the window says so
    if not exists and not read_only:
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise StoreError(f"cannot create a database at {path}: {exc.strerror or exc}") from exc

    try:
        conn = _connect(path, read_only)
    except sqlite3.Error as exc:
        raise StoreError(f"cannot open {path}: {exc}") from exc
    try:
        db = configure(conn)
        fresh, version = _inspect(conn, path, exists)
        if read_only:
            if version < migrations.schema_version():
                raise StoreError(
                    f"{path} uses an older schema (version {version}) and must be upgraded, "
                    "but it is read-only; open it once with write access")
            journal = conn.execute("PRAGMA journal_mode").fetchone()[0].lower()
            return Opened(db, True, filesystems.describe_storage(journal))
        if version < migrations.schema_version():
            _upgrade(db, path, version, fresh)
        # WAL is unsafe on a network drive; there the rollback journal is used (filesystems.py).
        journal = filesystems.journal_mode(path)
        if (conn.execute("PRAGMA journal_mode").fetchone()[0].lower() != journal
                and conn.execute(f"PRAGMA journal_mode = {journal}").fetchone()[0].lower() != journal):
            raise in_use_error(str(path))  # another connection keeps it in WAL mode
        # NORMAL is safe with WAL and much faster; a rollback journal needs FULL to survive a crash.
        conn.execute("PRAGMA synchronous = " + ("NORMAL" if journal == "wal" else "FULL"))
        # Take the write lock: a program holding it now is a refusal, not a later surprise.
        # Rows another program changed since are indexed for search while it is held.
        conn.execute("BEGIN IMMEDIATE")
        refresh_search_index(conn)
        conn.execute("COMMIT")
        return Opened(db, False, filesystems.describe_storage(journal))
    except sqlite3.Error as exc:
        conn.close()
        raise (translate(exc, str(path)) or StoreError(f"cannot open {path}: {exc}")) from exc
    except BaseException:
        conn.close()
        raise
