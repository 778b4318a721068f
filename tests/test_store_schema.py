"""The database file as analysts' scripts see it: tables, columns, PRAGMAs, indexes, search indexes."""

from __future__ import annotations

import sqlite3

import pytest

from editor.store import Store, schema_version
from editor.store.ids import dimension_id
from tests.test_store_support import make_file, populated

STAMPS = {"created_at", "updated_at", "deleted_at"}

# DESIGN.md §2: names analysts' scripts rely on. More columns are allowed, none fewer.
CONTRACT = {
    "reports": {"id", "title", "source", "imported_at", "warnings"},
    "nodes": {"id", "report_id", "parent_id", "position", "level", "number", "path", "title", "body"},
    "authors": {"id", "name"},
    "tags": {"id", "name", "color", "author_id"} | STAMPS,
    "node_tags": {"node_id", "tag_id", "author_id"} | STAMPS,
    "dimensions": {"id", "name", "min", "max", "position"},
    "ratings": {"node_id", "dimension_id", "author_id", "value"} | STAMPS,
    "notes": {"id", "node_id", "author_id", "html", "text"} | STAMPS,
    "highlights": {"id", "node_id", "author_id", "start", "end", "exact", "prefix", "suffix", "color",
                   "comment_html", "comment_text"} | STAMPS,
    "highlight_tags": {"highlight_id", "tag_id", "author_id"} | STAMPS,
    "meta": {"key", "value"},
}


@pytest.fixture
def store():
    with Store.memory() as store:
        yield store


def test_a_new_file_is_wal_with_foreign_keys_and_the_schema_version(tmp_path):
    with Store.open(tmp_path / "new.sqlite") as store:
        conn = store.db.conn
        assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
        assert conn.execute("PRAGMA foreign_keys").fetchone()[0] == 1
        assert conn.execute("PRAGMA user_version").fetchone()[0] == schema_version()
        assert store.path == tmp_path / "new.sqlite"
        assert store.read_only is False
    # Persisted in the file, not only on our connection.
    other = sqlite3.connect(tmp_path / "new.sqlite")
    assert other.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert other.execute("PRAGMA user_version").fetchone()[0] == schema_version()
    other.close()


def test_tables_and_columns_match_the_documented_contract(store):
    for table, columns in CONTRACT.items():
        assert store.db[table].exists(), table
        assert columns <= set(store.db[table].columns_dict), table


def test_every_table_has_a_primary_key(store):
    names = store.db.table_names()
    for table in names:
        if table.endswith(("_fts", "_fts_data", "_fts_idx", "_fts_docsize", "_fts_config")):
            continue  # FTS5 shadow tables are SQLite's own
        info = store.db.execute(f"PRAGMA table_info([{table}])").fetchall()
        assert any(row[5] for row in info), f"{table} has no primary key"


def test_composite_keys_and_unique_note_per_author(store):
    assert store.db["node_tags"].pks == ["node_id", "tag_id", "author_id"]
    assert store.db["ratings"].pks == ["node_id", "dimension_id", "author_id"]
    assert store.db["highlight_tags"].pks == ["highlight_id", "tag_id", "author_id"]
    unique = [idx for idx in store.db["notes"].indexes if idx.unique]
    assert any(idx.columns == ["node_id", "author_id"] for idx in unique)


def test_foreign_keys_are_declared(store):
    declared = {(fk.table, fk.column, fk.other_table) for table in CONTRACT
                for fk in store.db[table].foreign_keys}
    for expected in [("nodes", "report_id", "reports"), ("nodes", "parent_id", "nodes"),
                     ("node_tags", "node_id", "nodes"), ("node_tags", "tag_id", "tags"),
                     ("node_tags", "author_id", "authors"), ("ratings", "dimension_id", "dimensions"),
                     ("notes", "node_id", "nodes"), ("highlights", "node_id", "nodes"),
                     ("highlight_tags", "highlight_id", "highlights")]:
        assert expected in declared


def test_foreign_keys_are_enforced_at_the_sql_level(store):
    with pytest.raises(sqlite3.IntegrityError):
        store.db.execute("INSERT INTO ratings (node_id, dimension_id, author_id, value, created_at, updated_at)"
                         " VALUES ('nope', 'nope', 'nope', 3, 'x', 'x')")


def test_tag_names_are_unique_ignoring_case_in_the_table_itself(store):
    insert = "INSERT INTO tags (id, name, color, created_at, updated_at) VALUES (?, ?, '#000000', 'x', 'x')"
    store.db.execute(insert, ("a", "Risk"))
    with pytest.raises(sqlite3.IntegrityError):
        store.db.execute(insert, ("b", "RISK"))


@pytest.mark.parametrize("sql", [
    "SELECT id FROM nodes WHERE report_id = 'r' ORDER BY seq",
    "SELECT id FROM nodes WHERE report_id = 'r' AND path = '1.1' ORDER BY seq",  # find_node
    "SELECT id FROM highlights WHERE node_id = 'n' AND deleted_at IS NULL ORDER BY start",
    "SELECT value FROM ratings WHERE node_id = 'n'",
    "SELECT tag_id FROM node_tags WHERE node_id = 'n'",
    "SELECT html FROM notes WHERE node_id = 'n'",
])
def test_the_windows_queries_use_an_index(store, sql):
    plan = " ".join(row[-1] for row in store.db.execute(f"EXPLAIN QUERY PLAN {sql}"))
    assert "USING" in plan and "INDEX" in plan, plan
    assert "TEMP B-TREE" not in plan, plan


def test_full_text_indexes_use_the_trigram_tokenizer(store):
    for table in ("nodes_fts", "notes_fts", "highlights_fts"):
        sql = store.db.execute("SELECT sql FROM sqlite_master WHERE name = ?", (table,)).fetchone()[0]
        assert "fts5" in sql.lower() and "trigram" in sql


def test_default_dimensions_have_the_same_ids_in_every_database():
    with Store.memory() as one, Store.memory() as two:
        assert one.dimensions() == two.dimensions()
        assert [(d.name, d.min, d.max) for d in one.dimensions()] == [
            ("Impact", 1, 5), ("Likelihood", 1, 5), ("Confidence", 1, 5)]
        assert one.dimension("Impact").id == dimension_id("impact")


def test_memory_store_has_no_path_and_is_writable(store):
    assert store.path is None and store.read_only is False
    info, _alice = populated(store)
    assert info.node_count == 7


def test_the_file_can_be_read_by_plain_sqlite3(tmp_path):
    path = make_file(tmp_path / "plain.sqlite")
    conn = sqlite3.connect(path)
    rows = conn.execute("SELECT t.name, n.path FROM node_tags nt JOIN tags t ON t.id = nt.tag_id"
                        " JOIN nodes n ON n.id = nt.node_id").fetchall()
    assert rows == [("Risk", "1.1")]
    assert conn.execute("SELECT text FROM notes").fetchone()[0] == "需要關注風險"
    conn.close()
