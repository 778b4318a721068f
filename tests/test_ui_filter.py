"""The filter bar over the real sample: text (Chinese two-character words too), tag, rating, annotated."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from editor.importing import parse_report
from editor.store import Store
from editor.ui.outline.filter import TYPING_PAUSE_MS, FilterCriteria
from tests.reportgen import make_report
from tests.ui_helpers import (close_window, dialogs, node_by_path, open_window, press, reopen,  # noqa: F401
                              sample_db, select, type_text, window)


def _paths(window) -> list[str]:
    paths = {n.id: n.path for n in window.store.nodes(window.report_id)}
    return [paths[node_id] for node_id in window.visible_node_ids()]


def _ancestors_present(paths: list[str]) -> bool:
    shown = set(paths)
    return all(".".join(p.split(".")[:i]) in shown for p in paths for i in range(1, p.count(".") + 1))


def test_two_character_chinese_word_filters_with_ancestors(qtbot, window):
    press(qtbot, window, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    assert window.filter_bar.text_edit.hasFocus()
    type_text(qtbot, window.filter_bar.text_edit, "風險")
    window.filter_bar.flush()
    paths = _paths(window)
    expected = {n.path for n in window.store.nodes(window.report_id)
                if "風險" in n.title or "風險" in n.body}
    assert expected and expected <= set(paths)
    # Everything shown is a match or an ancestor of one.
    assert all(p in expected or any(e.startswith(p + ".") for e in expected) for p in paths)
    assert _ancestors_present(paths)
    assert "4.1" in paths and "4" in paths  # 4.1 風險防控現狀


def test_longer_phrase_and_note_text_match(qtbot, window):
    node = node_by_path(window, "7.2.1")
    window.store.save_note(node.id, window.author.id, "<p>縣域試點值得跟進</p>")
    type_text(qtbot, window.filter_bar.text_edit, "縣域試點")
    window.filter_bar.flush()
    assert _paths(window) == ["7", "7.2", "7.2.1"]


def test_tag_and_rating_filters_show_the_right_rows(qtbot, window):
    a, b = node_by_path(window, "2.3.1"), node_by_path(window, "5.1")
    author = window.author.id
    first = window.store.dimensions()[0].id
    select(window, "2.3.1")
    type_text(qtbot, window.inspector.tags.entry, "Risk")
    qtbot.keyClick(window.inspector.tags.entry, Qt.Key.Key_Return)
    window.tree.setFocus()
    press(qtbot, window.tree, Qt.Key.Key_2)
    select(window, "5.1")
    window.tree.setFocus()
    press(qtbot, window.tree, Qt.Key.Key_4)
    assert window.store.ratings(b.id, author_id=author)[0].dimension_id == first

    bar = window.filter_bar
    assert bar.tag_combo.findData("Risk") > 0  # the new tag is offered at once
    bar.tag_combo.setCurrentIndex(bar.tag_combo.findData("Risk"))
    assert _paths(window) == ["2", "2.3", "2.3.1"]
    bar.tag_combo.setCurrentIndex(0)
    bar.rating_combo.setCurrentIndex(bar.rating_index(3))
    assert _paths(window) == ["5", "5.1"]
    bar.rating_combo.setCurrentIndex(bar.rating_index(2))
    assert _paths(window) == ["2", "2.3", "2.3.1", "5", "5.1"]
    bar.rating_combo.setCurrentIndex(0)
    bar.annotated_check.setChecked(True)
    assert _paths(window) == ["2", "2.3", "2.3.1", "5", "5.1"]
    # Rating a visible row below the threshold drops it from a rating filter at once.
    bar.annotated_check.setChecked(False)
    bar.rating_combo.setCurrentIndex(bar.rating_index(3))
    select(window, "5.1")
    window.tree.setFocus()
    press(qtbot, window.tree, Qt.Key.Key_1)
    assert _paths(window) == []
    assert window.outline.no_match.isVisible()  # an empty tree says why
    bar.clear()
    assert not window.outline.no_match.isVisible()
    assert a.id  # used above


def test_clearing_the_filter_restores_the_outline_and_keeps_the_current_node(qtbot, window):
    node = select(window, "4.2.1")
    window.tree.collapseAll()
    select(window, "4.2.1")
    full = _paths(window)
    type_text(qtbot, window.filter_bar.text_edit, "監管")
    window.filter_bar.flush()
    assert len(_paths(window)) < len(full)
    window.filter_bar.clear()
    assert _paths(window) == full
    assert window.current_node_id() == node.id


def test_expansion_and_current_node_are_restored_on_reopen(qtbot, window):
    window.tree.collapseAll()
    node = select(window, "6.2.1")  # expands 六 and 6.2
    window.tree.setExpanded(window.proxy.mapFromSource(window.model.index_for_node_id(
        node_by_path(window, "9").id)), True)
    window = reopen(qtbot, window)
    assert window.current_node_id() == node.id
    expanded = {p for p in ("1", "6", "6.2", "9")
                if window.tree.isExpanded(window.proxy.mapFromSource(
                    window.model.index_for_node_id(node_by_path(window, p).id)))}
    assert expanded == {"6", "6.2", "9"}
    assert node.body in window.reading_pane.toPlainText()
    close_window(window)


def test_filter_keeps_ancestors_without_qt_walking_every_subtree(qtbot, window):
    # Ancestors come from the precomputed set, not from Qt's recursive filtering.
    assert not window.proxy.isRecursiveFilteringEnabled()
    window.apply_filter(FilterCriteria(text="縣域試點"))
    assert _paths(window) == []
    node = node_by_path(window, "7.2.1")
    window.store.save_note(node.id, window.author.id, "<p>縣域試點</p>")
    window.apply_filter(FilterCriteria(text="縣域試點"))
    assert _paths(window) == ["7", "7.2", "7.2.1"]
    assert window.tree.isExpanded(window.proxy.mapFromSource(window.model.index_for_node_id(
        node_by_path(window, "7.2").id)))


def test_a_rating_made_under_a_rating_filter_brings_in_the_node_with_its_ancestors(qtbot, window):
    bar = window.filter_bar
    bar.rating_combo.setCurrentIndex(bar.rating_index(4))
    assert _paths(window) == []
    node = node_by_path(window, "6.2.1")
    window.edits.set_rating(node.id, window.store.dimensions()[0].id, 5)
    assert _paths(window) == ["6", "6.2", "6.2.1"]
    window.undo()
    assert _paths(window) == []


def test_the_analysts_own_expansion_survives_a_filter(qtbot, window):
    window.collapse_all()
    chapter = node_by_path(window, "9")
    window.tree.setExpanded(window.proxy.mapFromSource(window.model.index_for_node_id(chapter.id)), True)
    type_text(qtbot, window.filter_bar.text_edit, "監管")
    window.filter_bar.flush()
    window.filter_bar.clear()
    assert window.outline.expanded_ids() == [chapter.id]
    assert window.tree.isExpanded(window.proxy.mapFromSource(window.model.index_for_node_id(chapter.id)))


def test_typing_quickly_filters_once_after_a_short_pause(qtbot, window):
    seen: list[str] = []
    window.filter_bar.criteriaChanged.connect(lambda criteria: seen.append(criteria.text))
    qtbot.keyClicks(window.filter_bar.text_edit, "Risk")
    assert seen == []  # nothing filtered while typing
    qtbot.waitUntil(lambda: seen == ["Risk"], timeout=2000)
    qtbot.wait(TYPING_PAUSE_MS + 50)
    assert seen == ["Risk"]


@pytest.fixture
def large_window(qtbot, tmp_path, dialogs):
    """The window on a generated report of 60 chapters (about 1,100 nodes), 800 pixels tall."""
    path = tmp_path / "large.sqlite"
    with Store.open(path) as store:
        store.add_report(parse_report(make_report(60).encode("utf-8"), source="generated.txt"))
    win = open_window(qtbot, path)
    win.resize(1000, 800)
    yield win
    close_window(win)


def test_broad_filter_shows_the_first_screen_at_once_and_opens_the_rest_between_events(qtbot, large_window):
    window = large_window
    window.apply_filter(FilterCriteria(text="風險"))
    assert window.is_revealing()  # hundreds of parents: only the first screenful is open yet
    open_now = [node_id for node_id in window.visible_node_ids() if window.model.children_of(node_id)
                and window.tree.isExpanded(window.proxy.mapFromSource(window.model.index_for_node_id(node_id)))]
    parents = [node_id for node_id in window.visible_node_ids() if window.model.children_of(node_id)
               and any(child.id in set(window.visible_node_ids()) for child in window.model.children_of(node_id))]
    assert 0 < len(open_now) < len(parents)
    assert open_now == parents[:len(open_now)]  # the top of the tree, in reading order
    # Clearing, or a new filter, while the rest is being opened takes over cleanly.
    window.filter_bar.clear()
    assert not window.is_revealing()
    window.apply_filter(FilterCriteria(text="風險"))
    window.apply_filter(FilterCriteria(text="監管"))
    qtbot.waitUntil(lambda: not window.is_revealing(), timeout=10000)
    shown = set(window.visible_node_ids())
    for node_id in shown:
        children = [child.id for child in window.model.children_of(node_id) if child.id in shown]
        if children:
            assert window.tree.isExpanded(window.proxy.mapFromSource(window.model.index_for_node_id(node_id)))
    matches = window.store.matching_node_ids("監管", window.report_id)
    assert matches and matches <= shown


def test_a_simplified_filter_finds_the_traditional_report_and_marks_the_words_as_written(qtbot, window):
    press(qtbot, window, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    type_text(qtbot, window.filter_bar.text_edit, "风险")
    window.filter_bar.flush()
    paths = _paths(window)
    expected = {n.path for n in window.store.nodes(window.report_id) if "風險" in n.title or "風險" in n.body}
    assert expected and expected <= set(paths)
    select(window, "4.1")
    marked = window.reading_pane.matches()
    assert marked and set(marked) == {"風險"}  # the Traditional characters as they stand in the text
    # Shown in Simplified, the same words are marked in Simplified.
    window.set_text_script("simplified")
    assert set(window.reading_pane.matches()) == {"风险"}
    window.filter_bar.text_edit.clear()
    window.filter_bar.flush()
    assert window.reading_pane.matches() == []
