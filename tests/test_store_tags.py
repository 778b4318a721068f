"""Tags: one per name whatever the letter case, on nodes and highlights, tombstoned not deleted."""

from __future__ import annotations

import pytest

from editor.core.errors import NotFoundError
from editor.store import Store
from editor.store.ids import TAG_PALETTE, tag_id
from tests.test_store_support import populated, small_report


@pytest.fixture
def store():
    with Store.memory() as store:
        yield store


@pytest.fixture
def ctx(store):
    info, alice = populated(store)
    return store, store.find_node(info.id, "1.1"), alice


def raw_row(store, table, where, params):
    return store.db.execute(f"SELECT created_at, updated_at, deleted_at FROM {table} WHERE {where}",
                            params).fetchone()


def test_tag_names_are_case_insensitive(store):
    first = store.ensure_tag("Risk")
    assert store.ensure_tag("risk") == first
    assert store.ensure_tag("  RISK ") == first
    assert store.tags() == [first]
    assert first.name == "Risk"  # the first spelling stays


def test_tag_ids_are_the_same_in_every_database():
    with Store.memory() as one, Store.memory() as two:
        assert one.ensure_tag("Risk").id == two.ensure_tag("risk").id == tag_id("RISK")
        assert one.ensure_tag("風險").id == two.ensure_tag("風險").id
        assert one.ensure_tag("Risk").id != one.ensure_tag("風險").id


def test_new_tags_get_a_deterministic_palette_colour(store):
    tag = store.ensure_tag("Opportunity")
    assert tag.color in TAG_PALETTE
    with Store.memory() as other:
        assert other.ensure_tag("opportunity").color == tag.color
    colours = {store.ensure_tag(name).color for name in ("a", "b", "c", "d", "e", "f", "g", "h")}
    assert len(colours) > 1  # the palette is actually used


def test_explicit_colours_are_validated_and_normalised(store):
    assert store.ensure_tag("Policy", "#aabbcc").color == "#AABBCC"
    with pytest.raises(ValueError, match="#RRGGBB"):
        store.ensure_tag("Bad", "red")
    with pytest.raises(ValueError, match="empty"):
        store.ensure_tag("   ")
    assert [t.name for t in store.tags()] == ["Policy"]


def test_set_tag_color(store):
    tag = store.ensure_tag("Risk")
    updated = store.set_tag_color(tag.id, "#112233")
    assert updated.color == "#112233"
    assert store.tags() == [updated]
    with pytest.raises(NotFoundError):
        store.set_tag_color("missing", "#112233")


def test_tags_are_listed_by_name_ignoring_case(store):
    for name in ("watch", "Alpha", "風險", "beta"):
        store.ensure_tag(name)
    assert [t.name for t in store.tags()] == ["Alpha", "beta", "watch", "風險"]


def test_a_tombstoned_tag_is_hidden_and_revived_by_ensure_tag(store):
    tag = store.ensure_tag("Risk")
    # As a colleague's merged tombstone would arrive: stamped (by a fast clock) in our future.
    store.db.execute("UPDATE tags SET deleted_at = '2030-01-01T00:00:00.000Z',"
                     " updated_at = '2030-01-01T00:00:00.000Z' WHERE id = ?", (tag.id,))
    assert store.tags() == []
    revived = store.ensure_tag("RISK")
    assert revived.id == tag.id and store.tags() == [revived]
    row = store.db.execute("SELECT updated_at, deleted_at FROM tags WHERE id = ?", (tag.id,)).fetchone()
    assert row[1] is None
    assert row[0] == "2030-01-01T00:00:00.001Z"  # newer than the tombstone, whatever our clock says


def test_add_node_tag_is_idempotent_and_case_insensitive(ctx):
    store, node, alice = ctx
    first = store.add_node_tag(node.id, "Risk", alice.id)
    again = store.add_node_tag(node.id, "risk", alice.id)
    assert again == first  # no write: timestamps unchanged
    assert [t.tag.name for t in store.node_tags(node.id)] == ["Risk"]
    assert store.db.execute("SELECT count(*) FROM node_tags").fetchone()[0] == 1


def test_remove_node_tag_tombstones_and_revive_keeps_created_at(ctx):
    store, node, alice = ctx
    added = store.add_node_tag(node.id, "Risk", alice.id)
    assert store.remove_node_tag(node.id, "RISK", alice.id) is True
    assert store.node_tags(node.id) == []
    key = ("node_id = ? AND author_id = ?", (node.id, alice.id))
    created, updated, deleted = raw_row(store, "node_tags", *key)
    assert deleted is not None and updated > added.updated_at and created == added.created_at
    assert store.remove_node_tag(node.id, "Risk", alice.id) is False
    assert store.remove_node_tag(node.id, "Never heard of", alice.id) is False
    revived = store.add_node_tag(node.id, "Risk", alice.id)
    assert revived.created_at == added.created_at
    assert revived.updated_at > updated
    assert raw_row(store, "node_tags", *key)[2] is None
    assert store.db.execute("SELECT count(*) FROM node_tags").fetchone()[0] == 1


def test_node_tags_per_author_and_across_authors(ctx):
    store, node, alice = ctx
    bob = store.ensure_author("Bob")
    store.add_node_tag(node.id, "Risk", alice.id)
    store.add_node_tag(node.id, "Policy", bob.id)
    store.add_node_tag(node.id, "risk", bob.id)
    every = store.node_tags(node.id)
    assert [(t.tag.name, t.author_id) for t in every] == sorted(
        [("Policy", bob.id), ("Risk", alice.id), ("Risk", bob.id)], key=lambda p: (p[0], p[1]))
    assert [t.tag.name for t in store.node_tags(node.id, bob.id)] == ["Policy", "Risk"]
    assert [t.tag.name for t in store.node_tags(node.id, alice.id)] == ["Risk"]


