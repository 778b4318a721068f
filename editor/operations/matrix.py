"""The trend matrix's one editing action: a report's quadrant labels and grid."""

from __future__ import annotations

from editor.core.matrix import Quadrants, check_quadrants
from editor.export.matrix.data import choose_axes
from editor.operations.changes import NOTHING, Changes
from editor.store import Store


def set_quadrants(store: Store, report_id: str, author_id: str, quadrants: Quadrants,
                  x_dimension: str | None = None, y_dimension: str | None = None) -> Changes:
    """Label a report's quadrants (and place its dividers) for every analyst who opens it.

    The dividers are checked against the scales named (default: Likelihood and Impact,
    or the first two). ``result`` is the stored :class:`Quadrants`; a no-op changes nothing.
    """
    x, y = choose_axes(store, x_dimension, y_dimension)
    checked = check_quadrants(quadrants, x, y)
    if not store.set_quadrants(report_id, checked, author_id):
        return NOTHING.with_result(checked)
    return Changes(matrix=True, result=checked)
