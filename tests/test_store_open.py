"""Opening database files: creation, refusals that leave the file untouched, read-only, locks, migrations."""

from __future__ import annotations

import json
import os
import shutil
import sqlite3
import subprocess
import sys
import tempfile
import textwrap
import time
from pathlib import Path

import pytest

from editor.core.errors import StoreError
from editor.store import Store, migrations, schema_version
from tests.test_store_support import TITLE, make_file, populated, small_report

REPO = Path(__file__).resolve().parents[1]


def files_in(directory: Path) -> set[str]:
    return {p.name for p in directory.iterdir()}


# -- creating ------------------------------------------------------------------------------


def test_open_creates_the_file_and_missing_folders(tmp_path):
    path = tmp_path / "deeper" / "still" / "trendmark.sqlite"
    with Store.open(path) as store:
        populated(store)
    with Store.open(path) as again:
        assert [r.title for r in again.reports()] == [TITLE]


def test_an_empty_file_is_adopted_as_a_new_database(tmp_path):
    path = tmp_path / "touched.sqlite"
    path.touch()
    with Store.open(path) as store:
        assert store.dimensions()


def test_an_sqlite_file_without_tables_is_not_taken_over(tmp_path):
    path = tmp_path / "empty.db"
    conn = sqlite3.connect(path)
    conn.execute("VACUUM")  # writes a valid header and nothing else
    conn.close()
    assert path.stat().st_size > 0
    assert_refused(path, "not a Trendmark database .*empty database of another program")


def test_a_new_database_takes_no_backup_copy(tmp_path):
    with Store.open(tmp_path / "fresh.sqlite"):
        pass
    assert not [name for name in files_in(tmp_path) if ".bak-" in name]


# -- refusals: one clear line, nothing written ------------------------------------------------


def assert_refused(path: Path, match: str, read_only: bool = False) -> StoreError:
    before = path.read_bytes()
    siblings = files_in(path.parent)
    with pytest.raises(StoreError, match=match) as caught:
        Store.open(path, read_only=read_only)
    message = str(caught.value)
    assert "\n" not in message
    assert str(path) in message
    assert path.read_bytes() == before, "a refused file must stay byte for byte as it was"
    created = files_in(path.parent) - siblings
    if read_only:
        # A read-only reader of a WAL file needs the shared-memory index and cannot remove
        # it again (only the last writer does): the database file itself is untouched.
        created -= {f"{path.name}-wal", f"{path.name}-shm"}
    assert not created, f"a refusal created {created}"
    return caught.value


def test_a_text_file_is_refused(tmp_path):
    path = tmp_path / "notes.txt"
    path.write_text("2025年下沉市場消費金融\n", encoding="utf-8")
    assert_refused(path, "not a Trendmark database.*not an SQLite file")


def test_random_bytes_are_refused(tmp_path):
    path = tmp_path / "noise.sqlite"
    path.write_bytes(os.urandom(8192))
    assert_refused(path, "not an SQLite file")


def test_a_foreign_sqlite_database_is_refused_and_keeps_its_journal_mode(tmp_path):
    path = tmp_path / "other.db"
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE invoices (id INTEGER PRIMARY KEY, amount REAL)")
    conn.execute("INSERT INTO invoices (amount) VALUES (12.5)")
    conn.commit()
    conn.close()
    assert_refused(path, "not a Trendmark database.*invoices")
    conn = sqlite3.connect(path)
    assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "delete"
    assert conn.execute("SELECT name FROM sqlite_master").fetchall() == [("invoices",)]
    conn.close()


def test_a_foreign_database_that_uses_user_version_is_not_mistaken_for_a_newer_trendmark(tmp_path):
    path = tmp_path / "other.db"
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE things (id INTEGER PRIMARY KEY)")
    conn.execute("PRAGMA user_version = 7")
    conn.close()
    assert_refused(path, "not a Trendmark database")


def test_a_directory_is_refused(tmp_path):
    with pytest.raises(StoreError, match="is a directory"):
        Store.open(tmp_path)


def test_a_file_from_a_newer_trendmark_is_refused_byte_identical(tmp_path):
    path = make_file(tmp_path / "future.sqlite")
    conn = sqlite3.connect(path)
    newer = schema_version() + 1
    conn.execute(f"PRAGMA user_version = {newer}")
    conn.close()
    error = assert_refused(path, "newer Trendmark")
    assert f"schema {newer}; this version reads up to {schema_version()}" in str(error)
    assert_refused(path, "newer Trendmark", read_only=True)


