"""Merge speed: two analysts' databases of a 500-chapter report with 20,000 annotations each.

Opt-in: ``python -m pytest tests/benchmarks/bench_merge.py -s -o python_files='bench_*.py' -o addopts=''``.
Prints the merge time next to two baselines measured in the same run — a plain ``VACUUM
INTO`` copy of their database, and a naive merge by raw ``INSERT OR IGNORE … SELECT``
of the same rows through ATTACH (no validation, no last-writer-wins, no conflicts).
Asserts that the merge is complete and correct, not how fast it is.
"""

from __future__ import annotations

import shutil
import sqlite3
import time
from pathlib import Path

from editor.importing import parse_report
from editor.store import Store
from editor.store.merge import merge_database, open_conflicts
from editor.store.sharing import share_copy
from tests.reportgen import make_report

CHAPTERS = 500
PER_KIND = 5_000  # notes, highlights, node tags and ratings per analyst: 20,000 annotations
SHARED_NOTES = 1_000  # a third analyst's notes both databases hold before diverging
CONFLICTING = 300  # of those, edited differently on both sides
EDITED_EACH = 300  # of those, edited on one side only (per side)
TARGET_S = 3.0

_TAGS = ("風險", "Opportunity", "政策", "Watch", "監管", "Trend")
_ANNOTATION_TABLES = ("authors", "tags", "highlights", "notes", "node_tags", "ratings", "highlight_tags")


def annotate(store: Store, report_id: str, name: str, offset: int) -> str:
    """PER_KIND of each kind of annotation by analyst ``name``; nodes chosen by ``offset`` so sides overlap in part."""
    author = store.ensure_author(name).id
    nodes = [node for node in store.nodes(report_id) if len(node.body) > 20]
    dimensions = [dim.id for dim in store.dimensions()]
    pick = [nodes[(offset + i * 7) % len(nodes)] for i in range(PER_KIND)]
    with store.transaction():
        for i, node in enumerate(pick):
            store.save_note(node.id, author, f"<p>{name} 的筆記 {i}：{node.title[:12]}</p>")
            start = i % (len(node.body) - 10)
            store.add_highlight(node.id, author, start, start + 6, comment_html=f"<p>{name} 評 {i}</p>")
            store.add_node_tag(node.id, _TAGS[i % len(_TAGS)], author)
            store.set_rating(node.id, dimensions[i % len(dimensions)], author, 1 + i % 5)
    return author


def raw_insert_select(ours: Path, theirs: Path) -> float:
    """Seconds for a naive merge: INSERT OR IGNORE … SELECT of every annotation table through ATTACH."""
    conn = sqlite3.connect(ours, isolation_level=None)
    conn.execute("ATTACH ? AS theirs", (str(theirs),))
    start = time.perf_counter()
    conn.execute("BEGIN IMMEDIATE")
    for table in _ANNOTATION_TABLES:
        columns = ", ".join(f'"{row[1]}"' for row in conn.execute(f"PRAGMA main.table_info({table})"))
        conn.execute(f"INSERT OR IGNORE INTO main.{table} ({columns}) SELECT {columns} FROM theirs.{table}")
    conn.execute("COMMIT")
    elapsed = time.perf_counter() - start
    conn.close()
    return elapsed


