"""A copy to share: a consistent snapshot even while the database is being written elsewhere."""

from __future__ import annotations

import sqlite3

import pytest

from editor.core.errors import StoreError
from editor.store import Store
from editor.store.sharing import author_activity, share_copy
from tests.test_merge_support import analyst_db, annotations, clock, merge_copy  # noqa: F401


@pytest.fixture
def alice(tmp_path, clock):
    analyst = analyst_db(tmp_path / "alice.sqlite", "Alice")
    analyst.store.save_note(analyst.node("1.1"), analyst.author.id, "<p>已提交的筆記</p>")
    analyst.store.add_node_tag(analyst.node("1.2"), "風險", analyst.author.id)
    yield analyst
    analyst.store.close()


def test_the_copy_is_a_trendmark_database_with_the_same_content(alice, tmp_path):
    out = share_copy(alice.store, tmp_path / "to-bob.sqlite")
    assert out == tmp_path / "to-bob.sqlite"
    with Store.open(out, read_only=True) as copy:
        assert annotations(copy) == annotations(alice.store)
        assert [r.id for r in copy.reports()] == [alice.report.id]
        assert copy.search("已提交", report_id=alice.report.id)[0].path == "1.1"
    conn = sqlite3.connect(out)
    assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "delete"  # one self-contained file
    assert conn.execute("PRAGMA user_version").fetchone()[0] == alice.store.db.execute(
        "PRAGMA user_version").fetchone()[0]
    conn.close()
    assert sorted(p.name for p in tmp_path.iterdir() if p.name.startswith("to-bob")) == ["to-bob.sqlite"]


def test_a_copy_taken_during_another_programs_write_holds_only_committed_work(alice, tmp_path):
    other = sqlite3.connect(alice.store.path, isolation_level=None, timeout=0.1)
    other.execute("BEGIN IMMEDIATE")
    other.execute("UPDATE notes SET html = '<p>尚未提交</p>', text = '尚未提交'")
    other.execute("INSERT INTO meta (key, value) VALUES ('half-done', 'yes')")
    try:
        out = share_copy(alice.store, tmp_path / "snapshot.sqlite")
    finally:
        other.execute("ROLLBACK")
        other.close()
    with Store.open(out, read_only=True) as copy:
        assert copy.note(alice.node("1.1"), alice.author.id).text == "已提交的筆記"
        assert copy.get_meta("half-done") is None


def test_a_copy_opened_by_another_program_is_replaced_in_one_step(alice, tmp_path):
    target = tmp_path / "shared.sqlite"
    share_copy(alice.store, target)
    alice.store.save_note(alice.node("1.1"), alice.author.id, "<p>第二版</p>")
    reader = sqlite3.connect(target)
    old_view = reader.execute("SELECT text FROM notes").fetchall()
    share_copy(alice.store, target)
    assert old_view == [("已提交的筆記",)]
    reader.close()
    with Store.open(target, read_only=True) as copy:
        assert copy.note(alice.node("1.1"), alice.author.id).text == "第二版"
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".shared.sqlite")]


def test_the_open_database_itself_is_never_overwritten(alice, tmp_path):
    before = alice.store.path.read_bytes()
    with pytest.raises(StoreError, match="is the database itself"):
        share_copy(alice.store, alice.store.path)
    link = tmp_path / "link.sqlite"
    link.symlink_to(alice.store.path)
    with pytest.raises(StoreError, match="is the database itself"):
        share_copy(alice.store, link)
    with pytest.raises(StoreError, match="is the database itself"):
        share_copy(alice.store, tmp_path / "alice.sqlite-wal")
    assert alice.store.path.read_bytes() == before


def test_a_folder_or_a_missing_folder_is_refused(alice, tmp_path):
    with pytest.raises(StoreError, match="is a directory"):
        share_copy(alice.store, tmp_path)
    with pytest.raises(StoreError, match="does not exist"):
        share_copy(alice.store, tmp_path / "no-such-folder" / "copy.sqlite")
    assert not (tmp_path / "no-such-folder").exists()


def test_a_copy_cannot_be_taken_in_the_middle_of_a_change(alice, tmp_path):
    with alice.store.transaction():
        alice.store.save_note(alice.node("1.2"), alice.author.id, "<p>進行中</p>")
        with pytest.raises(StoreError, match="middle of a change"):
            share_copy(alice.store, tmp_path / "copy.sqlite")
    assert not (tmp_path / "copy.sqlite").exists()


def test_an_in_memory_database_can_be_shared(tmp_path, clock):
    with Store.memory() as store:
        store.ensure_author("Ana")
        out = share_copy(store, tmp_path / "memory.sqlite")
    with Store.open(out, read_only=True) as copy:
        assert [a.name for a in copy.authors()] == ["Ana"]


def test_author_activity_tells_whose_annotations_are_whose(alice, tmp_path, clock):
    bob = analyst_db(tmp_path / "bob.sqlite", "Bob")
    bob.store.save_note(bob.node("1.3"), bob.author.id, "<p>Bob</p>")
    bob.store.set_rating(bob.node("1.3"), bob.store.dimension("impact").id, bob.author.id, 2)
    bob.store.add_highlight(bob.node("1.1.1"), bob.author.id, 0, 3)
    merge_copy(bob.store, alice.store, tmp_path, "bob-copy.sqlite")
    activity = {a.author.name: (a.notes, a.highlights, a.ratings, a.tags) for a in
                author_activity(alice.store, alice.report.id)}
    assert activity == {"Alice": (1, 0, 0, 1), "Bob": (1, 1, 1, 0)}
    bob.store.close()


def test_a_database_opened_read_only_can_be_shared(alice, tmp_path):
    alice.store.close()
    with Store.open(tmp_path / "alice.sqlite", read_only=True) as reader:
        out = share_copy(reader, tmp_path / "from-reader.sqlite")
        expected = annotations(reader)
    with Store.open(out, read_only=True) as copy:
        assert annotations(copy) == expected
