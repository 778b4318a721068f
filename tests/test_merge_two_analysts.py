"""Two analysts annotate the sample report in their own databases, exchange copies, and merge both ways."""

from __future__ import annotations

import pytest

from editor.store.merge import merge_database, open_conflicts
from editor.store.sharing import share_copy
from tests.test_merge_support import (  # noqa: F401 - clock is a fixture
    Analyst, analyst_db, annotations, clock, merge_copy, no_changes, whole_database,
)


@pytest.fixture
def diverged(tmp_path, clock):
    """Alice's and Bob's databases after one exchange and a round of edits on both sides.

    Returns (alice, bob, alice_copy, bob_copy): the copies are taken after the edits,
    before either merges the other, so both merge orders start from the same state.
    """
    alice = analyst_db(tmp_path / "alice.sqlite", "Alice")
    bob = analyst_db(tmp_path / "bob.sqlite", "Bob")
    a, b = alice.author.id, bob.author.id
    impact = alice.store.dimension("impact").id

    # Each on their own; both create the tag "Risk" — in a different letter case.
    alice.store.add_node_tag(alice.node("1.1"), "Risk", a)
    alice.store.set_rating(alice.node("1.1"), impact, a, 4)
    alice.store.save_note(alice.node("1.1"), a, "<p>需求增長<b>初稿</b></p>")
    alice.store.add_highlight(alice.node("1.1.1"), a, 0, 6, comment_html="<p>基礎設施</p>")
    bob.store.add_node_tag(bob.node("1.2"), "risk", b)
    bob.store.set_rating(bob.node("1.1"), impact, b, 2)
    bob.store.save_note(bob.node("1.2"), b, "<p>移動支付普及</p>")
    bob_highlight = bob.store.add_highlight(bob.node("1.2.1"), b, 2, 8, comment_html="<p>智能手機</p>")

    # First exchange: afterwards both hold everything.
    merge_copy(alice.store, bob.store, tmp_path, "alice-1.sqlite")
    merge_copy(bob.store, alice.store, tmp_path, "bob-1.sqlite")
    assert annotations(alice.store)["notes"] == annotations(bob.store)["notes"]

    # Then they diverge.
    clock.advance(60)
    alice.store.save_note(alice.node("1.1"), a, "<p>Alice 改稿：需求增長放緩</p>")
    alice.store.remove_node_tag(alice.node("1.1"), "RISK", a)  # a deletion on Alice's side
    alice.store.set_rating(alice.node("1.1"), impact, a, 5)
    alice.store.save_note(alice.node("1.3"), a, "<p>融合趨勢</p>")
    clock.advance(60)
    # Alice edits the same note again on Bob's machine, later than on her own.
    bob.store.save_note(bob.node("1.1"), a, "<p>在 Bob 的電腦上改：需求仍在增長</p>")
    bob.store.delete_highlight(bob_highlight.id)  # a deletion on Bob's side
    bob.store.set_rating(bob.node("1.3"), impact, b, 3)
    bob.store.add_node_tag(bob.node("1.3"), "機會", b)

    alice_copy = share_copy(alice.store, tmp_path / "alice-2.sqlite")
    bob_copy = share_copy(bob.store, tmp_path / "bob-2.sqlite")
    yield alice, bob, alice_copy, bob_copy, bob_highlight.id
    alice.store.close()
    bob.store.close()


def test_merging_both_ways_gives_the_same_annotations_and_the_same_conflict(diverged):
    alice, bob, alice_copy, bob_copy, _hid = diverged
    into_alice = merge_database(alice.store, bob_copy)
    into_bob = merge_database(bob.store, alice_copy)

    assert annotations(alice.store) == annotations(bob.store)
    assert into_alice.counts["notes"].conflicts == into_bob.counts["notes"].conflicts == 1
    assert into_alice.conflict_ids == into_bob.conflict_ids
    mine, theirs = open_conflicts(alice.store), open_conflicts(bob.store)
    # Modulo whose side the set-aside text came from, the records agree.
    assert mine[0].other_side == "mine" and theirs[0].other_side == "theirs"
    assert (mine[0].kept_text, mine[0].other_text) == (theirs[0].kept_text, theirs[0].other_text)


def test_the_union_of_both_sides_without_duplicates(diverged):
    alice, bob, _alice_copy, bob_copy, _hid = diverged
    merge_database(alice.store, bob_copy)
    store, a, b = alice.store, alice.author.id, bob.author.id
    assert {author.name for author in store.authors()} == {"Alice", "Bob"}
    # One tag for "Risk" and "risk": the spelling of whoever created it first.
    assert [tag.name for tag in store.tags()] == ["Risk", "機會"]
    assert [(t.tag.name, t.author_id) for t in store.node_tags(alice.node("1.2"))] == [("Risk", b)]
    assert [(t.tag.name, t.author_id) for t in store.node_tags(alice.node("1.3"))] == [("機會", b)]
    ratings = {(r.node_id, r.author_id): r.value for r in store.ratings(report_id=alice.report.id)}
    assert ratings == {(alice.node("1.1"), a): 5, (alice.node("1.1"), b): 2, (alice.node("1.3"), b): 3}
    assert {(n.node_id, n.author_id) for n in store.notes(report_id=alice.report.id)} == {
        (alice.node("1.1"), a), (alice.node("1.2"), b), (alice.node("1.3"), a)}
    for table in ("notes", "highlights", "node_tags", "ratings", "tags", "authors"):
        assert store.db.execute(f"SELECT count(*) FROM {table}").fetchone()[0] == \
            len(set(store.db.execute(f"SELECT * FROM {table}").fetchall())), table


