"""Import speed of the store on a report of ~9,000 nodes, against raw sqlite3 inserts of the same rows.

Opt-in: ``python -m pytest tests/benchmarks/bench_store_import.py -s -p no:cacheprovider
-o python_files='bench_*.py'``. Prints figures; asserts only that the import is complete.
"""

from __future__ import annotations

import random
import sqlite3
import time
from pathlib import Path

import pytest
from sqlite_utils import Database

from editor.core.report import ParsedNode, ParsedReport
from editor.store import Store
from editor.store.migrations import migrate
from editor.store.reports import _node_rows

SAMPLE = Path(__file__).resolve().parents[1] / "data" / "sample-report.txt"
CHAPTERS = 500
SECTIONS = (5, 6, 7)  # per chapter, cycling: ~6
POINTS = (2, 2, 1, 2, 3)  # per section, cycling: ~2


def _text_source() -> str:
    """Real Chinese report prose to draw bodies from, so the FTS sees realistic trigrams."""
    text = SAMPLE.read_text(encoding="utf-8")
    return "".join(ch for ch in text if not ch.isspace())


def synthetic_report(chapters: int = CHAPTERS, seed: int = 7) -> ParsedReport:
    """A report of ``chapters`` chapters × ~6 sections × ~2 points, bodies of 100–150 characters."""
    rng = random.Random(seed)
    source = _text_source()

    def body() -> str:
        length = rng.randint(100, 150)
        start = rng.randrange(0, len(source) - length)
        return source[start:start + length]

    chapters_out = []
    for c in range(1, chapters + 1):
        sections = []
        for s in range(1, SECTIONS[c % len(SECTIONS)] + 1):
            points = [ParsedNode(f"{c}.{s}.{p}", f"{c}.{s}.{p}", 3, f"要點{c}.{s}.{p}", body())
                      for p in range(1, POINTS[(c + s) % len(POINTS)] + 1)]
            sections.append(ParsedNode(f"{c}.{s}", f"{c}.{s}", 2, f"小節{c}.{s}", body(), points))
        chapters_out.append(ParsedNode(str(c), str(c), 1, f"第{c}章 趨勢", body(), sections))
    return ParsedReport(f"合成報告 {chapters} 章", chapters_out, source="synthetic.txt")


def _raw_insert(path: Path, rows: list[tuple], with_fts: bool) -> float:
    """Seconds to executemany the same rows into the store's own schema (optionally + its trigram FTS)."""
    conn = sqlite3.connect(path, isolation_level=None)
    conn.execute("PRAGMA journal_mode = WAL")
    # Committed like Store.add_report commits: synced, the checkpoint left for later.
    conn.execute("PRAGMA synchronous = FULL")
    conn.execute("PRAGMA wal_autocheckpoint = 0")
    # The same tables, indexes and search index as a store's file, at the current version.
    migrate(Database(conn))
    conn.execute("DROP TRIGGER nodes_ai")  # rows are indexed in one statement below, or not at all
    start = time.perf_counter()
    conn.execute("BEGIN")
    conn.execute("INSERT INTO reports (id, title, imported_at) VALUES (?, 'r', '')", (rows[0][1],))
    conn.executemany("INSERT INTO nodes (id, report_id, parent_id, position, level, number, path,"
                     " title, body, seq) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", rows)
    if with_fts:
        conn.execute("INSERT INTO nodes_fts(nodes_fts) VALUES ('rebuild')")
    conn.execute("COMMIT")
    elapsed = time.perf_counter() - start
    conn.close()
    return elapsed


def _store_import(path: Path, report: ParsedReport) -> tuple[float, int]:
    store = Store.open(path)
    try:
        start = time.perf_counter()
        info, created = store.add_report(report)
        elapsed = time.perf_counter() - start
        assert created
        return elapsed, info.node_count
    finally:
        store.close()


def _best(runs: list[float]) -> float:
    return min(runs)


