"""Importing reports into the store and reading the outline back."""

from __future__ import annotations

import re
import sqlite3
import uuid

import pytest

from editor.core.errors import NotFoundError
from editor.core.report import TRENDMARK_NAMESPACE, ParsedNode, ParsedReport, node_id, report_id
from editor.store import Store
from editor.store import reports as reports_module
from tests.test_store_support import BODY_1_1, TITLE, small_report


@pytest.fixture
def store():
    with Store.memory() as store:
        yield store


def table_dump(store: Store, table: str) -> list[tuple]:
    return store.db.execute(f"SELECT * FROM {table} ORDER BY 1").fetchall()


def test_add_report_stores_every_node_with_deterministic_ids(store):
    report = small_report()
    info, created = store.add_report(report)
    assert created is True
    assert info.id == report_id(report)
    assert (info.title, info.source, info.warnings, info.node_count) == (
        TITLE, "sample-report.txt", ("第9章正文在句中中斷",), 7)
    assert info.imported_at.endswith("Z") and "T" in info.imported_at
    nodes = store.nodes(info.id)
    assert [n.path for n in nodes] == ["1", "1.1", "1.1.1", "1.1.2", "1.2", "2", "2.1"]
    for node in nodes:
        assert node.id == node_id(info.id, node.path, node.title)
        assert node.report_id == info.id


def test_outline_structure_parent_position_level_and_number(store):
    info, _ = store.add_report(small_report())
    by_path = {n.path: n for n in store.nodes(info.id)}
    assert by_path["1"].parent_id is None and by_path["2"].parent_id is None
    assert (by_path["1"].position, by_path["2"].position) == (0, 1)
    assert by_path["1.1.2"].parent_id == by_path["1.1"].id
    assert by_path["1.1.2"].position == 1
    assert by_path["1.2"].parent_id == by_path["1"].id and by_path["1.2"].position == 1
    assert [by_path[p].level for p in ("1", "1.1", "1.1.1")] == [1, 2, 3]
    assert by_path["1"].number == "一" and by_path["1.1.1"].number == "1.1.1"
    assert by_path["1.1"].body == BODY_1_1
    assert by_path["2"].body == ""


def test_importing_the_same_report_twice_changes_nothing(store):
    first, created = store.add_report(small_report())
    before = {t: table_dump(store, t) for t in ("reports", "nodes", "nodes_fts_data")}
    again, created_again = store.add_report(small_report())
    assert created is True and created_again is False
    assert again == first  # same id, same imported_at
    assert {t: table_dump(store, t) for t in before} == before


def test_node_ids_are_standard_uuid5_of_report_path_and_title(store):
    # Two reports in turn, so ids continue each report's own hash state, not the last one's.
    for report in (small_report(), small_report(title="第二份報告"), small_report()):
        info, _ = store.add_report(report)
        for node in store.nodes(info.id):
            name = f"{info.id}\x1f{node.path}\x1f{node.title}"
            assert node.id == str(uuid.uuid5(TRENDMARK_NAMESPACE, name))


def test_two_databases_derive_the_same_ids():
    with Store.memory() as one, Store.memory() as two:
        a, _ = one.add_report(small_report())
        b, _ = two.add_report(small_report())
        assert a.id == b.id
        assert [n.id for n in one.nodes(a.id)] == [n.id for n in two.nodes(b.id)]


def _with_accents(accent: str) -> ParsedReport:
    report = small_report(title=f"Caf{accent} 報告")
    report.nodes[0].children[0].title = f"Caf{accent} 消費"
    report.nodes[0].body += f"caf{accent}"
    return report


def test_unicode_composition_does_not_change_ids_or_text(store):
    composed, decomposed = _with_accents("\u00e9"), _with_accents("e\u0301")
    a, _ = store.add_report(decomposed)
    b, created = store.add_report(composed)
    assert created is False and a.id == b.id
    stored = {n.path: n for n in store.nodes(a.id)}
    # Stored in NFC, so offsets and ids are the same whichever form arrived first.
    assert stored["1.1"].title == "Caf\u00e9 消費"
    assert stored["1.1"].id == node_id(a.id, "1.1", "Caf\u00e9 消費")
    assert stored["1"].body.endswith("caf\u00e9")


