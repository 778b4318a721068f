"""Notes: sanitised rich text, derived plain text, no write when unchanged, blank means removed."""

from __future__ import annotations

import pytest

from editor.core.errors import NotFoundError
from editor.store import Store
from editor.store.ids import note_id
from tests.test_store_support import populated, small_report


@pytest.fixture
def ctx():
    with Store.memory() as store:
        info, alice = populated(store)
        yield store, info, store.find_node(info.id, "1.1"), alice


def test_save_note_sanitises_and_derives_text(ctx):
    store, _info, node, alice = ctx
    note = store.save_note(node.id, alice.id,
                           '<p onclick="x()">需要<b>關注</b>風險<script>alert(1)</script></p>'
                           '<img src="http://tracker/x.png"><p>第二段 &amp; more</p>')
    assert "<script" not in note.html and "alert" not in note.html
    assert "<img" not in note.html and "onclick" not in note.html
    assert "<b>關注</b>" in note.html
    assert note.text == "需要關注風險\n第二段 & more"
    assert note.id == note_id(node.id, alice.id)  # the same id in every copy of the database
    assert store.note(node.id, alice.id) == note


def test_unchanged_html_is_not_written_again(ctx):
    store, _info, node, alice = ctx
    first = store.save_note(node.id, alice.id, "<p>同一段</p>")
    changes = store.db.conn.total_changes
    assert store.save_note(node.id, alice.id, "<p>同一段</p>") == first
    assert store.db.conn.total_changes == changes


def test_editing_keeps_created_at_and_moves_updated_at(ctx):
    store, _info, node, alice = ctx
    first = store.save_note(node.id, alice.id, "<p>初稿</p>")
    second = store.save_note(node.id, alice.id, "<p>修改稿</p>")
    assert second.id == first.id and second.created_at == first.created_at
    assert second.updated_at > first.updated_at
    assert second.text == "修改稿"


@pytest.mark.parametrize("blank", ["", "<p></p>", "<p>   </p><br>", "<img src='x.png'>", "<script>x</script>"])
def test_a_note_without_text_is_tombstoned(ctx, blank):
    store, _info, node, alice = ctx
    first = store.save_note(node.id, alice.id, "<p>要刪除的筆記</p>")
    assert store.save_note(node.id, alice.id, blank) is None
    assert store.note(node.id, alice.id) is None
    assert store.notes(node.id) == []
    row = store.db.execute("SELECT html, deleted_at, updated_at FROM notes WHERE id = ?", (first.id,)).fetchone()
    assert row[0] == "<p>要刪除的筆記</p>"  # the last content is kept under the tombstone
    assert row[1] is not None and row[2] > first.updated_at
    revived = store.save_note(node.id, alice.id, "<p>又寫了</p>")
    assert revived.id == first.id and revived.created_at == first.created_at
    assert store.db.execute("SELECT count(*) FROM notes").fetchone()[0] == 1


def test_a_blank_first_note_writes_nothing(ctx):
    store, _info, node, alice = ctx
    assert store.save_note(node.id, alice.id, "<p> </p>") is None
    assert store.db.execute("SELECT count(*) FROM notes").fetchone()[0] == 0


def test_one_note_per_author_per_node(ctx):
    store, info, node, alice = ctx
    bob = store.ensure_author("Bob")
    store.save_note(node.id, alice.id, "<p>Alice 的看法</p>")
    store.save_note(node.id, bob.id, "<p>Bob 的看法</p>")
    leaf = store.find_node(info.id, "1.1.1")
    store.save_note(leaf.id, alice.id, "<p>要點筆記</p>")
    other, _ = store.add_report(small_report(title="另一份"))
    store.save_note(store.find_node(other.id, "1").id, alice.id, "<p>別的報告</p>")
    assert {n.text for n in store.notes(node.id)} == {"Alice 的看法", "Bob 的看法"}
    assert [n.text for n in store.notes(report_id=info.id)][-1] == "要點筆記"  # outline order
    assert len(store.notes(report_id=info.id)) == 3
    assert len(store.notes()) == 4
    assert store.note(node.id, bob.id).text == "Bob 的看法"


def test_save_note_validates_ids_and_size(ctx):
    store, _info, node, alice = ctx
    with pytest.raises(NotFoundError, match="no node"):
        store.save_note("missing", alice.id, "<p>x</p>")
    with pytest.raises(NotFoundError, match="unknown author"):
        store.save_note(node.id, "nobody", "<p>x</p>")
    with pytest.raises(ValueError, match="limit"):
        store.save_note(node.id, alice.id, "x" * 1_000_001)
    assert store.notes() == []
