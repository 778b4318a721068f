"""Dimensions and ratings: ranges, clearing with 0/None, tombstones and revival."""

from __future__ import annotations

import pytest

from editor.core.errors import NotFoundError
from editor.store import Store
from tests.test_store_support import populated, small_report


@pytest.fixture
def ctx():
    with Store.memory() as store:
        info, alice = populated(store)
        yield store, info, store.find_node(info.id, "1.1"), alice


def test_dimension_by_name_in_any_case_or_by_id(ctx):
    store, *_ = ctx
    impact = store.dimensions()[0]
    assert store.dimension("impact") == store.dimension("IMPACT") == store.dimension(impact.id) == impact


def test_unknown_dimension_lists_the_valid_names(ctx):
    store, *_ = ctx
    with pytest.raises(NotFoundError) as caught:
        store.dimension("urgency")
    assert str(caught.value) == "unknown dimension 'urgency'; valid dimensions: Impact, Likelihood, Confidence"


def test_add_dimension_appends_and_is_idempotent(ctx):
    store, *_ = ctx
    urgency = store.add_dimension("Urgency", 1, 3)
    assert (urgency.name, urgency.min, urgency.max, urgency.position) == ("Urgency", 1, 3, 3)
    assert store.dimensions()[-1] == urgency
    assert store.add_dimension("urgency", 1, 3) == urgency
    with pytest.raises(ValueError, match="already exists"):
        store.add_dimension("Urgency", 1, 10)
    for low, high in ((0, 5), (3, 3), (5, 1)):
        with pytest.raises(ValueError, match="min < max"):
            store.add_dimension("Other", low, high)
    assert len(store.dimensions()) == 4


def test_rename_dimension_keeps_id_and_ratings(ctx):
    store, _info, node, alice = ctx
    impact = store.dimension("Impact")
    store.set_rating(node.id, impact.id, alice.id, 4)
    renamed = store.rename_dimension(impact.id, "Severity")
    assert renamed.id == impact.id and renamed.name == "Severity"
    assert store.dimension("severity") == renamed
    assert store.ratings(node.id)[0].value == 4
    with pytest.raises(ValueError, match="already a dimension called Likelihood"):
        store.rename_dimension(impact.id, "likelihood")
    with pytest.raises(NotFoundError):
        store.rename_dimension("missing", "X")
    # The old name is free again and gets an id of its own.
    again = store.add_dimension("Impact")
    assert again.id != impact.id


def test_set_rating_creates_updates_and_clears(ctx):
    store, _info, node, alice = ctx
    impact = store.dimension("Impact").id
    first = store.set_rating(node.id, impact, alice.id, 3)
    assert first.value == 3 and first.created_at == first.updated_at
    same = store.set_rating(node.id, impact, alice.id, 3)
    assert same == first  # unchanged value: no write
    changed = store.set_rating(node.id, impact, alice.id, 5)
    assert changed.value == 5 and changed.created_at == first.created_at
    assert changed.updated_at > first.updated_at
    assert store.set_rating(node.id, impact, alice.id, 0) is None
    assert store.ratings(node.id) == []
    row = store.db.execute("SELECT value, deleted_at, updated_at FROM ratings").fetchone()
    assert row[0] == 5 and row[1] is not None and row[2] > changed.updated_at
    revived = store.set_rating(node.id, impact, alice.id, 2)
    assert revived.value == 2 and revived.created_at == first.created_at
    assert store.set_rating(node.id, impact, alice.id, None) is None
    assert store.ratings() == []
    assert store.db.execute("SELECT count(*) FROM ratings").fetchone()[0] == 1


@pytest.mark.parametrize("value", [6, -1, 100])
def test_ratings_outside_the_scale_are_refused_clearly(ctx, value):
    store, _info, node, alice = ctx
    with pytest.raises(ValueError) as caught:
        store.set_rating(node.id, store.dimension("Impact").id, alice.id, value)
    assert str(caught.value) == f"Impact takes a rating from 1 to 5 (0 clears it); got {value}"
    assert store.ratings() == []


