"""A WAL database in a folder the user cannot write is read, and a merge leaves no file in a colleague's folder.

The suite runs as root, which folder modes cannot keep out, so the reads run the real
command without root's override of file modes (tests/cli_process.py).
"""

from __future__ import annotations

from pathlib import Path

from editor.store import Store
from editor.store.merge import merge_database
from tests.cli_process import assert_one_line_error, run_cli, shared_dir  # noqa: F401
from tests.test_merge_support import analyst_db, clock  # noqa: F401


def wal_database(folder: Path, sample_path: Path) -> Path:
    folder.mkdir()
    db = folder / "db.sqlite"
    assert run_cli("--db", str(db), "import", str(sample_path), cwd=folder).returncode == 0
    assert run_cli("--db", str(db), "--author", "Ana", "note", "1.1", "--text", "讀者的筆記", cwd=folder).returncode == 0
    assert db.read_bytes()[18:20] == b"\x02\x02"  # the header's WAL mark: SQLite reads it as a WAL file
    return db


def test_a_wal_database_in_a_folder_nobody_may_write_is_read(shared_dir, sample_path):
    db = wal_database(shared_dir / "locked", sample_path)
    before = sorted(p.name for p in db.parent.iterdir())
    db.chmod(0o644)
    db.parent.chmod(0o555)
    done = run_cli("--db", str(db), "outline", cwd=shared_dir, unprivileged=True)
    assert done.returncode == 0, done.stderr
    assert "下沉市場消費金融需求日益增長" in done.stdout
    found = run_cli("--db", str(db), "search", "讀者的筆記", cwd=shared_dir, unprivileged=True)
    assert found.returncode == 0 and "1.1" in found.stdout, found.stderr
    write = run_cli("--db", str(db), "--author", "Ana", "note", "1.1", "--text", "x", cwd=shared_dir, unprivileged=True)
    assert_one_line_error(write, "read-only")
    assert sorted(p.name for p in db.parent.iterdir()) == before == ["db.sqlite"]


def test_merging_from_a_folder_nobody_may_write_reads_it_and_writes_nothing_there(shared_dir, sample_path):
    theirs = wal_database(shared_dir / "bob", sample_path)
    theirs.chmod(0o644)
    theirs.parent.chmod(0o555)
    ours = shared_dir / "mine.sqlite"
    done = run_cli("--db", str(ours), "merge", str(theirs), cwd=shared_dir, unprivileged=True)
    assert done.returncode == 0, done.stderr
    assert "notes: 1 added" in done.stdout
    assert sorted(p.name for p in theirs.parent.iterdir()) == ["db.sqlite"]


def test_merging_a_live_wal_database_creates_no_file_beside_it_and_reads_its_log(tmp_path, clock):
    alice = analyst_db(tmp_path / "alice.sqlite", "Alice")
    folder = tmp_path / "bob"
    folder.mkdir()
    bob = analyst_db(folder / "bob.sqlite", "Bob")
    bob.store.db.conn.execute("PRAGMA wal_autocheckpoint = 0")  # the note stays in the log only
    bob.store.save_note(bob.node("1.2"), bob.author.id, "<p>只在日誌裡</p>")
    files = {p.name: p.read_bytes() for p in folder.iterdir() if not p.name.endswith("-shm")}
    assert (folder / "bob.sqlite-wal").stat().st_size > 0
    result = merge_database(alice.store, folder / "bob.sqlite")
    assert result.counts["notes"].added == 1
    assert [n.text for n in alice.store.notes()] == ["只在日誌裡"]
    assert {p.name: p.read_bytes() for p in folder.iterdir() if not p.name.endswith("-shm")} == files
    bob.store.close()
    # Closed: the log is folded in and removed; a merge now must not bring -shm/-wal back.
    assert sorted(p.name for p in folder.iterdir()) == ["bob.sqlite"]
    merge_database(alice.store, folder / "bob.sqlite")
    assert sorted(p.name for p in folder.iterdir()) == ["bob.sqlite"]
    alice.store.close()


def test_a_read_only_open_in_a_writable_folder_still_works(tmp_path, sample_path):
    db = wal_database(tmp_path / "mine", sample_path)
    with Store.open(db, read_only=True) as store:
        assert store.read_only and len(store.reports()) == 1