def test_tombstones_travel_in_both_directions(diverged):
    alice, bob, alice_copy, bob_copy, bob_highlight = diverged
    merge_database(alice.store, bob_copy)
    merge_database(bob.store, alice_copy)
    for side in (alice, bob):
        # Bob deleted his highlight; Alice removed her tag: both deletions were the newer change.
        assert [h.author_id for h in side.store.highlights(report_id=side.report.id)] == [alice.author.id]
        assert side.store.db.execute("SELECT deleted_at IS NOT NULL FROM highlights WHERE id = ?",
                                     (bob_highlight,)).fetchone() == (1,)
        assert side.store.node_tags(side.node("1.1")) == []


def test_the_note_edited_on_both_sides_is_kept_twice(diverged):
    alice, _bob, _alice_copy, bob_copy, _hid = diverged
    result = merge_database(alice.store, bob_copy)
    note = alice.store.note(alice.node("1.1"), alice.author.id)
    # The newer edit (made on Bob's machine) is the note; Alice's own edit is set aside, not lost.
    assert note.text == "在 Bob 的電腦上改：需求仍在增長"
    [conflict] = open_conflicts(alice.store)
    assert conflict.id == result.conflict_ids[0]
    assert conflict.kind == "note" and conflict.node_path == "1.1" and conflict.author_name == "Alice"
    assert conflict.mine_text == "Alice 改稿：需求增長放緩"
    assert conflict.theirs_text == "在 Bob 的電腦上改：需求仍在增長"
    assert "notes: 1 updated, 1 in conflict" in result.summary_lines()
    # The first draft both sides started from is not a conflict: both edits were made on top of it.
    assert all("初稿" not in c.other_text for c in open_conflicts(alice.store, include_resolved=True))


def test_the_mine_version_stays_in_the_note_when_it_is_the_newer_one(tmp_path, clock):
    alice = analyst_db(tmp_path / "alice.sqlite", "Alice")
    laptop = analyst_db(tmp_path / "laptop.sqlite", "Bob")
    a = alice.author.id
    alice.store.save_note(alice.node("1.1"), a, "<p>共同的起點</p>")
    merge_copy(alice.store, laptop.store, tmp_path, "start.sqlite")
    laptop.store.save_note(laptop.node("1.1"), a, "<p>筆電上的版本</p>")
    clock.advance(5)
    alice.store.save_note(alice.node("1.1"), a, "<p>我的新版本</p>")
    result = merge_copy(laptop.store, alice.store, tmp_path, "laptop-copy.sqlite")
    assert result.counts["notes"].conflicts == 1
    assert alice.store.note(alice.node("1.1"), a).text == "我的新版本"
    [conflict] = open_conflicts(alice.store)
    assert (conflict.other_side, conflict.other_text, conflict.kept_text) == ("theirs", "筆電上的版本", "我的新版本")


def test_merging_the_same_file_twice_changes_nothing_the_second_time(diverged, tmp_path):
    alice, bob, alice_copy, bob_copy, _hid = diverged
    first = merge_database(alice.store, bob_copy)
    assert first.changed and first.backup is not None and first.backup.exists()
    before = whole_database(alice.store)
    backups = sorted(tmp_path.glob("alice.sqlite.bak-merge-*"))
    again = merge_database(alice.store, bob_copy)
    assert no_changes(again)
    assert again.summary_lines()[0] == "merged bob-2.sqlite: nothing new"
    assert whole_database(alice.store) == before
    assert sorted(tmp_path.glob("alice.sqlite.bak-merge-*")) == backups  # nothing to write, no backup

    # And the other way round, then back again: still nothing new.
    merge_database(bob.store, alice_copy)
    assert no_changes(merge_database(bob.store, alice_copy))
    assert no_changes(merge_copy(bob.store, alice.store, tmp_path, "bob-3.sqlite"))
    assert no_changes(merge_copy(alice.store, bob.store, tmp_path, "alice-3.sqlite"))
    assert annotations(alice.store) == annotations(bob.store)


def test_the_backup_holds_the_database_as_it_was_before_the_merge(diverged, tmp_path):
    alice, _bob, _alice_copy, bob_copy, _hid = diverged
    expected = annotations(alice.store)
    result = merge_database(alice.store, bob_copy)
    assert result.backup.name.startswith("alice.sqlite.bak-merge-")
    from editor.store import Store
    with Store.open(result.backup, read_only=True) as backup:
        assert annotations(backup) == expected
    assert annotations(alice.store) != expected


def test_a_dry_run_reports_the_same_counts_and_writes_nothing(diverged, tmp_path):
    alice, _bob, _alice_copy, bob_copy, _hid = diverged
    before = whole_database(alice.store)
    backups = sorted(tmp_path.glob("alice.sqlite.bak-merge-*"))  # from the first exchange
    dry = merge_database(alice.store, bob_copy, dry_run=True)
    assert whole_database(alice.store) == before
    assert dry.backup is None and sorted(tmp_path.glob("alice.sqlite.bak-merge-*")) == backups
    assert dry.summary_lines()[-1] == "dry run: nothing was written"
    real = merge_database(alice.store, bob_copy)
    assert dry.to_json()["kinds"] == real.to_json()["kinds"]
    assert dry.conflict_ids == real.conflict_ids


def test_the_merged_texts_are_searchable(diverged):
    alice, _bob, _alice_copy, bob_copy, _hid = diverged
    merge_database(alice.store, bob_copy)
    hits = alice.store.search("需求仍在增長", report_id=alice.report.id)
    assert [(hit.path, hit.field) for hit in hits] == [("1.1", "note")]
    assert alice.store.search("需求增長放緩", report_id=alice.report.id) == []  # set aside, not live
