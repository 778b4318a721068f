"""Revised editions of the sample report: every annotation on the right text or an orphan, never on wrong text."""

from __future__ import annotations

import copy
import json
from pathlib import Path

import pytest

from editor.cli import main
from editor.core.editions import ORPHAN, EditionError
from editor.importing import read_report
from editor.operations.editions import (discard_orphan, import_edition, orphans, reattach_orphan, undo_discard,
                                        undo_reattach)
from editor.store import Store
from editor.store.base import ReadOnlyEditionError
from tests.editions_support import Revision, Sentence, revise, split_sentences, to_text
from tests.reportgen import make_report

DATA = Path(__file__).parent / "data"


def _annotated(report, seed: int = 7, **changes):
    """A store holding ``report`` with a highlight on every sentence and on a phrase inside some."""
    revision = revise(report, seed=seed, **changes)
    store = Store.memory()
    info, _ = store.add_report(report)
    alice = store.ensure_author("Alice")
    by_path = {n.path: n for n in store.nodes(info.id)}
    truth: dict[str, tuple[Sentence, int]] = {}  # highlight id -> (sentence, offset of the quote in it)
    with store.transaction():
        for i, s in enumerate(revision.sentences):
            node = by_path[s.old_node.path]
            h = store.add_highlight(node.id, alice.id, s.old_start, s.old_start + len(s.text),
                                    comment_html=f"<p>c{i}</p>")
            truth[h.id] = (s, 0)
            if len(s.text) > 16 and i % 3 == 0:  # a phrase inside the sentence, too
                at = 4
                h = store.add_highlight(node.id, alice.id, s.old_start + at, s.old_start + at + 8)
                truth[h.id] = (s, at)
    return store, info, alice, revision, truth


def _check_placements(store: Store, new_id: str, revision: Revision, truth: dict) -> dict[str, int]:
    """Assert no highlight is on wrong text; count outcomes."""
    new_paths = {n.id: n for n in store.nodes(new_id)}
    counts = {"placeable": 0, "placeable_placed": 0, "placed": 0, "orphans": 0}
    for p in store.placements(new_id):
        s, at = truth[p.quote_id]
        if s.fate in ("kept", "moved"):
            counts["placeable"] += 1
        if p.method == ORPHAN:
            counts["orphans"] += 1
            continue
        counts["placed"] += 1
        node = new_paths[p.node_id]
        assert s.new_node is not None, (s.fate, s.text, node.path, node.body[p.start:p.end])
        assert node.path == s.new_node.path, (s.fate, s.text, node.path, s.new_node.path)
        if s.fate in ("kept", "moved", "moved-edge"):
            assert (p.start, p.end) == (s.new_start + at, s.new_start + at + (p.end - p.start))
            assert node.body[p.start:p.end] == s.text[at:at + p.end - p.start]
            counts["placeable_placed"] += s.fate in ("kept", "moved")
        else:  # a light rewording: the highlight stays inside that sentence
            assert s.fate == "reworded", (s.fate, p.method)
            if p.method == "exact":  # a phrase the rewording left alone
                assert node.body[p.start:p.end] == s.text[at:at + p.end - p.start]
            assert s.new_start <= p.start and p.end <= s.new_start + len(s.new_text) + 2
    return counts


def test_highlights_of_the_sample_land_on_the_right_text_or_become_orphans():
    store, info, _alice, revision, truth = _annotated(read_report(DATA / "sample-report.txt"))
    summary = import_edition(store, revision.report, info.id).result
    counts = _check_placements(store, summary.new_report_id, revision, truth)
    assert counts["placed"] + counts["orphans"] == len(truth)
    assert counts["placeable_placed"] >= 0.97 * counts["placeable"], counts
    assert summary.highlights_fuzzy > 0 and summary.highlights_orphaned > 0
    assert summary.nodes_new >= len(revision.added)
    assert summary.nodes_matched + summary.nodes_removed == len(
        store.nodes(info.id))
    # Carried highlights keep what the analyst wrote, and the original stays where it was.
    placed = store.highlights(report_id=summary.new_report_id)
    assert {h.comment_text for h in placed} <= {h.comment_text for h in store.highlights(report_id=info.id)}


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_a_generated_report_full_of_repeated_sentences_gets_no_wrong_placement(seed):
    report = read_report_text(make_report(30, seed=seed))
    store, info, _alice, revision, truth = _annotated(report, seed=seed)
    summary = import_edition(store, revision.report, info.id).result
    counts = _check_placements(store, summary.new_report_id, revision, truth)
    assert counts["placeable_placed"] >= 0.97 * counts["placeable"], counts


