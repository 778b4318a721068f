"""Schema version 2: text revisions kept by triggers for every writer, and the upgrade from version 1."""

from __future__ import annotations

import sqlite3

from editor.store import Store, migrations, schema_version
from editor.store.migrations.v2 import MAX_ANCESTORS, REVISION_PATTERN
from tests.test_merge_support import analyst_db, clock  # noqa: F401


def revision_row(store: Store, row_id: str) -> tuple[str, list[str]]:
    revision, ancestors = store.db.execute("SELECT revision, ancestors FROM text_revisions WHERE row_id = ?",
                                           (row_id,)).fetchone()
    return revision, ancestors.split()


def test_every_new_text_gets_a_revision_and_remembers_the_one_it_replaced(tmp_path, clock):
    alice = analyst_db(tmp_path / "alice.sqlite", "Alice")
    note = alice.store.save_note(alice.node("1.1"), alice.author.id, "<p>一</p>")
    first, ancestors = revision_row(alice.store, note.id)
    assert REVISION_PATTERN.fullmatch(first) and ancestors == []
    alice.store.save_note(alice.node("1.1"), alice.author.id, "<p>二</p>")
    second, ancestors = revision_row(alice.store, note.id)
    assert second != first and ancestors == [first]
    alice.store.save_note(alice.node("1.1"), alice.author.id, "")  # a deletion is not a new text
    assert revision_row(alice.store, note.id) == (second, [first])
    highlight = alice.store.add_highlight(alice.node("1.1.1"), alice.author.id, 0, 3, comment_html="<p>甲</p>")
    start, _ = revision_row(alice.store, highlight.id)
    alice.store.update_highlight(highlight.id, color="#AECBFA")  # the colour is not the text
    assert revision_row(alice.store, highlight.id) == (start, [])
    alice.store.update_highlight(highlight.id, comment_html="<p>乙</p>")
    assert revision_row(alice.store, highlight.id)[1] == [start]
    alice.store.close()


def test_an_edit_by_another_program_is_tracked_too_and_search_stays_correct(tmp_path, clock):
    alice = analyst_db(tmp_path / "alice.sqlite", "Alice")
    note = alice.store.save_note(alice.node("1.1"), alice.author.id, "<p>原來的文字</p>")
    before, _ = revision_row(alice.store, note.id)
    alice.store.close()
    script = sqlite3.connect(tmp_path / "alice.sqlite")
    script.execute("UPDATE notes SET html = '<p>腳本改寫的文字</p>', text = '腳本改寫的文字',"
                   " updated_at = '2030-01-01T00:00:00.000Z'")
    script.commit()
    script.close()
    with Store.open(tmp_path / "alice.sqlite") as store:
        after, ancestors = revision_row(store, note.id)
        assert after.startswith("2030-01-01T00:00:00.000Z-") and ancestors == [before]
        store.db.execute("INSERT INTO notes_fts (notes_fts) VALUES ('integrity-check')")
        assert [hit.field for hit in store.search("腳本改寫")] == ["note"]
        assert store.search("原來的文字") == []


def test_the_ancestor_list_keeps_the_newest_revisions(tmp_path, clock):
    alice = analyst_db(tmp_path / "alice.sqlite", "Alice")
    revisions = []
    for i in range(MAX_ANCESTORS + 5):
        note = alice.store.save_note(alice.node("1.1"), alice.author.id, f"<p>第 {i} 版</p>")
        revisions.append(revision_row(alice.store, note.id)[0])
    current, ancestors = revision_row(alice.store, note.id)
    assert current == revisions[-1]
    assert ancestors == revisions[-MAX_ANCESTORS - 1:-1]
    alice.store.close()


def test_a_version_1_file_is_upgraded_with_a_backup_and_derived_revisions(tmp_path, clock, monkeypatch):
    monkeypatch.setattr(migrations, "MIGRATIONS", migrations.MIGRATIONS[:1])
    # Writing as that version did: it had no editions to keep read-only.
    monkeypatch.setattr(Store, "_require_editable_node", Store._require_node)
    old = analyst_db(tmp_path / "old.sqlite", "Alice")
    note = old.store.save_note(old.node("1.1"), old.author.id, "<p>舊筆記</p>")
    old.store.close()
    monkeypatch.undo()
    with Store.open(tmp_path / "old.sqlite") as store:
        assert store.db.execute("PRAGMA user_version").fetchone()[0] == schema_version()
        revision, ancestors = revision_row(store, note.id)
        # Derived from the row, so two copies upgraded apart agree it is the same version.
        assert revision == f"{note.updated_at}-{note.id.replace('-', '')[:8]}" and ancestors == []
        assert store.db.execute("SELECT count(*) FROM conflicts").fetchone()[0] == 0
        store.save_note(old.node("1.1"), old.author.id, "<p>升級後再改</p>")
        assert revision_row(store, note.id)[1] == [revision]
    assert len(list(tmp_path.glob("old.sqlite.bak-v1-*"))) == 1
