"""A database on a network drive: detecting the file system, and the journal mode chosen there."""

from __future__ import annotations

import sqlite3
import sys

import pytest

from editor.store import Store, filesystems
from editor.store.filesystems import (
    LOCAL_WAL, NETWORK_ROLLBACK, Mount, is_network_fs_type, is_unc_path, mount_for, parse_darwin_statfs,
    parse_mountinfo, parse_mounts,
)

MOUNTINFO = """\
22 1 8:1 / / rw,relatime shared:1 - ext4 /dev/sda1 rw,errors=remount-ro
30 22 0:26 / /proc rw,nosuid,nodev,noexec,relatime shared:5 - proc proc rw
41 22 0:35 / /mnt/team rw,relatime shared:20 - nfs4 fileserver:/export/team rw,vers=4.2
42 22 0:36 / /mnt/team\\040share rw,relatime shared:21 - cifs //nas/Team\\040Share rw,vers=3.1.1
43 41 8:2 / /mnt/team/local-cache rw,relatime shared:22 - ext4 /dev/sdb1 rw
44 22 0:40 / /mnt/teamwork rw,relatime shared:23 - xfs /dev/sdc1 rw
"""


def mountinfo_line(mount_id: int, mount_point: str, fs_type: str, source: str) -> str:
    escaped = mount_point.replace("\\", "\\134").replace(" ", "\\040")
    return f"{mount_id} 22 0:{mount_id} / {escaped} rw,relatime shared:{mount_id} - {fs_type} {source} rw\n"


@pytest.fixture
def fake_mounts(tmp_path, monkeypatch):
    """Point the detector at a mount table we write; returns a function that sets the table's content."""
    table = tmp_path / "mountinfo"

    def declare(*extra: tuple[str, str, str]) -> None:
        text = mountinfo_line(1, "/", "ext4", "/dev/sda1")
        for i, (point, fs_type, source) in enumerate(extra, start=2):
            text += mountinfo_line(i, point, fs_type, source)
        table.write_text(text, encoding="utf-8")

    monkeypatch.setattr(filesystems, "MOUNT_TABLES", (table,))
    monkeypatch.setattr(sys, "platform", "linux")
    declare()
    return declare


def test_mountinfo_is_parsed_with_escaped_spaces():
    mounts = parse_mountinfo(MOUNTINFO)
    assert Mount("/mnt/team share", "cifs", "//nas/Team Share") in mounts
    assert Mount("/mnt/team", "nfs4", "fileserver:/export/team") in mounts
    assert len(mounts) == 6


def test_the_longest_mount_point_wins_and_whole_components_only():
    mounts = parse_mountinfo(MOUNTINFO)
    assert mount_for("/mnt/team/reports/db.sqlite", mounts).fs_type == "nfs4"
    assert mount_for("/mnt/team/local-cache/db.sqlite", mounts).fs_type == "ext4"
    assert mount_for("/mnt/teamwork/db.sqlite", mounts).fs_type == "xfs"  # not inside /mnt/team
    assert mount_for("/mnt/team share/a.sqlite", mounts).fs_type == "cifs"
    assert mount_for("/home/ana/db.sqlite", mounts).mount_point == "/"


def test_a_mount_point_mounted_over_again_is_the_later_one():
    mounts = parse_mountinfo(MOUNTINFO + mountinfo_line(50, "/mnt/team", "ext4", "/dev/sdd1"))
    assert mount_for("/mnt/team/x.sqlite", mounts).fs_type == "ext4"


def test_proc_mounts_format_is_understood_too():
    mounts = parse_mounts("/dev/sda1 / ext4 rw 0 0\n//nas/a\\040b /srv/a\\040b smb3 rw 0 0\n")
    assert mount_for("/srv/a b/db.sqlite", mounts) == Mount("/srv/a b", "smb3", "//nas/a b")


@pytest.mark.parametrize("fs_type", ["nfs", "nfs4", "cifs", "smb3", "smbfs", "9p", "fuse.sshfs", "afs",
                                     "ceph", "glusterfs", "NFS4"])
def test_network_file_system_types_are_recognised(fs_type):
    assert is_network_fs_type(fs_type)


