"""Search in Chinese (two-character words too), the outline filter, and the tree's summaries."""

from __future__ import annotations

import pytest

from editor.store import Store
from tests.test_store_support import populated, small_report


@pytest.fixture
def ctx():
    with Store.memory() as store:
        info, alice = populated(store)
        yield store, info, alice


def paths(store, info, hits):
    return sorted({hit.path for hit in hits})


def test_two_character_chinese_words_are_found(ctx):
    store, _info, _alice = ctx
    hits = store.search("風險")
    # Titles of 2 ("風險控制與風險管理") and 2.1 ("信用風險"); bodies of 1.1 and 2.1.
    assert {(h.path, h.field) for h in hits} == {
        ("2", "title"), ("2.1", "title"), ("1.1", "body"), ("2.1", "body")}
    assert [(h.path, h.field) for h in hits][:2] == [("1.1", "body"), ("2", "title")]  # outline order
    assert [h.field for h in hits if h.path == "2.1"] == ["title", "body"]
    assert {h.path for h in store.search("移動")} == {"1.1.1", "1.2"}


def test_a_phrase_of_three_or_more_characters(ctx):
    store, _info, _alice = ctx
    assert {(h.path, h.field) for h in store.search("移動支付")} == {
        ("1.1.1", "title"), ("1.1.1", "body"), ("1.2", "body")}
    assert [h.path for h in store.search("下沉市場消費需求持續增長")] == ["1"]
    assert store.search("下沉市場消費需求持續減少") == []  # a phrase, not any of its trigrams


def test_single_characters_and_latin_are_found_ignoring_case(ctx):
    store, _info, _alice = ctx
    assert {h.path for h in store.search("險")} == {"1.1", "2", "2.1"}
    assert {h.path for h in store.search("regtech")} == {"1.1"}
    assert {h.path for h in store.search("Re")} == {"1.1"}


def test_note_and_comment_hits_say_where_they_matched(ctx):
    store, info, alice = ctx
    node = store.find_node(info.id, "1.2")
    store.save_note(node.id, alice.id, "<p>關注<b>普惠金融</b>政策的落地節奏</p>")
    highlight = store.add_highlight(node.id, alice.id, 0, 4, comment_html="<p>數據來源待核實</p>")
    assert [(h.path, h.field) for h in store.search("普惠金融")] == [("1.2", "note")]
    assert [(h.path, h.field) for h in store.search("待核實")] == [("1.2", "comment")]
    assert [(h.path, h.field) for h in store.search("普惠")] == [("1.2", "note")]
    # Removed annotations are no longer found.
    store.save_note(node.id, alice.id, "")
    store.delete_highlight(highlight.id)
    assert store.search("普惠金融") == [] and store.search("待核實") == [] and store.search("普惠") == []
    # Edited text is found by its new words only.
    store.save_note(node.id, alice.id, "<p>改為關注鄉村振興</p>")
    assert store.search("普惠金融") == [] and [h.field for h in store.search("鄉村振興")] == ["note"]


def test_a_hit_carries_its_node_and_a_short_snippet(ctx):
    store, info, alice = ctx
    node = store.find_node(info.id, "1.1")
    long_note = "前言" * 60 + "關鍵結論" + "後記" * 60
    store.save_note(node.id, alice.id, f"<p>{long_note}</p>")
    (hit,) = store.search("關鍵結論")
    assert (hit.node_id, hit.title, hit.field) == (node.id, node.title, "note")
    assert "關鍵結論" in hit.snippet
    assert hit.snippet.startswith("…") and hit.snippet.endswith("…")
    assert 55 <= len(hit.snippet.strip("…")) <= 60


def test_query_syntax_is_taken_literally(ctx):
    store, info, alice = ctx
    node = store.find_node(info.id, "1.2")
    store.save_note(node.id, alice.id, '<p>增長 50% 以上，"高風險" 客群 a_b OR c*</p>')
    for query in ('"高風險"', "50%", "a_b", "OR c*", "高風險\" 客", "%", "_"):
        assert [h.field for h in store.search(query)] == ["note"], query
    assert store.search("NEAR(") == [] and store.search("AND") == []


def test_blank_query_and_limit(ctx):
    store, _info, _alice = ctx
    assert store.search("") == [] and store.search("   ") == []
    assert len(store.search("金融")) > 2
    assert [h.path for h in store.search("金融", limit=2)] == [h.path for h in store.search("金融")][:2]


def test_search_within_one_report(ctx):
    store, info, _alice = ctx
    other, _ = store.add_report(small_report(title="另一份報告", extra="跨境電商"))
    assert len(store.search("移動支付的普及")) == 2
    hits = store.search("移動支付的普及", report_id=info.id)
    assert [h.node_id for h in hits] == [store.find_node(info.id, "1.1.1").id]
    assert store.search("跨境電商", report_id=info.id) == []
    assert len(store.search("跨境電商", report_id=other.id)) == 1


def test_scripts_can_rank_outline_hits_through_the_search_index(ctx):
    # An analyst's own query ranks by bm25(), which the outline's index serves without
    # stored column sizes; the index holds Simplified text, so a script asks in Simplified.
    store, _info, _alice = ctx
    rows = store.db.execute("SELECT n.path, bm25(nodes_fts) FROM nodes_fts JOIN nodes n ON n.rowid = nodes_fts.rowid"
                            " WHERE nodes_fts MATCH '\"移动支付\"'").fetchall()
    assert sorted(path for path, _score in rows) == ["1.1.1", "1.2"]
    assert all(score < 0 for _path, score in rows)


