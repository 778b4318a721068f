"""``trendmark share``, ``merge`` and ``agreement`` end to end, through editor.cli.main."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest

from editor.cli import main
from editor.store import Store


def run(capsys, *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def ok(capsys, *argv: str) -> str:
    code, out, err = run(capsys, *argv)
    assert code == 0, err
    return out


def one_line_error(capsys, *argv: str) -> str:
    code, out, err = run(capsys, *argv)
    assert code == 2 and out == ""
    assert len(err.strip().splitlines()) == 1 and err.startswith("error: ") and "Traceback" not in err
    return err.strip()


def content(path: Path) -> list:
    """Every row of every table except the search index (the database as a user sees it)."""
    conn = sqlite3.connect(f"{path.as_uri()}?mode=ro", uri=True)
    names = [r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'"
                                        " AND name NOT LIKE '%fts%' ORDER BY name")]
    rows = [(name, sorted(map(repr, conn.execute(f'SELECT * FROM "{name}"').fetchall()))) for name in names]
    conn.close()
    return rows


@pytest.fixture
def two_databases(tmp_path, sample_path, capsys):
    alice, bob = tmp_path / "alice.sqlite", tmp_path / "bob.sqlite"
    for db, name in ((alice, "Alice"), (bob, "Bob")):
        ok(capsys, "--db", str(db), "--author", name, "import", str(sample_path))
    ok(capsys, "--db", str(alice), "--author", "Alice", "tag", "1.1", "Risk")
    ok(capsys, "--db", str(alice), "--author", "Alice", "rate", "1.1", "impact=4", "likelihood=2")
    ok(capsys, "--db", str(alice), "--author", "Alice", "rate", "1.2", "impact=1")
    ok(capsys, "--db", str(alice), "--author", "Alice", "note", "1.1", "--text", "Alice 的看法")
    ok(capsys, "--db", str(bob), "--author", "Bob", "tag", "1.1", "risk", "機會")
    ok(capsys, "--db", str(bob), "--author", "Bob", "rate", "1.1", "impact=2", "likelihood=2")
    ok(capsys, "--db", str(bob), "--author", "Bob", "rate", "1.2", "impact=5")
    ok(capsys, "--db", str(bob), "--author", "Bob", "note", "1.2", "--html", "<p>Bob<script>x()</script></p>")
    return alice, bob


def test_share_writes_a_consistent_copy_while_the_database_is_open_and_read(two_databases, tmp_path, capsys):
    _alice, bob = two_databases
    app = Store.open(bob)  # the window has it open
    app.save_note(app.find_node(app.report().id, "1.3").id, app.authors()[0].id, "<p>autosaved</p>")
    reader = sqlite3.connect(bob, isolation_level=None)
    reader.execute("BEGIN")  # another program in the middle of reading
    reader.execute("SELECT count(*) FROM notes").fetchone()
    try:
        out = ok(capsys, "--db", str(bob), "share", "--out", str(tmp_path / "bob-share.sqlite"))
    finally:
        reader.execute("ROLLBACK")
        reader.close()
        app.close()
    assert out.strip() == str(tmp_path / "bob-share.sqlite")
    with Store.open(tmp_path / "bob-share.sqlite", read_only=True) as copy:
        assert sorted(n.text for n in copy.notes()) == ["Bob", "autosaved"]
    assert content(tmp_path / "bob-share.sqlite") == content(bob)


def test_share_refuses_to_overwrite_the_database_itself(two_databases, capsys):
    alice, _bob = two_databases
    before = content(alice)
    err = one_line_error(capsys, "--db", str(alice), "share", "--out", str(alice))
    assert "is the database itself" in err
    assert content(alice) == before


def test_merge_dry_run_writes_nothing_then_merge_writes_and_a_second_merge_is_a_no_op(two_databases, tmp_path,
                                                                                     capsys):
    alice, bob = two_databases
    ok(capsys, "--db", str(bob), "share", "--out", str(tmp_path / "bob-share.sqlite"))
    before = content(alice)
    files = sorted(p.name for p in tmp_path.iterdir())
    dry = ok(capsys, "--db", str(alice), "merge", "--dry-run", str(tmp_path / "bob-share.sqlite"))
    assert content(alice) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == files
    assert dry.splitlines()[0] == "would merge bob-share.sqlite"
    assert dry.splitlines()[-1] == "dry run: nothing was written"

    out = ok(capsys, "--db", str(alice), "merge", str(tmp_path / "bob-share.sqlite"))
    lines = out.splitlines()
    assert lines[0] == "merged bob-share.sqlite"
    for expected in ("authors: 1 added", "tags: 1 added", "notes: 1 added", "node tags: 2 added",
                     "ratings: 3 added"):
        assert expected in lines
    assert [line for line in dry.splitlines() if ":" in line and "dry run" not in line] == \
        [line for line in lines if ":" in line and not line.startswith("backup")]
    assert lines[-1].startswith("backup of the database before merging: ")
    assert Path(lines[-1].split(": ", 1)[1]).name.startswith("alice.sqlite.bak-merge-")
    with Store.open(alice, read_only=True) as store:
        assert [t.name for t in store.tags()] == ["Risk", "機會"]
        assert [n.html for n in store.notes()] == ["<p>Alice 的看法</p>", "<p>Bob</p>"]

    after = content(alice)
    again = json.loads(ok(capsys, "--db", str(alice), "merge", "--json", str(tmp_path / "bob-share.sqlite")))
    assert again["changed"] is False and again["backup"] is None
    assert all(counts == {"added": 0, "updated": 0, "removed": 0, "conflicts": 0, "skipped": 0, "refused": 0}
               for counts in again["kinds"].values())
    assert content(alice) == after


def test_merge_json_lists_every_kind(two_databases, tmp_path, capsys):
    alice, bob = two_databases
    ok(capsys, "--db", str(bob), "share", "--out", str(tmp_path / "bob-share.sqlite"))
    result = json.loads(ok(capsys, "--db", str(alice), "merge", "--json", str(tmp_path / "bob-share.sqlite")))
    assert set(result) == {"source", "dry_run", "changed", "kinds", "conflicts", "sanitised", "warnings", "backup",
                           "refused", "unverified", "dimension_changes"}
    assert list(result["kinds"]) == ["authors", "reports", "dimensions", "tags", "highlights", "notes",
                                     "node tags", "ratings", "highlight tags"]
    assert result["kinds"]["ratings"]["added"] == 3 and result["dry_run"] is False


def test_merge_refusals_are_one_line_and_leave_the_database_alone(two_databases, tmp_path, capsys):
    alice, bob = two_databases
    before = content(alice)
    junk = tmp_path / "junk.sqlite"
    junk.write_text("not a database", encoding="utf-8")
    assert "not an SQLite file" in one_line_error(capsys, "--db", str(alice), "merge", str(junk))
    newer = tmp_path / "newer.sqlite"
    ok(capsys, "--db", str(bob), "share", "--out", str(newer))
    conn = sqlite3.connect(newer)
    conn.execute("PRAGMA user_version = 42")
    conn.close()
    err = one_line_error(capsys, "--db", str(alice), "merge", str(newer))
    assert err == f"error: {newer} was written by a newer Trendmark (schema 42); update Trendmark to merge it"
    assert content(alice) == before
    assert not list(tmp_path.glob("alice.sqlite.bak-merge-*"))


def test_agreement_json_follows_the_contract(two_databases, tmp_path, capsys):
    alice, bob = two_databases
    ok(capsys, "--db", str(bob), "share", "--out", str(tmp_path / "bob-share.sqlite"))
    ok(capsys, "--db", str(alice), "merge", str(tmp_path / "bob-share.sqlite"))
    result = json.loads(ok(capsys, "--db", str(alice), "agreement", "--json"))
    assert set(result) == {"dimensions", "disagreements"}
    assert set(result["dimensions"]) == {"impact", "likelihood", "confidence"}
    impact = result["dimensions"]["impact"]
    assert impact["nodes"] == 2 and isinstance(impact["alpha"], float)
    assert impact["pairs"] == [{"a": "Alice", "b": "Bob", "kappa": impact["pairs"][0]["kappa"], "nodes": 2}]
    assert result["dimensions"]["likelihood"]["alpha"] is None  # 2 and 2: no variation
    assert result["dimensions"]["confidence"] == {"alpha": None, "nodes": 0, "pairs": []}
    assert [(d["path"], d["dimension"], d["ratings"]) for d in result["disagreements"]] == [
        ("1.2", "impact", {"Alice": 1, "Bob": 5}), ("1.1", "impact", {"Alice": 4, "Bob": 2})]
    text = ok(capsys, "--db", str(alice), "agreement")
    assert "impact: Krippendorff's alpha (ordinal)" in text and "Alice × Bob" in text
