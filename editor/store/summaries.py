"""What the outline tree shows beside each node, for a whole report in a handful of queries."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Collection

from editor.core.annotations import NodeSummary

from .base import StoreBase


class SummariesMixin(StoreBase):
    """Per-node annotation summaries for the outline view."""

    def node_summaries(self, report_id: str, author_id: str | None, *,
                       only_author: bool = False) -> dict[str, NodeSummary]:
        """Every node of the report with any live annotation, and what to draw for it.

        Tags, notes and highlights count across all authors (the tree shows that someone
        worked there), or with ``only_author`` those of ``author_id`` alone (colleagues'
        work hidden); the rating shown is ``author_id``'s on the first dimension.
        """
        # Each query scans one of the small partial "…_live" indexes whole, and rows of
        # other reports are dropped here: measured ~3x faster than joining nodes by report.
        return self._summaries(self._outline(report_id).id_set, "", (), author_id, only_author)

    def node_summary(self, node_id: str, author_id: str | None, *,
                     only_author: bool = False) -> NodeSummary | None:
        """What ``node_summaries`` gives for one node, read fresh after an edit (None: nothing on it)."""
        return self._summaries({node_id}, " AND node_id = ?", (node_id,), author_id, only_author).get(node_id)

    def _summaries(self, in_report: Collection[str], scope: str, scope_params: tuple[str, ...],
                   author_id: str | None, only_author: bool) -> dict[str, NodeSummary]:
        """Summaries of the nodes in ``in_report``; ``scope`` narrows each query (SQL after WHERE …)."""
        mine, params = (scope, scope_params) if not only_author else (
            f"{scope} AND author_id = ?", (*scope_params, author_id))

        live_tags = {tid: (name, color) for tid, name, color in self._all(
            "SELECT id, name, color FROM tags WHERE deleted_at IS NULL")}
        tags: dict[str, list[tuple[str, str]]] = defaultdict(list)
        for node_id, tag_id in self._all(
                f"SELECT DISTINCT node_id, tag_id FROM node_tags WHERE deleted_at IS NULL{mine}", params):
            if node_id in in_report and tag_id in live_tags:
                tags[node_id].append(live_tags[tag_id])
        # (names, colours) per node, sorted by name.
        tag_columns: dict[str, tuple[tuple[str, ...], tuple[str, ...]]] = {
            node_id: tuple(zip(*sorted(entries, key=lambda entry: entry[0].casefold()), strict=True))  # type: ignore[misc]
            for node_id, entries in tags.items()}

        first = self._one("SELECT id FROM dimensions WHERE deleted_at IS NULL ORDER BY position, name LIMIT 1")
        ratings = {node_id: value for node_id, value in self._all(
            "SELECT node_id, max(CASE WHEN dimension_id = ? AND author_id = ? THEN value END)"
            f" FROM ratings WHERE deleted_at IS NULL{mine} GROUP BY node_id",
            (first[0] if first else None, author_id, *params)) if node_id in in_report}
        mine_by_dimension: dict[str, list[tuple[str, int]]] = defaultdict(list)
        for node_id, dimension_id, value in self._all(
                f"SELECT node_id, dimension_id, value FROM ratings WHERE deleted_at IS NULL AND author_id = ?{scope}"
                " ORDER BY dimension_id", (author_id, *scope_params)):
            if node_id in in_report:
                mine_by_dimension[node_id].append((dimension_id, value))
        noted = {node_id for (node_id,) in self._all(
            f"SELECT DISTINCT node_id FROM notes WHERE deleted_at IS NULL{mine}", params) if node_id in in_report}
        highlighted = {node_id: count for node_id, count in self._all(
            f"SELECT node_id, count(*) FROM highlights WHERE deleted_at IS NULL{mine} GROUP BY node_id", params)
            if node_id in in_report}

        no_tags: tuple[tuple[str, ...], tuple[str, ...]] = ((), ())
        return {
            node_id: NodeSummary(node_id, *tag_columns.get(node_id, no_tags), ratings.get(node_id),
                                 node_id in noted, highlighted.get(node_id, 0),
                                 tuple(mine_by_dimension.get(node_id, ())))
            for node_id in tag_columns.keys() | ratings.keys() | noted | highlighted.keys()
        }