@pytest.mark.parametrize("query", ["風險", "移動支付", "待核實", "普惠", "險"])
def test_matching_node_ids_agrees_with_search(ctx, query):
    store, info, alice = ctx
    node = store.find_node(info.id, "1.2")
    store.save_note(node.id, alice.id, "<p>普惠金融</p>")
    store.add_highlight(store.find_node(info.id, "1").id, alice.id, 0, 2, comment_html="待核實")
    other, _ = store.add_report(small_report(title="另一份報告"))  # same text, other node ids
    expected = {h.node_id for h in store.search(query, report_id=info.id)}
    assert expected
    assert store.matching_node_ids(query, info.id) == expected
    assert store.matching_node_ids(query, info.id).isdisjoint(store.matching_node_ids(query, other.id))


def test_matching_node_ids_sees_annotation_changes(ctx):
    store, info, alice = ctx
    node = store.find_node(info.id, "2.1")
    assert store.matching_node_ids("鄉村振興", info.id) == set()
    store.save_note(node.id, alice.id, "<p>鄉村振興</p>")
    assert store.matching_node_ids("鄉村振興", info.id) == {node.id}
    assert store.matching_node_ids("振興", info.id) == {node.id}
    assert store.matching_node_ids(" ", info.id) == set()


@pytest.mark.parametrize("query", ["鄉村振興", "振興"])  # through the trigram index, and the short-word scan
def test_matching_node_ids_of_one_analysts_annotations(ctx, query):
    store, info, alice = ctx
    bob = store.ensure_author("Bob")
    noted, commented = store.find_node(info.id, "2.1"), store.find_node(info.id, "1.2")
    store.save_note(noted.id, bob.id, f"<p>{query}</p>")
    store.add_highlight(commented.id, alice.id, 0, 2, comment_html=f"<p>{query}</p>")
    assert store.matching_node_ids(query, info.id) == {noted.id, commented.id}
    assert store.matching_node_ids(query, info.id, alice.id) == {commented.id}
    assert store.matching_node_ids(query, info.id, bob.id) == {noted.id}
    assert store.matching_node_ids("農村", info.id, bob.id) == store.matching_node_ids("農村", info.id) != set()  # the text


def test_an_import_rolled_back_leaves_no_stale_filter_results(ctx):
    store, _info, _alice = ctx
    report = small_report(title="回滾的報告")
    with pytest.raises(RuntimeError), store.transaction():
        new, _ = store.add_report(report)
        assert store.matching_node_ids("移動支付", new.id)
        raise RuntimeError("cancelled")
    assert store.matching_node_ids("移動支付", new.id) == set()


def test_node_summaries_for_the_tree(ctx):
    store, info, alice = ctx
    bob = store.ensure_author("Bob")
    n11, n12, n2 = (store.find_node(info.id, p) for p in ("1.1", "1.2", "2"))
    impact, likelihood = store.dimension("Impact").id, store.dimension("Likelihood").id
    store.add_node_tag(n11.id, "risk", alice.id)
    store.add_node_tag(n11.id, "Policy", bob.id)
    store.add_node_tag(n11.id, "RISK", bob.id)
    store.set_rating(n11.id, impact, alice.id, 4)
    store.set_rating(n11.id, impact, bob.id, 2)
    store.set_rating(n12.id, likelihood, alice.id, 3)  # not the first dimension
    store.save_note(n12.id, bob.id, "<p>看法</p>")
    store.add_highlight(n11.id, bob.id, 0, 2)
    store.add_highlight(n11.id, alice.id, 3, 5)
    gone = store.add_highlight(n12.id, alice.id, 0, 1)
    store.delete_highlight(gone.id)
    store.add_node_tag(n2.id, "Watch", alice.id)
    store.remove_node_tag(n2.id, "Watch", alice.id)
    other, _ = store.add_report(small_report(title="另一份"))
    store.add_node_tag(store.find_node(other.id, "1").id, "Elsewhere", alice.id)

    summaries = store.node_summaries(info.id, alice.id)
    assert set(summaries) == {n11.id, n12.id}  # nothing live on 2; other report left out
    s11 = summaries[n11.id]
    assert s11.tag_names == ("Policy", "risk")
    assert s11.tag_colors == tuple(store.ensure_tag(name).color for name in ("Policy", "risk"))
    assert (s11.primary_rating, s11.has_note, s11.highlight_count) == (4, False, 2)
    s12 = summaries[n12.id]
    assert (s12.tag_names, s12.primary_rating, s12.has_note, s12.highlight_count) == ((), None, True, 0)
    assert store.node_summaries(info.id, bob.id)[n11.id].primary_rating == 2
    assert store.node_summaries(info.id, None)[n11.id].primary_rating is None

    # Colleagues' work hidden: only Alice's tags, notes and highlights count.
    own = store.node_summaries(info.id, alice.id, only_author=True)
    assert set(own) == {n11.id, n12.id}  # 1.2: her rating on the second dimension
    assert (own[n11.id].tag_names, own[n11.id].primary_rating, own[n11.id].has_note,
            own[n11.id].highlight_count) == (("risk",), 4, False, 1)
    assert (own[n12.id].has_note, own[n12.id].primary_rating) == (False, None)  # the note is Bob's
    bobs = store.node_summaries(info.id, bob.id, only_author=True)
    assert set(bobs) == {n11.id, n12.id}
    assert (bobs[n11.id].tag_names, bobs[n11.id].primary_rating, bobs[n11.id].highlight_count) == (
        ("Policy", "risk"), 2, 1)
    assert bobs[n12.id].has_note is True
