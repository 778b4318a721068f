"""Agreement of analysts' ratings in a database: the JSON contract and its figures."""

from __future__ import annotations

import krippendorff
import numpy as np
import pytest

from editor.export.agreement import agreement_data, agreement_report, analyst_names, format_agreement
from editor.store import Store
from tests.test_agreement_math import reference_linear_kappa
from tests.test_merge_support import sample_report

RATINGS = {
    # path: (Alice, Bob, Chen) impact; None = not rated
    "1.1": (4, 2, 4),
    "1.1.1": (5, 5, None),
    "1.1.2": (1, 3, 2),
    "1.2": (3, 3, 3),
    "1.2.1": (2, None, 1),
    "2.1": (1, 5, None),
    "1.3": (None, 4, None),
}


@pytest.fixture
def rated():
    with Store.memory() as store:
        info, _ = store.add_report(sample_report())
        nodes = {node.path: node for node in store.nodes(info.id)}
        authors = [store.ensure_author(name) for name in ("Alice", "Bob", "Chen")]
        impact = store.dimension("impact").id
        for path, values in RATINGS.items():
            for author, value in zip(authors, values, strict=True):
                if value is not None:
                    store.set_rating(nodes[path].id, impact, author.id, value)
        likelihood = store.dimension("likelihood").id
        store.set_rating(nodes["1.1"].id, likelihood, authors[0].id, 3)
        yield store, info, nodes


def test_the_json_has_exactly_the_documented_shape(rated):
    store, info, _nodes = rated
    result = agreement_report(store, info.id)
    assert set(result) == {"dimensions", "disagreements"}
    assert list(result["dimensions"]) == ["impact", "likelihood", "confidence"]
    impact = result["dimensions"]["impact"]
    assert set(impact) == {"alpha", "nodes", "pairs"}
    assert [(p["a"], p["b"]) for p in impact["pairs"]] == [("Alice", "Bob"), ("Alice", "Chen"), ("Bob", "Chen")]
    assert all(set(p) == {"a", "b", "kappa", "nodes"} for p in impact["pairs"])
    assert all(set(d) == {"path", "title", "dimension", "ratings"} for d in result["disagreements"])


def test_alpha_and_kappa_equal_independent_computations(rated):
    store, info, _nodes = rated
    impact = agreement_report(store, info.id)["dimensions"]["impact"]
    columns = [v for v in RATINGS.values() if sum(x is not None for x in v) >= 2]
    matrix = [[np.nan if v[i] is None else v[i] for v in RATINGS.values()] for i in range(3)]
    expected = krippendorff.alpha(reliability_data=matrix, level_of_measurement="ordinal",
                                  value_domain=[1, 2, 3, 4, 5])
    assert impact["alpha"] == pytest.approx(expected, abs=1e-9)
    assert impact["nodes"] == len(columns) == 6
    for pair, (i, j) in zip(impact["pairs"], [(0, 1), (0, 2), (1, 2)], strict=True):
        shared = [(v[i], v[j]) for v in RATINGS.values() if v[i] is not None and v[j] is not None]
        assert pair["nodes"] == len(shared)
        assert pair["kappa"] == pytest.approx(reference_linear_kappa(shared, 1, 5), abs=1e-9)


def test_a_dimension_rated_by_one_analyst_or_none_is_undefined(rated):
    store, info, _nodes = rated
    dims = agreement_report(store, info.id)["dimensions"]
    assert dims["likelihood"] == {"alpha": None, "nodes": 0, "pairs": []}
    assert dims["confidence"] == {"alpha": None, "nodes": 0, "pairs": []}


def test_disagreements_are_widest_first_then_in_outline_order(rated):
    store, info, nodes = rated
    disagreements = agreement_report(store, info.id)["disagreements"]
    assert [(d["path"], d["dimension"]) for d in disagreements] == [
        ("2.1", "impact"), ("1.1", "impact"), ("1.1.2", "impact"), ("1.2.1", "impact")]
    assert disagreements[0]["ratings"] == {"Alice": 1, "Bob": 5}
    assert disagreements[1] == {"path": "1.1", "title": nodes["1.1"].title, "dimension": "impact",
                                "ratings": {"Alice": 4, "Bob": 2, "Chen": 4}}
    data = agreement_data(store, info.id)
    assert data.disagreements[0].node_id == nodes["2.1"].id and data.disagreements[0].spread == 4


def test_deleted_ratings_do_not_count(rated):
    store, info, nodes = rated
    bob = next(a for a in store.authors() if a.name == "Bob")
    store.set_rating(nodes["2.1"].id, store.dimension("impact").id, bob.id, None)
    paths = [d["path"] for d in agreement_report(store, info.id)["disagreements"]]
    assert "2.1" not in paths


def test_analysts_with_the_same_name_are_told_apart():
    from editor.core.annotations import Author
    names = analyst_names([Author("aaaaaaaa-1", "Li"), Author("bbbbbbbb-2", "Li"), Author("c", "Wu")])
    assert names == {"aaaaaaaa-1": "Li (aaaaaaaa)", "bbbbbbbb-2": "Li (bbbbbbbb)", "c": "Wu"}


def test_the_text_table_shows_every_figure(rated):
    store, info, _nodes = rated
    result = agreement_report(store, info.id)
    text = format_agreement(result)
    alpha = result["dimensions"]["impact"]["alpha"]
    assert f"impact: Krippendorff's alpha (ordinal) {alpha:.3f} over 6 nodes" in text
    assert "likelihood: Krippendorff's alpha (ordinal) — over 0 nodes" in text
    assert "Alice × Bob" in text and "widest disagreements" in text
    assert "Alice 1, Bob 5" in text


def test_no_ratings_at_all_says_so():
    with Store.memory() as store:
        info, _ = store.add_report(sample_report())
        result = agreement_report(store, info.id)
        assert result["disagreements"] == []
        assert format_agreement(result).startswith("no node has ratings from two analysts yet")
