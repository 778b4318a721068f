"""Reading a file a person names: only a regular file, and never more than a limit.

A path can name a FIFO (opening it waits for a writer forever), a device (``/dev/zero``
never ends) or a socket. Each is refused from ``os.stat`` before it is opened, and the
file is opened with ``O_NONBLOCK`` and checked again on the open descriptor, so a path
swapped for a FIFO in between cannot hang the open either. Reading stops one byte past
the limit: a file that grows while being read is still refused, not read to the end.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path

_CHUNK = 1024 * 1024


class NotRegularFile(OSError):
    """The path names a FIFO, device, socket or folder; ``kind`` says which, for the message."""

    def __init__(self, kind: str) -> None:
        super().__init__(kind)
        self.kind = kind


class TooLarge(OSError):
    """The file holds more than the limit (``size`` is what was seen: at least limit + 1)."""

    def __init__(self, size: int) -> None:
        super().__init__(f"{size} bytes")
        self.size = size


def kind_of(mode: int) -> str | None:
    """None for a regular file, else what the file is, worded for a message ("a FIFO (named pipe)")."""
    if stat.S_ISREG(mode):
        return None
    if stat.S_ISDIR(mode):
        return "a folder"
    if stat.S_ISFIFO(mode):
        return "a FIFO (named pipe)"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "a device"
    if stat.S_ISSOCK(mode):
        return "a socket"
    return "not a regular file"


def open_regular(path: str | os.PathLike[str]) -> int:
    """A read-only descriptor of the regular file at ``path``; NotRegularFile or OSError otherwise."""
    kind = kind_of(os.stat(path).st_mode)
    if kind is not None:
        raise NotRegularFile(kind)
    # O_NONBLOCK: had the path become a FIFO since the stat, the open must not wait for a writer.
    fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_CLOEXEC", 0))
    try:
        kind = kind_of(os.fstat(fd).st_mode)
        if kind is not None:
            raise NotRegularFile(kind)
        os.set_blocking(fd, True)
    except BaseException:
        os.close(fd)
        raise
    return fd


def read_limited(fd: int, limit: int) -> bytes:
    """Everything ``fd`` holds if that is at most ``limit`` bytes, else TooLarge (having read limit + 1)."""
    size = os.fstat(fd).st_size
    if size > limit:
        raise TooLarge(size)
    parts: list[bytes] = []
    left = limit + 1
    while left > 0:
        chunk = os.read(fd, min(_CHUNK, left))
        if not chunk:
            break
        parts.append(chunk)
        left -= len(chunk)
    if left <= 0:
        raise TooLarge(limit + 1)
    return b"".join(parts)


def read_regular(path: str | os.PathLike[str], limit: int) -> bytes:
    """The bytes of the regular file at ``path``, at most ``limit`` of them (see the module docstring)."""
    fd = open_regular(path)
    try:
        return read_limited(fd, limit)
    finally:
        os.close(fd)


def copy_regular(path: str | os.PathLike[str], target: Path, limit: int) -> int:
    """Copy the regular file at ``path`` to ``target`` (created, owner-only), at most ``limit`` bytes.

    Returns the bytes copied; TooLarge (target left partial, for the caller to remove) past the limit.
    """
    fd = open_regular(path)
    try:
        size = os.fstat(fd).st_size
        if size > limit:
            raise TooLarge(size)
        out = os.open(target, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_CLOEXEC", 0), 0o600)
        copied = 0
        try:
            while True:
                chunk = os.read(fd, min(_CHUNK, limit + 1 - copied))
                if not chunk:
                    return copied
                copied += len(chunk)
                if copied > limit:
                    raise TooLarge(copied)
                view = memoryview(chunk)
                while view:
                    view = view[os.write(out, view):]
        finally:
            os.close(out)
    finally:
        os.close(fd)
