"""Where a database file lives — a local disk or a network drive — and the journal that is safe there.

SQLite's WAL journal keeps its index in a shared-memory file (``-shm``) that every
connection maps into memory. Over NFS, SMB/CIFS and the like, two machines each map
their own copy, so they do not see each other's writes and the database can be
corrupted; the SQLite documentation says WAL "does not work over a network filesystem".

What we do on a network drive: the classic rollback journal (``journal_mode=DELETE``)
with normal (shared) file locking and ``synchronous=FULL``. Rollback-journal locking
goes through the file system's byte-range locks, which NFSv4 and SMB servers
implement, so colleagues can keep the file open side by side and each write still
commits atomically. We chose this over the alternatives because:

- exclusive locking mode would lock colleagues out of the file for as long as one
  window is open;
- opening read-only (or working on a local copy and copying back) would make the
  analyst's edits either impossible or easy to lose, and a copied-back file can
  silently overwrite a colleague's work — sharing by copy-and-merge is what
  ``trendmark share``/``merge`` are for.

Commits are slower over the network (every transaction writes and deletes a journal
file), which edit-by-edit annotation tolerates. The mode in use is exposed as
``Store.storage_mode`` for the window's status bar.

Detection: Linux reads ``/proc/self/mountinfo`` (else ``/proc/mounts``) and takes the
longest mount point containing the resolved path; Windows treats a UNC path
(``\\\\server\\share``) or a drive whose ``GetDriveTypeW`` is ``DRIVE_REMOTE`` as network;
macOS asks ``statfs`` for the file system name and its ``MNT_LOCAL`` flag.
"""

from __future__ import annotations

import ctypes
import os
import re
import sys
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

LOCAL_WAL = "local (WAL)"
NETWORK_ROLLBACK = "network drive (rollback journal)"
IN_MEMORY = "in memory"

# Linux file system types whose files may be shared between machines (mount(8), fstab(5)).
NETWORK_FS_TYPES = frozenset({
    "nfs", "nfs4", "cifs", "smb3", "smbfs", "smb", "ncpfs", "9p", "afs", "openafs", "coda",
    "ceph", "glusterfs", "lustre", "gpfs", "beegfs", "orangefs", "pvfs2", "davfs", "webdav",
    "sshfs", "fuse.sshfs", "fuse.ceph", "fuse.cephfs", "fuse.glusterfs", "fuse.rclone",
    "fuse.s3fs", "fuse.gcsfuse", "fuse.davfs2", "fuse.juicefs", "fuse.smbnetfs", "fuse.curlftpfs",
})
# macOS statfs f_fstypename values of network file systems.
DARWIN_NETWORK_FS_TYPES = frozenset({"smbfs", "nfs", "afpfs", "webdav", "cifs", "ftp"})

MOUNT_TABLES = (Path("/proc/self/mountinfo"), Path("/proc/mounts"))

_OCTAL_ESCAPE = re.compile(r"\\([0-7]{3})")
_DEVICE_PREFIX = re.compile(r"^[\\/]{2}[?.][\\/]")  # \\?\ and \\.\ (Win32 device namespaces)
_DRIVE_REMOTE = 4  # GetDriveTypeW result for a network drive
_DARWIN_MNT_LOCAL = 0x00001000
_DARWIN_FSTYPENAME_OFFSET = 72  # offset of f_fstypename[16] in the 64-bit-inode struct statfs
_DARWIN_FLAGS_OFFSET = 64


@dataclass(frozen=True)
class Mount:
    """One mounted file system: where, of which type, from which source."""

    mount_point: str
    fs_type: str
    source: str


def _unescape(field: str) -> str:
    """Mount tables write space, tab, newline and backslash as octal escapes (``\\040``)."""
    return _OCTAL_ESCAPE.sub(lambda match: chr(int(match.group(1), 8)), field)


def parse_mountinfo(text: str) -> list[Mount]:
    """Mounts listed in ``/proc/self/mountinfo`` format, in the kernel's order."""
    mounts = []
    for line in text.splitlines():
        fields = line.split()
        if " - " not in line or len(fields) < 5:
            continue
        tail = line.split(" - ", 1)[1].split()
        if len(tail) < 2:
            continue
        mounts.append(Mount(_unescape(fields[4]), tail[0], _unescape(tail[1])))
    return mounts


def parse_mounts(text: str) -> list[Mount]:
    """Mounts listed in ``/proc/mounts`` (fstab) format."""
    mounts = []
    for line in text.splitlines():
        fields = line.split()
        if len(fields) >= 3 and not fields[0].startswith("#"):
            mounts.append(Mount(_unescape(fields[1]), fields[2], _unescape(fields[0])))
    return mounts


def _contains(mount_point: str, path: str) -> bool:
    """Whether ``path`` is at or below ``mount_point`` (whole path components only)."""
    if mount_point == "/":
        return path.startswith("/")
    base = mount_point.rstrip("/")
    return path == base or path.startswith(base + "/")