@pytest.mark.parametrize("fs_type", ["ext4", "xfs", "btrfs", "tmpfs", "overlay", "zfs", "fuse.portal"])
def test_local_file_system_types_are_not_network(fs_type):
    assert not is_network_fs_type(fs_type)


@pytest.mark.parametrize(("path", "network"), [
    ("\\\\server\\share\\team.sqlite", True),
    ("//server/share/team.sqlite", True),
    ("\\\\?\\UNC\\server\\share\\team.sqlite", True),
    ("\\\\?\\C:\\Users\\ana\\team.sqlite", False),
    ("\\\\.\\PhysicalDrive0", False),
    ("C:\\Users\\ana\\team.sqlite", False),
    ("/home/ana/team.sqlite", False),
])
def test_unc_paths_are_network_paths(path, network):
    assert is_unc_path(path) is network


def darwin_statfs(fs_type: bytes, flags: int) -> bytes:
    buffer = bytearray(2168)
    buffer[64:68] = flags.to_bytes(4, sys.byteorder)
    buffer[72:72 + len(fs_type)] = fs_type
    return bytes(buffer)


def test_macos_statfs_gives_the_type_and_the_local_flag():
    assert parse_darwin_statfs(darwin_statfs(b"smbfs", 0x0)) == ("smbfs", False)
    assert parse_darwin_statfs(darwin_statfs(b"apfs", 0x1000 | 0x1)) == ("apfs", True)


def test_a_database_on_a_local_disk_uses_wal(tmp_path, fake_mounts):
    fake_mounts(("/mnt/elsewhere", "nfs4", "server:/x"))
    with Store.open(tmp_path / "local.sqlite") as store:
        assert store.storage_mode == LOCAL_WAL
        assert store.db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"


def test_a_database_on_an_nfs_mount_uses_the_rollback_journal(tmp_path, fake_mounts):
    fake_mounts((str(tmp_path), "nfs4", "fileserver:/export/team"))
    path = tmp_path / "team" / "shared.sqlite"
    with Store.open(path) as store:
        assert store.storage_mode == NETWORK_ROLLBACK
        assert store.db.execute("PRAGMA journal_mode").fetchone()[0] == "delete"
        assert store.db.execute("PRAGMA synchronous").fetchone()[0] == 2  # FULL
        store.ensure_author("Ana")
    # Persisted in the file: a colleague's connection sees a rollback-journal database, no -wal/-shm.
    conn = sqlite3.connect(path)
    assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "delete"
    assert conn.execute("SELECT name FROM authors").fetchall() == [("Ana",)]
    conn.close()
    assert sorted(p.name for p in path.parent.iterdir()) == ["shared.sqlite"]


def test_a_wal_database_moved_to_a_share_is_switched_and_keeps_its_data(tmp_path, fake_mounts):
    path = tmp_path / "share" / "moved.sqlite"
    with Store.open(path) as store:
        store.ensure_author("Ana")
        assert store.storage_mode == LOCAL_WAL
    fake_mounts((str(tmp_path / "share"), "cifs", "//nas/team"))
    with Store.open(path) as store:
        assert store.storage_mode == NETWORK_ROLLBACK
        assert [a.name for a in store.authors()] == ["Ana"]
        store.ensure_author("Ben")
    with Store.open(path) as store:
        assert {a.name for a in store.authors()} == {"Ana", "Ben"}


def test_a_symlink_into_a_share_is_followed(tmp_path, fake_mounts):
    share = tmp_path / "share"
    share.mkdir()
    link = tmp_path / "shortcut"
    link.symlink_to(share)
    fake_mounts((str(share), "smb3", "//nas/team"))
    with Store.open(link / "db.sqlite") as store:
        assert store.storage_mode == NETWORK_ROLLBACK


def test_a_missing_mount_table_means_local(tmp_path, monkeypatch):
    monkeypatch.setattr(filesystems, "MOUNT_TABLES", (tmp_path / "does-not-exist",))
    monkeypatch.setattr(sys, "platform", "linux")
    assert filesystems.network_filesystem(tmp_path / "x.sqlite") is None
    assert filesystems.journal_mode(tmp_path / "x.sqlite") == "wal"


def test_an_in_memory_store_says_so():
    with Store.memory() as store:
        assert store.storage_mode == "in memory"
