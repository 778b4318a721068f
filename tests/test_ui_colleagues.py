"""View › Colleagues' annotations: shown read-only with their analyst's name, or hidden everywhere."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from editor.ui.outline.model import Column, Roles
from tests.ui_helpers import (close_window, dialogs, node_by_path, open_window, reopen, sample_db,  # noqa: F401
                              select, type_text)

COLLEAGUE = "Bo Colleague"


@pytest.fixture
def shared(qtbot, sample_db, dialogs):
    """The window on a database where a colleague annotated 1.1.1 (beside the analyst) and 2.1 (alone)."""
    window = open_window(qtbot, sample_db)
    store = window.store
    me, bo = window.author.id, store.ensure_author(COLLEAGUE).id
    point, section = node_by_path(window, "1.1.1"), node_by_path(window, "2.1")
    store.add_node_tag(point.id, "Demand", me)
    store.add_node_tag(point.id, "Evidence", bo)
    store.set_rating(point.id, store.dimensions()[0].id, bo, 2)
    store.save_note(point.id, bo, "<p>Strong evidence in the examples</p>")
    mine = store.add_highlight(point.id, me, 0, 4, comment_html="<p>my quote</p>")
    theirs = store.add_highlight(point.id, bo, 6, 12, color="#A5D8FF")
    store.add_node_tag(section.id, "Policy", bo)
    window.reload()  # reread: the colleague's name and work
    yield window, point, section, mine, theirs
    close_window(window)


def _tags(window, node) -> list[str]:
    return [name for name, _color in window.model.index_for_node_id(node.id, Column.Tags).data(Roles.Tags)]


def test_colleagues_work_is_shown_with_their_name_and_read_only(shared):
    window, point, section, mine, theirs = shared
    assert window.actions.show_colleagues.isChecked()
    assert not window.status.colleagues.isVisible()
    assert _tags(window, point) == ["Demand", "Evidence"] and _tags(window, section) == ["Policy"]
    assert window.model.index_for_node_id(point.id, Column.Marks).data(Roles.Marks) == (True, 2)
    select(window, "1.1.1")
    inspector = window.inspector
    chips = {chip.name: chip for chip in inspector.tags.tags()}
    assert chips["Evidence"].added_by == COLLEAGUE and not chips["Evidence"].removable
    assert chips["Demand"].removable
    assert inspector.colleague_notes.texts() == [f"Note by {COLLEAGUE}\nStrong evidence in the examples"]
    assert inspector.ratings.colleagues_text(window.store.dimensions()[0].id) == f"{COLLEAGUE} 2"
    assert not inspector.note.editor.isReadOnly()  # the analyst's own note stays editable
    # The colleague's highlight is drawn, says whose it is, and cannot be changed.
    assert window.reading_pane.highlight_range(theirs.id) is not None
    assert window.reading_pane.tooltip_for(theirs) == f"Highlighted by {COLLEAGUE}"
    items = inspector.highlights.list
    assert items.item(1).text().endswith(f"by {COLLEAGUE}") and COLLEAGUE in items.item(1).toolTip()
    inspector.highlights.select(theirs.id)
    assert inspector.highlights.comment.isReadOnly() and not inspector.highlights.delete_button.isEnabled()
    assert not inspector.highlights.tags.entry.isVisible()
    inspector.highlights.select(mine.id)
    assert not inspector.highlights.comment.isReadOnly() and inspector.highlights.delete_button.isEnabled()


def test_hiding_colleagues_shows_only_my_annotations_everywhere(qtbot, shared):
    window, point, section, mine, theirs = shared
    select(window, "1.1.1")
    window.actions.show_colleagues.trigger()
    assert not window.actions.show_colleagues.isChecked()
    assert window.status.colleagues.isVisible()
    # Tree: a node only the colleague annotated looks untouched; mine shows my tag and one highlight.
    assert _tags(window, point) == ["Demand"] and _tags(window, section) == []
    assert window.model.summary(section.id) is None
    assert window.model.index_for_node_id(point.id, Column.Marks).data(Roles.Marks) == (False, 1)
    # Reading pane and inspector.
    assert window.reading_pane.highlight_range(theirs.id) is None
    assert window.reading_pane.highlight_range(mine.id) is not None
    inspector = window.inspector
    assert [chip.name for chip in inspector.tags.tags()] == ["Demand"]
    assert not inspector.colleague_notes.isVisible()
    assert [entry.highlight.id for entry in inspector.highlights.entries()] == [mine.id]
    assert inspector.ratings.colleagues_text(window.store.dimensions()[0].id) == ""
    # The annotated-only filter follows what is shown.
    window.filter_bar.annotated_check.setChecked(True)
    assert section.id not in window.visible_node_ids() and point.id in window.visible_node_ids()
    window.filter_bar.clear()
    # Edits made meanwhile are counted the same way.
    select(window, "2.1")
    type_text(qtbot, inspector.tags.entry, "Mine too")
    qtbot.keyClick(inspector.tags.entry, Qt.Key.Key_Return)
    assert _tags(window, section) == ["Mine too"]
    # The choice is remembered.
    window = reopen(qtbot, window)
    assert not window.actions.show_colleagues.isChecked() and not window.session.show_colleagues
    assert _tags(window, point) == ["Demand"]
    window.actions.show_colleagues.trigger()
    assert _tags(window, section) == ["Mine too", "Policy"]
    assert window.settings.show_colleagues()
    close_window(window)


def test_a_colleagues_highlight_cannot_be_changed_by_any_route(shared):
    window, point, _section, _mine, theirs = shared
    before = window.store.highlight(theirs.id)
    window.edits.delete_highlight(theirs.id)
    window.edits.recolor_highlight(theirs.id, "#FFE066")
    window.edits.comment_highlight(theirs.id, "<p>mine now</p>")
    window.edits.tag_highlight(theirs.id, "Hijacked")
    assert window.store.highlight(theirs.id) == before
    assert window.store.highlight_tags(theirs.id) == []
    assert window.store.highlights(point.id)[-1].id == theirs.id
    assert "colleague" in window.status.save_text()
    assert not window.session.undo_stack.canUndo()


def test_reading_pane_offers_no_edits_on_a_colleagues_highlight(shared):
    window, _point, _section, mine, theirs = shared
    select(window, "1.1.1")
    pane = window.reading_pane
    for highlight, editable in ((theirs, False), (mine, True)):
        start, _end = pane.highlight_range(highlight.id)
        pos = pane.cursorRect(_cursor_at(pane, start + 1)).center()
        texts = [action.text() for action in pane.build_context_menu(pos).actions()]
        assert "Show highlight in inspector" in texts
        assert ("Delete highlight" in texts) is editable


def _cursor_at(pane, position: int):
    cursor = pane.textCursor()
    cursor.setPosition(position)
    return cursor


def test_one_node_summaries_agree_with_the_report_wide_ones(shared):
    """After an edit the tree re-reads one node; it must draw what a full reload would draw."""
    window, *_ = shared
    store, me = window.store, window.author.id
    for only_author in (False, True):
        report_wide = store.node_summaries(window.report_id, me, only_author=only_author)
        assert report_wide  # the fixture's annotations are there
        for node in store.nodes(window.report_id):
            assert store.node_summary(node.id, me, only_author=only_author) == report_wide.get(node.id), (
                node.path, only_author)


def test_the_text_filter_follows_whose_annotations_are_shown(qtbot, shared):
    window, point, *_ = shared
    type_text(qtbot, window.filter_bar.text_edit, "Strong evidence")  # only in the colleague's note
    window.filter_bar.flush()
    assert point.id in window.visible_node_ids()
    window.actions.show_colleagues.trigger()  # hidden while the filter is on: it runs again
    assert window.visible_node_ids() == []
    window.actions.show_colleagues.trigger()
    assert point.id in window.visible_node_ids()
    window.actions.show_colleagues.trigger()
    window.filter_bar.clear()
    type_text(qtbot, window.filter_bar.text_edit, "my quote")  # my own comment still matches
    window.filter_bar.flush()
    assert point.id in window.visible_node_ids()
