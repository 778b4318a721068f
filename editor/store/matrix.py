"""What the trend matrix reads and writes: ratings on two or three scales at once, and a report's quadrants."""

from __future__ import annotations

from collections.abc import Iterable

from editor.core.matrix import DEFAULT_QUADRANTS, Quadrants, RatedNode

from .base import StoreBase
from .stamps import next_stamp, now

_QUADRANT_COLUMNS = "top_left, top_right, bottom_left, bottom_right, x_split, y_split, grid"


class MatrixMixin(StoreBase):
    """Rating values for the matrix in one query, and the per-report quadrant labels."""

    def matrix_ratings(self, report_id: str, dimension_ids: Iterable[str], *, author_ids: Iterable[str] | None = None,
                       node_ids: Iterable[str] | None = None
                       ) -> tuple[list[tuple[str, str, str, int]], dict[str, RatedNode], list[str]]:
        """(rows of (node_id, dimension_id, author_id, value), the rated nodes, their ids in outline order).

        One query instead of a dataclass per rating: the window re-reads a node's
        ratings after every edit and a whole report's when the axes change.
        """
        dims = list(dict.fromkeys(dimension_ids))
        if not dims:
            return [], {}, []
        sql = ("SELECT r.node_id, r.dimension_id, r.author_id, r.value, n.number, n.path, n.title"
               " FROM ratings r JOIN nodes n ON n.id = r.node_id"
               f" WHERE n.report_id = ? AND r.deleted_at IS NULL AND r.dimension_id IN ({','.join('?' * len(dims))})")
        params: list = [report_id, *dims]
        for column, wanted in (("r.author_id", author_ids), ("r.node_id", node_ids)):
            if wanted is not None:
                wanted = list(wanted)
                sql += f" AND {column} IN (SELECT value FROM json_each(?))"
                params.append(_json_list(wanted))
        rows = self._all(sql + " ORDER BY n.seq", params)
        nodes: dict[str, RatedNode] = {}
        order: list[str] = []
        values = []
        for node_id, dimension_id, author_id, value, number, path, title in rows:
            if node_id not in nodes:
                nodes[node_id] = RatedNode(number, path, title)
                order.append(node_id)
            values.append((node_id, dimension_id, author_id, value))
        return values, nodes, order

    def quadrants(self, report_id: str) -> Quadrants:
        """A report's quadrant labels and grid (the defaults until someone sets them)."""
        row = self._one(f"SELECT {_QUADRANT_COLUMNS} FROM report_quadrants WHERE report_id = ? AND deleted_at IS NULL",
                        (report_id,))
        if row is None:
            return DEFAULT_QUADRANTS
        return Quadrants(row[0], row[1], row[2], row[3], x_split=row[4], y_split=row[5], grid=bool(row[6]))

    def set_quadrants(self, report_id: str, quadrants: Quadrants, author_id: str) -> bool:
        """Store a report's quadrant labels and grid; False when they were already so (nothing written)."""
        with self.transaction():
            self._require_report(report_id)
            self._require_author(author_id)
            if self.quadrants(report_id) == quadrants:
                return False
            values = (*quadrants.labels(), quadrants.x_split, quadrants.y_split, int(quadrants.grid))
            row = self._one("SELECT updated_at FROM report_quadrants WHERE report_id = ?", (report_id,))
            if row is None:
                stamp = now()
                self._exec(f"INSERT INTO report_quadrants (report_id, {_QUADRANT_COLUMNS}, author_id, created_at,"
                           " updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                           (report_id, *values, author_id, stamp, stamp))
            else:
                self._exec("UPDATE report_quadrants SET top_left = ?, top_right = ?, bottom_left = ?,"
                           " bottom_right = ?, x_split = ?, y_split = ?, grid = ?, author_id = ?, updated_at = ?,"
                           " deleted_at = NULL WHERE report_id = ?",
                           (*values, author_id, next_stamp(row[0]), report_id))
        return True


def _json_list(items: list[str]) -> str:
    import json

    return json.dumps(items)