def test_only_a_number_in_another_composition_is_stored_in_nfc(store):
    # The rest of the text is NFC already; the printed number is not part of the report id.
    report = small_report()
    report.nodes[0].children[0].number = "1.1e\u0301"
    info, _ = store.add_report(report)
    assert store.find_node(info.id, "1.1").number == "1.1\u00e9"


def test_a_failure_halfway_through_an_import_leaves_nothing(store, monkeypatch):
    calls = {"n": 0}
    real = reports_module.node_ids

    def failing_node_ids(rid):
        id_of = real(rid)

        def failing_node_id(*args):
            calls["n"] += 1
            if calls["n"] == 4:
                raise RuntimeError("disk pulled out")
            return id_of(*args)
        return failing_node_id

    monkeypatch.setattr(reports_module, "node_ids", failing_node_ids)
    with pytest.raises(RuntimeError, match="disk pulled out"):
        store.add_report(small_report())
    assert calls["n"] == 4  # it really failed mid-way, after some nodes were inserted
    assert store.reports() == []
    assert table_dump(store, "nodes") == []
    assert store.search("移動支付") == []
    # The import's search-index bookkeeping was rolled back too: a later import is indexed.
    monkeypatch.setattr(reports_module, "node_ids", real)
    info, created = store.add_report(small_report())
    assert created and info.node_count == 7
    assert store.db.execute("SELECT count(*) FROM sqlite_master WHERE name = 'nodes_ai'").fetchone()[0] == 1
    assert {hit.path for hit in store.search("移動支付")} >= {"1.1.1"}


def test_a_failed_import_in_a_file_is_not_there_after_reopening(tmp_path, monkeypatch):
    path = tmp_path / "t.sqlite"

    def failing_node_ids(rid):
        def failing_node_id(node_path, title):
            raise ValueError("bad")
        return failing_node_id

    monkeypatch.setattr(reports_module, "node_ids", failing_node_ids)
    with Store.open(path) as store, pytest.raises(ValueError):
        store.add_report(small_report())
    conn = sqlite3.connect(path)
    assert conn.execute("SELECT count(*) FROM reports").fetchone()[0] == 0
    assert conn.execute("SELECT count(*) FROM nodes").fetchone()[0] == 0
    conn.close()


def test_duplicate_paths_are_refused_and_nothing_is_kept(store):
    # This check alone keeps a report's paths unique: no unique index stands behind it.
    report = small_report()
    report.nodes[1].children.append(ParsedNode("2.1", "2.1", 2, "另一個", "文字"))
    with pytest.raises(ValueError, match=r"two entries at 2\.1"):
        store.add_report(report)
    assert store.reports() == [] and table_dump(store, "nodes") == []
    info, created = store.add_report(small_report())  # the refusal left nothing in the way
    assert created and info.node_count == 7


def test_paths_that_differ_only_in_composition_are_the_same_path(store):
    report = small_report()
    report.nodes[0].children[0].path = "1.\u00e9"
    report.nodes[1].children[0].path = "1.e\u0301"
    with pytest.raises(ValueError, match=re.escape("two entries at 1.\u00e9")):
        store.add_report(report)
    assert store.reports() == []


def test_a_repeated_path_in_a_file_leaves_nothing_after_reopening(tmp_path):
    path = tmp_path / "t.sqlite"
    report = small_report()
    report.nodes.append(ParsedNode("三", "1", 1, "重複的第一章", "文字"))
    with Store.open(path) as store, pytest.raises(ValueError, match="two entries at 1;"):
        store.add_report(report)
    conn = sqlite3.connect(path)
    assert conn.execute("SELECT count(*) FROM reports").fetchone()[0] == 0
    assert conn.execute("SELECT count(*) FROM nodes").fetchone()[0] == 0
    conn.close()