@pytest.mark.parametrize("seed", [26, 28])
def test_a_heavily_revised_report_with_repeated_titles_gets_no_wrong_placement(seed):
    # A quarter of the sentences reworded, a tenth rewritten, 15 % deleted, 8 % of points
    # dropped: points that shared a title with a sibling once took each other's place.
    report = read_report_text(make_report(20, seed=seed))
    store, info, _alice, revision, truth = _annotated(report, seed=seed, reword=0.25, rewrite=0.1, delete=0.15,
                                                      move=0.08, drop_points=0.08)
    summary = import_edition(store, revision.report, info.id).result
    counts = _check_placements(store, summary.new_report_id, revision, truth)
    assert counts["placeable_placed"] >= 0.97 * counts["placeable"], counts


def read_report_text(text: str):
    from editor.importing import parse_report

    return parse_report(text.encode("utf-8"), source="generated.txt")


def test_notes_ratings_and_tags_follow_their_nodes():
    report = read_report(DATA / "sample-report.txt")
    revision = revise(report)
    store = Store.memory()
    info, _ = store.add_report(report)
    alice, bob = store.ensure_author("Alice"), store.ensure_author("Bob")
    impact = store.dimension("impact").id
    old_nodes = list(report.walk())
    by_path = {n.path: n for n in store.nodes(info.id)}
    expected = {}
    for i, parsed in enumerate(old_nodes):
        node = by_path[parsed.path]
        store.save_note(node.id, alice.id, f"<p>note {i}</p>")
        store.set_rating(node.id, impact, bob.id, 1 + i % 5)
        store.add_node_tag(node.id, f"t{i}", alice.id)
        expected[i] = revision.node_map[id(parsed)]
    summary = import_edition(store, revision.report, info.id).result
    new_by_path = {n.path: n for n in store.nodes(summary.new_report_id)}
    carried = 0
    for node in new_by_path.values():
        note = store.note(node.id, alice.id)
        if note is None:
            assert not store.ratings(node.id) and not store.node_tags(node.id)
            continue
        i = int(note.text.split()[1])
        # A note lands only on the node its node became (wholly rewritten points may stay behind).
        assert expected[i] is not None and expected[i].path == node.path, (old_nodes[i].path, node.path)
        assert [r.value for r in store.ratings(node.id)] == [1 + i % 5]
        assert [t.tag.name for t in store.node_tags(node.id)] == [f"t{i}"]
        carried += 1
    survivors = sum(1 for v in expected.values() if v is not None)
    assert carried >= 0.95 * survivors
    assert summary.notes == summary.ratings == summary.tags == carried


def test_the_old_edition_stays_unchanged_readable_and_read_only():
    store, info, alice, revision, _truth = _annotated(read_report(DATA / "sample-report.txt"))
    before_nodes = store.nodes(info.id)
    before_highlights = store.highlights(report_id=info.id)
    summary = import_edition(store, revision.report, info.id).result
    assert store.nodes(info.id) == before_nodes
    assert store.highlights(report_id=info.id) == before_highlights
    # The report list shows the current edition; the history reaches both.
    assert [r.id for r in store.reports()] == [summary.new_report_id]
    history = store.editions(info.id)
    assert [(e.edition, e.report.id, e.current) for e in history] == [
        (1, info.id, False), (2, summary.new_report_id, True)]
    assert store.current_edition(info.id).id == summary.new_report_id
    with pytest.raises(ReadOnlyEditionError):
        store.save_note(before_nodes[0].id, alice.id, "<p>late</p>")
    with pytest.raises(ReadOnlyEditionError):
        store.add_highlight(before_nodes[0].id, alice.id, 0, 2)
    with pytest.raises(EditionError):
        import_edition(store, revision.report, info.id)  # the same file twice


