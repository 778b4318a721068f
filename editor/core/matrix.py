"""The trend matrix as data: one point per rated trend at the team mean, with its spread, and the quadrants.

Pure Python (no Qt): the window, the SVG/PNG files and the PDF page all draw what
:func:`build_points` returns, so every output shows the same numbers.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

# Where the labels sit: (row, column) with row 0 at the top (high y) and column 1 on the right (high x).
QUADRANT_NAMES = ("top_left", "top_right", "bottom_left", "bottom_right")
MAX_LABEL_CHARS = 60


@dataclass(frozen=True)
class Quadrants:
    """A report's quadrant labels and grid, shared by every analyst who opens it."""

    top_left: str = "Prepare"  # high impact, low likelihood
    top_right: str = "Act now"  # high impact, high likelihood
    bottom_left: str = "Monitor"
    bottom_right: str = "Watch"
    x_split: float | None = None  # where the vertical divider sits, on the x scale; None: the middle
    y_split: float | None = None
    grid: bool = True  # a faint line at every whole step of both scales

    def labels(self) -> tuple[str, str, str, str]:
        """The four labels in QUADRANT_NAMES order."""
        return (self.top_left, self.top_right, self.bottom_left, self.bottom_right)


DEFAULT_QUADRANTS = Quadrants()


@dataclass(frozen=True)
class Axis:
    """One rating dimension drawn along an axis."""

    id: str
    name: str
    min: int
    max: int

    def split(self, value: float | None) -> float:
        """Where a quadrant divider sits on this axis (the middle unless set)."""
        if value is None or not self.min <= value <= self.max:
            return (self.min + self.max) / 2
        return value


@dataclass(frozen=True)
class RatedNode:
    """What the matrix needs to know about a node besides its ratings."""

    number: str
    path: str
    title: str


@dataclass(frozen=True)
class MatrixPoint:
    """One trend: the team's mean on both axes, the spread between analysts, how many rated it."""

    node_id: str
    number: str
    path: str
    title: str
    x: float
    y: float
    x_low: float
    x_high: float
    y_low: float
    y_high: float
    analysts: int  # analysts who rated it on either axis
    size: float | None = None  # mean of the size dimension (e.g. Confidence), when one is chosen

    @property
    def score(self) -> float:
        """Mean y × mean x: the order of the "top trends" table."""
        return self.x * self.y

    @property
    def label(self) -> str:
        """What is written beside the point: the trend's number as printed."""
        return self.number or self.path


@dataclass(frozen=True)
class MatrixData:
    """Everything one drawing of the matrix shows."""

    title: str
    x: Axis
    y: Axis
    points: tuple[MatrixPoint, ...]
    quadrants: Quadrants = DEFAULT_QUADRANTS
    size: Axis | None = None  # the dimension that sizes the points; None: the number of analysts
    analysts: tuple[str, ...] = ()  # whose ratings are shown (names), for the caption
    max_analysts: int = field(default=1)

    def caption(self) -> str:
        """One line under the title: what is plotted and whose ratings."""
        sizing = f"size: {self.size.name}" if self.size is not None else "size: number of analysts"
        who = ", ".join(self.analysts) if self.analysts else "no ratings yet"
        return f"{len(self.points)} rated trends · team mean with spread · {sizing} · {who}"

    def top(self, count: int = 20) -> list[MatrixPoint]:
        """The highest mean y × x first (ties in outline order)."""
        ranked = sorted(enumerate(self.points), key=lambda item: (-item[1].score, item[0]))
        return [point for _, point in ranked[:count]]


def build_points(values: Iterable[tuple[str, str, str, int]], nodes: dict[str, RatedNode], x: Axis, y: Axis,
                 size: Axis | None = None, order: Iterable[str] | None = None) -> tuple[MatrixPoint, ...]:
    """Points from ``(node_id, dimension_id, author_id, value)`` rows; a trend needs a rating on both axes.

    ``order`` gives the node ids in outline order (default: the order the rows came in).
    """
    per_node: dict[str, dict[str, dict[str, int]]] = {}
    for node_id, dimension_id, author_id, value in values:
        per_node.setdefault(node_id, {}).setdefault(dimension_id, {})[author_id] = value
    points = []
    for node_id in (order if order is not None else list(per_node)):
        by_dimension = per_node.get(node_id)
        if not by_dimension:
            continue
        xs, ys = by_dimension.get(x.id), by_dimension.get(y.id)
        node = nodes.get(node_id)
        if not xs or not ys or node is None:
            continue
        x_values, y_values = list(xs.values()), list(ys.values())
        sizes = by_dimension.get(size.id) if size is not None else None
        points.append(MatrixPoint(
            node_id=node_id, number=node.number, path=node.path, title=node.title,
            x=sum(x_values) / len(x_values), y=sum(y_values) / len(y_values),
            x_low=min(x_values), x_high=max(x_values), y_low=min(y_values), y_high=max(y_values),
            analysts=len(set(xs) | set(ys)),
            size=sum(sizes.values()) / len(sizes) if sizes else None,
        ))
    return tuple(points)


def check_quadrants(quadrants: Quadrants, x: Axis | None = None, y: Axis | None = None) -> Quadrants:
    """``quadrants`` with labels trimmed; ValueError for a label too long or a divider off the scale."""
    labels = {}
    for name, label in zip(QUADRANT_NAMES, quadrants.labels(), strict=True):
        if not isinstance(label, str):
            raise ValueError(f"the {name.replace('_', ' ')} quadrant label must be text")
        text = " ".join(label.split())
        if len(text) > MAX_LABEL_CHARS:
            raise ValueError(f"the {name.replace('_', ' ')} quadrant label is longer than {MAX_LABEL_CHARS} characters")
        labels[name] = text
    for axis, split, letter in ((x, quadrants.x_split, "x"), (y, quadrants.y_split, "y")):
        if split is not None and axis is not None and not axis.min < split < axis.max:
            raise ValueError(f"the {letter} divider must lie inside {axis.name}'s scale "
                             f"({axis.min}..{axis.max}); got {split:g}")
    return Quadrants(**labels, x_split=quadrants.x_split, y_split=quadrants.y_split, grid=bool(quadrants.grid))
