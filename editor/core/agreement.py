"""Inter-rater agreement between analysts' ratings: Krippendorff's alpha, weighted Cohen's kappa, spreads.

Pure arithmetic over plain mappings (no database, no Qt). A rating table for one
dimension maps each rated unit (a node id) to the raters (author ids) who rated it and
the value each gave, on the dimension's integer scale ``low..high``.

Choices, stated once:

- Krippendorff's alpha uses the *ordinal* metric (ratings are ranks, not measurements)
  and is computed by the ``krippendorff`` package over every rater, missing ratings
  left out. Only units rated by at least two analysts ("pairable" units) carry
  information; their number is what ``DimensionAgreement.units`` reports.
- Cohen's kappa for a pair of analysts uses *linear* disagreement weights
  ``|i - j| / (k - 1)`` over the whole scale (k = high - low + 1): being one star apart
  costs a quarter of being four apart on a 1–5 scale, as ordinal ratings call for. Only
  units both analysts rated count.
- Undefined is ``None``, never a made-up number. Alpha and kappa are ratios against the
  disagreement expected by chance; when that is zero (everyone used one and the same
  value, or a single analyst rated), the data hold no evidence of agreement beyond
  chance, so the statistic is ``None`` rather than 1.0. Fewer than one shared unit is
  ``None`` as well.
- The disagreement list ranks (unit, dimension) cells by spread — highest minus lowest
  rating — in points of the scale, widest first; cells with no spread are not
  disagreements and are left out.
"""

from __future__ import annotations

import warnings
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from itertools import combinations
from typing import Any

import krippendorff
import numpy as np

RatingTable = Mapping[str, Mapping[str, int]]  # unit -> rater -> value

DEFAULT_DISAGREEMENT_LIMIT = 20


@dataclass(frozen=True)
class PairAgreement:
    """Weighted kappa between two analysts on one dimension, over the units both rated."""

    rater_a: str
    rater_b: str
    kappa: float | None
    units: int


@dataclass(frozen=True)
class DimensionAgreement:
    """Agreement on one rating dimension: alpha across everyone and kappa for each pair."""

    alpha: float | None
    units: int  # units rated by at least two analysts
    pairs: tuple[PairAgreement, ...]


@dataclass(frozen=True)
class Spread:
    """One unit whose ratings on one dimension differ: how widely, and who gave what."""

    unit: str
    dimension: str
    spread: int
    ratings: Mapping[str, int]  # rater -> value


def _check_scale(low: int, high: int) -> None:
    if high <= low:
        raise ValueError(f"a rating scale needs low < high; got {low}..{high}")


def _check_value(value: int, low: int, high: int) -> None:
    if isinstance(value, bool) or not isinstance(value, int) or not low <= value <= high:
        raise ValueError(f"rating {value!r} is outside the scale {low}..{high}")


def pairable_units(table: RatingTable) -> list[str]:
    """Units rated by at least two raters (the only ones that say anything about agreement)."""
    return [unit for unit, by_rater in table.items() if len(by_rater) >= 2]


def krippendorff_alpha(table: RatingTable, low: int, high: int) -> float | None:
    """Krippendorff's alpha (ordinal metric) of a rating table; None where undefined."""
    _check_scale(low, high)
    units = pairable_units(table)
    raters = sorted({rater for unit in units for rater in table[unit]})
    if len(raters) < 2 or not units:
        return None
    values = {value for unit in units for value in table[unit].values()}
    for value in values:
        _check_value(value, low, high)
    if len(values) < 2:
        return None  # no variation: expected disagreement is zero
    row = {rater: i for i, rater in enumerate(raters)}
    data = np.full((len(raters), len(units)), np.nan)
    for column, unit in enumerate(units):
        for rater, value in table[unit].items():
            data[row[rater], column] = value
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", RuntimeWarning)
        alpha = float(krippendorff.alpha(reliability_data=data, level_of_measurement="ordinal",
                                         value_domain=list(range(low, high + 1))))
    return None if np.isnan(alpha) else alpha


def weighted_kappa(pairs: Iterable[tuple[int, int]], low: int, high: int) -> float | None:
    """Cohen's kappa with linear weights for paired ratings (a, b) on ``low..high``; None where undefined."""
    _check_scale(low, high)
    size = high - low + 1
    observed = np.zeros((size, size))
    for a, b in pairs:
        _check_value(a, low, high)
        _check_value(b, low, high)
        observed[a - low, b - low] += 1
    total = observed.sum()
    if total == 0:
        return None
    observed /= total
    expected = np.outer(observed.sum(axis=1), observed.sum(axis=0))
    index = np.arange(size)
    weights = np.abs(index[:, None] - index[None, :]) / (size - 1)
    expected_disagreement = float((weights * expected).sum())
    if expected_disagreement == 0.0:
        return None
    return 1.0 - float((weights * observed).sum()) / expected_disagreement


def pair_agreement(table: RatingTable, rater_a: str, rater_b: str, low: int, high: int) -> PairAgreement:
    """Weighted kappa of two raters over the units both rated."""
    shared = [(by_rater[rater_a], by_rater[rater_b]) for by_rater in table.values()
              if rater_a in by_rater and rater_b in by_rater]
    return PairAgreement(rater_a, rater_b, weighted_kappa(shared, low, high), len(shared))


def dimension_agreement(table: RatingTable, low: int, high: int,
                        raters: Sequence[str] | None = None) -> DimensionAgreement:
    """Alpha across all raters and kappa for every pair of ``raters`` (default: everyone who rated)."""
    if raters is None:
        raters = sorted({rater for by_rater in table.values() for rater in by_rater})
    pairs = tuple(pair_agreement(table, a, b, low, high) for a, b in combinations(raters, 2))
    return DimensionAgreement(krippendorff_alpha(table, low, high), len(pairable_units(table)), pairs)


def widest_spreads(tables: Mapping[str, RatingTable], unit_key: Callable[[str], Any],
                   dimension_order: Sequence[str] | None = None,
                   limit: int = DEFAULT_DISAGREEMENT_LIMIT) -> list[Spread]:
    """The ``limit`` widest disagreements across dimensions: spread descending, then ``unit_key``, then dimension."""
    order = list(dimension_order) if dimension_order is not None else list(tables)
    rank = {dimension: i for i, dimension in enumerate(order)}
    found: list[tuple[tuple, Spread]] = []
    for dimension, table in tables.items():
        for unit, by_rater in table.items():
            if len(by_rater) < 2:
                continue
            spread = max(by_rater.values()) - min(by_rater.values())
            if spread > 0:
                key = (-spread, unit_key(unit), rank.get(dimension, len(rank)))
                found.append((key, Spread(unit, dimension, spread, dict(by_rater))))
    found.sort(key=lambda item: item[0])
    return [spread for _key, spread in found[:max(0, limit)]]


def path_key(path: str) -> tuple:
    """Sort key of an outline path: "1.2" before "1.10", numbers before anything else."""
    return tuple((0, int(part), "") if part.isdigit() else (1, 0, part) for part in path.split("."))
