"""Agreement statistics: alpha against the krippendorff package, kappa against a plain reference loop."""

from __future__ import annotations

import random

import krippendorff
import numpy as np
import pytest

from editor.core.agreement import (
    dimension_agreement, krippendorff_alpha, pair_agreement, path_key, weighted_kappa, widest_spreads,
)


def reference_linear_kappa(pairs: list[tuple[int, int]], low: int, high: int) -> float:
    """Cohen's weighted kappa written out term by term: 1 - sum(w*p_obs) / sum(w*p_a*p_b)."""
    k = high - low + 1
    n = len(pairs)
    categories = range(low, high + 1)
    count_a = {c: sum(1 for a, _ in pairs if a == c) for c in categories}
    count_b = {c: sum(1 for _, b in pairs if b == c) for c in categories}
    observed = 0.0
    expected = 0.0
    for i in categories:
        for j in categories:
            weight = abs(i - j) / (k - 1)
            observed += weight * sum(1 for a, b in pairs if a == i and b == j) / n
            expected += weight * (count_a[i] / n) * (count_b[j] / n)
    return 1 - observed / expected


def random_table(seed: int, raters: int, units: int, low: int = 1, high: int = 5,
                 missing: float = 0.3) -> dict[str, dict[str, int]]:
    rng = random.Random(seed)
    table: dict[str, dict[str, int]] = {}
    for u in range(units):
        truth = rng.randint(low, high)
        row = {}
        for r in range(raters):
            if rng.random() < missing:
                continue
            row[f"rater{r}"] = min(high, max(low, truth + rng.choice((-1, 0, 0, 1, 2))))
        table[f"unit{u}"] = row
    return table


@pytest.mark.parametrize("seed", range(8))
def test_alpha_equals_the_krippendorff_package_with_missing_ratings(seed):
    table = random_table(seed, raters=4, units=40)
    raters = sorted({r for row in table.values() for r in row})
    units = sorted(table)
    matrix = [[table[u].get(r, np.nan) for u in units] for r in raters]
    expected = krippendorff.alpha(reliability_data=matrix, level_of_measurement="ordinal",
                                  value_domain=[1, 2, 3, 4, 5])
    assert krippendorff_alpha(table, 1, 5) == pytest.approx(expected, abs=1e-9)


@pytest.mark.parametrize("seed", range(8))
def test_linear_weighted_kappa_equals_the_reference_formula(seed):
    rng = random.Random(100 + seed)
    pairs = [(rng.randint(1, 5), rng.randint(1, 5)) for _ in range(rng.randint(5, 60))]
    assert weighted_kappa(pairs, 1, 5) == pytest.approx(reference_linear_kappa(pairs, 1, 5), abs=1e-9)


def test_kappa_of_a_pair_uses_only_the_units_both_rated():
    table = random_table(7, raters=3, units=50, missing=0.4)
    shared = [(row["rater0"], row["rater2"]) for row in table.values() if "rater0" in row and "rater2" in row]
    result = pair_agreement(table, "rater0", "rater2", 1, 5)
    assert result.units == len(shared) > 5
    assert result.kappa == pytest.approx(reference_linear_kappa(shared, 1, 5), abs=1e-9)


def test_a_wider_scale_changes_kappa_only_through_the_weights_of_unused_values():
    # Linear weights are relative, so the same ratings on 1..5 and 1..9 give the same kappa.
    pairs = [(1, 2), (2, 2), (3, 4), (4, 4), (5, 3)]
    assert weighted_kappa(pairs, 1, 5) == pytest.approx(weighted_kappa(pairs, 1, 9), abs=1e-12)


def test_perfect_agreement_with_variation_is_one():
    table = {"a": {"x": 1, "y": 1}, "b": {"x": 4, "y": 4}, "c": {"x": 2, "y": 2}}
    result = dimension_agreement(table, 1, 5)
    assert result.alpha == pytest.approx(1.0)
    assert result.pairs[0].kappa == pytest.approx(1.0)
    assert result.units == 3


def test_a_single_analyst_gives_no_alpha_and_no_pairs():
    table = {"a": {"x": 1}, "b": {"x": 4}, "c": {"x": 5}}
    result = dimension_agreement(table, 1, 5)
    assert result.alpha is None
    assert result.units == 0
    assert result.pairs == ()


def test_identical_ratings_everywhere_are_undefined_not_perfect():
    table = {"a": {"x": 3, "y": 3}, "b": {"x": 3, "y": 3}}
    result = dimension_agreement(table, 1, 5)
    assert result.alpha is None
    assert result.pairs[0].kappa is None
    assert result.pairs[0].units == 2


def test_a_pair_that_never_rated_the_same_unit_has_no_kappa():
    table = {"a": {"x": 3, "y": 4}, "b": {"x": 2, "z": 5}, "c": {"z": 1}}
    result = dimension_agreement(table, 1, 5, raters=["x", "y", "z"])
    by_pair = {(p.rater_a, p.rater_b): p for p in result.pairs}
    assert by_pair[("x", "y")].units == 1
    assert by_pair[("y", "z")].units == 0 and by_pair[("y", "z")].kappa is None
    assert result.units == 2


def test_values_outside_the_scale_are_rejected():
    with pytest.raises(ValueError, match=r"outside the scale 1\.\.5"):
        weighted_kappa([(1, 6)], 1, 5)
    with pytest.raises(ValueError, match="outside the scale"):
        krippendorff_alpha({"a": {"x": 0, "y": 2}}, 1, 5)
    with pytest.raises(ValueError, match="low < high"):
        weighted_kappa([(1, 1)], 3, 3)


def test_widest_spreads_rank_by_spread_then_path_then_dimension_and_stop_at_the_limit():
    impact = {f"n{i}": {"x": 1, "y": 1 + (i % 4)} for i in range(1, 40)}
    likelihood = {"n2": {"x": 5, "y": 1}, "n10": {"x": 1, "y": 5}, "n3": {"x": 2, "y": 2}}
    paths = {f"n{i}": f"1.{i}" for i in range(1, 40)}
    spreads = widest_spreads({"impact": impact, "likelihood": likelihood},
                             unit_key=lambda unit: path_key(paths[unit]))
    assert len(spreads) == 20
    # Spread 4 first: 1.2 before 1.10 (numeric path order), not "1.10" < "1.2".
    assert [(s.unit, s.dimension, s.spread) for s in spreads[:2]] == [("n2", "likelihood", 4), ("n10", "likelihood", 4)]
    assert all(s.spread == 3 for s in spreads[2:12])
    assert [s.unit for s in spreads[2:5]] == ["n3", "n7", "n11"]
    assert all(s.spread > 0 for s in spreads)
    assert spreads[0].ratings == {"x": 5, "y": 1}


def test_ties_in_spread_and_path_follow_the_dimension_order():
    tables = {"b": {"u": {"x": 1, "y": 3}}, "a": {"u": {"x": 2, "y": 4}}}
    spreads = widest_spreads(tables, unit_key=lambda unit: unit, dimension_order=["b", "a"])
    assert [s.dimension for s in spreads] == ["b", "a"]


def test_path_key_orders_outline_paths_naturally():
    paths = ["1.10", "1.2", "10", "2", "1", "1.2.1"]
    assert sorted(paths, key=path_key) == ["1", "1.2", "1.2.1", "1.10", "2", "10"]
