"""Team hub speed: 20 analysts x 5,000 annotations on a 500-chapter report, through a real PostgreSQL.

Opt-in: ``make bench PYTEST_ARGS=tests/benchmarks/bench_hub.py``. Measures one analyst's first sync
(pulling everything) and a sync carrying 100 changes, each next to merging the same data as files
in the same run, and asserts the targets of the issue: first sync < 10 s, 100 changes < 1 s.
"""

from __future__ import annotations

import shutil
import time
from pathlib import Path

from editor.importing import parse_report
from editor.operations.hub import grant_role, init_hub, sync
from editor.store import Store
from editor.store.merge import merge_database
from editor.store.sharing import share_copy
from tests.pg_server import pg_server  # noqa: F401
from tests.reportgen import make_report
from tests.test_merge_support import annotations

CHAPTERS = 500
ANALYSTS = 20
PER_KIND = 1_250  # notes, highlights, node tags, ratings: 5,000 annotations per analyst
FIRST_SYNC_S = 10.0
SMALL_SYNC_S = 1.0
_TAGS = ("風險", "Opportunity", "政策", "Watch")


def _annotate(store: Store, report_id: str, author: str, offset: int, count: int = PER_KIND, tag: str = "") -> None:
    nodes = [node for node in store.nodes(report_id) if len(node.body) > 20]
    dimensions = [dim.id for dim in store.dimensions()]
    with store.transaction():
        for i in range(count):
            node = nodes[(offset + i * 7) % len(nodes)]
            store.save_note(node.id, author, f"<p>{tag}筆記 {offset} {i}</p>")
            start = i % (len(node.body) - 10)
            store.add_highlight(node.id, author, start, start + 6, comment_html=f"<p>評 {i}</p>")
            store.add_node_tag(node.id, _TAGS[(i + len(tag)) % len(_TAGS)], author)
            store.set_rating(node.id, dimensions[i % len(dimensions)], author, 1 + (i + len(tag)) % 5)


def test_first_sync_and_a_small_sync_against_file_merges(pg_server, tmp_path: Path) -> None:
    report = parse_report(make_report(CHAPTERS).encode("utf-8"), source="generated.txt")
    base = tmp_path / "base.sqlite"
    with Store.open(base) as store:
        info, _created = store.add_report(report)
    dbname = pg_server.new_database()
    admin = pg_server.url(dbname=dbname)
    init_hub(admin)
    analysts = []
    setup = time.perf_counter()
    for n in range(ANALYSTS):
        path = tmp_path / f"analyst{n}.sqlite"
        shutil.copyfile(base, path)
        store = Store.open(path)
        author = store.ensure_author(f"Analyst {n}").id
        _annotate(store, info.id, author, n * 13)
        role = pg_server.new_role("pw")
        grant_role(admin, role, author)
        url = pg_server.url(role, "pw", dbname)
        sync(store, url, author)
        analysts.append((store, author, url))
    print(f"\nset-up: {ANALYSTS} analysts annotated and pushed in {time.perf_counter() - setup:.1f} s")

    # A newcomer's first sync pulls all 100,000 annotations.
    newcomer_path = tmp_path / "newcomer.sqlite"
    shutil.copyfile(base, newcomer_path)
    newcomer = Store.open(newcomer_path)
    me = newcomer.ensure_author("Newcomer").id
    role = pg_server.new_role("pw")
    grant_role(admin, role, me)
    url = pg_server.url(role, "pw", dbname)
    start = time.perf_counter()
    first = sync(newcomer, url, me).result
    first_s = time.perf_counter() - start
    assert first.merge.counts["notes"].added == ANALYSTS * PER_KIND

    # The same data as files: each analyst's shared copy merged into a fresh database.
    files_path = tmp_path / "by-files.sqlite"
    shutil.copyfile(base, files_path)
    by_files = Store.open(files_path)
    copies = [share_copy(store, tmp_path / f"copy{n}.sqlite") for n, (store, _a, _u) in enumerate(analysts)]
    start = time.perf_counter()
    for copy in copies:
        merge_database(by_files, copy)
    files_s = time.perf_counter() - start
    ours, theirs = annotations(newcomer), annotations(by_files)
    for table in ("notes", "highlights", "ratings", "node_tags"):
        assert ours[table] == theirs[table]

    # 100 changes by one analyst, then a colleague's sync carrying them.
    store0, author0, url0 = analysts[0]
    _annotate(store0, info.id, author0, 0, count=25, tag="改")
    sync(store0, url0, author0)
    start = time.perf_counter()
    small = sync(newcomer, url, me).result
    small_s = time.perf_counter() - start
    carried = small.merge.total("updated") + small.merge.total("added")
    copy0 = share_copy(store0, tmp_path / "copy0-again.sqlite")
    start = time.perf_counter()
    merge_database(by_files, copy0)
    small_files_s = time.perf_counter() - start

    print(f"first sync (pull {ANALYSTS} x {4 * PER_KIND:,}): {first_s:.2f} s"
          f" | merging the same as {ANALYSTS} files: {files_s:.2f} s (target < {FIRST_SYNC_S:.0f} s)")
    print(f"sync carrying {carried} changes: {small_s:.3f} s | merging them as a file: {small_files_s:.3f} s"
          f" (target < {SMALL_SYNC_S:.0f} s)")
    assert carried >= 100
    assert first_s < FIRST_SYNC_S
    assert small_s < SMALL_SYNC_S
    assert first_s <= files_s * 1.5
