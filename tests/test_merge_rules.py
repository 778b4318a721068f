"""The merge rules one by one: deletions against edits, edits on top of others, scales, schemas, resolution."""

from __future__ import annotations

import pytest

from editor.core.errors import DimensionsChanged, StoreError
from editor.core.report import ParsedNode, ParsedReport
from editor.store import Store, migrations
from editor.store.merge import merge_database, open_conflicts, resolve_conflict
from editor.store.merge.conflicts import unresolved_count
from editor.store.sharing import share_copy
from tests.test_merge_support import (  # noqa: F401 - clock is a fixture
    analyst_db, annotations, clock, merge_copy, no_changes,
)


@pytest.fixture
def pair(tmp_path, clock):
    """Alice's database and her laptop's, in step after one exchange, both with her note on 1.1."""
    desk = analyst_db(tmp_path / "desk.sqlite", "Alice")
    laptop = analyst_db(tmp_path / "laptop.sqlite", "Alice", desk.author.id)  # the same analyst
    desk.store.save_note(desk.node("1.1"), desk.author.id, "<p>起點</p>")
    merge_copy(desk.store, laptop.store, tmp_path, "to-laptop.sqlite")
    yield desk, laptop
    desk.store.close()
    laptop.store.close()


def test_an_edit_on_top_of_the_other_side_is_taken_without_conflict(pair, tmp_path, clock):
    desk, laptop = pair
    author = desk.author.id
    laptop.store.save_note(laptop.node("1.1"), author, "<p>在筆電上續寫</p>")
    result = merge_copy(laptop.store, desk.store, tmp_path, "back.sqlite")
    assert result.counts["notes"].updated == 1 and result.counts["notes"].conflicts == 0
    assert desk.store.note(desk.node("1.1"), author).text == "在筆電上續寫"
    # The desk edits on top of that, the laptop merges back: still no conflict.
    clock.advance(1)
    desk.store.save_note(desk.node("1.1"), author, "<p>回到桌機再改</p>")
    result = merge_copy(desk.store, laptop.store, tmp_path, "again.sqlite")
    assert result.counts["notes"].conflicts == 0
    assert laptop.store.note(laptop.node("1.1"), author).text == "回到桌機再改"


def test_an_older_version_does_not_overwrite_a_newer_one(pair, tmp_path):
    desk, laptop = pair
    desk.store.save_note(desk.node("1.1"), desk.author.id, "<p>桌機的新版</p>")
    result = merge_copy(laptop.store, desk.store, tmp_path, "stale.sqlite")  # laptop still has the start
    assert no_changes(result)
    assert desk.store.note(desk.node("1.1"), desk.author.id).text == "桌機的新版"


def test_a_newer_deletion_wins_over_an_untouched_note_without_conflict(pair, tmp_path):
    desk, laptop = pair
    laptop.store.save_note(laptop.node("1.1"), laptop.author.id, "")  # blank: the note is deleted
    result = merge_copy(laptop.store, desk.store, tmp_path, "deleted.sqlite")
    assert result.counts["notes"].removed == 1 and result.counts["notes"].conflicts == 0
    assert desk.store.note(desk.node("1.1"), desk.author.id) is None
    assert "notes: 1 deleted" in result.summary_lines()


def test_a_newer_deletion_keeps_a_concurrent_edit_as_a_conflict_that_can_restore_it(pair, tmp_path, clock):
    desk, laptop = pair
    author = desk.author.id
    desk.store.save_note(desk.node("1.1"), author, "<p>桌機上補充了重要內容</p>")
    clock.advance(1)
    laptop.store.save_note(laptop.node("1.1"), author, "")
    merge_copy(laptop.store, desk.store, tmp_path, "deleted.sqlite")
    assert desk.store.note(desk.node("1.1"), author) is None
    [conflict] = open_conflicts(desk.store)
    assert conflict.kept_deleted and conflict.other_side == "mine"
    assert conflict.mine_text == "桌機上補充了重要內容"
    resolve_conflict(desk.store, conflict.id, "mine")
    assert desk.store.note(desk.node("1.1"), author).text == "桌機上補充了重要內容"
    assert open_conflicts(desk.store) == [] and unresolved_count(desk.store) == 0


def test_an_edit_newer_than_a_deletion_brings_the_note_back(pair, tmp_path, clock):
    desk, laptop = pair
    author = desk.author.id
    desk.store.save_note(desk.node("1.1"), author, "")
    clock.advance(1)
    laptop.store.save_note(laptop.node("1.1"), author, "<p>筆電上的新內容</p>")
    result = merge_copy(laptop.store, desk.store, tmp_path, "revived.sqlite")
    assert result.counts["notes"].updated == 1
    assert desk.store.note(desk.node("1.1"), author).text == "筆電上的新內容"
    assert open_conflicts(desk.store) == []  # the deleted version had nothing to keep


