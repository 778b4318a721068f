"""Signed authorship's cost: merging signed databases against the same unsigned ones, and signing one edit.

Opt-in: ``python -m pytest tests/benchmarks/bench_trust.py -s -o python_files='bench_*.py' -o addopts=''``.
Two analysts' databases of a 500-chapter report, 20,000 annotations each (bench_merge.py's
workload), are built twice in the same run: once without keys (the baseline: nothing to
verify) and once with each analyst signing, so every one of the colleague's 20,000 rows is
checked against their pinned key. Signing is measured as the extra time of an edit saved in its own
transaction, against the same edits without a key.
"""

from __future__ import annotations

import time
from pathlib import Path

from editor.core import signing
from editor.importing import parse_report
from editor.store import Store
from editor.store.merge import merge_database
from editor.store.sharing import share_copy
from tests.benchmarks.bench_merge import CHAPTERS, PER_KIND, annotate
from tests.reportgen import make_report

MERGE_TARGET_S = 3.0
SIGN_TARGET_MS = 1.0
EDITS = 300


def build(folder: Path, report, signed: bool) -> tuple[Path, Path]:
    """Alice's database and a shared copy of Bob's, each with 20,000 annotations of their own.

    Alice has met Bob before he annotated (she merged his first, empty file), so with
    signatures his key is pinned here and every one of his 20,000 rows is verified.
    """
    folder.mkdir()
    alice, bob = (Store.open(folder / f"{name}.sqlite") for name in ("alice", "bob"))
    ids = {}
    for store, name in ((alice, "Alice"), (bob, "Bob")):
        info, _created = store.add_report(report)
        ids[name] = store.ensure_author(name).id
        if signed:
            store.use_signing_key(ids[name], signing.new_key())
    merge_database(alice, share_copy(bob, folder / "bob-first.sqlite"))
    annotate(alice, info.id, "Alice", 0)
    annotate(bob, info.id, "Bob", 3)
    copy = share_copy(bob, folder / "bob-share.sqlite")
    alice.close()
    bob.close()
    return folder / "alice.sqlite", copy


def timed_merge(ours: Path, theirs: Path):
    with Store.open(ours) as store:
        start = time.perf_counter()
        result = merge_database(store, theirs)
        return time.perf_counter() - start, result


def edits_ms(store: Store, author_id: str, nodes: list[str]) -> float:
    """Milliseconds per note saved, each in its own transaction (as the window saves them)."""
    start = time.perf_counter()
    for i, node in enumerate(nodes):
        store.save_note(node, author_id, f"<p>第 {i} 次修改：移動支付的滲透率</p>")
    return (time.perf_counter() - start) * 1000 / len(nodes)


def test_signed_merge_and_signing_cost(tmp_path: Path) -> None:
    report = parse_report(make_report(CHAPTERS).encode("utf-8"), source="generated.txt")
    plain_ours, plain_theirs = build(tmp_path / "plain", report, signed=False)
    signed_ours, signed_theirs = build(tmp_path / "signed", report, signed=True)
    plain_s, plain = timed_merge(plain_ours, plain_theirs)
    signed_s, signed = timed_merge(signed_ours, signed_theirs)

    with Store.open(tmp_path / "edits.sqlite") as store:
        info, _created = store.add_report(report)
        nodes = [node.id for node in store.nodes(info.id)][:EDITS]
        unsigned_author = store.ensure_author("Unsigned").id
        baseline_ms = edits_ms(store, unsigned_author, nodes)
        signer = store.ensure_author("Signer").id
        store.use_signing_key(signer, signing.new_key())
        signing_ms = edits_ms(store, signer, nodes)
        unsigned = store.unsigned_count()

    print(f"\nmerge of 20,000 annotations, unsigned (baseline): {plain_s:6.2f} s")
    print(f"merge of 20,000 annotations, every row verified:  {signed_s:6.2f} s  (target < {MERGE_TARGET_S:.0f} s:"
          f" {'met' if signed_s < MERGE_TARGET_S else 'NOT met'}; {signed_s / plain_s:.2f}x the unsigned merge)")
    print(f"note saved without a key: {baseline_ms:.2f} ms; with signing: {signing_ms:.2f} ms;"
          f" signing adds {signing_ms - baseline_ms:.3f} ms per edit (target < {SIGN_TARGET_MS:.0f} ms)")

    assert plain.refusals.total == 0 and signed.refusals.total == 0
    assert signed.unverified == 0 and plain.unverified > 0
    assert signed.counts["notes"].added == plain.counts["notes"].added == PER_KIND
    assert signed.counts["ratings"].added == plain.counts["ratings"].added == PER_KIND
    # The keyless author's notes (and author row) are held unverified; every one of the signer's is signed.
    assert unsigned == EDITS + 1
