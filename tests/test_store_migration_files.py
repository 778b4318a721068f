"""Every past schema version, kept as a real file, upgrades to the current one without losing a word."""

from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path

import pytest

from editor.core.conversion import fold
from editor.store import Store, schema_version
from tests.test_store_support import small_report

DATA = Path(__file__).parent / "data"
PAST_VERSIONS = sorted(DATA.glob("schema-v*.sqlite"))


def test_a_file_is_kept_for_every_past_version():
    kept = {int(p.stem.removeprefix("schema-v")) for p in PAST_VERSIONS}
    assert kept == set(range(1, schema_version()))


@pytest.mark.parametrize("fixture", PAST_VERSIONS, ids=lambda p: p.stem)
def test_past_version_upgrades_with_backup_and_data_intact(tmp_path, fixture):
    path = tmp_path / "old.sqlite"
    shutil.copyfile(fixture, path)
    old_version = int(fixture.stem.removeprefix("schema-v"))
    with Store.open(path) as store:
        assert store.db.execute("PRAGMA user_version").fetchone()[0] == schema_version()
        report = store.report()
        assert report.title == "遷移測試報告"
        node = store.find_node(report.id, "1.1")
        alice = next(a for a in store.authors() if a.name == "Alice")
        assert [t.tag.name for t in store.node_tags(node.id)] == ["Risk"]
        assert [(store.dimension(r.dimension_id).name, r.value) for r in store.ratings(node.id)] == [("Impact", 4)]
        assert store.note(node.id, alice.id).html == "<p><b>重要</b>筆記</p>"
        (highlight,) = store.highlights(node.id)
        assert highlight.exact == "移動支付" and highlight.comment_text == "評論"
        # The upgraded file keeps working: edits and search behave as in a new one.
        store.save_note(node.id, alice.id, "<p>升級後的筆記</p>")
        assert [h.field for h in store.search("升級後")] == ["note"]
    backups = list(tmp_path.glob(f"old.sqlite.bak-v{old_version}-*"))
    assert len(backups) == 1
    copy = sqlite3.connect(backups[0])
    assert copy.execute("PRAGMA user_version").fetchone()[0] == old_version
    copy.close()


def _schema(conn: sqlite3.Connection) -> set[tuple]:
    return set(conn.execute("SELECT type, name, tbl_name, sql FROM sqlite_master WHERE name NOT LIKE 'sqlite_%'"))


@pytest.mark.parametrize("fixture", PAST_VERSIONS, ids=lambda p: p.stem)
def test_an_upgraded_file_has_the_schema_of_a_new_one(tmp_path, fixture):
    path = tmp_path / "old.sqlite"
    shutil.copyfile(fixture, path)
    with Store.open(path) as upgraded, Store.open(tmp_path / "new.sqlite") as new:
        assert _schema(upgraded.db.conn) == _schema(new.db.conn)


@pytest.mark.parametrize("fixture", PAST_VERSIONS, ids=lambda p: p.stem)
def test_the_rebuilt_outline_search_index_finds_what_the_old_one_found(tmp_path, fixture):
    queries = ['"移動支付"', 'title : "支付普及"', 'body : "支付普及"', '"風險仍在"', '"需求增長"', '"增長移動"']
    old = sqlite3.connect(f"file:{fixture}?mode=ro", uri=True)
    # From version 9 on the kept file's index is folded to Simplified already, and asked that way.
    folded = int(old.execute("PRAGMA user_version").fetchone()[0]) >= 9
    before = [old.execute("SELECT rowid FROM nodes_fts WHERE nodes_fts MATCH ? ORDER BY rowid",
                          (fold(q) if folded else q,)).fetchall() for q in queries]
    old.close()
    assert [len(rows) for rows in before] == [1, 1, 0, 1, 1, 0]
    path = tmp_path / "old.sqlite"
    shutil.copyfile(fixture, path)
    with Store.open(path) as store:
        conn = store.db.conn
        # The index now holds text folded to Simplified, and is asked the same way.
        after = [conn.execute("SELECT rowid FROM nodes_fts WHERE nodes_fts MATCH ? ORDER BY rowid",
                              (fold(q),)).fetchall() for q in queries]
        assert after == before
        conn.execute("INSERT INTO nodes_fts (nodes_fts) VALUES ('integrity-check')")
        assert [(h.path, h.field) for h in store.search("支付普及")] == [("1.1", "title")]
        assert [(h.path, h.field) for h in store.search("快速普及")] == [("1.1", "body")]
        # Imports after the upgrade are indexed the same way.
        info, _ = store.add_report(small_report())
        assert [h.path for h in store.search("下沉市場消費需求持續增長", info.id)] == ["1"]
        conn.execute("INSERT INTO nodes_fts (nodes_fts) VALUES ('integrity-check')")
