"""A rating changed on both copies of a database is a conflict kept for review, like a note's text."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from PySide6.QtCore import Qt

from editor.cli import main
from editor.operations.sharing import reopen_conflict, resolve_conflict
from editor.store import Store
from editor.store.merge import merge_database, open_conflicts
from editor.store.sharing import share_copy
from editor.ui.conflicts_dialog import ConflictsDialog
from editor.ui.session import AnnotationSession
from tests.test_merge_support import Analyst, analyst_db, clock, merge_copy  # noqa: F401 - clock is a fixture

DATA = Path(__file__).parent / "data"


def rating(analyst: Analyst, path: str, dimension: str = "impact") -> int | None:
    dim = analyst.store.dimension(dimension).id
    values = [r.value for r in analyst.store.ratings(analyst.node(path), author_id=analyst.author.id)
              if r.dimension_id == dim]
    return values[0] if values else None


@pytest.fixture
def two_machines(tmp_path, clock):
    """Alice on her desktop and on her laptop: one exchange, then 1.1's Impact re-rated on both (laptop later)."""
    desk = analyst_db(tmp_path / "desk.sqlite", "Alice")
    laptop = analyst_db(tmp_path / "laptop.sqlite", "Alice", desk.author.id)
    impact = desk.store.dimension("impact").id
    a = desk.author.id
    desk.store.set_rating(desk.node("1.1"), impact, a, 3)
    desk.store.set_rating(desk.node("1.2"), impact, a, 2)
    merge_copy(desk.store, laptop.store, tmp_path, "to-laptop.sqlite")
    clock.advance(30)
    desk.store.set_rating(desk.node("1.1"), impact, a, 5)
    desk.store.set_rating(desk.node("1.2"), impact, a, 4)  # changed on the desktop only
    clock.advance(30)
    laptop.store.set_rating(laptop.node("1.1"), impact, a, 1)
    desk_copy = share_copy(desk.store, tmp_path / "desk-copy.sqlite")
    laptop_copy = share_copy(laptop.store, tmp_path / "laptop-copy.sqlite")
    yield desk, laptop, desk_copy, laptop_copy
    desk.store.close()
    laptop.store.close()


def test_a_rating_changed_on_both_copies_is_kept_for_review_not_silently_replaced(two_machines):
    desk, _laptop, _desk_copy, laptop_copy = two_machines
    result = merge_database(desk.store, laptop_copy)
    assert result.counts["ratings"].conflicts == 1
    # The newer value is the rating; the desktop's own 5 is set aside, not lost.
    assert rating(desk, "1.1") == 1
    [conflict] = open_conflicts(desk.store)
    assert (conflict.kind, conflict.node_path, conflict.dimension_name) == ("rating", "1.1", "Impact")
    assert (conflict.mine_text, conflict.theirs_text, conflict.other_side) == ("5", "1", "mine")
    # Changed on one side only: no conflict, the change travels.
    assert rating(desk, "1.2") == 4


def test_both_merge_orders_give_the_same_rating_conflict(two_machines):
    desk, laptop, desk_copy, laptop_copy = two_machines
    into_desk = merge_database(desk.store, laptop_copy)
    into_laptop = merge_database(laptop.store, desk_copy)
    assert into_desk.conflict_ids == into_laptop.conflict_ids and len(into_desk.conflict_ids) == 1
    assert rating(desk, "1.1") == rating(laptop, "1.1") == 1
    assert rating(desk, "1.2") == rating(laptop, "1.2") == 4
    # Merging again adds no second record of the same conflict.
    again = merge_database(desk.store, laptop_copy)
    assert again.counts["ratings"].conflicts == 0 and len(open_conflicts(desk.store)) == 1


def test_a_rating_re_rated_after_the_merge_is_not_a_conflict_again(two_machines, tmp_path, clock):
    desk, laptop, _desk_copy, laptop_copy = two_machines
    merge_database(desk.store, laptop_copy)
    [conflict] = open_conflicts(desk.store)
    resolve_conflict(desk.store, conflict.id, "mine")
    clock.advance(10)
    # The laptop receives the resolution (made on top of both values): it simply wins there.
    result = merge_copy(desk.store, laptop.store, tmp_path, "desk-after.sqlite")
    assert result.counts["ratings"].conflicts == 0
    assert rating(laptop, "1.1") == 5


def test_resolving_keeps_mine_or_theirs_is_undoable_and_refuses_both(two_machines):
    desk, _laptop, _desk_copy, laptop_copy = two_machines
    merge_database(desk.store, laptop_copy)
    [conflict] = open_conflicts(desk.store)
    with pytest.raises(ValueError, match="mine or theirs"):
        resolve_conflict(desk.store, conflict.id, "both")
    assert rating(desk, "1.1") == 1 and open_conflicts(desk.store)
    before, previous = resolve_conflict(desk.store, conflict.id, "mine").result
    assert rating(desk, "1.1") == 5 and open_conflicts(desk.store) == []
    reopen_conflict(desk.store, before, previous)
    assert rating(desk, "1.1") == 1 and [c.id for c in open_conflicts(desk.store)] == [conflict.id]
    resolve_conflict(desk.store, conflict.id, "theirs")
    assert rating(desk, "1.1") == 1
    assert open_conflicts(desk.store, include_resolved=True)[0].resolution == "theirs"


