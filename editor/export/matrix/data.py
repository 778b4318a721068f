"""What the matrix shows, read from the store: the axes, the team's points, the quadrants."""

from __future__ import annotations

from collections.abc import Callable, Iterable

from editor.core.matrix import Axis, MatrixData, MatrixPoint, build_points


def _axis(dim) -> Axis:
    return Axis(dim.id, dim.name, dim.min, dim.max)


def choose_axes(store, x_name: str | None = None, y_name: str | None = None) -> tuple[Axis, Axis]:
    """The scales along x and y: as named, else Likelihood × Impact, else the first two dimensions."""
    dimensions = store.dimensions()
    if len(dimensions) < 2 and not (x_name and y_name):
        raise ValueError("the matrix needs two rating dimensions (e.g. Impact and Likelihood)")
    by_name = {d.name.casefold(): d for d in dimensions}

    def pick(name: str | None, fallback: str, index: int) -> Axis:
        dim = store.dimension(name) if name else by_name.get(fallback) or dimensions[index]
        return _axis(dim)

    x = pick(x_name, "likelihood", 1)
    y = pick(y_name, "impact", 0)
    if x.id == y.id:
        raise ValueError(f"the matrix needs two different dimensions on x and y; got {x.name} twice")
    return x, y


def size_axis(store, name: str | None, x: Axis, y: Axis) -> Axis | None:
    """The dimension sizing the points: as named ("analysts" or "" for the number of analysts), else Confidence."""
    if name is not None:
        if name.strip().casefold() in ("", "analysts"):
            return None
        return _axis(store.dimension(name))
    for dim in store.dimensions():
        if dim.name.casefold() == "confidence" and dim.id not in (x.id, y.id):
            return _axis(dim)
    return None


def matrix_data(store, report_id: str, *, x: str | None = None, y: str | None = None, size: str | None = None,
                author_ids: Iterable[str] | None = None, keep: Callable[[str], bool] | None = None,
                title: str | None = None) -> MatrixData:
    """The matrix of a report: every trend rated on both axes (by ``author_ids``, default everyone).

    ``keep(node_id)`` filters the trends (the outline's filter in the window).
    """
    x_axis, y_axis = choose_axes(store, x, y)
    size_dim = size_axis(store, size, x_axis, y_axis)
    wanted = None if author_ids is None else list(author_ids)
    dims = [x_axis.id, y_axis.id] + ([size_dim.id] if size_dim is not None else [])
    values, nodes, order = store.matrix_ratings(report_id, dims, author_ids=wanted)
    points = build_points(values, nodes, x_axis, y_axis, size_dim, order)
    if keep is not None:
        points = tuple(point for point in points if keep(point.node_id))
    names = {a.id: a.name for a in store.authors()}
    raters = {row[2] for row in values}
    analysts = tuple(sorted((names.get(a, a) for a in raters), key=str.casefold))
    report_title = title if title is not None else store.report(report_id).title
    return MatrixData(title=report_title, x=x_axis, y=y_axis, points=points, quadrants=store.quadrants(report_id),
                      size=size_dim, analysts=analysts, max_analysts=max(1, len(raters)))


def node_points(store, report_id: str, data: MatrixData, node_id: str,
                author_ids: Iterable[str] | None = None) -> tuple[MatrixPoint, ...]:
    """The point of one node read fresh (empty when it is no longer rated on both axes)."""
    dims = [data.x.id, data.y.id] + ([data.size.id] if data.size is not None else [])
    values, nodes, order = store.matrix_ratings(report_id, dims, author_ids=author_ids, node_ids=[node_id])
    return build_points(values, nodes, data.x, data.y, data.size, order)