def test_overwritten_pages_are_reported_as_damage(tmp_path):
    path = make_file(tmp_path / "damaged.sqlite")
    page = 4096
    assert path.stat().st_size > 6 * page
    with path.open("r+b") as handle:  # scribble over a few b-tree pages in the middle
        handle.seek(2 * page)
        handle.write(b"\x0d\xff\xff" * (3 * page // 3))
    assert_refused(path, "damaged")


def test_a_truncated_file_is_reported_as_damage(tmp_path):
    path = make_file(tmp_path / "truncated.sqlite")
    with path.open("r+b") as handle:
        handle.truncate(path.stat().st_size // 2)
    assert_refused(path, "damaged")


def test_a_trendmark_file_missing_a_table_is_reported_as_damage(tmp_path):
    path = make_file(tmp_path / "gutted.sqlite")
    conn = sqlite3.connect(path)
    conn.execute("PRAGMA foreign_keys = OFF")
    conn.execute("DROP TABLE highlight_tags")
    conn.commit()
    conn.close()
    assert_refused(path, "damaged.*highlight_tags")


# -- locks ---------------------------------------------------------------------------------


def test_a_database_locked_by_another_writer_is_refused_within_seconds(tmp_path):
    path = make_file(tmp_path / "busy.sqlite")
    before = path.read_bytes()
    other = sqlite3.connect(path, isolation_level=None)
    other.execute("BEGIN EXCLUSIVE")
    try:
        started = time.monotonic()
        with pytest.raises(StoreError, match="in use by another program"):
            Store.open(path)
        assert time.monotonic() - started < 5
    finally:
        other.execute("ROLLBACK")
        other.close()
    assert path.read_bytes() == before


def test_a_write_while_another_program_holds_the_lock_fails_cleanly(tmp_path):
    path = make_file(tmp_path / "busy.sqlite")
    with Store.open(path) as store:
        info = store.report()
        alice = store.ensure_author("Alice")
        node = store.find_node(info.id, "1.2")
        other = sqlite3.connect(path, isolation_level=None)
        other.execute("BEGIN IMMEDIATE")
        try:
            with pytest.raises(StoreError, match="in use by another program"):
                store.save_note(node.id, alice.id, "<p>寫不進去</p>")
        finally:
            other.execute("ROLLBACK")
            other.close()
        assert store.note(node.id, alice.id) is None
        # The lock is gone: the same write now succeeds.
        assert store.save_note(node.id, alice.id, "<p>現在可以</p>").text == "現在可以"


# -- read-only -------------------------------------------------------------------------------


def test_read_only_flag_reads_and_refuses_every_write(tmp_path):
    path = make_file(tmp_path / "shared.sqlite")
    before = path.read_bytes()
    with Store.open(path, read_only=True) as store:
        assert store.read_only is True
        info = store.report()
        node = store.find_node(info.id, "1.1")
        alice = store.authors()[0]
        assert [t.tag.name for t in store.node_tags(node.id)] == ["Risk"]
        attempts = [
            lambda: store.ensure_author("Bob"),
            lambda: store.add_node_tag(node.id, "Policy", alice.id),
            lambda: store.save_note(node.id, alice.id, "<p>x</p>"),
            lambda: store.set_rating(node.id, store.dimension("impact").id, alice.id, 3),
            lambda: store.add_highlight(node.id, alice.id, 0, 2),
            lambda: store.set_meta("k", "v"),
            lambda: store.add_report(small_report(extra="新")),
        ]
        for attempt in attempts:
            with pytest.raises(StoreError, match="database is read-only"):
                attempt()
    assert path.read_bytes() == before


def test_read_only_open_of_a_missing_file_creates_nothing(tmp_path):
    path = tmp_path / "missing.sqlite"
    with pytest.raises(StoreError, match="no database"):
        Store.open(path, read_only=True)
    assert not path.exists()


_READ_ONLY_PROBE = textwrap.dedent("""
    import json, sys
    from editor.core.errors import StoreError
    from editor.store import Store
    store = Store.open(sys.argv[1])
    out = {"read_only": store.read_only, "titles": [r.title for r in store.reports()]}
    try:
        store.ensure_author("Bob")
        out["write"] = "accepted"
    except StoreError as exc:
        out["write"] = str(exc)
    store.close()
    try:
        Store.open(sys.argv[1] + ".new").close()
        out["create"] = "accepted"
    except StoreError as exc:
        out["create"] = str(exc)
    print(json.dumps(out))
""")


def _open_in_read_only_location(directory: Path, db: Path) -> dict:
    """Open ``db`` from a process for which ``directory`` is really read-only.

    Tests run as root, which chmod does not stop, so as root the folder is bind-mounted
    read-only in a private mount namespace (``unshare -m``); as anyone else, chmod does it.
    """
    script = [sys.executable, "-c", _READ_ONLY_PROBE, str(db)]
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    if os.geteuid() == 0:
        inner = " ".join(f"'{part}'" for part in script)
        command = ["unshare", "-m", "sh", "-c",
                   f"mount --bind '{directory}' '{directory}' && "
                   f"mount -o remount,ro,bind '{directory}' '{directory}' && exec {inner}"]
        done = subprocess.run(command, capture_output=True, text=True, env=env, timeout=60)
    else:
        db.chmod(0o444)
        directory.chmod(0o555)
        try:
            done = subprocess.run(script, capture_output=True, text=True, env=env, timeout=60)
        finally:
            directory.chmod(0o755)
            db.chmod(0o644)
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout)


def test_a_file_in_a_read_only_location_opens_read_only():
    # Not under pytest's tmp_path: its parents are private to root, and the bind mount
    # needs a plain folder of its own.
    directory = Path(tempfile.mkdtemp(prefix="trendmark-ro-"))
    try:
        db = make_file(directory / "shared.sqlite")
        before = db.read_bytes()
        result = _open_in_read_only_location(directory, db)
        assert result["read_only"] is True
        assert result["titles"] == [TITLE]
        assert result["write"] == f"database is read-only: {db}"
        assert result["create"] == f"cannot create a database at {db}.new: the folder is not writable"
        assert db.read_bytes() == before
        assert files_in(directory) == {"shared.sqlite"}
    finally:
        shutil.rmtree(directory)


# -- migrations ------------------------------------------------------------------------------

# make_file writes the current schema; the extra steps below stand for future versions.
CURRENT = schema_version()


def _add_column_step(db) -> None:
    db.conn.execute("ALTER TABLE notes ADD COLUMN pinned INTEGER NOT NULL DEFAULT 0")
    db.conn.execute("INSERT INTO meta (key, value) VALUES ('migrated', 'yes')")


def _failing_step(db) -> None:
    db.conn.execute("ALTER TABLE notes ADD COLUMN pinned INTEGER NOT NULL DEFAULT 0")
    raise RuntimeError("step 2 broke halfway")


def test_an_older_file_is_backed_up_then_migrated_keeping_its_data(tmp_path, monkeypatch):
    path = make_file(tmp_path / "old.sqlite")
    monkeypatch.setattr(migrations, "MIGRATIONS", [*migrations.MIGRATIONS, _add_column_step])
    with Store.open(path) as store:
        assert store.db.execute("PRAGMA user_version").fetchone()[0] == CURRENT + 1
        assert "pinned" in store.db["notes"].columns_dict
        assert store.get_meta("migrated") == "yes"
        info = store.report()
        node = store.find_node(info.id, "1.1")
        assert [t.tag.name for t in store.node_tags(node.id)] == ["Risk"]
        assert store.notes(node.id)[0].text == "需要關注風險"
    backups = sorted(p for p in tmp_path.iterdir() if p.name.startswith(f"old.sqlite.bak-v{CURRENT}-"))
    assert len(backups) == 1
    copy = sqlite3.connect(backups[0])
    assert copy.execute("PRAGMA user_version").fetchone()[0] == CURRENT
    assert copy.execute("SELECT text FROM notes").fetchall() == [("需要關注風險",)]
    assert "pinned" not in [row[1] for row in copy.execute("PRAGMA table_info(notes)")]
    copy.close()
    # Already migrated: opening again takes no second copy.
    with Store.open(path):
        pass
    assert len([p for p in tmp_path.iterdir() if ".bak-" in p.name]) == 1


def test_a_failing_migration_leaves_the_file_as_it_was(tmp_path, monkeypatch):
    path = make_file(tmp_path / "old.sqlite")
    monkeypatch.setattr(migrations, "MIGRATIONS", [*migrations.MIGRATIONS, _failing_step])
    with pytest.raises(StoreError, match=f"cannot upgrade .* from schema {CURRENT} to {CURRENT + 1}: step 2 broke halfway") as caught:
        Store.open(path)
    assert "\n" not in str(caught.value)
    conn = sqlite3.connect(path)
    assert conn.execute("PRAGMA user_version").fetchone()[0] == CURRENT
    assert "pinned" not in [row[1] for row in conn.execute("PRAGMA table_info(notes)")]
    assert conn.execute("SELECT text FROM notes").fetchall() == [("需要關注風險",)]
    conn.close()
    monkeypatch.setattr(migrations, "MIGRATIONS", migrations.MIGRATIONS[:CURRENT])
    with Store.open(path) as store:  # the current version still opens it
        assert store.report().node_count == 7


def test_an_older_file_opened_read_only_is_refused_not_migrated(tmp_path, monkeypatch):
    path = make_file(tmp_path / "old.sqlite")
    monkeypatch.setattr(migrations, "MIGRATIONS", [*migrations.MIGRATIONS, _add_column_step])
    assert_refused(path, "older schema .* read-only", read_only=True)


def test_migration_steps_run_in_order_from_the_files_version(tmp_path, monkeypatch):
    calls: list[int] = []

    def step(number):
        def run(db):
            calls.append(number)
            db.conn.execute(f"INSERT INTO meta (key, value) VALUES ('step{number}', 'done')")
        return run

    path = make_file(tmp_path / "old.sqlite")
    monkeypatch.setattr(migrations, "MIGRATIONS", [*migrations.MIGRATIONS, step(CURRENT + 1), step(CURRENT + 2)])
    with Store.open(path) as store:
        assert store.db.execute("PRAGMA user_version").fetchone()[0] == CURRENT + 2
        assert (store.get_meta(f"step{CURRENT + 1}"), store.get_meta(f"step{CURRENT + 2}")) == ("done", "done")
    assert calls == [CURRENT + 1, CURRENT + 2]
    assert len([p for p in tmp_path.iterdir() if f".bak-v{CURRENT}-" in p.name]) == 1