def test_the_second_report_is_searchable_like_the_first(store):
    first, _ = store.add_report(small_report())
    second, _ = store.add_report(small_report(title="第二份報告", extra="跨境電商"))
    assert first.id != second.id
    assert {hit.node_id for hit in store.search("跨境電商")} == {store.find_node(second.id, "1").id}
    assert len(store.search("移動支付的普及")) == 2


def test_report_without_id_needs_exactly_one_report(store):
    with pytest.raises(NotFoundError, match=r"^no report imported yet$"):
        store.report()
    first, _ = store.add_report(small_report())
    assert store.report() == first
    second, _ = store.add_report(small_report(title="第二份報告"))
    with pytest.raises(NotFoundError) as caught:
        store.report()
    message = str(caught.value)
    assert "\n" not in message
    assert message.startswith("2 reports in the database; choose one with --report: ")
    assert f"{first.id} {TITLE}" in message and f"{second.id} 第二份報告" in message


def test_report_by_id_or_unique_prefix(store):
    info, _ = store.add_report(small_report())
    assert store.report(info.id) == info
    assert store.report(info.id[:8]) == info
    with pytest.raises(NotFoundError, match="no report with id"):
        store.report(info.id[:4])  # too short to trust
    with pytest.raises(NotFoundError, match="no report with id"):
        store.report("00000000-0000-0000-0000-000000000000")
    assert store.reports() == [info]


def test_node_and_nodes_validate_ids(store):
    info, _ = store.add_report(small_report())
    first = store.nodes(info.id)[0]
    assert store.node(first.id) == first
    with pytest.raises(NotFoundError, match="no node with id nope"):
        store.node("nope")
    with pytest.raises(NotFoundError, match="no report"):
        store.nodes("nope")


@pytest.mark.parametrize("ref, path", [
    ("1.1", "1.1"), ("1.1.1", "1.1.1"), ("1.1.", "1.1"), (" 2.1 ", "2.1"),
    ("一", "1"), ("一、", "1"), ("二", "2"), ("1", "1"),
])
def test_find_node_by_path_or_printed_number(store, ref, path):
    info, _ = store.add_report(small_report())
    assert store.find_node(info.id, ref).path == path


def test_find_node_by_id_and_id_prefix(store):
    info, _ = store.add_report(small_report())
    target = store.nodes(info.id)[3]
    assert store.find_node(info.id, target.id) == target
    assert store.find_node(info.id, target.id[:8]) == target
    assert store.find_node(info.id, target.id[:8].upper()) == target
    with pytest.raises(NotFoundError):
        store.find_node(info.id, target.id[:5])


@pytest.mark.parametrize("ref", ["9.9", "三", "", "移動支付"])
def test_find_node_says_clearly_what_is_missing(store, ref):
    info, _ = store.add_report(small_report())
    with pytest.raises(NotFoundError) as caught:
        store.find_node(info.id, ref)
    assert "\n" not in str(caught.value)
    assert "1.1" in str(caught.value)  # tells what a valid reference looks like


def test_find_node_only_looks_in_the_given_report(store):
    first, _ = store.add_report(small_report())
    second, _ = store.add_report(small_report(title="第二份報告"))
    node_of_second = store.find_node(second.id, "1.1")
    with pytest.raises(NotFoundError):
        store.find_node(first.id, node_of_second.id)


def test_deep_outline_in_pre_order(store):
    leaf = ParsedNode("1.1.1.1", "1.1.1.1", 4, "第四層", "深")
    report = ParsedReport("深報告", [ParsedNode("一", "1", 1, "章", "", [
        ParsedNode("1.1", "1.1", 2, "節", "", [ParsedNode("1.1.1", "1.1.1", 3, "點", "", [leaf])]),
        ParsedNode("1.2", "1.2", 2, "節二", "")])])
    info, _ = store.add_report(report)
    nodes = store.nodes(info.id)
    assert [(n.path, n.level) for n in nodes] == [("1", 1), ("1.1", 2), ("1.1.1", 3), ("1.1.1.1", 4), ("1.2", 2)]
    assert nodes[3].parent_id == nodes[2].id