@pytest.mark.parametrize("chapters", [100, CHAPTERS])
def test_import_against_raw_sqlite(tmp_path: Path, chapters: int) -> None:
    report = synthetic_report(chapters)
    nodes = list(report.walk())
    chars = sum(len(n.title) + len(n.body) for n in nodes)
    rows = list(_node_rows("r", report))
    raw, raw_fts, ours = [], [], []
    for attempt in range(3):
        raw.append(_raw_insert(tmp_path / f"raw{attempt}.sqlite", rows, with_fts=False))
        raw_fts.append(_raw_insert(tmp_path / f"rawfts{attempt}.sqlite", rows, with_fts=True))
        elapsed, count = _store_import(tmp_path / f"store{attempt}.sqlite", report)
        assert count == len(nodes)
        ours.append(elapsed)
    print(f"\nreport: {len(nodes):,} nodes, {chars:,} characters "
          f"({sum(len((n.title + n.body).encode()) for n in nodes) / 1e6:.1f} MB UTF-8)")
    print(f"raw executemany, nodes table only:  {_best(raw) * 1000:7.1f} ms")
    print(f"raw executemany + trigram FTS:      {_best(raw_fts) * 1000:7.1f} ms")
    print(f"Store.add_report (with FTS):        {_best(ours) * 1000:7.1f} ms")
    print(f"ratio vs raw table only:  {_best(ours) / _best(raw):.2f}x")
    print(f"ratio vs raw table + FTS: {_best(ours) / _best(raw_fts):.2f}x")


def _annotate(store: Store, report_id: str, count: int, seed: int = 11) -> None:
    """``count`` annotations spread over the report: notes, highlights with comments, tags, ratings."""
    rng = random.Random(seed)
    nodes = [node for node in store.nodes(report_id) if len(node.body) > 20]
    authors = [store.ensure_author(name).id for name in ("Ann", "Bo", "Chen")]
    impact = store.dimension("impact").id
    words = _text_source()
    with store.transaction():
        for i in range(count):
            node = rng.choice(nodes)
            author = rng.choice(authors)
            kind = i % 4
            if kind == 0:
                start = rng.randrange(0, len(words) - 40)
                store.save_note(node.id, author, f"<p>{words[start:start + 40]}</p>")
            elif kind == 1:
                start = rng.randrange(0, len(node.body) - 10)
                comment = words[rng.randrange(0, len(words) - 20):][:20]
                store.add_highlight(node.id, author, start, start + 8, comment_html=comment)
            elif kind == 2:
                store.add_node_tag(node.id, rng.choice(("風險", "Opportunity", "政策", "Watch")), author)
            else:
                store.set_rating(node.id, impact, author, rng.randint(1, 5))


def _per_call_ms(call, repeat: int = 20) -> float:
    call()  # warm the page cache and statement cache
    start = time.perf_counter()
    for _ in range(repeat):
        call()
    return (time.perf_counter() - start) / repeat * 1000


def test_filter_and_summaries_on_9000_nodes_and_20000_annotations(tmp_path: Path) -> None:
    store = Store.open(tmp_path / "big.sqlite")
    try:
        info, _created = store.add_report(synthetic_report())
        start = time.perf_counter()
        _annotate(store, info.id, 20_000)
        annotate_s = time.perf_counter() - start
        ann = store.ensure_author("Ann").id
        live = (len(store.notes(report_id=info.id)) + len(store.highlights(report_id=info.id))
                + len(store.ratings(report_id=info.id)))
        print(f"\n{info.node_count:,} nodes; 20,000 annotation writes in one transaction: "
              f"{annotate_s:.2f} s ({live:,} live notes/highlights/ratings after overwrites)")
        for query in ("風險", "移動", "ab", "消費金融", "移動支付平臺", "Opportunity", "市場"):
            hits = len(store.matching_node_ids(query, info.id))
            ms = _per_call_ms(lambda q=query: store.matching_node_ids(q, info.id))
            print(f"matching_node_ids({query!r}): {ms:6.2f} ms, {hits:,} nodes")
        for query in ("風險", "消費金融"):
            ms = _per_call_ms(lambda q=query: store.search(q, info.id))
            print(f"search({query!r}, limit 200): {ms:6.2f} ms")
        summaries = store.node_summaries(info.id, ann)
        ms = _per_call_ms(lambda: store.node_summaries(info.id, ann))
        print(f"node_summaries: {ms:6.2f} ms for {len(summaries):,} annotated nodes")
        ms = _per_call_ms(lambda: store.nodes(info.id), repeat=5)
        print(f"nodes(report): {ms:6.2f} ms")
        assert summaries
    finally:
        store.close()