def test_reattach_an_orphan_undo_and_redo_and_discard_one():
    store, info, alice, revision, _truth = _annotated(read_report(DATA / "sample-report.txt"))
    new_id = import_edition(store, revision.report, info.id).result.new_report_id
    items = orphans(store, new_id)
    assert items and all(o.author == "Alice" for o in items)
    first, second = items[0], items[1]
    target = store.nodes(new_id)[0]
    changes = reattach_orphan(store, alice.id, new_id, first.old_highlight_id, target.id, 0, 5)
    assert changes.touches(target.id)
    placed = changes.result
    assert placed.exact == target.body[:5] and placed.comment_html == first.comment_html
    assert first.old_highlight_id not in {o.old_highlight_id for o in orphans(store, new_id)}
    undo_reattach(store, alice.id, new_id, first.old_highlight_id)
    assert placed.id not in {h.id for h in store.highlights(target.id)}
    assert first.old_highlight_id in {o.old_highlight_id for o in orphans(store, new_id)}
    redo = reattach_orphan(store, alice.id, new_id, first.old_highlight_id, target.id, 0, 5).result
    assert redo.id == placed.id and redo.id in {h.id for h in store.highlights(target.id)}
    discard_orphan(store, alice.id, new_id, second.old_highlight_id)
    assert second.old_highlight_id not in {o.old_highlight_id for o in orphans(store, new_id)}
    undo_discard(store, alice.id, new_id, second.old_highlight_id)
    assert second.old_highlight_id in {o.old_highlight_id for o in orphans(store, new_id)}
    bob = store.ensure_author("Bob")
    with pytest.raises(EditionError):
        discard_orphan(store, bob.id, new_id, second.old_highlight_id)


def test_cli_imports_an_edition_lists_orphans_and_exports_either_edition(tmp_path, capsys):
    db = str(tmp_path / "db.sqlite")
    sample = str(DATA / "sample-report.txt")
    assert main(["--db", db, "import", sample]) == 0
    old_id = capsys.readouterr().out.split()[0]
    assert main(["--db", db, "--author", "Alice", "highlight", "1.1.1", "--quote", "消費金融需求日益旺盛",
                 "--comment", "關鍵"]) == 0
    assert main(["--db", db, "--author", "Alice", "note", "1.2.1", "--text", "移動支付的筆記"]) == 0
    revised = tmp_path / "revised.txt"
    revised.write_text(to_text(revise(read_report(DATA / "sample-report.txt")).report), encoding="utf-8")
    capsys.readouterr()
    assert main(["--db", db, "import", str(revised), "--edition-of", old_id]) == 0
    out = capsys.readouterr().out
    new_id = out.split()[0]
    assert "edition 2" in out and "matched" in out and "orphaned" in out
    assert main(["--db", db, "orphans", "--json"]) == 0
    listed = json.loads(capsys.readouterr().out)
    assert listed["report"] == new_id
    assert [(o["old_path"], o["quote"], o["note"], o["author"]) for o in listed["orphans"]] == [
        ("1.1.1", "消費金融需求日益旺盛", "關鍵", "Alice")]  # its sentence was rewritten
    assert main(["--db", db, "orphans"]) == 0
    assert "quote: 消費金融需求日益旺盛" in capsys.readouterr().out
    for edition, wanted in ((None, new_id), ("1", old_id)):
        out_file = tmp_path / f"e{edition}.json"
        extra = ["--edition", edition] if edition else []
        assert main(["--db", db, "export", "json", "--out", str(out_file), "--report", old_id, *extra]) == 0
        assert json.loads(out_file.read_text(encoding="utf-8"))["report"]["id"] == wanted
    assert main(["--db", db, "export", "json", "--out", str(tmp_path / "x.json"), "--edition", "3"]) == 2
    assert "editions 1 to 2" in capsys.readouterr().err
    assert main(["--db", db, "editions", "--json"]) == 0
    history = json.loads(capsys.readouterr().out)
    assert [(e["edition"], e["id"], e["current"], e["orphans"]) for e in history] == [
        (1, old_id, False, 0), (2, new_id, True, 1)]
    # Annotating the old edition by id is refused with one line.
    assert main(["--db", db, "--author", "Alice", "note", "1.2.1", "--text", "x", "--report", old_id]) == 2
    assert "read-only" in capsys.readouterr().err