def test_a_cleared_rating_against_a_changed_one_is_a_conflict_showing_no_rating(tmp_path, clock):
    desk = analyst_db(tmp_path / "desk.sqlite", "Alice")
    laptop = analyst_db(tmp_path / "laptop.sqlite", "Alice", desk.author.id)
    impact, a = desk.store.dimension("impact").id, desk.author.id
    desk.store.set_rating(desk.node("1.1"), impact, a, 3)
    merge_copy(desk.store, laptop.store, tmp_path, "to-laptop.sqlite")
    desk.store.set_rating(desk.node("1.1"), impact, a, 4)
    clock.advance(5)
    laptop.store.set_rating(laptop.node("1.1"), impact, a, None)  # cleared later, on the laptop
    result = merge_copy(laptop.store, desk.store, tmp_path, "from-laptop.sqlite")
    assert result.counts["ratings"].conflicts == 1 and rating(desk, "1.1") is None
    [conflict] = open_conflicts(desk.store)
    assert conflict.kept_deleted and (conflict.mine_text, conflict.theirs_text) == ("4", "")
    resolve_conflict(desk.store, conflict.id, "mine")
    assert rating(desk, "1.1") == 4
    desk.store.close()
    laptop.store.close()


def test_copies_of_an_old_file_upgraded_apart_agree_on_their_ratings(tmp_path):
    # The rating the old file holds gets the same derived revision in both copies.
    for name in ("one.sqlite", "two.sqlite"):
        shutil.copyfile(DATA / "schema-v5.sqlite", tmp_path / name)
    with Store.open(tmp_path / "one.sqlite") as one, Store.open(tmp_path / "two.sqlite") as two:
        node = one.find_node(one.report().id, "1.1")
        author = next(a for a in one.authors() if a.name == "Alice")
        one.set_rating(node.id, one.dimension("impact").id, author.id, 2)  # changed in one copy only
        result = merge_database(two, share_copy(one, tmp_path / "one-copy.sqlite"))
        assert result.counts["ratings"].conflicts == 0 and result.counts["ratings"].updated == 1
        assert [r.value for r in two.ratings(node.id)] == [2]


def run(capsys, *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def test_the_command_line_lists_and_resolves_a_rating_conflict(two_machines, capsys):
    desk, _laptop, _desk_copy, laptop_copy = two_machines
    db = str(desk.store.path)
    desk.store.close()
    code, out, err = run(capsys, "--db", db, "--author", "Alice", "merge", str(laptop_copy))
    assert code == 0, err
    assert "ratings" in out and "1 in conflict" in out
    code, out, _err = run(capsys, "--db", db, "conflicts", "--json")
    [item] = json.loads(out)
    assert (item["kind"], item["dimension"], item["mine"], item["theirs"]) == ("rating", "Impact", "5", "1")
    code, out, _err = run(capsys, "--db", db, "conflicts")
    assert "Impact rating by Alice" in out and "mine:   5" in out and "theirs: 1" in out
    code, out, err = run(capsys, "--db", db, "resolve", item["id"], "--keep", "both")
    assert code == 2 and out == "" and err.strip() == "error: a rating keeps one value: resolve it with mine or theirs"
    code, out, err = run(capsys, "--db", db, "resolve", item["id"], "--keep", "mine")
    assert code == 0, err
    assert "rating conflict resolved, kept mine" in out
    with Store.open(Path(db)) as store:
        node = store.find_node(store.report().id, "1.1")
        assert [r.value for r in store.ratings(node.id, author_id=desk.author.id)
                if r.dimension_id == store.dimension("impact").id] == [5]
    desk.store = Store.open(Path(db))  # the fixture closes it


def test_the_review_dialog_shows_the_values_and_offers_no_both_for_a_rating(qtbot, two_machines):
    desk, _laptop, _desk_copy, laptop_copy = two_machines
    merge_database(desk.store, laptop_copy)
    dialog = ConflictsDialog(AnnotationSession(desk.store, desk.author))
    qtbot.addWidget(dialog)
    assert dialog.table.item(0, 3).text() == "Impact rating"
    assert dialog.mine_view.toPlainText() == "Impact: 5" and dialog.theirs_view.toPlainText() == "Impact: 1"
    assert not dialog.keep_both.isEnabled() and dialog.keep_mine.isEnabled()
    qtbot.mouseClick(dialog.keep_mine, Qt.MouseButton.LeftButton)
    assert rating(desk, "1.1") == 5 and dialog.table.rowCount() == 0