def mount_for(path: str, mounts: Sequence[Mount]) -> Mount | None:
    """The mount a resolved absolute path lives on: the longest containing mount point.

    When a mount point is mounted over again, the later entry hides the earlier one.
    """
    best: Mount | None = None
    for mount in mounts:
        if _contains(mount.mount_point, path) and (
                best is None or len(mount.mount_point.rstrip("/")) >= len(best.mount_point.rstrip("/"))):
            best = mount
    return best


def is_network_fs_type(fs_type: str) -> bool:
    """Whether a Linux file system type is a network (or otherwise multi-host) one."""
    return fs_type.lower() in NETWORK_FS_TYPES


def existing_ancestor(path: Path) -> Path:
    """The path itself or its nearest existing parent, with symbolic links resolved.

    A database about to be created does not exist yet; its folder decides where it goes.
    """
    candidate = Path(os.path.abspath(path))
    while not candidate.exists() and candidate != candidate.parent:
        candidate = candidate.parent
    return Path(os.path.realpath(candidate))


# -- Linux --------------------------------------------------------------------------------


def read_mount_table() -> list[Mount]:
    """This process's mounts, from the first readable table of ``MOUNT_TABLES``."""
    for table in MOUNT_TABLES:
        try:
            text = table.read_text(encoding="utf-8", errors="surrogateescape")
        except OSError:
            continue
        return parse_mountinfo(text) if table.name == "mountinfo" else parse_mounts(text)
    return []


def _linux_network_fs(path: Path) -> str | None:
    mount = mount_for(str(existing_ancestor(path)), read_mount_table())
    if mount is not None and is_network_fs_type(mount.fs_type):
        return mount.fs_type
    return None


# -- Windows ------------------------------------------------------------------------------


def is_unc_path(path: str) -> bool:
    r"""Whether a Windows path names a network share: ``\\server\share\…`` or ``\\?\UNC\server\…``."""
    if _DEVICE_PREFIX.match(path):
        return path[4:].upper().startswith(("UNC\\", "UNC/"))
    return path.startswith(("\\\\", "//")) and len(path) > 2 and path[2] not in "\\/"


def _windows_drive_is_remote(drive: str) -> bool:  # pragma: no cover - Windows only
    kernel32 = ctypes.WinDLL("kernel32", use_last_error=True)  # type: ignore[attr-defined]
    kernel32.GetDriveTypeW.argtypes = [ctypes.c_wchar_p]
    kernel32.GetDriveTypeW.restype = ctypes.c_uint
    return kernel32.GetDriveTypeW(drive + "\\") == _DRIVE_REMOTE


def _windows_network_fs(path: Path) -> str | None:  # pragma: no cover - Windows only
    text = str(existing_ancestor(path))
    if is_unc_path(text):
        return "UNC path"
    drive = os.path.splitdrive(text)[0]
    if len(drive) == 2 and drive[1] == ":" and _windows_drive_is_remote(drive):
        return "mapped network drive"
    return None


# -- macOS --------------------------------------------------------------------------------


def parse_darwin_statfs(buffer: bytes) -> tuple[str, bool]:
    """(f_fstypename, is local) from a macOS 64-bit-inode ``struct statfs``."""
    flags = int.from_bytes(buffer[_DARWIN_FLAGS_OFFSET:_DARWIN_FLAGS_OFFSET + 4], sys.byteorder)
    name = buffer[_DARWIN_FSTYPENAME_OFFSET:_DARWIN_FSTYPENAME_OFFSET + 16].split(b"\0", 1)[0]
    return name.decode("ascii", "replace"), bool(flags & _DARWIN_MNT_LOCAL)


def _darwin_network_fs(path: Path) -> str | None:  # pragma: no cover - macOS only
    libc = ctypes.CDLL(None, use_errno=True)
    # Intel Macs export the 64-bit-inode variant under a suffixed name; Apple silicon has only it.
    statfs = getattr(libc, "statfs$INODE64", None) or libc.statfs
    buffer = ctypes.create_string_buffer(4096)  # struct statfs is 2,168 bytes
    if statfs(os.fsencode(existing_ancestor(path)), buffer) != 0:
        return None
    fs_type, local = parse_darwin_statfs(buffer.raw)
    if fs_type.lower() in DARWIN_NETWORK_FS_TYPES or not local:
        return fs_type
    return None


# -- the decision -------------------------------------------------------------------------


def network_filesystem(path: Path) -> str | None:
    """The kind of network file system ``path`` is on (e.g. "nfs4", "UNC path"), or None if local."""
    try:
        if sys.platform.startswith("linux"):
            return _linux_network_fs(path)
        if sys.platform == "win32":
            return _windows_network_fs(path)
        if sys.platform == "darwin":
            return _darwin_network_fs(path)
    except (OSError, AttributeError, ValueError):
        # Detection is advice; if the platform will not tell, assume the common case.
        return None
    return None


def journal_mode(path: Path) -> str:
    """The journal mode to use for a database at ``path``: "wal" on a local disk, "delete" on a network drive."""
    return "delete" if network_filesystem(path) is not None else "wal"


def describe_storage(journal: str | None) -> str:
    """How the status bar names a database's storage, from its journal mode (None: in memory)."""
    if journal is None:
        return IN_MEMORY
    return LOCAL_WAL if journal == "wal" else NETWORK_ROLLBACK
