"""Highlights: code-point offsets (non-BMP characters included), quotes, comments, undoable deletes."""

from __future__ import annotations

import pytest

from editor.core.errors import NotFoundError
from editor.store import Store
from tests.test_store_support import BODY_1_1, populated


@pytest.fixture
def ctx():
    with Store.memory() as store:
        info, alice = populated(store)
        yield store, info, store.find_node(info.id, "1.1"), alice


def test_offsets_count_code_points_across_non_bmp_characters(ctx):
    store, _info, node, alice = ctx
    # After 𠀀 (U+20000) and 😀: UTF-16 offsets would be off by one and two here.
    start, end = store.find_quote(node.id, "風險控制是關鍵")
    assert (start, end) == (BODY_1_1.index("風險控制"), BODY_1_1.index("風險控制") + 7)
    assert BODY_1_1[:start].count("😀") == 1 and BODY_1_1[:start].count("𠀀") == 1
    highlight = store.add_highlight(node.id, alice.id, start, end)
    assert highlight.exact == "風險控制是關鍵"
    assert highlight.prefix == BODY_1_1[max(0, start - 32):start]
    assert highlight.prefix.endswith("需求😀。")
    assert highlight.suffix == BODY_1_1[end:end + 32]
    assert store.highlight(highlight.id) == highlight


def test_a_highlight_can_cover_the_non_bmp_characters_themselves(ctx):
    store, _info, node, alice = ctx
    start = BODY_1_1.index("𠀀")
    highlight = store.add_highlight(node.id, alice.id, start, start + 1)
    assert highlight.exact == "𠀀"
    emoji = BODY_1_1.index("😀")
    assert store.add_highlight(node.id, alice.id, emoji, emoji + 1).exact == "😀"


def test_prefix_and_suffix_are_at_most_32_characters(ctx):
    store, _info, node, alice = ctx
    highlight = store.add_highlight(node.id, alice.id, 40, 42)
    assert len(highlight.prefix) == 32 and len(highlight.suffix) == min(32, len(BODY_1_1) - 42)
    at_start = store.add_highlight(node.id, alice.id, 0, 3)
    assert at_start.prefix == "" and at_start.exact == BODY_1_1[:3]


@pytest.mark.parametrize("start, end", [(5, 5), (6, 5), (-1, 3), (0, len(BODY_1_1) + 1), (0.5, 3)])
def test_empty_or_out_of_range_spans_are_refused(ctx, start, end):
    store, _info, node, alice = ctx
    with pytest.raises(ValueError):
        store.add_highlight(node.id, alice.id, start, end)
    assert store.highlights() == []


def test_a_node_without_body_is_highlighted_in_its_title(ctx):
    store, info, node, alice = ctx
    chapter_two = store.find_node(info.id, "2")  # "風險控制與風險管理", no body
    start, end = store.find_quote(chapter_two.id, "風險管理")
    assert (start, end) == (5, 9)
    highlight = store.add_highlight(chapter_two.id, alice.id, start, end)
    assert (highlight.exact, highlight.prefix, highlight.suffix) == ("風險管理", "風險控制與", "")
    assert store.highlights(chapter_two.id) == [highlight]
    with pytest.raises(ValueError, match="9 characters"):
        store.add_highlight(chapter_two.id, alice.id, 0, 10)
    # A node with a body keeps quoting its body only: its title is not searched.
    with pytest.raises(NotFoundError):
        store.find_quote(node.id, "產品多樣化")


def test_colour_and_comment_are_validated_and_sanitised(ctx):
    store, _info, node, alice = ctx
    highlight = store.add_highlight(node.id, alice.id, 0, 4, color="#a0c4ff",
                                    comment_html="<p>重要<script>x()</script><img src=x></p>")
    assert highlight.color == "#A0C4FF"
    assert highlight.comment_html == "<p>重要</p>" and highlight.comment_text == "重要"
    assert store.add_highlight(node.id, alice.id, 0, 4).color == "#FFE066"
    with pytest.raises(ValueError, match="#RRGGBB"):
        store.add_highlight(node.id, alice.id, 0, 4, color="yellow")


