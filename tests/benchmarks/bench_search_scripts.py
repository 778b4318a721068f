"""Script-blind search on the 500-chapter report: query time, and the import cost of the folded index.

Opt-in: ``python -m pytest tests/benchmarks/bench_search_scripts.py -s -p no:randomly
-o python_files='bench_*.py' -o addopts=''``.

The import baseline is measured in the same run: the same import into a file of the
previous schema (indexes of the text as written), indexed the way imports were
before (FTS5's own 'rebuild' of a first report, the text copied as it is after that).
"""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from editor.core.conversion import Script, convert
from editor.store import Store, bulk, migrations, reports
from editor.store.migrations.script_folding import fold_search_indexes
from editor.store.migrations.v1 import FTS_COLUMNS
from tests.benchmarks.bench_store_import import synthetic_report

QUERIES = ("移动支付", "消费金融", "消费", "普惠", "征信", "移動支付", "消費", "徵信")


def _import_seconds(path: Path, report) -> float:
    with Store.open(path) as store:
        start = time.perf_counter()
        store.add_report(report)
        return time.perf_counter() - start


def _previous_indexing(conn, table: str, where: str, params: tuple = ()) -> None:
    fts, columns = f"{table}_fts", ", ".join(FTS_COLUMNS[table])
    if conn.execute(f"SELECT count(*) FROM {fts}").fetchone()[0] == 0:
        conn.execute(f"INSERT INTO {fts} ({fts}) VALUES ('rebuild')")
    else:
        conn.execute(f"INSERT INTO {fts} (rowid, {columns}) SELECT rowid, {columns} FROM {table} WHERE {where}", params)


def test_folded_import_against_the_previous_index(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    report = synthetic_report()
    folded, before = [], []
    for attempt in range(3):
        folded.append(_import_seconds(tmp_path / f"folded{attempt}.sqlite", report))
        with monkeypatch.context() as patch:
            previous = migrations.MIGRATIONS.index(fold_search_indexes)
            patch.setattr(migrations, "MIGRATIONS", migrations.MIGRATIONS[:previous])
            patch.setattr(bulk, "index_rows", _previous_indexing)
            patch.setattr(reports, "_indexed", lambda rows, _texts: rows)  # nothing to fold
            before.append(_import_seconds(tmp_path / f"before{attempt}.sqlite", report))
    ratio = min(folded) / min(before)
    print(f"\nimport, {len(list(report.walk())):,} nodes: folded index {min(folded) * 1000:.0f} ms, "
          f"previous index {min(before) * 1000:.0f} ms, ratio {ratio:.2f}x (target 1.3x)")
    assert ratio < 1.3


def test_folded_text_import_end_to_end(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """What ``trendmark import`` of the 500-chapter text report costs: parsing, then the store."""
    from editor.importing import parse_report
    from tests.reportgen import make_report

    data = make_report(500).encode("utf-8")

    def run(path: Path) -> float:
        start = time.perf_counter()
        report = parse_report(data, "report.txt")
        with Store.open(path) as store:
            store.add_report(report)
        return time.perf_counter() - start

    folded, before = [], []
    for attempt in range(3):
        folded.append(run(tmp_path / f"folded{attempt}.sqlite"))
        with monkeypatch.context() as patch:
            previous = migrations.MIGRATIONS.index(fold_search_indexes)
            patch.setattr(migrations, "MIGRATIONS", migrations.MIGRATIONS[:previous])
            patch.setattr(bulk, "index_rows", _previous_indexing)
            patch.setattr(reports, "_indexed", lambda rows, _texts: rows)
            before.append(run(tmp_path / f"before{attempt}.sqlite"))
    ratio = min(folded) / min(before)
    print(f"\ntext import end to end, 500 chapters: folded {min(folded) * 1000:.0f} ms, "
          f"previous {min(before) * 1000:.0f} ms, ratio {ratio:.2f}x (target 1.3x)")
    assert ratio < 1.3


def test_search_in_either_script_per_query(tmp_path: Path) -> None:
    with Store.open(tmp_path / "search.sqlite") as store:
        info, _ = store.add_report(synthetic_report())
        worst = 0.0
        for query in QUERIES:
            runs = []
            for _ in range(5):
                start = time.perf_counter()
                hits = store.search(query)
                filtered = store.matching_node_ids(query, info.id)
                runs.append(time.perf_counter() - start)
            print(f"{query}: {len(hits)} hits, {len(filtered)} nodes, {min(runs) * 1000:.1f} ms")
            worst = max(worst, min(runs))
            assert filtered
        print(f"slowest query (search + filter): {worst * 1000:.1f} ms (target 50 ms)")
        assert worst < 0.05


def test_converting_a_node_for_reading(tmp_path: Path) -> None:
    nodes = list(synthetic_report().walk())
    longest = max(nodes, key=lambda n: len(n.body))
    runs = []
    for _ in range(5):
        start = time.perf_counter()
        for node in nodes[:500]:
            convert(node.body, Script.SIMPLIFIED)
        runs.append((time.perf_counter() - start) / 500)
    start = time.perf_counter()
    convert(longest.body * 50, Script.SIMPLIFIED)  # a long chapter of ~6,000 characters
    long_ms = (time.perf_counter() - start) * 1000
    print(f"\nconvert per node: {min(runs) * 1000:.2f} ms; a {len(longest.body) * 50:,}-character body: "
          f"{long_ms:.1f} ms (target 50 ms per node)")
    assert long_ms < 50
