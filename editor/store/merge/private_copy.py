"""A colleague's database is read from a private copy, never in place.

Opening their file in place would let SQLite create ``-shm`` and ``-wal`` files in their
folder (a read-only connection to a WAL database makes both when the folder is writable),
trust their ``-shm`` index, and open a path we checked a moment earlier but which may
since name something else. So the file is copied first, through one descriptor that is
known to be a regular file (see core/files.py: no FIFO, device or socket, never more than
the limit), together with the write-ahead log or rollback journal beside it, into a folder
only we can read; SQLite then finishes any pending transaction in the copy, not in theirs.

Their program may be writing while we copy; the copy is kept only if both files look the
same (size, change time, inode) after copying as before, and is taken again otherwise.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from editor.core.errors import StoreError
from editor.core.files import NotRegularFile, TooLarge, copy_regular

# Far above any Trendmark database (two 20k-annotation databases are a few tens of MB);
# a larger file is refused before more than this (plus one byte) is read.
MAX_DATABASE_BYTES = 2 * 1024 * 1024 * 1024
COMPANIONS = ("-wal", "-journal")  # never -shm: SQLite rebuilds the index from the log
_ATTEMPTS = 3


def _refuse(path: Path, why: str) -> StoreError:
    return StoreError(f"cannot merge {path}: {why}")


def _state(path: Path) -> tuple[int, int, int, int] | None:
    try:
        st = os.stat(path)
    except FileNotFoundError:
        return None
    return st.st_ino, st.st_size, st.st_mtime_ns, st.st_ctime_ns


def _companion(path: Path, suffix: str) -> Path:
    # SQLite finds the log beside the file a symbolic link points to, not beside the link.
    return Path(f"{os.path.realpath(path)}{suffix}") if suffix else path


def _states(path: Path) -> tuple:
    return tuple(_state(_companion(path, suffix)) for suffix in ("", *COMPANIONS))


def _copy_once(path: Path, folder: Path, limit: int) -> Path:
    target = folder / "theirs.sqlite"
    left = limit
    for suffix in ("", *COMPANIONS):
        source = _companion(path, suffix)
        if suffix and not os.path.lexists(source):
            continue
        try:
            left -= copy_regular(source, Path(f"{target}{suffix}"), left)
        except NotRegularFile as exc:
            if not suffix:
                raise _refuse(path, f"it is {exc.kind}, not a database file") from None
            raise _refuse(path, f"{source.name} beside it is {exc.kind}, not a regular file") from None
        except TooLarge:
            raise _refuse(path, f"it is larger than {limit // 1024 // 1024} MB, far more than any "
                                "Trendmark database") from None
        except FileNotFoundError:
            if not suffix:
                raise _refuse(path, "no such file") from None
        except OSError as exc:
            raise _refuse(path, f"it cannot be read ({exc.strerror or exc})") from None
    return target


@contextmanager
def private_copy(path: Path, limit: int = MAX_DATABASE_BYTES) -> Iterator[Path]:
    """The path of a private copy of their database, removed again when the block ends."""
    folder = Path(tempfile.mkdtemp(prefix="trendmark-merge-"))  # mode 0700
    try:
        for _ in range(_ATTEMPTS):
            before = _states(path)
            target = _copy_once(path, folder, limit)
            if _states(path) == before:
                break
            for leftover in folder.iterdir():
                leftover.unlink()
        else:
            raise _refuse(path, "it kept changing while being read; try again when their program has closed it")
        yield target
    finally:
        shutil.rmtree(folder, ignore_errors=True)