@pytest.mark.parametrize(("choice", "expected"), [
    ("mine", "<p>桌機版</p>"),
    ("theirs", "<p>筆電版</p>"),
    ("both", "<p>桌機版</p><p>筆電版</p>"),
])
def test_resolving_a_conflict(pair, tmp_path, clock, choice, expected):
    desk, laptop = pair
    author = desk.author.id
    desk.store.save_note(desk.node("1.1"), author, "<p>桌機版</p>")
    laptop.store.save_note(laptop.node("1.1"), author, "<p>筆電版</p>")
    merge_copy(laptop.store, desk.store, tmp_path, "laptop-copy.sqlite")
    [conflict] = open_conflicts(desk.store)
    resolved = resolve_conflict(desk.store, conflict.id, choice)
    assert resolved.resolution == choice and resolved.resolved_at is not None
    assert desk.store.note(desk.node("1.1"), author).html == expected
    with pytest.raises(ValueError, match="already resolved"):
        resolve_conflict(desk.store, conflict.id, "mine")
    assert open_conflicts(desk.store, include_resolved=True)[0].resolution == choice
    # The resolution supersedes both versions: merging either side's copy again brings no new conflict.
    assert no_changes(merge_database(desk.store, tmp_path / "laptop-copy.sqlite"))
    result = merge_copy(desk.store, laptop.store, tmp_path, "resolved.sqlite")
    assert result.counts["notes"].conflicts == 0
    assert laptop.store.note(laptop.node("1.1"), author).html == expected


def test_an_unknown_resolution_is_refused(pair, tmp_path):
    desk, laptop = pair
    desk.store.save_note(desk.node("1.1"), desk.author.id, "<p>甲</p>")
    laptop.store.save_note(laptop.node("1.1"), laptop.author.id, "<p>乙</p>")
    merge_copy(laptop.store, desk.store, tmp_path, "laptop-copy.sqlite")
    [conflict] = open_conflicts(desk.store)
    with pytest.raises(ValueError, match="mine, theirs, both"):
        resolve_conflict(desk.store, conflict.id, "neither")
    assert open_conflicts(desk.store)[0].resolved_at is None


def test_highlight_comments_edited_on_both_sides_conflict_and_colours_do_not(pair, tmp_path, clock):
    desk, laptop = pair
    author = desk.author.id
    highlight = desk.store.add_highlight(desk.node("1.1.1"), author, 0, 4, comment_html="<p>原評語</p>")
    merge_copy(desk.store, laptop.store, tmp_path, "with-highlight.sqlite")
    desk.store.update_highlight(highlight.id, comment_html="<p>桌機評語</p>")
    laptop.store.update_highlight(highlight.id, comment_html="<p>筆電評語</p>", color="#AECBFA")
    result = merge_copy(laptop.store, desk.store, tmp_path, "laptop-copy.sqlite")
    assert result.counts["highlights"].conflicts == 1
    merged = desk.store.highlight(highlight.id)
    assert (merged.comment_text, merged.color) == ("筆電評語", "#AECBFA")
    [conflict] = open_conflicts(desk.store)
    assert conflict.kind == "highlight" and conflict.mine_text == "桌機評語"
    resolve_conflict(desk.store, conflict.id, "both")
    assert desk.store.highlight(highlight.id).comment_text == "桌機評語\n筆電評語"


def test_a_custom_dimension_travels_and_a_scale_only_widens(tmp_path, clock):
    alice = analyst_db(tmp_path / "alice.sqlite", "Alice")
    bob = analyst_db(tmp_path / "bob.sqlite", "Bob")
    urgency = bob.store.add_dimension("Urgency", 1, 7)
    bob.store.set_rating(bob.node("1.1"), urgency.id, bob.author.id, 7)
    alice.store.add_dimension("urgency", 1, 4)  # the same scale by name, narrower here
    alice.store.set_rating(alice.node("1.1"), alice.store.dimension("urgency").id, alice.author.id, 4)
    before = annotations(alice.store)
    # Widening a scale changes how everyone rates: not without the analyst's consent.
    with pytest.raises(DimensionsChanged, match=r"widens «urgency» from 1–4 to 1–7.*--accept-dimensions"):
        merge_copy(bob.store, alice.store, tmp_path, "bob-copy.sqlite")
    assert annotations(alice.store) == before
    assert merge_database(alice.store, tmp_path / "bob-copy.sqlite", dry_run=True).dimension_changes == [
        "widens «urgency» from 1–4 to 1–7"]
    result = merge_database(alice.store, tmp_path / "bob-copy.sqlite", accept_dimensions=True)
    assert result.counts["ratings"].added == 1
    merged = alice.store.dimension("Urgency")
    assert (merged.min, merged.max) == (1, 7)
    values = {r.author_id: r.value for r in alice.store.ratings(alice.node("1.1")) if r.dimension_id == merged.id}
    assert values == {alice.author.id: 4, bob.author.id: 7}