@pytest.mark.parametrize("value", [True, 2.5, "3"])
def test_ratings_must_be_whole_numbers(ctx, value):
    store, _info, node, alice = ctx
    with pytest.raises(ValueError, match="whole number"):
        store.set_rating(node.id, store.dimension("Impact").id, alice.id, value)


def test_a_custom_scale_is_respected(ctx):
    store, _info, node, alice = ctx
    urgency = store.add_dimension("Urgency", 1, 3)
    assert store.set_rating(node.id, urgency.id, alice.id, 3).value == 3
    with pytest.raises(ValueError, match="from 1 to 3"):
        store.set_rating(node.id, urgency.id, alice.id, 4)


def test_set_rating_validates_ids(ctx):
    store, _info, node, alice = ctx
    impact = store.dimension("Impact").id
    with pytest.raises(NotFoundError, match="no node"):
        store.set_rating("missing", impact, alice.id, 3)
    with pytest.raises(NotFoundError, match="no dimension"):
        store.set_rating(node.id, "missing", alice.id, 3)
    with pytest.raises(NotFoundError, match="unknown author"):
        store.set_rating(node.id, impact, "nobody", 3)


def test_ratings_filter_by_node_report_and_author(ctx):
    store, info, node, alice = ctx
    bob = store.ensure_author("Bob")
    other_info, _ = store.add_report(small_report(title="另一份"))
    other_node = store.find_node(other_info.id, "1.1")
    leaf = store.find_node(info.id, "1.1.1")
    impact, likelihood = store.dimension("Impact").id, store.dimension("Likelihood").id
    store.set_rating(leaf.id, impact, alice.id, 1)
    store.set_rating(node.id, likelihood, alice.id, 2)
    store.set_rating(node.id, impact, bob.id, 4)
    store.set_rating(other_node.id, impact, alice.id, 5)
    assert [(r.node_id, r.dimension_id, r.value) for r in store.ratings(node.id)] == [
        (node.id, impact, 4), (node.id, likelihood, 2)]  # outline order, then dimension order
    assert [r.value for r in store.ratings(report_id=info.id)] == [4, 2, 1]
    assert [r.value for r in store.ratings(report_id=info.id, author_id=alice.id)] == [2, 1]
    assert {r.value for r in store.ratings(author_id=alice.id)} == {1, 2, 5}
    assert [r.value for r in store.ratings(report_id=other_info.id)] == [5]


def test_retire_dimension_is_a_tombstone_that_adding_revives(ctx):
    store, _info, _node, _alice = ctx
    urgency = store.add_dimension("Urgency")
    store.retire_dimension(urgency.id)
    assert "Urgency" not in [d.name for d in store.dimensions()]
    updated, deleted = store.db.execute("SELECT updated_at, deleted_at FROM dimensions WHERE id = ?",
                                        (urgency.id,)).fetchone()
    assert deleted == updated  # the row stays, so a colleague's copy learns of the removal
    store.retire_dimension(urgency.id)  # twice: nothing more happens
    assert store.db.execute("SELECT updated_at FROM dimensions WHERE id = ?", (urgency.id,)).fetchone()[0] == updated
    revived = store.add_dimension("Urgency")
    assert revived == urgency  # the same id and place, as Redo needs
    assert store.db.execute("SELECT updated_at > ? FROM dimensions WHERE id = ?", (updated, urgency.id)).fetchone()[0]


def test_a_dimension_with_ratings_cannot_be_retired(ctx):
    store, _info, node, alice = ctx
    urgency = store.add_dimension("Urgency")
    store.set_rating(node.id, urgency.id, alice.id, 4)
    with pytest.raises(ValueError, match="has 1 rating"):
        store.retire_dimension(urgency.id)
    assert store.dimensions()[-1] == urgency
    store.set_rating(node.id, urgency.id, alice.id, None)  # a cleared rating does not hold it
    store.retire_dimension(urgency.id)
    with pytest.raises(NotFoundError):
        store.retire_dimension("missing")
