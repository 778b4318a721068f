"""Import speed and start-up cost of the command line, each against a baseline of the same run.

Run: make bench  (or pytest tests/benchmarks/bench_cli.py -s -o python_files='bench_*.py' -o addopts='')
"""

from __future__ import annotations

import sqlite3
import statistics
import subprocess
import sys
import time
from pathlib import Path

from editor.importing import parse_report
from editor.store import Store
from tests.reportgen import make_report


RUNS = 9


def _median_seconds(argv: list[str], runs: int = 7) -> float:
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        subprocess.run(argv, check=True, capture_output=True)
        times.append(time.perf_counter() - started)
    return statistics.median(times)


def _raw_insert(path: Path, rows: list[tuple]) -> tuple[float, float]:
    """(wall, CPU) seconds to connect, switch to WAL, create a nodes table and executemany ``rows``."""
    started, cpu = time.perf_counter(), time.process_time()
    conn = sqlite3.connect(path)
    conn.execute("PRAGMA journal_mode=WAL")
    conn.execute("CREATE TABLE nodes (id TEXT PRIMARY KEY, report_id TEXT, parent_id TEXT, position INTEGER,"
                 " level INTEGER, number TEXT, path TEXT, title TEXT, body TEXT)")
    with conn:
        conn.executemany("INSERT INTO nodes VALUES (?,?,?,?,?,?,?,?,?)", rows)
    conn.close()
    return time.perf_counter() - started, time.process_time() - cpu


def _raw_rows(report) -> list[tuple]:
    from editor.core.report import node_id, report_id

    rid = report_id(report)
    rows, parents = [], {}
    for position, node in enumerate(report.walk()):
        nid = node_id(rid, node.path, node.title)
        parents[node.path] = nid
        parent = parents.get(node.path.rpartition(".")[0])
        rows.append((nid, rid, parent, position, node.level, node.number, node.path, node.title, node.body))
    return rows


def test_import_500_chapters(tmp_path):
    for chapters in (10, 100, 500):
        data = make_report(chapters).encode("utf-8")
        rows = _raw_rows(parse_report(data, source="generated.txt"))
        parse_times, store_times, store_cpu, raw_times, raw_cpu = [], [], [], [], []
        # Store and raw runs alternate, so a slower spell of a shared 2-core machine (single
        # runs vary by 2x) weighs on both alike; medians of each.
        for run in range(RUNS):
            started = time.perf_counter()
            report = parse_report(data, source="generated.txt")
            parse_times.append(time.perf_counter() - started)
            with Store.open(tmp_path / f"bench{chapters}-{run}.sqlite") as store:
                started, cpu = time.perf_counter(), time.process_time()
                store.add_report(report)
                store_times.append(time.perf_counter() - started)
                store_cpu.append(time.process_time() - cpu)
            wall, cpu = _raw_insert(tmp_path / f"raw{chapters}-{run}.sqlite", rows)
            raw_times.append(wall)
            raw_cpu.append(cpu)
        parsed, stored, raw = (statistics.median(t) for t in (parse_times, store_times, raw_times))
        stored_cpu, raw_cpu_s = statistics.median(store_cpu), statistics.median(raw_cpu)
        print(f"\n{chapters:>4} chapters, {len(rows):>5} nodes, {len(data) / 1e6:.2f} MB: "
              f"parse {parsed:.3f}s + store {stored:.3f}s = {parsed + stored:.3f}s; "
              f"raw executemany {raw:.3f}s (medians of {RUNS}); store/raw = {stored / raw:.1f}x, "
              f"total/raw = {(parsed + stored) / raw:.1f}x; "
              f"CPU: store {stored_cpu:.3f}s, raw {raw_cpu_s:.3f}s, store/raw = {stored_cpu / raw_cpu_s:.1f}x")


def test_version_startup_cost():
    version = _median_seconds([sys.executable, "-m", "editor", "--version"])
    baseline = _median_seconds([sys.executable, "-c", "import sqlite_utils"])
    bare = _median_seconds([sys.executable, "-c", "pass"])
    print(f"\ntrendmark --version {version * 1000:.0f} ms; python -c 'import sqlite_utils' {baseline * 1000:.0f} ms;"
          f" bare interpreter {bare * 1000:.0f} ms; ratio {version / baseline:.2f}x")
