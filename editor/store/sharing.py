"""Handing the database on: a consistent copy to share, and whose annotations are whose.

``share_copy`` uses ``VACUUM INTO``, which reads one consistent snapshot of the
database — other connections may be writing meanwhile (the window autosaving a note)
and the copy still holds either all or none of each of their transactions. It writes
a temporary file beside the destination and renames it into place, so a failed copy
never leaves half a file under the name a colleague will open. The copy is a single
self-contained file in rollback-journal mode (no ``-wal`` beside it to forget).
"""

from __future__ import annotations

import os
import shutil
import sqlite3
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from editor.core.annotations import Author
from editor.core.errors import StoreError

if TYPE_CHECKING:
    from editor.store import Store


def _companions(path: Path) -> list[Path]:
    """The database file and the journal files SQLite keeps beside it."""
    return [path, *(path.with_name(path.name + suffix) for suffix in ("-wal", "-shm", "-journal"))]


def _is_open_database(store: Store, out: Path) -> bool:
    if store.path is None:
        return False
    resolved = Path(os.path.realpath(out))
    for part in _companions(Path(os.path.realpath(store.path))):
        if resolved == part:
            return True
        try:
            if out.exists() and os.path.samefile(out, part):
                return True
        except OSError:
            continue
    return False


def share_copy(store: Store, out_path: Path) -> Path:
    """Write a consistent, self-contained copy of ``store`` to ``out_path``; returns the path written.

    Works while the database is open elsewhere. Refuses (StoreError) to overwrite the
    open database itself, to write into a directory path, or to run inside an open
    transaction of ``store`` (a snapshot would not include its uncommitted changes).
    """
    out = Path(out_path).expanduser().absolute()
    if out.is_dir():
        raise StoreError(f"{out} is a directory; give a file name for the copy")
    if _is_open_database(store, out):
        raise StoreError(f"{out} is the database itself; choose another file for the copy")
    if store.db.conn.in_transaction:
        raise StoreError("cannot copy the database in the middle of a change; finish it first")
    if not out.parent.is_dir():
        raise StoreError(f"cannot write {out}: the folder {out.parent} does not exist")
    try:
        folder = Path(tempfile.mkdtemp(prefix=f".{out.name}.", dir=out.parent))
    except OSError as exc:
        raise StoreError(f"cannot write {out}: {exc.strerror or exc}") from exc
    try:
        temp = folder / out.name
        try:
            store.db.conn.execute("VACUUM INTO ?", (str(temp),))
            _finish_copy(temp)
            os.replace(temp, out)
        except sqlite3.Error as exc:
            raise StoreError(f"cannot write {out}: {exc}") from exc
        except OSError as exc:
            raise StoreError(f"cannot write {out}: {exc.strerror or exc}") from exc
    finally:
        shutil.rmtree(folder, ignore_errors=True)
    return out


def _finish_copy(temp: Path) -> None:
    """Make the copy a single-file rollback-journal database and flush it to disk before the rename."""
    conn = sqlite3.connect(temp, isolation_level=None)
    try:
        conn.execute("PRAGMA journal_mode = DELETE")
        check = conn.execute("PRAGMA quick_check").fetchone()[0]
        if check != "ok":
            raise StoreError(f"the copy failed its integrity check ({check})")
    finally:
        conn.close()
    # VACUUM INTO does not sync its output; a copy renamed into place must be on disk first.
    with temp.open("rb+") as handle:
        os.fsync(handle.fileno())


@dataclass(frozen=True)
class AuthorActivity:
    """One analyst and how much of a report they annotated: for the window's show/hide list."""

    author: Author
    notes: int
    highlights: int
    ratings: int
    tags: int

    @property
    def total(self) -> int:
        return self.notes + self.highlights + self.ratings + self.tags


def author_activity(store: Store, report_id: str) -> list[AuthorActivity]:
    """Every analyst with live annotations on ``report_id`` (plus all known analysts), by name.

    The window lists these under View › Analysts to show or hide colleagues' work; each
    annotation the store returns carries ``author_id`` to filter on.
    """
    conn = store.db.conn
    counts: dict[str, list[int]] = {author.id: [0, 0, 0, 0] for author in store.authors()}
    queries = (
        "SELECT x.author_id, count(*) FROM notes x JOIN nodes n ON n.id = x.node_id"
        " WHERE x.deleted_at IS NULL AND n.report_id = ? GROUP BY x.author_id",
        "SELECT x.author_id, count(*) FROM highlights x JOIN nodes n ON n.id = x.node_id"
        " WHERE x.deleted_at IS NULL AND n.report_id = ? GROUP BY x.author_id",
        "SELECT x.author_id, count(*) FROM ratings x JOIN nodes n ON n.id = x.node_id"
        " WHERE x.deleted_at IS NULL AND n.report_id = ? GROUP BY x.author_id",
        "SELECT x.author_id, count(*) FROM node_tags x JOIN nodes n ON n.id = x.node_id"
        " WHERE x.deleted_at IS NULL AND n.report_id = ? GROUP BY x.author_id",
    )
    for column, sql in enumerate(queries):
        for author_id, count in conn.execute(sql, (report_id,)):
            if author_id in counts:
                counts[author_id][column] = count
    return [AuthorActivity(author, *counts[author.id]) for author in store.authors()]
