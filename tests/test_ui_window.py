"""The real window on the sample report: outline, reading pane, and each kind of edit landing in the database."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QTextCursor
from PySide6.QtTest import QTest

from editor.ui.outline.model import Column
from editor.ui.reading_pane import plain_text_at
from tests.ui_helpers import (AUTHOR, close_window, dialogs, node_by_path, open_window, press, reopen,  # noqa: F401
                        sample_db, select, star_point, type_text, window)


def test_tree_shows_the_ten_chapters_with_their_numbers(window):
    labels = [window.proxy.index(row, 0).data() for row in range(window.proxy.rowCount())]
    assert len(labels) == 10
    numbers = [label.split("、")[0] for label in labels]
    assert numbers == ["一", "二", "三", "四", "五", "六", "七", "八", "九", "十"]
    assert labels[1] == "二、下沉市場消費金融產品創新與優化"
    assert "Trendmark" in window.windowTitle()
    assert window.tree.hasFocus()


def test_selecting_a_point_shows_its_paragraph(window):
    node = select(window, "1.1.1")
    text = window.reading_pane.toPlainText()
    assert node.body and node.body in text
    assert text.startswith  # the heading is shown above the body
    assert "1.1.1" in text.splitlines()[1] or "1.1.1" in text
    assert window.inspector.heading.text().startswith("1.1.1")


def test_a_chapter_shows_its_sections_and_points_beneath(window):
    select(window, "1")
    text = window.reading_pane.toPlainText()
    for path in ("1.1", "1.1.1", "1.2.2", "1.4.2"):
        node = node_by_path(window, path)
        assert node.title in text
        if node.body:
            assert node.body in text


def test_tag_added_in_the_inspector_is_stored_at_once(qtbot, window):
    node = select(window, "1.1.1")
    entry = window.inspector.tags.entry
    entry.setFocus()
    type_text(qtbot, entry, "風險")
    qtbot.keyClick(entry, Qt.Key.Key_Return)
    assert [nt.tag.name for nt in window.store.node_tags(node.id, window.author.id)] == ["風險"]
    # The outline row shows it without reloading the model.
    assert window.model.index_for_node_id(node.id, Column.Tags).data() == "風險"
    assert [chip.name for chip in window.inspector.tags.tags()] == ["風險"]
    window = reopen(qtbot, window)
    assert [nt.tag.name for nt in window.store.node_tags(node.id)] == ["風險"]
    close_window(window)


def test_tag_removed_with_its_chip_button(qtbot, window):
    node = select(window, "2.1")
    window.store.add_node_tag(node.id, "Growth", window.author.id)
    window.show_node(node.id)
    button = window.inspector.tags.remove_button("Growth")
    assert button is not None
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    assert window.store.node_tags(node.id) == []


def test_rating_keys_rate_the_current_node_on_the_first_dimension(qtbot, window):
    node = select(window, "1.2")
    first = window.store.dimensions()[0]
    window.tree.setFocus()
    press(qtbot, window.tree, Qt.Key.Key_4)
    ratings = window.store.ratings(node.id, author_id=window.author.id)
    assert [(r.dimension_id, r.value) for r in ratings] == [(first.id, 4)]
    assert window.inspector.ratings.stars(first.id).value() == 4
    press(qtbot, window.tree, Qt.Key.Key_0)
    assert window.store.ratings(node.id) == []


def test_home_then_a_digit_rates_the_first_chapter(qtbot, window):
    select(window, "3.2")
    window.tree.setFocus()
    press(qtbot, window.tree, Qt.Key.Key_Home)
    press(qtbot, window.tree, Qt.Key.Key_5)
    first_chapter = node_by_path(window, "1")
    assert [r.value for r in window.store.ratings(first_chapter.id)] == [5]


def test_clicking_stars_in_the_tree_rates_through_the_delegate(qtbot, window):
    node = node_by_path(window, "3")
    window.tree.scrollToTop()
    QTest.mouseClick(window.tree.viewport(), Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier,
                     star_point(window, node.id, 3))
    assert [r.value for r in window.store.ratings(node.id, author_id=window.author.id)] == [3]
    assert window.model.index_for_node_id(node.id, Column.Rating).data() == 3
    # Clicking the current value again clears it.
    QTest.mouseClick(window.tree.viewport(), Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier,
                     star_point(window, node.id, 3))
    assert window.store.ratings(node.id) == []


def test_inspector_stars_rate_each_dimension(qtbot, window):
    node = select(window, "1.3.2")
    dimensions = window.store.dimensions()
    likelihood = dimensions[1]
    stars = window.inspector.ratings.stars(likelihood.id)
    QTest.mouseClick(stars, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier,
                     stars.star_center(2).toPoint())
    assert [(r.dimension_id, r.value) for r in window.store.ratings(node.id)] == [(likelihood.id, 2)]
    window = reopen(qtbot, window)
    select(window, "1.3.2")
    assert window.inspector.ratings.stars(likelihood.id).value() == 2
    close_window(window)


def test_formatted_note_is_saved_after_a_pause_and_survives_reopening(qtbot, window):
    node = select(window, "1.1.2")
    window.focus_note()
    editor = window.inspector.note.editor
    assert editor.hasFocus()
    qtbot.keyClicks(editor, "Key point ")
    qtbot.keyClick(editor, Qt.Key.Key_B, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClicks(editor, "rural demand")
    qtbot.keyClick(editor, Qt.Key.Key_B, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    window.inspector.note.bullet_action.trigger()
    qtbot.keyClicks(editor, "first")
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    qtbot.keyClicks(editor, "second")
    assert window.status.save_text() == "Saving…"
    qtbot.waitUntil(lambda: window.store.note(node.id, window.author.id) is not None, timeout=3000)
    note = window.store.note(node.id, window.author.id)
    assert "<b>rural demand</b>" in note.html
    assert "<ul><li>first</li><li>second</li></ul>" in note.html
    assert note.text.splitlines() == ["Key point rural demand", "• first", "• second"]
    assert window.status.save_text() == "All changes saved"
    window = reopen(qtbot, window)
    select(window, "1.1.2")
    assert window.inspector.note.current_html() == note.html
    close_window(window)


def test_note_typing_is_saved_on_close_without_waiting(qtbot, sample_db, dialogs):
    window = open_window(qtbot, sample_db)
    node = select(window, "2.2.1")
    window.focus_note()
    qtbot.keyClicks(window.inspector.note.editor, "closing soon")
    store_path = window.store.path
    close_window(window)
    from editor.store import Store
    with Store.open(store_path, read_only=True) as store:
        author = next(a for a in store.authors() if a.name == AUTHOR)
        assert store.note(node.id, author.id).text == "closing soon"


def test_note_is_saved_when_moving_to_another_node(qtbot, window):
    node = select(window, "2.2.1")
    window.focus_note()
    qtbot.keyClicks(window.inspector.note.editor, "moving on")
    select(window, "2.2.2")
    assert window.store.note(node.id, window.author.id).text == "moving on"
    assert window.inspector.note.current_html() == ""


def test_highlight_selected_text_with_the_shortcut(qtbot, window):
    node = select(window, "1.1.1")
    start = node.body.index("農村居民收入")
    window.reading_pane.select_body_text(node.id, start, start + 6)
    window.reading_pane.setFocus()
    press(qtbot, window.reading_pane, Qt.Key.Key_H)
    [highlight] = window.store.highlights(node.id)
    assert (highlight.start, highlight.end, highlight.exact) == (start, start + 6, "農村居民收入")
    assert highlight.author_id == window.author.id
    # Drawn in its colour over exactly that text.
    begin, end = window.reading_pane.highlight_range(highlight.id)
    assert plain_text_at(window.reading_pane.document(), begin, end) == "農村居民收入"
    cursor = QTextCursor(window.reading_pane.document())
    cursor.setPosition(begin + 1)
    assert cursor.charFormat().background().color().name().upper() == highlight.color.upper()
    # Listed in the inspector, selected.
    assert window.inspector.highlights.current_id() == highlight.id
    window = reopen(qtbot, window)
    assert [h.exact for h in window.store.highlights(node.id)] == ["農村居民收入"]
    close_window(window)


def test_clicking_a_highlight_shows_it_in_the_inspector_to_comment_recolour_and_delete(qtbot, window):
    node = select(window, "1.2.1")
    first = window.store.add_highlight(node.id, window.author.id, 0, 4)
    second = window.store.add_highlight(node.id, window.author.id, 10, 14)
    window.show_node(node.id)
    begin, _end = window.reading_pane.highlight_range(second.id)
    cursor = QTextCursor(window.reading_pane.document())
    cursor.setPosition(begin + 1)
    point = window.reading_pane.cursorRect(cursor).center()
    QTest.mouseClick(window.reading_pane.viewport(), Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier,
                     point)
    panel = window.inspector.highlights
    assert panel.current_id() == second.id
    panel.comment.setFocus()
    qtbot.keyClicks(panel.comment, "Why rural?")
    panel.flush()
    assert window.store.highlight(second.id).comment_text == "Why rural?"
    panel.colorRequested.emit(second.id, "#B2F2BB")
    assert window.store.highlight(second.id).color.upper() == "#B2F2BB"
    qtbot.keyClicks(panel.tags.entry, "evidence")
    qtbot.keyClick(panel.tags.entry, Qt.Key.Key_Return)
    assert [t.name for t in window.store.highlight_tags(second.id)] == ["evidence"]
    qtbot.mouseClick(panel.delete_button, Qt.MouseButton.LeftButton)
    assert [h.id for h in window.store.highlights(node.id)] == [first.id]


def test_colleagues_annotations_are_shown_with_their_names_and_not_editable(qtbot, window):
    node = select(window, "1.3.1")
    colleague = window.store.ensure_author("Bo Colleague")
    window.store.save_note(node.id, colleague.id, "<p>Colleague's view</p>")
    window.store.set_rating(node.id, window.store.dimensions()[0].id, colleague.id, 2)
    highlight = window.store.add_highlight(node.id, colleague.id, 0, 5, comment_html="<p>look</p>")
    window.reload()  # pick up the new author name, as after a merge
    select(window, "1.3.1")
    notes = window.inspector.colleague_notes
    assert notes.isVisibleTo(window)
    assert "Bo Colleague" in notes._labels[0].text() and "Colleague's view" in notes._labels[0].text()
    first = window.store.dimensions()[0]
    assert window.inspector.ratings._rows[first.id][2].text() == "Bo Colleague 2"
    panel = window.inspector.highlights
    panel.select(highlight.id)
    assert panel.comment.isReadOnly() and not panel.delete_button.isEnabled()
    assert "Bo Colleague" in panel.list.item(0).text()
    # The analyst's own note editor stays theirs and empty.
    assert window.inspector.note.current_html() == ""
    assert not window.inspector.note.editor.isReadOnly()


def test_keyboard_shortcuts_focus_tag_entry_note_and_filter(qtbot, window):
    select(window, "1.1")
    window.tree.setFocus()
    press(qtbot, window.tree, Qt.Key.Key_T)
    assert window.inspector.tags.entry.hasFocus()
    window.tree.setFocus()
    press(qtbot, window.tree, Qt.Key.Key_N)
    assert window.inspector.note.editor.hasFocus()
    # Typing in the note does not trigger single-key shortcuts.
    qtbot.keyClicks(window.inspector.note.editor, "t4")
    assert window.inspector.note.editor.toPlainText() == "t4"
    press(qtbot, window.inspector.note.editor, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    assert window.filter_bar.text_edit.hasFocus()


def test_j_and_k_move_through_the_outline(qtbot, window):
    select(window, "1")
    window.tree.setFocus()
    press(qtbot, window.tree, Qt.Key.Key_J)
    assert window.current_node_id() == node_by_path(window, "2").id
    press(qtbot, window.tree, Qt.Key.Key_K)
    assert window.current_node_id() == node_by_path(window, "1").id


def test_context_menu_highlights_the_selection_in_a_chosen_colour(qtbot, window):
    node = select(window, "1.2.2")
    window.reading_pane.select_body_text(node.id, 3, 9)
    rect = window.reading_pane.cursorRect()
    menu = window.reading_pane.build_context_menu(rect.center())
    submenu = next(a.menu() for a in menu.actions() if a.menu() and a.text() == "Highlight selection")
    green = next(a for a in submenu.actions() if a.text() == "Green")
    green.trigger()
    [highlight] = window.store.highlights(node.id)
    assert (highlight.start, highlight.end, highlight.color.upper()) == (3, 9, "#B2F2BB")
    # On a highlight, the menu offers its colour and deletion.
    begin, _end = window.reading_pane.highlight_range(highlight.id)
    cursor = QTextCursor(window.reading_pane.document())
    cursor.setPosition(begin + 1)
    window.reading_pane.setTextCursor(cursor)
    menu = window.reading_pane.build_context_menu(window.reading_pane.cursorRect(cursor).center())
    delete = next(a for a in menu.actions() if a.text() == "Delete highlight")
    delete.trigger()
    assert window.store.highlights(node.id) == []


def test_star_editor_opened_with_f2_sets_the_rating(qtbot, window):
    from editor.ui.delegates import StarEditor
    node = select(window, "2.2")
    index = window.proxy.mapFromSource(window.model.index_for_node_id(node.id, Column.Rating))
    window.tree.setCurrentIndex(index)
    window.tree.edit(index)
    editor = window.tree.indexWidget(index) or window.tree.findChild(StarEditor)
    assert isinstance(editor, StarEditor)
    qtbot.keyClick(editor, Qt.Key.Key_Right)
    qtbot.keyClick(editor, Qt.Key.Key_Right)
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    assert [r.value for r in window.store.ratings(node.id)] == [2]


def test_export_and_analysis_entries_can_be_added(qtbot, window):
    called: list = []
    action = window.add_export_action("Outline as OPML…", lambda win: called.append(("opml", win)))
    analysis = window.add_analysis_action("Word counts…", lambda win: called.append(("counts", win)))
    assert window.actions.export_menu.actions()[-1] is action
    assert window.actions.analysis_menu.actions()[-1] is analysis
    action.trigger()
    analysis.trigger()
    assert called == [("opml", window), ("counts", window)]


def test_status_bar_names_database_author_and_save_state(window):
    assert window.status.database.text() == str(window.store.path)
    assert window.status.author.text() == f"Analyst: {AUTHOR}"
    assert window.status.save_text() == "All changes saved"
    window.session.report_error("Could not save: disk full")
    assert window.status.save_text() == "Could not save: disk full"
    assert window.status.save_state.property("error") is True


def test_note_is_saved_when_the_editor_loses_focus(qtbot, window):
    node = select(window, "3.1.1")
    window.focus_note()
    qtbot.keyClicks(window.inspector.note.editor, "leaving now")
    assert window.store.note(node.id, window.author.id) is None  # still within the pause
    window.filter_bar.text_edit.setFocus()
    assert window.store.note(node.id, window.author.id).text == "leaving now"


def test_edits_refresh_rows_without_resetting_the_outline(qtbot, window):
    resets: list[bool] = []
    window.model.modelReset.connect(lambda: resets.append(True))
    node = select(window, "5.1.1")
    type_text(qtbot, window.inspector.tags.entry, "Scale")
    qtbot.keyClick(window.inspector.tags.entry, Qt.Key.Key_Return)
    window.tree.setFocus()
    press(qtbot, window.tree, Qt.Key.Key_3)
    assert resets == []
    assert window.model.index_for_node_id(node.id, Column.Tags).data() == "Scale"
    assert "Scale" in window.inspector.tags.completer.model().stringList()
    assert window.filter_bar.tag_combo.findData("Scale") > 0


def test_a_database_locked_mid_session_reports_an_actionable_error_then_recovers(qtbot, window):
    import sqlite3
    node = select(window, "6.1.1")
    holder = sqlite3.connect(window.store.path, isolation_level=None)
    holder.execute("BEGIN EXCLUSIVE")
    try:
        window.focus_note()
        qtbot.keyClicks(window.inspector.note.editor, "kept")
        window.inspector.note.flush()
        assert "in use by another program" in window.status.save_text()
        assert window.status.save_state.property("error") is True
    finally:
        holder.execute("ROLLBACK")
        holder.close()
    window.tree.setFocus()  # leaving the editor retries the save that failed
    assert window.store.note(node.id, window.author.id).text == "kept"
    assert window.status.save_text() == "All changes saved"