def test_a_colleagues_annotations_on_edition_one_follow_into_edition_two_on_merge(tmp_path):
    from editor.store.merge import merge_database
    from editor.store.sharing import share_copy

    report = read_report(DATA / "sample-report.txt")
    revision = revise(report)
    mine, theirs = Store.open(tmp_path / "mine.sqlite"), Store.open(tmp_path / "theirs.sqlite")
    info, _ = mine.add_report(report)
    theirs.add_report(report)
    bob = theirs.ensure_author("Bob")
    new_id = import_edition(mine, revision.report, info.id).result.new_report_id
    by_path = {n.path: n for n in theirs.nodes(info.id)}
    kept = next(s for s in revision.sentences if s.fate == "kept" and len(s.text) > 10)
    gone = next(s for s in revision.sentences if s.fate == "deleted")
    node = by_path[kept.old_node.path]
    theirs.add_highlight(node.id, bob.id, kept.old_start, kept.old_start + len(kept.text), comment_html="<p>b</p>")
    theirs.add_highlight(by_path[gone.old_node.path].id, bob.id, gone.old_start, gone.old_start + len(gone.text))
    theirs.save_note(node.id, bob.id, "<p>Bob's note</p>")
    merge_database(mine, share_copy(theirs, tmp_path / "shared.sqlite"))
    new_node = next(n for n in mine.nodes(new_id) if n.path == kept.new_node.path)
    (carried,) = [h for h in mine.highlights(new_node.id) if h.author_id == bob.id]
    assert (carried.exact, carried.comment_text) == (kept.text, "b")
    assert mine.note(new_node.id, bob.id).text == "Bob's note"
    assert [o.exact for o in mine.orphans(new_id) if o.author == "Bob"] == [gone.text]
    # Merging the same file again adds nothing more.
    before = len(mine.highlights(report_id=new_id))
    merge_database(mine, share_copy(theirs, tmp_path / "shared2.sqlite"))
    assert len(mine.highlights(report_id=new_id)) == before
    mine.close()
    theirs.close()


def test_split_sentences_keeps_every_character():
    body = "第一句。第二句！第三句沒有句號"
    assert "".join(text for _start, text in split_sentences(body)) == body


def test_an_edition_typeset_with_full_width_punctuation_keeps_every_highlight_in_place():
    report = read_report(DATA / "sample-report.txt")
    store = Store.memory()
    info, _ = store.add_report(report)
    alice = store.ensure_author("Alice")
    node = store.find_node(info.id, "1.2.1")
    start = node.body.index("農村居民通過移動支付")
    store.add_highlight(node.id, alice.id, start, node.body.index("。", start) + 1)
    revised = copy.deepcopy(report)
    revised.title += "(全角版)"
    for parsed in revised.walk():
        parsed.body = parsed.body.replace(",", "，")
        parsed.title = parsed.title.replace(",", "，")
    summary = import_edition(store, revised, info.id).result
    assert summary.highlights_orphaned == 0 and summary.highlights_exact == 1
    (carried,) = store.highlights(report_id=summary.new_report_id)
    new_node = store.find_node(summary.new_report_id, "1.2.1")
    assert carried.node_id == new_node.id
    assert carried.exact == new_node.body[carried.start:carried.end] == "農村居民通過移動支付進行購物、繳費、轉賬等日常消費，極大地方便了生活。"