def test_find_quote_tolerates_white_space_and_case_and_reports_absence(ctx):
    store, _info, node, _alice = ctx
    start, end = store.find_quote(node.id, "監管科技(regtech)")
    assert BODY_1_1[start:end] == "監管科技(RegTech)"
    start, end = store.find_quote(node.id, "風險控制\n是關鍵")
    assert BODY_1_1[start:end] == "風險控制是關鍵"
    with pytest.raises(NotFoundError) as caught:
        store.find_quote(node.id, "完全不存在的句子")
    assert "完全不存在的句子" in str(caught.value) and "1.1" in str(caught.value)
    with pytest.raises(ValueError):
        store.find_quote(node.id, "  ")


def test_update_highlight(ctx):
    store, _info, node, alice = ctx
    highlight = store.add_highlight(node.id, alice.id, 0, 4)
    updated = store.update_highlight(highlight.id, comment_html="<b>關鍵</b>")
    assert updated.comment_html == "<b>關鍵</b>" and updated.comment_text == "關鍵"
    assert updated.color == highlight.color and updated.created_at == highlight.created_at
    assert updated.updated_at > highlight.updated_at
    recoloured = store.update_highlight(highlight.id, color="#caffbf")
    assert recoloured.color == "#CAFFBF" and recoloured.comment_text == "關鍵"
    assert store.update_highlight(highlight.id, color="#CAFFBF") == recoloured  # no change, no write
    with pytest.raises(NotFoundError):
        store.update_highlight("missing", color="#000000")


def test_delete_and_restore_are_tombstones(ctx):
    store, _info, node, alice = ctx
    keep = store.add_highlight(node.id, alice.id, 10, 12)
    gone = store.add_highlight(node.id, alice.id, 0, 4)
    assert [h.id for h in store.highlights(node.id)] == [gone.id, keep.id]  # by start
    store.delete_highlight(gone.id)
    store.delete_highlight(gone.id)  # twice is fine
    assert [h.id for h in store.highlights(node.id)] == [keep.id]
    with pytest.raises(NotFoundError, match="deleted"):
        store.highlight(gone.id)
    with pytest.raises(NotFoundError, match="deleted"):
        store.update_highlight(gone.id, color="#000000")
    row = store.db.execute("SELECT deleted_at, updated_at FROM highlights WHERE id = ?", (gone.id,)).fetchone()
    assert row[0] is not None and row[1] > gone.updated_at
    restored = store.restore_highlight(gone.id)
    assert restored.created_at == gone.created_at and restored.updated_at > row[1]
    assert (restored.start, restored.end, restored.exact) == (gone.start, gone.end, gone.exact)
    assert [h.id for h in store.highlights(node.id)] == [gone.id, keep.id]
    for call in (store.delete_highlight, store.restore_highlight, store.highlight):
        with pytest.raises(NotFoundError):
            call("missing")


def test_adding_with_a_known_id_revives_instead_of_duplicating(ctx):
    store, info, node, alice = ctx
    original = store.add_highlight(node.id, alice.id, 0, 4, highlight_id="h-fixed")
    store.delete_highlight("h-fixed")
    again = store.add_highlight(node.id, alice.id, 2, 6, highlight_id="h-fixed")
    assert again.id == "h-fixed" and again.exact == BODY_1_1[2:6]
    assert again.created_at == original.created_at
    assert store.db.execute("SELECT count(*) FROM highlights").fetchone()[0] == 1
    with pytest.raises(ValueError, match="another node"):
        store.add_highlight(store.find_node(info.id, "1.2").id, alice.id, 0, 2, highlight_id="h-fixed")


def test_highlights_by_report_in_reading_order(ctx):
    store, info, node, alice = ctx
    leaf = store.find_node(info.id, "1.1.1")
    chapter = store.find_node(info.id, "1")
    store.add_highlight(leaf.id, alice.id, 0, 2)
    store.add_highlight(node.id, alice.id, 5, 7)
    store.add_highlight(chapter.id, alice.id, 3, 4)
    store.add_highlight(node.id, alice.id, 1, 2)
    assert [(h.node_id, h.start) for h in store.highlights(report_id=info.id)] == [
        (chapter.id, 3), (node.id, 1), (node.id, 5), (leaf.id, 0)]


def test_add_highlight_validates_ids(ctx):
    store, _info, node, alice = ctx
    with pytest.raises(NotFoundError, match="no node"):
        store.add_highlight("missing", alice.id, 0, 1)
    with pytest.raises(NotFoundError, match="unknown author"):
        store.add_highlight(node.id, "nobody", 0, 1)
    with pytest.raises(NotFoundError, match="no node"):
        store.find_quote("missing", "x")
