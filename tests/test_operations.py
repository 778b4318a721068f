"""The operations layer: the command line and the window follow the same rules and write the same rows.

Also: a merge and a conflict resolution are undo steps that put the database back exactly.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from editor.cli import main
from editor.operations.changes import EVERYTHING, NOTHING, Changes, on_nodes
from editor.store import Store
from editor.store.sharing import share_copy
from editor.ui.merge_dialog import MergeDialog
from tests.test_merge_support import analyst_db, clock, merge_copy, whole_database  # noqa: F401
from tests.ui_helpers import AUTHOR, close_window, dialogs, import_sample, open_window  # noqa: F401

COLLEAGUE = "Bo Colleague"


def rows_without_times(path: Path) -> dict[str, list[tuple]]:
    """Every annotation row of a database file, its timestamps and revision ids left out."""
    with Store.open(path, read_only=True) as store:
        return {
            "tags": sorted((t.name, t.color) for t in store.tags()),
            "node_tags": sorted((n.path, nt.tag.name, nt.author_id)
                                for report in store.reports() for n in store.nodes(report.id)
                                for nt in store.node_tags(n.id)),
            "highlights": sorted((h.id, h.author_id, h.start, h.end, h.color, h.comment_text)
                                 for h in store.highlights()),
            "notes": sorted((n.node_id, n.author_id, n.text) for n in store.notes()),
            "ratings": sorted((r.node_id, r.dimension_id, r.author_id, r.value) for r in store.ratings()),
        }


def stamp_of_tag_link(path: Path, node_path: str) -> list[str]:
    """When each live tag link of a node was last written: a no-op edit must not move it."""
    with Store.open(path, read_only=True) as store:
        report = store.reports()[0]
        node = store.find_node(report.id, node_path)
        return [nt.updated_at for nt in store.node_tags(node.id)]


@pytest.fixture
def twins(tmp_path, sample_path):
    """Two identical databases: 'Risk' on 1.1 by the analyst, a colleague's highlight on 1.1.1."""
    first = tmp_path / "cli.sqlite"
    report_id = import_sample(first, sample_path)
    with Store.open(first) as store:
        me = store.ensure_author(AUTHOR)
        store.set_meta("author_id", me.id)
        bo = store.ensure_author(COLLEAGUE)
        store.add_node_tag(store.find_node(report_id, "1.1").id, "Risk", me.id)
        highlight = store.add_highlight(store.find_node(report_id, "1.1.1").id, bo.id, 0, 4)
    second = tmp_path / "window.sqlite"
    shutil.copy(first, second)
    return first, second, highlight.id


def test_the_command_line_and_the_window_write_the_same_rows(qtbot, capsys, dialogs, twins):
    cli_db, window_db, colleague_highlight = twins

    # The command line: a tag in other letter case, the same tag again, a colleague's highlight.
    assert main(["--db", str(cli_db), "--author", AUTHOR, "tag", "1.2", "risk"]) == 0
    tagged_at = stamp_of_tag_link(cli_db, "1.2")
    assert main(["--db", str(cli_db), "--author", AUTHOR, "tag", "1.2", "RISK"]) == 0
    assert stamp_of_tag_link(cli_db, "1.2") == tagged_at  # a no-op writes nothing
    assert main(["--db", str(cli_db), "--author", AUTHOR, "unhighlight", colleague_highlight]) == 2
    assert "belongs to a colleague" in capsys.readouterr().err

    # The window, through the same requests its panels make.
    window = open_window(qtbot, window_db, AUTHOR)
    node = window.store.find_node(window.report_id, "1.2")
    window.edits.add_tag(node.id, "risk")
    window_tagged_at = [nt.updated_at for nt in window.store.node_tags(node.id)]
    window.edits.add_tag(node.id, "RISK")
    assert [nt.updated_at for nt in window.store.node_tags(node.id)] == window_tagged_at
    assert window.session.undo_stack.count() == 1  # the no-op left no undo step either
    window.edits.delete_highlight(colleague_highlight)
    assert "belongs to a colleague" in window.session.last_error
    close_window(window)

    cli_rows, window_rows = rows_without_times(cli_db), rows_without_times(window_db)
    assert cli_rows == window_rows
    assert [name for name, _color in cli_rows["tags"]] == ["Risk"]  # one tag, its first spelling
    assert [h[0] for h in cli_rows["highlights"]] == [colleague_highlight]  # still there, both ways


