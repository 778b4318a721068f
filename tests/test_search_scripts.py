"""Simplified and Traditional Chinese are one language to search: either script finds either."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from editor.core.conversion import fold
from editor.importing.dispatch import parse_report
from editor.store import Store


@pytest.fixture()
def traditional(tmp_path, sample_bytes):
    store = Store.open(tmp_path / "tc.sqlite")
    info, _ = store.add_report(parse_report(sample_bytes, "sample-report.txt"))
    yield store, info
    store.close()


@pytest.fixture()
def simplified(tmp_path, sample_bytes):
    text = fold(sample_bytes.decode("utf-8"))
    assert "移动支付" in text and "移動支付" not in text
    store = Store.open(tmp_path / "sc.sqlite")
    info, _ = store.add_report(parse_report(text.encode("utf-8"), "sample-simplified.txt"))
    yield store, info
    store.close()


def _bodies_containing(store: Store, report_id: str, written: str) -> set[str]:
    rows = store.db.execute("SELECT id FROM nodes WHERE report_id = ? AND (title || body) LIKE ?",
                            (report_id, f"%{written}%")).fetchall()
    return {node_id for (node_id,) in rows}


@pytest.mark.parametrize(("query", "written"), [("移动支付", "移動支付"), ("风险", "風險"), ("监管", "監管")])
def test_simplified_queries_find_the_traditional_report(traditional, query, written):
    store, info = traditional
    expected = _bodies_containing(store, info.id, written)
    assert expected  # the sample writes the word in Traditional characters
    hits = store.search(query, report_id=info.id)
    assert {h.node_id for h in hits if h.field in ("title", "body")} == expected
    # The window's filter agrees with the search.
    assert store.matching_node_ids(query, info.id) == expected
    # Hits show the text as written, with the match on the Traditional characters.
    for hit in hits:
        assert hit.match is not None
        assert hit.snippet[hit.match[0]:hit.match[1]] == written


@pytest.mark.parametrize(("query", "written"), [("移動支付", "移动支付"), ("風險", "风险"), ("監管", "监管")])
def test_traditional_queries_find_a_simplified_report(simplified, query, written):
    store, info = simplified
    expected = _bodies_containing(store, info.id, written)
    assert expected
    assert {h.node_id for h in store.search(query, report_id=info.id)} == expected
    assert store.matching_node_ids(query, info.id) == expected


def test_notes_and_comments_are_found_in_either_script(traditional):
    store, info = traditional
    author = store.ensure_author("Alice")
    node = store.find_node(info.id, "1")
    store.save_note(node.id, author.id, "<p>关注监管动向与数据安全</p>")
    store.add_highlight(node.id, author.id, 0, 2, comment_html="<p>佐證資料待補</p>")
    assert [h.field for h in store.search("監管動向")] == ["note"]  # three or more: the index
    assert [h.field for h in store.search("監管", report_id=info.id) if h.field == "note"] == ["note"]  # two: a scan
    assert [h.field for h in store.search("佐证资料")] == ["comment"]
    assert node.id in store.matching_node_ids("數據安全", info.id, author.id)
    # An edit is searchable in the new script at once, and no longer in the old text.
    store.save_note(node.id, author.id, "<p>改为跟踪跨境支付</p>")
    assert [h.field for h in store.search("跨境支付")] == ["note"]
    assert store.search("監管動向") == []


def test_a_phrase_whose_length_changes_is_marked_where_it_is_written(tmp_path):
    from editor.store.search import snippet_with_match

    shown, match = snippet_with_match("前文。我們的記憶體與軟體都很好。", "记忆体")
    assert match is not None and shown[match[0]:match[1]] == "記憶體"


def test_the_command_line_search_reports_the_match_in_the_text_as_written(tmp_path, sample_path):
    db = tmp_path / "cli.sqlite"
    run = [sys.executable, "-m", "editor", "--db", str(db)]
    subprocess.run([*run, "import", str(sample_path)], check=True, capture_output=True)
    result = subprocess.run([*run, "search", "移动支付", "--json"], check=True, capture_output=True, text=True)
    hits = json.loads(result.stdout)
    assert hits
    for hit in hits:
        start, end = hit["match"]
        assert hit["snippet"][start:end] == "移動支付"
