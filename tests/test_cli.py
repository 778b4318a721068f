"""The command line end to end: the contract of DESIGN.md §5, through editor.cli.main."""

from __future__ import annotations

import hashlib
import json
import os
import re
import subprocess
import sys
import uuid
from pathlib import Path

import pytest

from editor.cli import main
from editor.store import Store

UUID_RE = re.compile(r"^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$")


def run(capsys, *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def assert_one_line_error(code: int, err: str) -> None:
    assert code == 2
    lines = err.strip().splitlines()
    assert len(lines) == 1, err
    assert lines[0].startswith("error: ")
    assert "Traceback" not in err


@pytest.fixture
def db(tmp_path, sample_path, capsys) -> Path:
    path = tmp_path / "t.sqlite"
    code, _out, _ = run(capsys, "--db", str(path), "--author", "Alice", "import", str(sample_path))
    assert code == 0
    return path


def digest(path: Path) -> str:
    """Content of the database as the user sees it (file bytes shift with WAL checkpoints)."""
    with Store.open(path, read_only=True) as store:
        rows = []
        for table in sorted(store.db.table_names()):
            if table.endswith(("_fts", "_fts_data", "_fts_idx", "_fts_docsize", "_fts_config", "_fts_content")):
                continue
            rows.append((table, sorted(map(repr, store.db[table].rows))))
    return hashlib.sha256(repr(rows).encode()).hexdigest()


def test_import_prints_id_and_counts(tmp_path, sample_path, capsys):
    path = tmp_path / "new.sqlite"
    code, out, err = run(capsys, "--db", str(path), "import", str(sample_path))
    assert code == 0, err
    first, second = out.splitlines()[:2]
    assert UUID_RE.match(first)
    assert "10 chapters, 46 sections, 128 points (184 nodes)" in second
    assert "2025年下沉市場消費金融與移動支付融合發展趨勢研究報告" in second
    assert "warning:" in err  # the sample's body stops in chapter 9, and the importer says so


def test_reimport_changes_nothing(db, sample_path, capsys):
    before = digest(db)
    code, _out, err = run(capsys, "--db", str(db), "import", str(sample_path))
    assert code == 0
    assert "already imported" in err
    assert digest(db) == before


def test_global_options_after_subcommand(tmp_path, sample_path, capsys):
    path = tmp_path / "after.sqlite"
    code, out, _ = run(capsys, "import", str(sample_path), "--db", str(path))
    assert code == 0 and path.exists()
    code, out, _ = run(capsys, "outline", "--json", "--db", str(path))
    assert code == 0 and json.loads(out)["title"].startswith("2025年")


def test_outline_json_contract(db, capsys):
    code, out, _ = run(capsys, "--db", str(db), "outline", "--json")
    assert code == 0
    data = json.loads(out)
    assert set(data) == {"id", "title", "source", "warnings", "nodes"}
    assert data["title"] == "2025年下沉市場消費金融與移動支付融合發展趨勢研究報告"
    assert data["source"] == "sample-report.txt"
    assert any("9" in w for w in data["warnings"])
    chapters = data["nodes"]
    assert [c["number"] for c in chapters] == list("一二三四五六七八九十")
    first = chapters[0]
    assert set(first) == {"id", "number", "path", "level", "title", "body", "children"}
    assert first["path"] == "1" and first["level"] == 1
    point = first["children"][0]["children"][0]
    assert (point["path"], point["number"], point["level"]) == ("1.1.1", "1.1.1", 3)
    assert point["body"].startswith("近年來,隨著我國農村地區")
    assert uuid.UUID(point["id"])
    total = sum(1 for c in chapters for s in c["children"] for _ in [s, *s["children"]]) + len(chapters)
    assert total == 184


def test_outline_text(db, capsys):
    code, out, _ = run(capsys, "--db", str(db), "outline")
    assert code == 0
    lines = out.splitlines()
    assert lines[0].startswith("2025年")
    assert "一 2025年下沉市場" in lines[1]
    assert any(line.startswith("    1.1.1 ") for line in lines)


def test_tag_untag_rate_note_highlight_land_in_store(db, capsys):
    assert run(capsys, "--db", str(db), "--author", "Alice", "tag", "1.1", "Risk", "增長")[0] == 0
    assert run(capsys, "--db", str(db), "--author", "Alice", "tag", "1.1", "risk")[0] == 0  # same tag
    assert run(capsys, "--db", str(db), "--author", "Alice", "rate", "1.1", "impact=4", "Likelihood=2")[0] == 0
    assert run(capsys, "--db", str(db), "--author", "Alice", "note", "1.1.1", "--html",
               "<p><b>關鍵</b>趨勢</p><ul><li>甲</li></ul><script>x()</script>")[0] == 0
    code, _out, _ = run(capsys, "--db", str(db), "--author", "Alice", "highlight", "1.1.1",
                       "--quote", "農村居民收入水平", "--comment", "收入是驅動", "--color", "#A0E0A0")
    assert code == 0
    with Store.open(db, read_only=True) as store:
        report = store.report()
        node = store.find_node(report.id, "1.1")
        point = store.find_node(report.id, "1.1.1")
        alice = next(a for a in store.authors() if a.name == "Alice")
        assert sorted(t.tag.name for t in store.node_tags(node.id)) == ["Risk", "增長"]
        values = {store.dimension(r.dimension_id).name: r.value for r in store.ratings(node.id)}
        assert values == {"Impact": 4, "Likelihood": 2}
        note = store.note(point.id, alice.id)
        assert "<b>關鍵</b>" in note.html and "script" not in note.html
        assert note.text.startswith("關鍵趨勢")
        (hl,) = store.highlights(point.id)
        assert point.body[hl.start:hl.end] == "農村居民收入水平" == hl.exact
        assert hl.comment_text == "收入是驅動" and hl.color.upper() == "#A0E0A0"
    assert run(capsys, "--db", str(db), "--author", "Alice", "untag", "1.1", "RISK")[0] == 0
    assert run(capsys, "--db", str(db), "--author", "Alice", "rate", "1.1", "impact=0")[0] == 0
    with Store.open(db, read_only=True) as store:
        node = store.find_node(store.report().id, "1.1")
        assert [t.tag.name for t in store.node_tags(node.id)] == ["增長"]
        assert [store.dimension(r.dimension_id).name for r in store.ratings(node.id)] == ["Likelihood"]


def test_chapter_numeral_and_node_id_as_target(db, capsys):
    with Store.open(db, read_only=True) as store:
        node_id = store.find_node(store.report().id, "2.1").id
    assert run(capsys, "--db", str(db), "tag", "三", "渠道")[0] == 0
    assert run(capsys, "--db", str(db), "tag", node_id, "產品")[0] == 0
    with Store.open(db, read_only=True) as store:
        report = store.report()
        assert [t.tag.name for t in store.node_tags(store.find_node(report.id, "3").id)] == ["渠道"]
        assert [t.tag.name for t in store.node_tags(node_id)] == ["產品"]


def test_search_finds_two_character_words_and_notes(db, capsys):
    run(capsys, "--db", str(db), "note", "2.1", "--text", "分期產品值得跟進")
    code, out, _ = run(capsys, "--db", str(db), "search", "風險", "--json")
    assert code == 0
    hits = json.loads(out)
    assert any(h["path"] == "4.1" for h in hits)
    code, out, _ = run(capsys, "--db", str(db), "search", "值得跟進", "--json")
    assert [(h["path"], h["field"]) for h in json.loads(out)] == [("2.1", "note")]


@pytest.mark.parametrize("argv, fragment", [
    (["rate", "1.1", "impact=9"], "from 1 to 5"),
    (["rate", "1.1", "impact=4", "likelihood=x"], "whole number"),
    (["rate", "1.1", "novelty=3"], "Impact"),
    (["rate", "1.1", "impact"], "DIMENSION=VALUE"),
    (["tag", "99.1", "Risk"], "99.1"),
    (["highlight", "1.1.1", "--quote", "這句話不在正文裡"], "這句話不在正文裡"),
    (["highlight", "1.1.1", "--quote", "農村", "--color", "red"], "colour"),
    (["note", "1.1"], "--text"),
    (["frobnicate"], "frobnicate"),
])
def test_user_errors_are_one_line_and_write_nothing(db, capsys, argv, fragment):
    before = digest(db)
    code, _out, err = run(capsys, "--db", str(db), *argv)
    assert_one_line_error(code, err)
    assert fragment in err
    assert digest(db) == before


def test_reading_commands_do_not_create_a_database(tmp_path, capsys):
    path = tmp_path / "missing.sqlite"
    code, _, err = run(capsys, "--db", str(path), "outline")
    assert_one_line_error(code, err)
    assert not path.exists()


def _bad_inputs(tmp_path: Path) -> dict[str, Path]:
    files = {}

    def put(name: str, data: bytes) -> None:
        files[name] = tmp_path / name
        files[name].write_bytes(data)

    put("empty.txt", b"")
    put("random.txt", os.urandom(64 * 1024))
    put("picture.txt", b"\x89PNG\r\n\x1a\n" + b"\x00\x00\x00\rIHDR" + os.urandom(4000))
    put("page.html", "<!DOCTYPE html><html><head><title>下載</title></head><body><p>沒有大綱</p></body></html>"
        .encode())
    put("boilerplate.txt", "報告_第1頁\n已閱讀5頁,還剩13頁未讀\n\n下載本文檔\n\n溫馨提示\n  • 1. 本站所有資源\n\n評論\n\n提交評論\n"
        .encode())
    files["missing.txt"] = tmp_path / "missing.txt"
    (tmp_path / "folder").mkdir()
    files["folder"] = tmp_path / "folder"
    return files


def test_bad_report_files_are_refused_and_leave_the_database_alone(db, tmp_path, capsys):
    before = digest(db)
    for name, path in _bad_inputs(tmp_path).items():
        code, out, err = run(capsys, "--db", str(db), "import", str(path))
        assert_one_line_error(code, err)
        assert out == "", name
    assert digest(db) == before


def test_bad_import_never_creates_a_database(tmp_path, capsys):
    target = tmp_path / "fresh.sqlite"
    code, _, err = run(capsys, "--db", str(target), "import", str(tmp_path / "nothing.txt"))
    assert_one_line_error(code, err)
    assert not target.exists()


def test_huge_file_without_outline_is_refused_quickly(tmp_path, capsys):
    import time

    path = tmp_path / "huge.txt"
    line = ("這是一段沒有任何大綱編號的長文字,用來檢查導入是否能快速拒絕。" * 4 + "\n").encode()
    with path.open("wb") as fh:
        fh.write(line * (60 * 1024 * 1024 // len(line)))
    started = time.perf_counter()
    code, _, err = run(capsys, "--db", str(tmp_path / "h.sqlite"), "import", str(path))
    elapsed = time.perf_counter() - started
    assert_one_line_error(code, err)
    assert elapsed < 30, f"took {elapsed:.1f}s"  # generous: the point is seconds, not minutes


def test_version_and_headless_commands_do_not_load_qt(db, tmp_path):
    script = (
        "import sys\n"
        "from editor.cli import main\n"
        f"rc = main(['--db', {str(db)!r}, 'outline'])\n"
        f"rc2 = main(['--db', {str(db)!r}, 'search', '風險'])\n"
        "assert rc == rc2 == 0\n"
        "loaded = sorted(m for m in sys.modules if m.startswith('PySide6'))\n"
        "print('QT', loaded)\n"
    )
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr
    assert "QT []" in result.stdout
    version = subprocess.run([sys.executable, "-m", "editor", "--version"], capture_output=True, text=True,
                             timeout=60)
    assert version.returncode == 0
    assert re.fullmatch(r"trendmark \d+\.\d+\.\d+\n", version.stdout)


def test_errors_from_a_real_process_have_no_traceback(tmp_path):
    result = subprocess.run([sys.executable, "-m", "editor", "--db", str(tmp_path / "x.sqlite"), "import",
                             str(tmp_path / "absent.txt")], capture_output=True, text=True, timeout=60)
    assert result.returncode == 2
    assert result.stderr.startswith("error: ") and result.stderr.count("\n") == 1


def test_an_unexpected_defect_is_one_line_with_the_details_logged(db, capsys, monkeypatch):
    from editor.cli import reports as commands

    def broken(args, out):
        raise KeyError("boom")

    monkeypatch.setattr(commands, "cmd_outline", broken)
    code, _out, err = run(capsys, "--db", str(db), "outline")
    assert_one_line_error(code, err)
    assert "unexpected KeyError" in err
    log = Path(err.split("details in ")[1].rstrip(")\n"))
    assert "KeyError: 'boom'" in log.read_text(encoding="utf-8")