def test_node_tag_writes_validate_ids(ctx):
    store, node, alice = ctx
    with pytest.raises(NotFoundError, match="no node"):
        store.add_node_tag("missing", "Risk", alice.id)
    with pytest.raises(NotFoundError, match="unknown author"):
        store.add_node_tag(node.id, "Risk", "nobody")
    with pytest.raises(NotFoundError, match="no node"):
        store.remove_node_tag("missing", "Risk", alice.id)
    assert store.tags() == []  # nothing half-done


def test_highlight_tags(ctx):
    store, node, alice = ctx
    bob = store.ensure_author("Bob")
    highlight = store.add_highlight(node.id, alice.id, 0, 4)
    tag = store.add_highlight_tag(highlight.id, "Evidence", alice.id)
    assert store.add_highlight_tag(highlight.id, "evidence", bob.id) == tag
    store.add_highlight_tag(highlight.id, "Data", alice.id)
    assert [t.name for t in store.highlight_tags(highlight.id)] == ["Data", "Evidence"]
    assert store.remove_highlight_tag(highlight.id, "EVIDENCE", alice.id) is True
    assert [t.name for t in store.highlight_tags(highlight.id)] == ["Data", "Evidence"]  # Bob's remains
    assert store.remove_highlight_tag(highlight.id, "Evidence", bob.id) is True
    assert store.remove_highlight_tag(highlight.id, "Evidence", bob.id) is False
    assert [t.name for t in store.highlight_tags(highlight.id)] == ["Data"]
    with pytest.raises(NotFoundError):
        store.add_highlight_tag("missing", "Data", alice.id)
    store.delete_highlight(highlight.id)
    with pytest.raises(NotFoundError, match="deleted"):
        store.add_highlight_tag(highlight.id, "Data", alice.id)


def test_report_wide_tag_reads_match_the_per_item_reads(ctx):
    """The export and the outline read tags for a whole report at once: same rows, same order, one report only."""
    store, node, alice = ctx
    bob = store.ensure_author("Bob")
    other, _ = store.add_report(small_report(title="另一份報告", extra="另"))
    report_id = store.node(node.id).report_id
    nodes = store.nodes(report_id)
    store.add_node_tag(nodes[0].id, "Risk", alice.id)
    store.add_node_tag(nodes[0].id, "policy", bob.id)
    store.add_node_tag(nodes[2].id, "Risk", bob.id)
    store.add_node_tag(nodes[3].id, "Gone", alice.id)
    store.remove_node_tag(nodes[3].id, "Gone", alice.id)  # a tombstone is not a tag
    store.add_node_tag(store.find_node(other.id, "1.1").id, "Risk", alice.id)  # another report's node
    first = store.add_highlight(nodes[1].id, alice.id, 0, 4)
    second = store.add_highlight(nodes[1].id, bob.id, 2, 6)
    deleted = store.add_highlight(nodes[2].id, bob.id, 0, 2)
    elsewhere = store.add_highlight(store.find_node(other.id, "1.1").id, alice.id, 0, 2)
    store.add_highlight_tag(first.id, "Evidence", alice.id)
    store.add_highlight_tag(first.id, "evidence", bob.id)  # the same tag twice: listed once
    store.add_highlight_tag(first.id, "Data", bob.id)
    store.add_highlight_tag(second.id, "Data", alice.id)
    store.add_highlight_tag(deleted.id, "Data", alice.id)
    store.add_highlight_tag(elsewhere.id, "Data", alice.id)
    store.delete_highlight(deleted.id)

    for author in (None, alice.id, bob.id):
        expected = {n.id: store.node_tags(n.id, author) for n in nodes if store.node_tags(n.id, author)}
        assert store.report_node_tags(report_id, author) == expected
    assert set(store.report_node_tags(report_id)) == {nodes[0].id, nodes[2].id}

    wide = store.report_highlight_tags(report_id)
    assert wide == {first.id: store.highlight_tags(first.id), second.id: store.highlight_tags(second.id)}
    assert [t.name for t in wide[first.id]] == ["Data", "Evidence"]


def test_a_tag_is_retired_only_when_nothing_live_carries_it(ctx):
    store, node, alice = ctx
    assert store.has_tag("demand") is False
    store.add_node_tag(node.id, "Demand", alice.id)
    assert store.has_tag("DEMAND") is True
    assert store.retire_tag_if_unused("Demand") is False  # a node has it
    highlight = store.add_highlight(node.id, alice.id, 0, 4)
    store.add_highlight_tag(highlight.id, "demand", alice.id)
    store.remove_node_tag(node.id, "Demand", alice.id)
    assert store.retire_tag_if_unused("Demand") is False  # a highlight has it
    store.delete_highlight(highlight.id)  # a deleted highlight's tags do not count
    assert store.retire_tag_if_unused("Demand") is True
    assert store.has_tag("Demand") is False and store.tags() == []
    assert store.retire_tag_if_unused("Demand") is False  # already retired
    assert store.retire_tag_if_unused("Never") is False
    revived = store.ensure_tag("demand")
    assert (revived.id, revived.name) == (tag_id("Demand"), "Demand")  # Redo brings back the same tag