def test_undo_after_a_merge_restores_the_database_exactly(qtbot, tmp_path, clock, dialogs):
    alice = analyst_db(tmp_path / "alice.sqlite", "Alice")
    bob = analyst_db(tmp_path / "bob.sqlite", "Bob")
    bob.store.save_note(bob.node("1.2"), bob.author.id, "<p>Bob 的筆記</p>")
    bob.store.add_node_tag(bob.node("2.1"), "機會", bob.author.id)
    theirs = share_copy(bob.store, tmp_path / "bob-share.sqlite")
    bob.store.close()
    alice.store.close()

    window = open_window(qtbot, tmp_path / "alice.sqlite", "Alice")
    point = window.store.find_node(window.report_id, "1.1")
    window.edits.add_tag(point.id, "Demand")  # an edit before the merge, to undo after it
    before = whole_database(window.store)
    dialog = MergeDialog(window.session, theirs, window)
    qtbot.addWidget(dialog)
    dialog.run_merge()
    assert dialog.merge_result is not None and dialog.merge_result.counts["notes"].added == 1
    merged = whole_database(window.store)
    assert merged != before
    assert window.session.undo_stack.count() == 2

    window.undo()
    assert whole_database(window.store) == before
    section = window.store.find_node(window.report_id, "2.1")
    assert window.model.summary(section.id) is None  # the tree dropped the colleague's tag
    window.redo()
    assert whole_database(window.store) == merged
    assert "機會" in window.model.summary(section.id).tag_names
    window.undo()
    window.undo()  # the edit made before the merge is still undoable
    assert window.store.node_tags(point.id) == []
    close_window(window)


def test_resolving_a_conflict_is_undoable(qtbot, tmp_path, clock, dialogs):
    from editor.ui.conflicts_dialog import ConflictsDialog

    alice = analyst_db(tmp_path / "alice.sqlite", "Alice")
    laptop = analyst_db(tmp_path / "laptop.sqlite", "Alice", alice.author.id)
    alice.store.save_note(alice.node("1.1"), alice.author.id, "<p>起點</p>")
    merge_copy(alice.store, laptop.store, tmp_path, "to-laptop.sqlite")
    alice.store.save_note(alice.node("1.1"), alice.author.id, "<p>桌機版</p>")
    laptop.store.save_note(laptop.node("1.1"), alice.author.id, "<p>筆電版</p>")
    merge_copy(laptop.store, alice.store, tmp_path, "from-laptop.sqlite")
    laptop.store.close()
    node_id, alice_id = alice.node("1.1"), alice.author.id
    alice.store.close()

    window = open_window(qtbot, tmp_path / "alice.sqlite", "Alice")
    note_before = window.store.note(node_id, alice_id).html
    dialog = ConflictsDialog(window.session, window)
    qtbot.addWidget(dialog)
    dialog.keep_both.click()
    assert window.store.note(node_id, alice_id).html == "<p>桌機版</p><p>筆電版</p>"
    assert dialog.table.rowCount() == 0
    window.undo()
    assert window.store.note(node_id, alice_id).html == note_before
    dialog.reload()
    assert dialog.table.rowCount() == 1  # open for review again
    window.redo()
    assert window.store.note(node_id, alice_id).html == "<p>桌機版</p><p>筆電版</p>"
    close_window(window)


def test_conflicts_and_resolve_on_the_command_line(tmp_path, clock, capsys):
    alice = analyst_db(tmp_path / "alice.sqlite", "Alice")
    laptop = analyst_db(tmp_path / "laptop.sqlite", "Alice", alice.author.id)
    alice.store.save_note(alice.node("1.1"), alice.author.id, "<p>起點</p>")
    merge_copy(alice.store, laptop.store, tmp_path, "to-laptop.sqlite")
    alice.store.save_note(alice.node("1.1"), alice.author.id, "<p>桌機版</p>")
    laptop.store.save_note(laptop.node("1.1"), alice.author.id, "<p>筆電版</p>")
    merge_copy(laptop.store, alice.store, tmp_path, "from-laptop.sqlite")
    laptop.store.close()
    node_id = alice.node("1.1")
    alice.store.close()
    db = str(tmp_path / "alice.sqlite")

    assert main(["--db", db, "conflicts", "--json"]) == 0
    import json
    [item] = json.loads(capsys.readouterr().out)
    assert {item["mine"], item["theirs"]} == {"桌機版", "筆電版"}
    assert main(["--db", db, "resolve", item["id"], "--keep", "theirs"]) == 0
    assert "kept theirs" in capsys.readouterr().out
    assert main(["--db", db, "conflicts"]) == 0
    assert capsys.readouterr().out.strip() == "no conflicts to review"
    assert main(["--db", db, "resolve", item["id"], "--keep", "mine"]) == 2  # already resolved
    assert "already resolved" in capsys.readouterr().err
    with Store.open(tmp_path / "alice.sqlite", read_only=True) as store:
        assert store.note(node_id, store.authors()[0].id).text == item["theirs"]


def test_changes_combine_and_say_what_a_view_must_reread():
    assert NOTHING.empty and not on_nodes("a").empty
    both = on_nodes("a") | Changes(vocabulary=True, result=3)
    assert both.nodes == {"a"} and both.vocabulary and both.result == 3
    assert both.touches("a") and not both.touches("b")
    assert EVERYTHING.touches("b") and not EVERYTHING.empty