def test_a_tag_recoloured_later_on_one_side_takes_that_colour(tmp_path, clock):
    alice = analyst_db(tmp_path / "alice.sqlite", "Alice")
    bob = analyst_db(tmp_path / "bob.sqlite", "Bob")
    alice.store.add_node_tag(alice.node("1.1"), "Risk", alice.author.id)
    bob.store.add_node_tag(bob.node("1.1"), "RISK", bob.author.id)
    clock.advance(1)
    bob.store.set_tag_color(bob.store.tags()[0].id, "#123456")
    merge_copy(bob.store, alice.store, tmp_path, "bob-copy.sqlite")
    assert [(t.name, t.color) for t in alice.store.tags()] == [("Risk", "#123456")]
    assert sorted(t.author_id for t in alice.store.node_tags(alice.node("1.1"))) == sorted(
        [alice.author.id, bob.author.id])


def test_an_author_renamed_later_is_known_by_the_new_name(tmp_path, clock):
    alice = analyst_db(tmp_path / "alice.sqlite", "Alice")
    bob = analyst_db(tmp_path / "bob.sqlite", "Bob")
    merge_copy(alice.store, bob.store, tmp_path, "alice-1.sqlite")
    clock.advance(1)
    alice.store.ensure_author("Alice Chen", alice.author.id)
    merge_copy(alice.store, bob.store, tmp_path, "alice-2.sqlite")
    assert sorted(a.name for a in bob.store.authors()) == ["Alice Chen", "Bob"]


def small_report() -> ParsedReport:
    return ParsedReport("小型報告", [ParsedNode("一", "1", 1, "概況", "數字金融𠀀發展迅速😀。", [
        ParsedNode("1.1", "1.1", 2, "細節", "縣域網點持續增加。")])], source="small.txt")


def test_a_report_only_they_have_is_imported_with_its_annotations(tmp_path, clock):
    alice = analyst_db(tmp_path / "alice.sqlite", "Alice")
    bob = analyst_db(tmp_path / "bob.sqlite", "Bob")
    info, _ = bob.store.add_report(small_report())
    node = bob.store.find_node(info.id, "1")
    highlight = bob.store.add_highlight(node.id, bob.author.id, 4, 7, comment_html="<p>注意</p>")
    result = merge_copy(bob.store, alice.store, tmp_path, "bob-copy.sqlite")
    assert result.counts["reports"].added == 1 and result.counts["highlights"].added == 1
    assert [r.title for r in alice.store.reports()] == [alice.report.title, "小型報告"]
    assert [n.path for n in alice.store.nodes(info.id)] == ["1", "1.1"]
    merged = alice.store.highlight(highlight.id)
    assert merged.exact == "𠀀發展" and merged.comment_text == "注意"
    assert alice.store.search("縣域網點", report_id=info.id)[0].path == "1.1"


def test_a_database_of_the_previous_schema_merges(tmp_path, clock, monkeypatch):
    monkeypatch.setattr(migrations, "MIGRATIONS", migrations.MIGRATIONS[:1])
    # Writing as that version did: it had no editions to keep read-only.
    monkeypatch.setattr(Store, "_require_editable_node", Store._require_node)
    old = analyst_db(tmp_path / "old.sqlite", "Bob")
    old.store.save_note(old.node("1.1"), old.author.id, "<p>舊版本的筆記</p>")
    old.store.close()
    monkeypatch.undo()
    alice = analyst_db(tmp_path / "alice.sqlite", "Alice")
    result = merge_database(alice.store, tmp_path / "old.sqlite")
    assert result.counts["notes"].added == 1
    assert alice.store.note(alice.node("1.1"), old.author.id).text == "舊版本的筆記"
    assert no_changes(merge_database(alice.store, tmp_path / "old.sqlite"))


def test_a_read_only_database_only_allows_a_dry_run(tmp_path, clock):
    alice = analyst_db(tmp_path / "alice.sqlite", "Alice")
    bob = analyst_db(tmp_path / "bob.sqlite", "Bob")
    bob.store.save_note(bob.node("1.1"), bob.author.id, "<p>筆記</p>")
    copy = share_copy(bob.store, tmp_path / "bob-copy.sqlite")
    alice.store.close()
    with Store.open(tmp_path / "alice.sqlite", read_only=True) as reader:
        with pytest.raises(StoreError, match="read-only"):
            merge_database(reader, copy)
        assert merge_database(reader, copy, dry_run=True).counts["notes"].added == 1


def test_an_in_memory_database_merges_without_a_backup(tmp_path, clock):
    bob = analyst_db(tmp_path / "bob.sqlite", "Bob")
    bob.store.add_node_tag(bob.node("1.1"), "風險", bob.author.id)
    copy = share_copy(bob.store, tmp_path / "bob-copy.sqlite")
    with Store.memory() as memory:
        result = merge_database(memory, copy)
        assert result.backup is None and result.counts["node tags"].added == 1
        assert annotations(memory)["node_tags"] == annotations(bob.store)["node_tags"]
