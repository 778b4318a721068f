"""Re-anchoring speed: 5,000 highlights of the 500-chapter report carried into a revised edition.

Opt-in: ``python -m pytest tests/benchmarks/bench_editions.py -s -p no:cacheprovider
-o python_files='bench_*.py' -o addopts=''``. The revision renumbers (a new chapter and a new
section), rewords 10 % of the sentences, removes 5 % and drops some points. Prints the time of
``import_edition`` (import of the new edition, node matching, carrying, re-anchoring) next to
a baseline measured in the same run: importing the same revised report as a plain report.
Asserts the target (under 5 s, peak memory under 500 MB) and that nothing is misplaced.
"""

from __future__ import annotations

import resource
import time

from editor.core.editions import ORPHAN
from editor.importing import parse_report
from editor.operations.editions import import_edition
from editor.store import Store
from tests.editions_support import revise
from tests.reportgen import make_report

CHAPTERS = 500
HIGHLIGHTS = 5_000
TARGET_S = 5.0
MEMORY_MB = 500


def test_reanchor_5000_highlights_of_the_500_chapter_report(tmp_path):
    report = parse_report(make_report(CHAPTERS).encode("utf-8"), source="bench.txt")
    revision = revise(report, seed=11, reword=0.10, rewrite=0.0, delete=0.05, drop_points=0.02)
    sentences = [s for s in revision.sentences if len(s.text) >= 8]
    step = max(1, len(sentences) // HIGHLIGHTS)
    chosen = sentences[::step][:HIGHLIGHTS]
    assert len(chosen) == HIGHLIGHTS

    baseline = Store.open(tmp_path / "baseline.sqlite")
    started = time.perf_counter()
    baseline.add_report(revision.report)
    baseline_s = time.perf_counter() - started
    baseline.close()

    store = Store.open(tmp_path / "bench.sqlite")
    info, _ = store.add_report(report)
    author = store.ensure_author("Bench").id
    by_path = {n.path: n.id for n in store.nodes(info.id)}
    truth = {}
    with store.transaction():
        for s in chosen:
            h = store.add_highlight(by_path[s.old_node.path], author, s.old_start, s.old_start + len(s.text))
            truth[h.id] = s
    started = time.perf_counter()
    summary = import_edition(store, revision.report, info.id).result
    elapsed = time.perf_counter() - started
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024

    new_paths = {n.id: n.path for n in store.nodes(summary.new_report_id)}
    wrong = placeable = placed_ok = 0
    for p in store.placements(summary.new_report_id):
        s = truth[p.quote_id]
        placeable += s.fate in ("kept", "moved")
        if p.method == ORPHAN:
            continue
        right = s.new_node is not None and new_paths[p.node_id] == s.new_node.path
        wrong += not right
        if not right:
            expected = s.new_node.path if s.new_node else "nowhere"
            print(f"misplaced ({p.method}, {s.fate}): {s.text} -> {new_paths[p.node_id]}, expected {expected}")
        placed_ok += right and s.fate in ("kept", "moved")
    print(f"\n{len(new_paths)} nodes, {HIGHLIGHTS} highlights: import as an edition {elapsed:.2f} s"
          f" (plain import of the same report {baseline_s:.2f} s, ratio {elapsed / baseline_s:.1f}x);"
          f" peak memory {peak_mb:.0f} MB")
    print("\n".join(summary.lines()))
    print(f"placeable placed: {placed_ok}/{placeable}; wrong placements: {wrong}")
    store.close()
    assert wrong == 0
    assert placed_ok >= 0.97 * placeable
    assert elapsed < TARGET_S and peak_mb < MEMORY_MB