def test_merge_two_databases_of_20000_annotations_each(tmp_path: Path) -> None:
    start = time.perf_counter()
    report = parse_report(make_report(CHAPTERS).encode("utf-8"), source="generated.txt")
    alice = Store.open(tmp_path / "alice.sqlite")
    info, _created = alice.add_report(report)
    # A colleague's notes both analysts start from; then they go their own ways.
    chen = alice.ensure_author("Chen").id
    shared_nodes = [node for node in alice.nodes(info.id) if node.body][:SHARED_NOTES]
    with alice.transaction():
        for i, node in enumerate(shared_nodes):
            alice.save_note(node.id, chen, f"<p>共同的起點 {i}</p>")
    bob = Store.open(tmp_path / "bob.sqlite")
    bob.add_report(report)
    merge_database(bob, share_copy(alice, tmp_path / "start.sqlite"))

    annotate(alice, info.id, "Alice", 0)
    annotate(bob, info.id, "Bob", 3)
    with alice.transaction():
        for i, node in enumerate(shared_nodes[:CONFLICTING + EDITED_EACH]):
            alice.save_note(node.id, chen, f"<p>Alice 機上改 {i}</p>")
    with bob.transaction():
        for i, node in enumerate(shared_nodes[:CONFLICTING] + shared_nodes[CONFLICTING + EDITED_EACH:
                                                                          CONFLICTING + 2 * EDITED_EACH]):
            bob.save_note(node.id, chen, f"<p>Bob 機上改 {i}</p>")
    bob_copy = share_copy(bob, tmp_path / "bob-share.sqlite")
    alice_copy = share_copy(alice, tmp_path / "alice-share.sqlite")
    alice.close()
    bob.close()
    for name in ("alice", "bob"):  # identical starting points for each measurement
        shutil.copy(tmp_path / f"{name}.sqlite", tmp_path / f"{name}-raw.sqlite")
    setup_s = time.perf_counter() - start

    # Baseline 1: copying their whole database.
    start = time.perf_counter()
    conn = sqlite3.connect(bob_copy)
    conn.execute("VACUUM INTO ?", (str(tmp_path / "vacuum-copy.sqlite"),))
    conn.close()
    vacuum_s = time.perf_counter() - start
    # Baseline 2: a naive merge of the same rows.
    raw_s = raw_insert_select(tmp_path / "alice-raw.sqlite", bob_copy)

    with Store.open(tmp_path / "alice.sqlite") as store:
        start = time.perf_counter()
        result = merge_database(store, bob_copy)
        merge_s = time.perf_counter() - start
        start = time.perf_counter()
        again = merge_database(store, bob_copy)
        again_s = time.perf_counter() - start
        conflicts = len(open_conflicts(store))
        live_notes = len(store.notes(report_id=info.id))
    with Store.open(tmp_path / "bob.sqlite") as store:
        start = time.perf_counter()
        reverse = merge_database(store, alice_copy)
        reverse_s = time.perf_counter() - start

    counts = {kind: c.as_dict() for kind, c in result.counts.items() if any(c.as_dict().values())}
    print(f"\nreport: {info.node_count:,} nodes; setup {setup_s:.1f} s")
    print(f"each side: {4 * PER_KIND:,} own annotations + {SHARED_NOTES:,} shared notes "
          f"({CONFLICTING} edited on both sides, {EDITED_EACH} on each side only)")
    print(f"merge Bob into Alice:          {merge_s * 1000:8.1f} ms  (target < {TARGET_S:.0f} s: "
          f"{'met' if merge_s < TARGET_S else 'NOT met'})")
    print(f"merge Alice into Bob:          {reverse_s * 1000:8.1f} ms")
    print(f"merge the same file again:     {again_s * 1000:8.1f} ms  (no-op)")
    print(f"baseline VACUUM INTO copy:     {vacuum_s * 1000:8.1f} ms  (ratio {merge_s / vacuum_s:.1f}x)")
    print(f"baseline raw INSERT … SELECT:  {raw_s * 1000:8.1f} ms  (ratio {merge_s / raw_s:.1f}x)")
    print(f"counts: {counts}")

    assert result.counts["notes"].conflicts == conflicts == CONFLICTING
    assert result.counts["notes"].added == PER_KIND and result.counts["highlights"].added == PER_KIND
    assert result.counts["notes"].updated == CONFLICTING + EDITED_EACH  # Bob's newer edits
    assert live_notes == 2 * PER_KIND + SHARED_NOTES
    assert reverse.counts["notes"].conflicts == CONFLICTING
    assert not again.changed
