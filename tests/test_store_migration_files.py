"""Every past schema version, kept as a real file, upgrades to the current one without losing a word."""

from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path

import pytest

from editor.store import Store, schema_version

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
