"""Inter-rater agreement of a report's ratings: the ``agreement --json`` contract and a terminal table.

The statistics are in :mod:`editor.core.agreement` (ordinal Krippendorff's alpha,
linearly weighted Cohen's kappa, spreads); this module reads the ratings through the
store's public API, names analysts and nodes, and shapes the result.
"""

from __future__ import annotations

import unicodedata
from collections import Counter
from dataclasses import dataclass
from typing import TYPE_CHECKING

from editor.core.agreement import DEFAULT_DISAGREEMENT_LIMIT, dimension_agreement, path_key, widest_spreads
from editor.core.annotations import Author, Dimension, Node

if TYPE_CHECKING:
    from editor.store import Store


@dataclass(frozen=True)
class PairRow:
    """Kappa of two analysts on one dimension."""

    a: str
    b: str
    kappa: float | None
    nodes: int


@dataclass(frozen=True)
class DimensionRow:
    """Agreement on one dimension."""

    key: str  # the lower-cased name used in the JSON
    name: str
    alpha: float | None
    nodes: int
    pairs: tuple[PairRow, ...]


@dataclass(frozen=True)
class DisagreementRow:
    """A node whose analysts' ratings on a dimension lie far apart."""

    node_id: str
    path: str
    title: str
    dimension: str  # the lower-cased dimension name
    spread: int
    ratings: dict[str, int]  # analyst name -> value


@dataclass(frozen=True)
class AgreementData:
    """Everything the agreement dialog and the JSON show, with node ids to jump to."""

    dimensions: tuple[DimensionRow, ...]
    disagreements: tuple[DisagreementRow, ...]


def analyst_names(authors: list[Author]) -> dict[str, str]:
    """Display names by author id; two analysts with one name are told apart by their id's start."""
    counts = Counter(author.name for author in authors)
    return {author.id: author.name if counts[author.name] == 1 else f"{author.name} ({author.id[:8]})"
            for author in authors}


def agreement_data(store: Store, report_id: str, limit: int = DEFAULT_DISAGREEMENT_LIMIT) -> AgreementData:
    """Agreement per dimension and the widest disagreements, for report ``report_id``."""
    names = analyst_names(store.authors())
    nodes: dict[str, Node] = {node.id: node for node in store.nodes(report_id)}
    dimensions: list[Dimension] = store.dimensions()
    tables: dict[str, dict[str, dict[str, int]]] = {dim.id: {} for dim in dimensions}

    def display(author_id: str) -> str:
        return names.get(author_id, author_id)

    for rating in store.ratings(report_id=report_id):
        if rating.dimension_id in tables:
            tables[rating.dimension_id].setdefault(rating.node_id, {})[rating.author_id] = rating.value

    rows = []
    for dim in dimensions:
        table = tables[dim.id]
        authors: set[str] = {author for by_author in table.values() for author in by_author}
        raters = sorted(authors, key=lambda rater: (display(rater).casefold(), rater))
        result = dimension_agreement(table, dim.min, dim.max, raters)
        pairs = tuple(PairRow(names.get(p.rater_a, p.rater_a), names.get(p.rater_b, p.rater_b), p.kappa, p.units)
                      for p in result.pairs)
        rows.append(DimensionRow(dim.name.lower(), dim.name, result.alpha, result.units, pairs))

    by_id = {dim.id: dim for dim in dimensions}
    spreads = widest_spreads(tables, unit_key=lambda node_id: path_key(nodes[node_id].path),
                             dimension_order=[dim.id for dim in dimensions], limit=limit)
    disagreements = tuple(
        DisagreementRow(spread.unit, nodes[spread.unit].path, nodes[spread.unit].title,
                        by_id[spread.dimension].name.lower(), spread.spread,
                        {names.get(author, author): value for author, value in
                         sorted(spread.ratings.items(), key=lambda item: names.get(item[0], item[0]).casefold())})
        for spread in spreads)
    return AgreementData(tuple(rows), disagreements)


def agreement_report(store: Store, report_id: str) -> dict:
    """The ``trendmark agreement --json`` object (DESIGN.md §5); alpha/kappa None where undefined."""
    data = agreement_data(store, report_id)
    return {
        "dimensions": {
            row.key: {"alpha": row.alpha, "nodes": row.nodes,
                      "pairs": [{"a": p.a, "b": p.b, "kappa": p.kappa, "nodes": p.nodes} for p in row.pairs]}
            for row in data.dimensions
        },
        "disagreements": [{"path": d.path, "title": d.title, "dimension": d.dimension, "ratings": dict(d.ratings)}
                          for d in data.disagreements],
    }


# -- the terminal table --------------------------------------------------------------------


def _width(text: str) -> int:
    """Columns a string takes in a terminal: Chinese characters are two wide."""
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def _pad(text: str, width: int) -> str:
    return text + " " * max(0, width - _width(text))


def _clip(text: str, width: int) -> str:
    if _width(text) <= width:
        return text
    out = ""
    for ch in text:
        if _width(out + ch) > width - 1:
            break
        out += ch
    return out + "…"


def _number(value: float | None) -> str:
    return "—" if value is None else f"{value:.3f}"


def format_agreement(result: dict) -> str:
    """``agreement_report``'s result as a readable text table."""
    lines = []
    dimensions = result.get("dimensions", {})
    if not any(d["nodes"] for d in dimensions.values()):
        lines.append("no node has ratings from two analysts yet; nothing to compare")
    for key, dim in dimensions.items():
        lines.append(f"{key}: Krippendorff's alpha (ordinal) {_number(dim['alpha'])}"
                     f" over {dim['nodes']} node{'s' if dim['nodes'] != 1 else ''} rated by two or more")
        if dim["pairs"]:
            width = max(_width(f"{p['a']} × {p['b']}") for p in dim["pairs"])
            for pair in dim["pairs"]:
                lines.append(f"  {_pad(pair['a'] + ' × ' + pair['b'], width)}  kappa (linear) "
                             f"{_number(pair['kappa']):>6}  {pair['nodes']:>5} nodes")
    if dimensions:
        lines.append("(— : undefined — a single analyst, no shared nodes, or no variation in the ratings)")
    disagreements = result.get("disagreements", [])
    if disagreements:
        lines.append("")
        lines.append("widest disagreements")
        path_width = max(_width(d["path"]) for d in disagreements)
        dim_width = max(_width(d["dimension"]) for d in disagreements)
        for d in disagreements:
            ratings = ", ".join(f"{name} {value}" for name, value in d["ratings"].items())
            lines.append(f"  {_pad(d['path'], path_width)}  {_pad(_clip(d['title'], 30), 30)}  "
                         f"{_pad(d['dimension'], dim_width)}  {ratings}")
    return "\n".join(lines)
