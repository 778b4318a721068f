"""Authors, small settings, transactions and the timestamp rule merge depends on."""

from __future__ import annotations

import sqlite3

import pytest

from editor.core.errors import NotFoundError
from editor.store import Store, stamps
from tests.test_store_support import populated


@pytest.fixture
def store():
    with Store.memory() as store:
        yield store


# -- authors -------------------------------------------------------------------------------


def test_ensure_author_by_name_creates_once(store):
    alice = store.ensure_author("Alice")
    assert store.ensure_author(" Alice ") == alice
    assert len(alice.id) == 36
    assert store.author(alice.id) == alice
    assert store.authors() == [alice]


def test_ensure_author_by_id_inserts_then_renames(store):
    given = "0f8fad5b-d9cb-469f-a165-70867728950e"
    created = store.ensure_author("林小姐", given)
    assert created.id == given
    renamed = store.ensure_author("林美玲", given)
    assert renamed.id == given and store.author(given).name == "林美玲"
    row = store.db.execute("SELECT created_at, updated_at FROM authors WHERE id = ?", (given,)).fetchone()
    assert row[1] > row[0]
    store.ensure_author("Bob")
    assert [a.name for a in store.authors()] == ["Bob", "林美玲"]


def test_author_errors(store):
    with pytest.raises(NotFoundError, match="unknown author"):
        store.author("nobody")
    with pytest.raises(ValueError, match="empty"):
        store.ensure_author("   ")


# -- meta ----------------------------------------------------------------------------------


def test_meta_settings(store):
    assert store.get_meta("tree.expanded") is None
    assert store.get_meta("tree.expanded", "1") == "1"
    store.set_meta("tree.expanded", "1.1,2")
    store.set_meta("tree.expanded", "1.1")
    assert store.get_meta("tree.expanded") == "1.1"
    with pytest.raises(TypeError):
        store.set_meta("count", 3)


# -- transactions --------------------------------------------------------------------------


def test_a_transaction_groups_several_writes_all_or_nothing(store):
    info, alice = populated(store)
    node = store.find_node(info.id, "1.1")
    with pytest.raises(RuntimeError), store.transaction():
        store.add_node_tag(node.id, "Risk", alice.id)
        store.save_note(node.id, alice.id, "<p>一起寫</p>")
        raise RuntimeError("user cancelled")
    assert store.node_tags(node.id) == [] and store.note(node.id, alice.id) is None
    assert store.tags() == []
    with store.transaction():
        store.add_node_tag(node.id, "Risk", alice.id)
        store.save_note(node.id, alice.id, "<p>一起寫</p>")
    assert store.node_tags(node.id) and store.note(node.id, alice.id)


def test_a_failed_inner_step_rolls_back_only_itself(store):
    info, alice = populated(store)
    node = store.find_node(info.id, "1.1")
    with store.transaction():
        store.add_node_tag(node.id, "Kept", alice.id)
        with pytest.raises(ValueError):
            store.set_rating(node.id, store.dimension("Impact").id, alice.id, 9)
        with pytest.raises(RuntimeError), store.transaction():
            store.add_node_tag(node.id, "Dropped", alice.id)
            raise RuntimeError("inner")
        store.save_note(node.id, alice.id, "<p>也保留</p>")
    assert [t.tag.name for t in store.node_tags(node.id)] == ["Kept"]
    assert store.note(node.id, alice.id).text == "也保留"


def test_writes_are_committed_for_other_connections(tmp_path):
    path = tmp_path / "t.sqlite"
    with Store.open(path) as store:
        info, alice = populated(store)
        store.save_note(store.find_node(info.id, "1").id, alice.id, "<p>看得見</p>")
        reader = sqlite3.connect(path)
        assert reader.execute("SELECT text FROM notes").fetchall() == [("看得見",)]
        reader.close()


def test_close_is_idempotent_and_the_store_is_a_context_manager(tmp_path):
    with Store.open(tmp_path / "t.sqlite") as store:
        store.set_meta("k", "v")
    store.close()
    with pytest.raises(sqlite3.ProgrammingError):
        store.get_meta("k")


def test_errors_are_store_errors_not_sqlite_errors(store):
    info, alice = populated(store)
    node = store.find_node(info.id, "1.1")
    for call in (lambda: store.add_node_tag(node.id, "x", "missing-author"),
                 lambda: store.set_rating("missing", store.dimension("Impact").id, alice.id, 2),
                 lambda: store.add_highlight(node.id, "missing-author", 0, 2),
                 lambda: store.save_note("missing", alice.id, "<p>x</p>")):
        with pytest.raises(NotFoundError):
            call()


# -- timestamps ----------------------------------------------------------------------------


def test_updated_at_increases_even_when_the_clock_does_not(store, monkeypatch):
    info, alice = populated(store)
    node = store.find_node(info.id, "1.1")
    impact = store.dimension("Impact").id
    monkeypatch.setattr(stamps, "now_iso", lambda: "2026-01-01T00:00:00.000Z")  # a stuck clock
    ratings = [store.set_rating(node.id, impact, alice.id, value) for value in (1, 2, 3)]
    assert [r.updated_at for r in ratings] == [
        "2026-01-01T00:00:00.000Z", "2026-01-01T00:00:00.001Z", "2026-01-01T00:00:00.002Z"]
    assert {r.created_at for r in ratings} == {"2026-01-01T00:00:00.000Z"}
    # The clock steps back an hour: edits still move forward.
    monkeypatch.setattr(stamps, "now_iso", lambda: "2025-12-31T23:00:00.000Z")
    assert store.set_rating(node.id, impact, alice.id, 0) is None
    row = store.db.execute("SELECT updated_at, deleted_at FROM ratings").fetchone()
    assert row == ("2026-01-01T00:00:00.003Z", "2026-01-01T00:00:00.003Z")
    # A working clock wins again as soon as it is ahead.
    monkeypatch.setattr(stamps, "now_iso", lambda: "2026-02-01T08:00:00.000Z")
    assert store.set_rating(node.id, impact, alice.id, 4).updated_at == "2026-02-01T08:00:00.000Z"


def test_stamps_are_utc_iso_with_milliseconds(store):
    info, alice = populated(store)
    note = store.save_note(store.find_node(info.id, "1").id, alice.id, "<p>x</p>")
    for stamp in (note.created_at, note.updated_at, info.imported_at):
        assert len(stamp) == 24 and stamp[10] == "T" and stamp.endswith("Z") and stamp[19] == "."


def test_next_stamp_rolls_over_seconds():
    assert stamps.next_stamp("2999-12-31T23:59:59.999Z") == "3000-01-01T00:00:00.000Z"
