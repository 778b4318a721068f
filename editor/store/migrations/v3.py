"""Schema version 3: two indexes and the search index's column sizes leave ``nodes``.

An import paid for them; queries hardly used them.
"""

from __future__ import annotations

from sqlite_utils import Database

# Version 3: the nodes search index without per-row column sizes. Only bm25() ranking
# reads them (and works without them); search orders hits by outline, not by rank.
NODES_FTS_V3 = """
CREATE VIRTUAL TABLE "nodes_fts" USING FTS5 (
    "title", "body",
    tokenize='trigram',
    content="nodes",
    columnsize=0
)"""


def lighten_nodes(db: Database) -> None:
    """Migration step 2 -> 3: drop what importing a report paid for and little or nothing used.

    Together ~25 ms of the ~145 ms a 9,000-node import took (tests/benchmarks/bench_cli.py):
    - ``nodes_by_parent``: no query looks nodes up by parent; outlines are built from the
      report's nodes read in order through ``nodes_by_report``.
    - ``nodes_by_path``: only ``find_node`` (a command naming a node) looks a path up; it
      now reads the report's nodes through ``nodes_by_report``, ~2 ms for 9,000. Paths
      stay unique because the one writer of nodes, ``Store.add_report`` (a merge brings
      their reports in through it too), refuses an outline with a repeated path.
    - the column sizes in the nodes search index (see NODES_FTS_V3): rebuilt without them,
      and with a larger in-memory term list, so an import writes it in one pass.
    """
    conn = db.conn
    conn.execute("DROP INDEX nodes_by_parent")
    conn.execute("DROP INDEX nodes_by_path")
    # The triggers that keep the index in step name the table, not its options: they stay.
    conn.execute("DROP TABLE nodes_fts")
    conn.execute(NODES_FTS_V3)
    # FTS5 writes its in-memory term list out as a new segment (to be merged later) every
    # 1 MB; a large report's index fits in one pass at 8 MB (~15 % of the rebuild, measured).
    conn.execute(f"INSERT INTO nodes_fts (nodes_fts, rank) VALUES ('hashsize', {8 << 20})")
    conn.execute("INSERT INTO nodes_fts (nodes_fts) VALUES ('rebuild')")
